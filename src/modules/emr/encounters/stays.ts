// Inpatient stays: admission to a bed, transfer to another bed, discharge. Each is one transaction Bundle: the
// Encounter and the bed statuses change together or not at all, and every bed write carries If-Match on the
// version read, so two admissions racing for one bed cannot both commit (the loser gets a 409 and wrote nothing).
import { randomUUID } from 'node:crypto';
import { FhirError, conflict } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import type { ModuleDeps } from '../../module.js';
import { ADMIT_SOURCES, DISCHARGE_DISPOSITIONS, SYS } from './codes.js';
import { bedStatus, bedWrite, freeBed, type BundleEntry, type FreeBed } from './beds.js';
import { concept, nameOf, nowInstant, ref, refId } from './fhir.js';
import {
  activeLocation, attender, classCoding, closeLocations, isInpatient, locationEntry, locationsOf, moveStatus, readEncounter, readNamed,
} from './encounter.js';
import type { Clinician } from './me.js';
import { reasonConcept, type Reason } from './visits.js';

export type Transaction = ModuleDeps['transaction'];

export interface AdmitInput {
  patient: string;
  bed: string;
  reason?: Reason;
  /** admit-source code (入院途径), default outp */
  admitSource?: string;
}

export interface DischargeInput {
  /** discharge-disposition code (离院方式) */
  disposition: string;
}

const label = (l: Resource | undefined) => (typeof l?.name === 'string' ? l.name : undefined);

function bedEntries(c: FreeBed, at: string, withWard: boolean) {
  return [
    ...(withWard ? [locationEntry(c.ward.id as string, 'wa', at, label(c.ward))] : []),
    ...(c.room ? [locationEntry(c.room.id as string, 'ro', at, label(c.room))] : []),
    locationEntry(c.bed.id as string, 'bd', at, label(c.bed)),
  ];
}

const encounterWrite = (e: Resource): BundleEntry => ({
  resource: e, request: { method: 'PUT', url: `Encounter/${e.id}`, ifMatch: `W/"${e.meta?.versionId}"` },
});

/**
 * Commit the entries as one transaction; a failed If-Match (someone else changed that resource first) becomes
 * a 409 with the entry's own explanation. Answers the stored resources, in entry order.
 */
async function commit(transaction: Transaction, ctx: RequestContext, entries: BundleEntry[], onConflict: string[]): Promise<Resource[]> {
  try {
    const res = await transaction(ctx, { resourceType: 'Bundle', type: 'transaction', entry: entries });
    return ((res.entry as { resource?: Resource }[] | undefined) ?? []).map((e) => e.resource as Resource);
  } catch (e) {
    if (e instanceof FhirError && e.status === 412) {
      const i = Number(/^Bundle\.entry\[(\d+)\]/.exec(e.message)?.[1]);
      throw conflict(onConflict[i] ?? 'The record was changed by someone else meanwhile; reload and try again');
    }
    throw e;
  }
}

const bedTaken = (b: Resource) => `Bed ${b.name ?? b.id} was just taken by another admission; choose another bed`;
const changed = (r: Resource) => `${r.resourceType}/${r.id} was changed by someone else meanwhile; reload and try again`;

async function activeStays(repo: FhirRepository, ctx: RequestContext, patientId: string): Promise<Resource[]> {
  return (await repo.search(ctx, {
    types: ['Encounter'],
    params: [['subject', `Patient/${patientId}`], ['class', `${SYS.actCode}|IMP`], ['status', 'in-progress,onleave'], ['_count', '5']],
  })).matches;
}

