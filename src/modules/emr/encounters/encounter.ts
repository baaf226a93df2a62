// Reading, changing and saving Encounters: the status trail (statusHistory), location entries, optimistic locking.
import { FhirError, conflict } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { CLASS, PHYSICAL, SYS, TRANSITIONS, type EncounterClassCode, type EncounterStatus } from './codes.js';
import { concept, idFrom, ref, refId, type CodeableConcept, type Coding, type Period, type Reference } from './fhir.js';
import type { Clinician } from './me.js';

export interface StatusEntry {
  status: EncounterStatus;
  period: Period;
}

export interface LocationEntry {
  location: Reference;
  status?: 'planned' | 'active' | 'reserved' | 'completed';
  physicalType?: CodeableConcept;
  period?: Period;
}

export const classOf = (e: Resource): string | undefined => (e.class as Coding | undefined)?.code;
export const isInpatient = (e: Resource): boolean => classOf(e) === 'IMP';
export const locationsOf = (e: Resource): LocationEntry[] => (e.location as LocationEntry[] | undefined) ?? [];

/** The physical type code of a Location or an Encounter.location entry (wa, ro, bd…). */
export function physicalCode(x: object | undefined): string | undefined {
  return (((x as { physicalType?: CodeableConcept } | undefined)?.physicalType)?.coding ?? []).find((c) => c.system === SYS.physicalType)?.code;
}

/** The active entries of an encounter's location list, by physical type. */
export function activeLocation(e: Resource, type: keyof typeof PHYSICAL): LocationEntry | undefined {
  return locationsOf(e).find((l) => l.status !== 'completed' && l.status !== 'planned' && physicalCode(l) === type);
}

export function locationEntry(id: string, type: keyof typeof PHYSICAL, at: string, display?: string): LocationEntry {
  return {
    location: ref('Location', id, display), status: 'active',
    physicalType: concept(SYS.physicalType, type, PHYSICAL[type]), period: { start: at },
  };
}

export function classCoding(code: EncounterClassCode): Coding {
  return { system: SYS.actCode, code: CLASS[code].code, display: CLASS[code].display };
}

export function attender(c: Clinician): unknown {
  return { type: [concept(SYS.participation, 'ATND', 'attender')], individual: c.practitioner };
}

/**
 * Move to a new status at `at`. statusHistory keeps the whole trail: every status the encounter has had, each with
 * its period; the current one is the last entry (open-ended while it lasts, closed at once for a final status).
 */
export function moveStatus(e: Resource, to: EncounterStatus, at: string): void {
  const trail = ((e.statusHistory as StatusEntry[] | undefined) ?? []).map((h) => ({ ...h, period: { ...h.period } }));
  const last = trail[trail.length - 1];
  if (last && last.status === e.status && !last.period.end) last.period.end = at;
  else if (e.status) trail.push({ status: e.status as EncounterStatus, period: { start: (e.period as Period | undefined)?.start ?? at, end: at } });
  trail.push({ status: to, period: to === 'finished' || to === 'cancelled' ? { start: at, end: at } : { start: at } });
  e.statusHistory = trail;
  e.status = to;
}

/** Close the encounter's active locations (all of them, or those matching `which`) at `at`. */
export function closeLocations(e: Resource, at: string, which: (l: LocationEntry) => boolean = () => true): void {
  if (!locationsOf(e).length) return;
  e.location = locationsOf(e).map((l) =>
    l.status !== 'completed' && which(l) ? { ...l, status: 'completed', ...(l.period ? { period: { ...l.period, end: at } } : {}) } : l,
  );
}

/** 409 unless `to` is a legal next status of this encounter. */
export function assertTransition(e: Resource, to: EncounterStatus): void {
  const from = e.status as EncounterStatus;
  const table = TRANSITIONS[isInpatient(e) ? 'inpatient' : 'outpatient'];
  const allowed = table[from] ?? [];
  if (allowed.includes(to)) return;
  if (isInpatient(e) && to === 'finished' && (from === 'in-progress' || from === 'onleave')) {
    throw conflict(`Encounter/${e.id} is an inpatient stay: finish it by discharge (which also frees the bed)`);
  }
  throw conflict(`Encounter/${e.id} cannot go from "${from}" to "${to}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (no further change is allowed)'}`);
}

/** Read a resource a request body names; 422 (not 404) when it does not exist or is not visible. */
export async function readNamed(repo: FhirRepository, ctx: RequestContext, type: string, value: string, field: string): Promise<Resource> {
  const id = idFrom(value, type, field);
  try {
    return await repo.read(ctx, type, id);
  } catch (e) {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) throw new FhirError(422, 'processing', `${type}/${id} is not known`, [field]);
    throw e;
  }
}

export async function readEncounter(repo: FhirRepository, ctx: RequestContext, id: string): Promise<Resource> {
  return repo.read(ctx, 'Encounter', idFrom(id, 'Encounter', 'id'));
}

/** Update with If-Match on the version read; a concurrent change is a 409 telling the user to reload. */
export async function saveVersion(repo: FhirRepository, ctx: RequestContext, r: Resource, version: string | undefined): Promise<Resource> {
  try {
    return (await repo.update(ctx, r, version ? { ifMatch: version } : {})).resource;
  } catch (e) {
    if (e instanceof FhirError && e.status === 412) throw conflict(`${r.resourceType}/${r.id} was changed by someone else meanwhile; reload and try again`);
    throw e;
  }
}

export const patientOf = (e: Resource): string | undefined => refId(e.subject, 'Patient');
