// Outpatient visits: register a visit (Encounter class AMB) with the doctor, and move it through its statuses.
import { badRequest } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { SYS, type EncounterStatus } from './codes.js';
import { idFrom, nameOf, nowInstant, ref, type CodeableConcept } from './fhir.js';
import {
  assertTransition, attender, classCoding, closeLocations, isInpatient, locationEntry, moveStatus, readEncounter, readNamed, saveVersion,
} from './encounter.js';
import type { Clinician } from './me.js';

export interface Reason {
  /** ICD-10 code, e.g. J18.9 */
  code?: string;
  text?: string;
}

export interface VisitInput {
  patient: string;
  /** planned (booked, not yet here) or arrived (registered, waiting); default arrived */
  status?: 'planned' | 'arrived';
  /** clinic room (Location id) */
  location?: string;
  reason?: Reason;
}

export function reasonConcept(r: Reason | undefined): CodeableConcept[] | undefined {
  if (!r || (!r.code && !r.text)) return undefined;
  return [{ ...(r.code ? { coding: [{ system: SYS.icd10, code: r.code }] } : {}), ...(r.text ? { text: r.text } : {}) }];
}

/** POST /visits: a new outpatient Encounter with the clinician as attender, in their department. */
export async function createVisit(repo: FhirRepository, ctx: RequestContext, who: Clinician, input: VisitInput, now = new Date()): Promise<Resource> {
  const at = nowInstant(now);
  const patient = await readNamed(repo, ctx, 'Patient', input.patient, 'patient');
  const status = input.status ?? 'arrived';
  let room: Resource | undefined;
  if (input.location) {
    room = await readNamed(repo, ctx, 'Location', input.location, 'location');
    if (room.status === 'inactive' || room.status === 'suspended') throw badRequest(`Location/${room.id} is not in use`, ['location']);
  }
  const reason = reasonConcept(input.reason);
  const encounter: Resource = {
    resourceType: 'Encounter',
    status,
    statusHistory: [{ status, period: { start: at } }],
    class: classCoding('AMB'),
    ...(who.specialty ? { serviceType: who.specialty } : {}),
    subject: ref('Patient', patient.id as string, nameOf(patient)),
    participant: [attender(who)],
    period: { start: at },
    ...(reason ? { reasonCode: reason } : {}),
    ...(room ? { location: [locationEntry(room.id as string, 'ro', at, room.name as string | undefined)] } : {}),
    ...(who.organization ? { serviceProvider: who.organization } : {}),
  };
  return (await repo.create(ctx, encounter)).resource;
}

/** POST /encounters/:id/status: a legal next status (409 otherwise), recorded in statusHistory. */
export async function changeStatus(repo: FhirRepository, ctx: RequestContext, id: string, to: EncounterStatus, now = new Date()): Promise<Resource> {
  const at = nowInstant(now);
  const e = await readEncounter(repo, ctx, idFrom(id, 'Encounter', 'id'));
  assertTransition(e, to);
  const next: Resource = structuredClone(e);
  moveStatus(next, to, at);
  if (to === 'finished' || to === 'cancelled') {
    next.period = { ...(next.period as object), end: at };
    if (!isInpatient(next)) closeLocations(next, at);
  }
  return saveVersion(repo, ctx, next, e.meta?.versionId);
}
