// Booking, cancelling and rescheduling. The Slot is claimed in the same transaction as the Appointment, with
// If-Match on the version read: of any number of simultaneous bookings of one slot exactly one commits, the others
// get 409 and write nothing. A patient user books for themselves; writing the Slot needs deps.elevated (patients
// may not write Slots), used only after this module's own checks (slot free and in the future, patient not
// suspended, no other booking in that department's session).
import { badRequest, conflict, unprocessable } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { idFrom, nameOf, ref, refId, type Reference } from '../../emr/encounters/fhir.js';
import { readNamed } from '../../emr/encounters/encounter.js';
import type { ModuleDeps } from '../../module.js';
import { forbidden, requireBooker, type Caller } from './caller.js';
import { departmentCode, departmentConcept, departmentToken, EXT, SYS } from './codes.js';
import { commit, post, put, type Entry } from './commit.js';
import { actorIds } from './directory.js';
import { markNoShows, suspendedError, suspension } from './noshow.js';
import { HOLDING, NOON } from './rules.js';
import type { AppointmentSettings } from './settings.js';
import { scheduleOfSlot } from './slots.js';
import { addDays, at, localDay, localTime } from './time.js';
import { participantRefs } from './view.js';
import { checkGuideInput } from './guide-note.js';
import type { GuideInput } from '../guide/engine.js';

export interface BookingDeps {
  repo: FhirRepository;
  transaction: ModuleDeps['transaction'];
  elevated: ModuleDeps['elevated'];
  settings: AppointmentSettings;
  now: () => Date;
  /** the pre-visit note (QuestionnaireResponse) from the smart guide's input, when the booking carries one */
  guideNote?: (input: GuideInput, patient: string, authored: string) => Resource;
}

export interface BookInput {
  slot: string;
  patient?: string;
  guide?: GuideInput;
}

const instant = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
const slotTaken = (s: Resource) => `Slot ${s.id} (${localDay(s.start as string)} ${localTime(s.start as string)}) was just booked by someone else; choose another time`;
const changed = (r: Resource) => `${r.resourceType}/${r.id} was changed by someone else meanwhile; reload and try again`;

/** The patient the booking is for: a patient user's own record, or the one staff name. */
function patientOf(caller: Caller, given: string | undefined): string {
  if (caller.patientId) {
    if (given !== undefined && idFrom(given, 'Patient', 'patient') !== caller.patientId) throw forbidden('A patient account books for its own patient record only');
    return caller.patientId;
  }
  if (given === undefined) throw badRequest('patient is required when staff book', ['patient']);
  return idFrom(given, 'Patient', 'patient');
}

/** The slot, free and still ahead. */
export function assertBookable(slot: Resource, now: Date): void {
  if (slot.status !== 'free') throw conflict(`Slot ${slot.id} is not free (${String(slot.status)}); choose another time`);
  if (!(Date.parse(slot.start as string) > now.getTime())) throw unprocessable(`Slot ${slot.id} began at ${String(slot.start)}: only future slots can be booked`, ['slot']);
}

/** The half-day session (上午/下午) of the hospital day a slot lies in. */
export function sessionOf(start: string): { start: string; end: string; half: 'am' | 'pm' } {
  const day = localDay(start);
  return localTime(start) < NOON ? { start: at(day, '00:00'), end: at(day, NOON), half: 'am' } : { start: at(day, NOON), end: at(addDays(day, 1), '00:00'), half: 'pm' };
}

/** One booking per patient, department and half-day session (no hoarding of numbers, 倒号). */
async function assertNoOtherBooking(d: BookingDeps, ctx: RequestContext, patient: string, slot: Resource, except?: string): Promise<void> {
  const dept = departmentCode(slot.specialty);
  const s = sessionOf(slot.start as string);
  const found = await d.repo.search(ctx, {
    types: ['Appointment'],
    params: [['patient', `Patient/${patient}`], ['status', HOLDING.join(',')], ['date', `ge${s.start}`], ['date', `lt${s.end}`], ...(dept ? [['specialty', departmentToken(dept)] as [string, string]] : []), ['_count', '5']],
  });
  const other = found.matches.find((a) => a.id !== except);
  if (other) throw conflict(`Patient/${patient} already has an appointment in this session (Appointment/${other.id}, ${localDay(other.start as string)} ${localTime(other.start as string)}); cancel or reschedule it instead`);
}

