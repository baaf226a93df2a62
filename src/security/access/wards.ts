// "Patients of my wards": the subjects of active Encounters at the locations of the user's PractitionerRoles.
import type { FhirRepository } from '../../fhir/store/repository.js';
import type { Resource } from '../../fhir/types.js';

const ACTIVE = 'arrived,triaged,in-progress,onleave';
const idOf = (ref: unknown, type: string): string | undefined => {
  const r = (ref as { reference?: string } | undefined)?.reference;
  return r?.startsWith(`${type}/`) ? r.slice(type.length + 1) : undefined;
};

/** Location ids of the user's roles (fhirUser PractitionerRole/x, or every role of Practitioner/x). */
export async function locationsOf(repo: FhirRepository, tenant: string, fhirUser: string | undefined): Promise<string[]> {
  if (!fhirUser) return [];
  const ctx = { tenant };
  let roles: Resource[] = [];
  const [type, id] = fhirUser.split('/');
  if (type === 'PractitionerRole') roles = (await repo.search(ctx, { types: ['PractitionerRole'], params: [['_id', id]] })).matches;
  else if (type === 'Practitioner') roles = (await repo.search(ctx, { types: ['PractitionerRole'], params: [['practitioner', `Practitioner/${id}`], ['_count', '100']] })).matches;
  const out = new Set<string>();
  for (const r of roles) for (const l of (r.location as unknown[] | undefined) ?? []) {
    const lid = idOf(l, 'Location');
    if (lid) out.add(lid);
  }
  return [...out];
}

/** Patients with an active encounter at any of these locations (a ward, or one of its rooms or beds when listed). */
export async function patientsAt(repo: FhirRepository, tenant: string, locations: readonly string[]): Promise<string[]> {
  if (!locations.length) return [];
  const out = new Set<string>();
  let cursorParams: [string, string][] = [['location', locations.map((l) => `Location/${l}`).join(',')], ['status', ACTIVE], ['_count', '1000'], ['_elements', 'subject']];
  for (let page = 0; page < 20; page++) {
    const r = await repo.search({ tenant }, { types: ['Encounter'], params: cursorParams });
    for (const e of r.matches) {
      const pid = idOf(e.subject, 'Patient');
      if (pid) out.add(pid);
    }
    if (!r.nextQuery) break;
    cursorParams = [...new URLSearchParams(r.nextQuery)] as [string, string][];
  }
  return [...out];
}