/** POST /admissions: an inpatient Encounter in a free bed of a ward, and the bed occupied, in one transaction. */
export async function admit(repo: FhirRepository, transaction: Transaction, ctx: RequestContext, who: Clinician, input: AdmitInput, now = new Date()): Promise<Resource> {
  const at = nowInstant(now);
  const source = input.admitSource ?? 'outp';
  const admitSource = ADMIT_SOURCES[source];
  if (!admitSource) throw new FhirError(400, 'invalid', `admitSource must be one of ${Object.keys(ADMIT_SOURCES).join(', ')}`, ['admitSource']);
  const patient = await readNamed(repo, ctx, 'Patient', input.patient, 'patient');
  const current = await activeStays(repo, ctx, patient.id as string);
  if (current.length) throw conflict(`${nameOf(patient) ?? `Patient/${patient.id}`} is already admitted (Encounter/${current[0].id})`);
  const place = await freeBed(repo, ctx, input.bed, 'bed');
  const reason = reasonConcept(input.reason);
  const serviceProvider = place.ward.managingOrganization ?? who.organization;
  const encounter: Resource = {
    resourceType: 'Encounter',
    status: 'in-progress',
    statusHistory: [{ status: 'in-progress', period: { start: at } }],
    class: classCoding('IMP'),
    ...(who.specialty ? { serviceType: who.specialty } : {}),
    subject: ref('Patient', patient.id as string, nameOf(patient)),
    participant: [attender(who)],
    period: { start: at },
    ...(reason ? { reasonCode: reason } : {}),
    hospitalization: { admitSource: concept(SYS.admitSource, source, admitSource.display, admitSource.zh) },
    location: bedEntries(place, at, true),
    ...(serviceProvider ? { serviceProvider } : {}),
  };
  const [, created] = await commit(transaction, ctx, [
    bedWrite(place.bed, 'O'),
    { fullUrl: `urn:uuid:${randomUUID()}`, resource: encounter, request: { method: 'POST', url: 'Encounter' } },
  ], [bedTaken(place.bed)]);
  return created;
}

function assertStay(e: Resource, what: string): void {
  if (!isInpatient(e)) throw conflict(`Encounter/${e.id} is not an inpatient stay: it cannot be ${what}`);
  if (e.status !== 'in-progress' && e.status !== 'onleave') throw conflict(`Encounter/${e.id} is ${e.status}: it cannot be ${what}`);
}

/** The bed the stay occupies now, when it is still marked occupied (to free it in the same transaction). */
async function occupiedBed(repo: FhirRepository, ctx: RequestContext, e: Resource): Promise<Resource | undefined> {
  const id = refId(activeLocation(e, 'bd')?.location, 'Location');
  if (!id) return undefined;
  const bed = await repo.read(ctx, 'Location', id).catch(() => undefined);
  return bed && bedStatus(bed) === 'O' ? bed : undefined;
}

/** POST /encounters/:id/transfer: to another free bed (of this ward or another); the old bed is freed. */
export async function transfer(repo: FhirRepository, transaction: Transaction, ctx: RequestContext, id: string, bed: string, now = new Date()): Promise<Resource> {
  const at = nowInstant(now);
  const e = await readEncounter(repo, ctx, id);
  assertStay(e, 'transferred');
  const oldWard = refId(activeLocation(e, 'wa')?.location, 'Location');
  const place = await freeBed(repo, ctx, bed, 'bed');
  const oldBed = await occupiedBed(repo, ctx, e);
  const sameWard = place.ward.id === oldWard;
  const next: Resource = structuredClone(e);
  // the ward entry stays open when the patient stays on the ward; room and bed entries always change
  closeLocations(next, at, (l) => !(sameWard && refId(l.location, 'Location') === oldWard));
  next.location = [...locationsOf(next), ...bedEntries(place, at, !sameWard)];
  if (!sameWard && place.ward.managingOrganization) next.serviceProvider = place.ward.managingOrganization;
  const [, saved] = await commit(transaction, ctx, [
    bedWrite(place.bed, 'O'), encounterWrite(next), ...(oldBed ? [bedWrite(oldBed, 'U')] : []),
  ], [bedTaken(place.bed), changed(e), ...(oldBed ? [changed(oldBed)] : [])]);
  return saved;
}

/** POST /encounters/:id/discharge: the stay is finished with its disposition and the bed freed, together. */
export async function discharge(repo: FhirRepository, transaction: Transaction, ctx: RequestContext, id: string, input: DischargeInput, now = new Date()): Promise<Resource> {
  const at = nowInstant(now);
  const disposition = DISCHARGE_DISPOSITIONS[input.disposition];
  if (!disposition) throw new FhirError(400, 'invalid', `disposition must be one of ${Object.keys(DISCHARGE_DISPOSITIONS).join(', ')}`, ['disposition']);
  const e = await readEncounter(repo, ctx, id);
  assertStay(e, 'discharged');
  const bed = await occupiedBed(repo, ctx, e);
  const next: Resource = structuredClone(e);
  moveStatus(next, 'finished', at);
  next.period = { ...(next.period as object), end: at };
  next.hospitalization = {
    ...(next.hospitalization as object | undefined),
    dischargeDisposition: concept(SYS.dischargeDisposition, input.disposition, disposition.display, disposition.zh),
  };
  closeLocations(next, at);
  const [saved] = await commit(transaction, ctx, [encounterWrite(next), ...(bed ? [bedWrite(bed, 'U')] : [])], [changed(e), ...(bed ? [changed(bed)] : [])]);
  return saved;
}