async function readSlot(d: BookingDeps, ctx: RequestContext, value: string): Promise<Resource> {
  return readNamed(d.repo, ctx, 'Slot', value, 'slot');
}

/** The Appointment's fields that come from the slot and its schedule: times, department, doctor, room. */
async function fromSlot(d: BookingDeps, ctx: RequestContext, slot: Resource): Promise<Partial<Resource> & { participant: unknown[] }> {
  const sid = scheduleOfSlot(slot);
  if (!sid) throw unprocessable(`Slot ${slot.id} belongs to no schedule`, ['slot']);
  const schedule = await d.repo.read(ctx, 'Schedule', sid);
  const actors = (schedule.actor as Reference[] | undefined) ?? [];
  const ids = actorIds(actors);
  const role = ids.role ? await d.repo.read(ctx, 'PractitionerRole', ids.role).catch(() => undefined) : undefined;
  const practitioner = role?.practitioner as Reference | undefined;
  const dept = departmentCode(slot.specialty) ?? departmentCode(schedule.specialty);
  const accepted = (actor: unknown) => ({ actor, required: 'required', status: 'accepted' });
  return {
    ...(dept ? { serviceType: [departmentConcept(dept)], specialty: [departmentConcept(dept)] } : {}),
    start: slot.start, end: slot.end,
    minutesDuration: Math.round((Date.parse(slot.end as string) - Date.parse(slot.start as string)) / 60_000),
    slot: [ref('Slot', slot.id as string)],
    participant: [
      ...actors.filter((a) => a.reference?.startsWith('PractitionerRole/')).map(accepted),
      ...(practitioner?.reference ? [accepted(practitioner)] : []),
      ...actors.filter((a) => a.reference?.startsWith('Location/')).map(accepted),
    ],
  };
}

const busy = (s: Resource): Resource => ({ ...s, status: 'busy' });
const free = (s: Resource): Resource => ({ ...s, status: 'free' });

/** POST /appointments */
export async function book(d: BookingDeps, caller: Caller, ctx: RequestContext, input: BookInput): Promise<Resource> {
  requireBooker(caller);
  if (input.guide) checkGuideInput(input.guide);
  const now = d.now();
  const patientId = patientOf(caller, input.patient);
  const patient = await readNamed(d.repo, ctx, 'Patient', patientId, 'patient');
  const slot = await readSlot(d, ctx, input.slot);
  assertBookable(slot, now);
  const elevated = d.elevated(ctx);
  await markNoShows(d.repo, elevated, { patient: patientId, now });
  if (caller.patientId) {
    const s = await suspension(d.repo, ctx, patientId, d.settings, now);
    if (s) throw suspendedError(s, d.settings);
  }
  await assertNoOtherBooking(d, ctx, patientId, slot);
  const at = instant(now);
  const note = input.guide !== undefined && d.guideNote ? post(d.guideNote(input.guide, `Patient/${patientId}`, at)) : undefined;
  const base = await fromSlot(d, ctx, slot);
  const appointment: Resource = {
    resourceType: 'Appointment', status: 'booked',
    extension: [{ url: EXT.bookingChannel, valueCode: caller.patientId ? 'portal' : 'desk' }],
    ...base,
    created: at,
    ...(note ? { supportingInformation: [{ reference: note.fullUrl, display: '智能导诊 pre-visit note' }] } : {}),
    participant: [{ actor: ref('Patient', patientId, nameOf(patient)), required: 'required', status: 'accepted' }, ...base.participant],
  };
  const entries: Entry[] = [put(busy(slot), slotTaken(slot)), post(appointment), ...(note ? [note] : [])];
  const [, saved] = await commit(d.transaction, elevated, entries);
  return saved as Resource;
}

/** The appointment, readable by the caller, and theirs when they are a patient user. */
async function ownAppointment(d: BookingDeps, caller: Caller, ctx: RequestContext, id: string): Promise<Resource> {
  requireBooker(caller);
  const a = await d.repo.read(ctx, 'Appointment', idFrom(id, 'Appointment', 'id'));
  const patient = actorIds(participantRefs(a)).patient;
  if (caller.patientId && patient !== caller.patientId) throw forbidden('This appointment is not yours');
  return a;
}

