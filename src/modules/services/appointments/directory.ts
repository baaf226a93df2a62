// Doctors and rooms as the appointment lists show them: name, professional title, room name. Looked up in bulk
// from the directory (PractitionerRole + Practitioner, Location), which every signed-in role may read.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { byRef, nameOf, refId, searchAll, type CodeableConcept, type Reference } from '../../emr/encounters/fhir.js';
import { SYS as DEMO_SYS } from '../../../demo/codes.js';

export interface Doctor {
  /** PractitionerRole id */
  role: string;
  practitioner?: string;
  name?: string;
  /** professional title (职称), e.g. 主任医师, and its code */
  title?: string;
  titleCode?: string;
}

export interface Room {
  id: string;
  name?: string;
  /** where it is, e.g. 门诊楼2层 201室 */
  description?: string;
  /** other names (the demo's English one) */
  alias?: string[];
}

export interface Directory {
  doctor(roleId: string | undefined, display?: string): Doctor | undefined;
  room(locationId: string | undefined, display?: string): Room | undefined;
}

function title(p: Resource | undefined): { title?: string; titleCode?: string } {
  for (const q of (p?.qualification as { code?: CodeableConcept }[] | undefined) ?? []) {
    const c = (q.code?.coding ?? []).find((k) => k.system === DEMO_SYS.professionalTitle);
    const text = q.code?.text ?? c?.display;
    if (text || c) return { ...(text ? { title: text } : {}), ...(c?.code ? { titleCode: c.code } : {}) };
  }
  return {};
}

export async function loadDirectory(repo: FhirRepository, ctx: RequestContext, roleIds: Iterable<string>, locationIds: Iterable<string>): Promise<Directory> {
  const roles = [...new Set(roleIds)];
  const places = [...new Set(locationIds)];
  const [r, l] = await Promise.all([
    roles.length ? searchAll(repo, ctx, 'PractitionerRole', [['_id', roles.join(',')], ['_include', 'PractitionerRole:practitioner']]) : { matches: [], included: [] },
    places.length ? searchAll(repo, ctx, 'Location', [['_id', places.join(',')]]) : { matches: [], included: [] },
  ]);
  const all = byRef([...r.matches, ...r.included, ...l.matches]);
  return {
    doctor(roleId, display) {
      if (!roleId) return undefined;
      const role = all.get(`PractitionerRole/${roleId}`);
      const pid = refId(role?.practitioner, 'Practitioner');
      const p = pid ? all.get(`Practitioner/${pid}`) : undefined;
      const name = nameOf(p) ?? (role?.practitioner as Reference | undefined)?.display ?? display;
      return { role: roleId, ...(pid ? { practitioner: pid } : {}), ...(name ? { name } : {}), ...title(p) };
    },
    room(locationId, display) {
      if (!locationId) return undefined;
      const loc = all.get(`Location/${locationId}`);
      const name = typeof loc?.name === 'string' ? loc.name : display;
      const alias = (loc?.alias as string[] | undefined) ?? [];
      return {
        id: locationId, ...(name ? { name } : {}), ...(typeof loc?.description === 'string' ? { description: loc.description } : {}),
        ...(alias.length ? { alias } : {}),
      };
    },
  };
}

/** The PractitionerRole and Location ids among references (Schedule.actor, Appointment.participant.actor). */
export function actorIds(refs: unknown[]): { role?: string; location?: string; patient?: string; practitioner?: string } {
  const find = (type: string) => refs.map((x) => refId(x, type)).find((x) => !!x);
  const out: { role?: string; location?: string; patient?: string; practitioner?: string } = {};
  const role = find('PractitionerRole');
  const location = find('Location');
  const patient = find('Patient');
  const practitioner = find('Practitioner');
  if (role) out.role = role;
  if (location) out.location = location;
  if (patient) out.patient = patient;
  if (practitioner) out.practitioner = practitioner;
  return out;
}