const reasonCode = (a: Resource) => ((a.cancelationReason as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? []).find((c) => c.system === SYS.cancelReason)?.code;

/** The slot an appointment holds, when it is still marked busy (to free it in the same transaction). */
async function heldSlot(d: BookingDeps, ctx: RequestContext, a: Resource): Promise<Resource | undefined> {
  const id = refId((a.slot as Reference[] | undefined)?.[0], 'Slot');
  if (!id || !(HOLDING as readonly string[]).includes(a.status as string)) return undefined;
  const s = await d.repo.read(ctx, 'Slot', id).catch(() => undefined);
  return s?.status === 'busy' ? s : undefined;
}

/** POST /appointments/:id/cancel */
export async function cancel(d: BookingDeps, caller: Caller, ctx: RequestContext, id: string, reason?: string): Promise<Resource> {
  const a = await ownAppointment(d, caller, ctx, id);
  const now = d.now();
  if (!['proposed', 'pending', 'booked'].includes(a.status as string)) throw conflict(`Appointment/${a.id} is ${String(a.status)}: it cannot be cancelled`);
  if (caller.patientId && !(Date.parse(a.start as string) > now.getTime())) throw conflict(`Appointment/${a.id} has already begun: it can no longer be cancelled online`);
  const slot = await heldSlot(d, ctx, a);
  const cancelled: Resource = {
    ...a, status: 'cancelled',
    cancelationReason: { coding: [{ system: SYS.cancelReason, code: caller.patientId ? 'pat' : 'other', display: caller.patientId ? 'Patient' : 'Other' }], ...(reason ? { text: reason } : {}) },
  };
  const [saved] = await commit(d.transaction, d.elevated(ctx), [put(cancelled, changed(a)), ...(slot ? [put(free(slot), changed(slot))] : [])]);
  return saved as Resource;
}

/**
 * POST /appointments/:id/reschedule: the new slot taken, the old one freed, the appointment moved — together.
 * Also for an appointment the clinic cancelled (停诊, reason prov): the patient picks one of the offered slots.
 */
export async function reschedule(d: BookingDeps, caller: Caller, ctx: RequestContext, id: string, slotRef: string): Promise<Resource> {
  const a = await ownAppointment(d, caller, ctx, id);
  const now = d.now();
  const byClinic = a.status === 'cancelled' && reasonCode(a) === 'prov';
  if (!['pending', 'booked'].includes(a.status as string) && !byClinic) throw conflict(`Appointment/${a.id} is ${String(a.status)}: it cannot be rescheduled`);
  if (caller.patientId && !byClinic && !(Date.parse(a.start as string) > now.getTime())) throw conflict(`Appointment/${a.id} has already begun: it can no longer be rescheduled online`);
  const slot = await readSlot(d, ctx, slotRef);
  if (refId((a.slot as Reference[] | undefined)?.[0], 'Slot') === slot.id) throw conflict(`Appointment/${a.id} is already in Slot ${slot.id}`);
  assertBookable(slot, now);
  const patientId = actorIds(participantRefs(a)).patient;
  if (!patientId) throw unprocessable(`Appointment/${a.id} names no patient`);
  await assertNoOtherBooking(d, ctx, patientId, slot, a.id as string);
  const old = await heldSlot(d, ctx, a);
  const base = await fromSlot(d, ctx, slot);
  const patientPart = ((a.participant as { actor?: Reference }[] | undefined) ?? []).filter((p) => p.actor?.reference?.startsWith('Patient/'));
  const { cancelationReason: _r, serviceType: _t, specialty: _s, ...rest } = a;
  const moved: Resource = { ...rest, ...base, status: 'booked', participant: [...patientPart, ...base.participant] };
  const [, saved] = await commit(d.transaction, d.elevated(ctx), [
    put(busy(slot), slotTaken(slot)), put(moved, changed(a)), ...(old ? [put(free(old), changed(old))] : []),
  ]);
  return saved as Resource;
}
