// Check-in (签到): on the appointment's day, within its window (rules.ts), the Appointment becomes arrived, the visit's
// Encounter is created (class AMB, arrived) and a numbered ticket joins the room's line — one transaction, with
// If-Match on the Appointment and on the room's counter, so neither a double tap nor two desks at once can give two
// tickets for one appointment or one number to two patients. Checking in again answers the same ticket (200).
import { randomUUID } from 'node:crypto';
import { FhirError, conflict } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { classCoding, locationEntry } from '../../emr/encounters/encounter.js';
import { SYS } from '../../emr/encounters/codes.js';
import { concept, idFrom, nowInstant, ref, type Reference } from '../../emr/encounters/fhir.js';
import { localDate, localDay, localTime } from '../appointments/time.js';
import { actorOf, departmentConceptOf, sessionEnd } from './appointment.js';
import { maskName, patientName } from './mask.js';
import { peopleAhead } from './order.js';
import type { QueueRules } from './rules.js';
import { commit, ensureCounter, findCounter, put, retrying, roomTickets, type Transaction } from './store.js';
import { counterWith, newTicketTask, readTicket, ticketCodeToken, type Ticket } from './ticket.js';
import { placeOf, type Place } from './places.js';

export interface CheckInResult {
  created: boolean;
  ticket: Ticket;
  room: Place;
  position: number | undefined;
}

/** Appointment statuses a check-in accepts: booked, and a no-show marked meanwhile while the session still runs. */
const CHECKABLE = new Set(['booked', 'noshow']);

async function readAppointment(repo: FhirRepository, ctx: RequestContext, id: string): Promise<Resource> {
  try {
    return await repo.read(ctx, 'Appointment', id);
  } catch (e) {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) throw new FhirError(404, 'not-found', `Appointment/${id} is not known`, ['appointment']);
    throw e;
  }
}

async function existingTicket(repo: FhirRepository, ctx: RequestContext, appointment: string): Promise<Ticket | undefined> {
  const found = await repo.search(ctx, { types: ['Task'], params: [['code', ticketCodeToken], ['focus', `Appointment/${appointment}`], ['_count', '5']] });
  const live = found.matches.map(readTicket).filter((t) => t.status !== 'cancelled');
  return live[0];
}

const time = (ms: number) => localTime(new Date(ms).toISOString());

/** The check-in window: open from `opensMinutes` before the slot until the session ends; 409 outside it. */
function assertWindow(appt: Resource, now: number, opensMinutes: number, closes: number): void {
  const start = Date.parse(appt.start as string);
  const opens = start - opensMinutes * 60_000;
  if (now < opens) throw conflict(`Check-in for this appointment opens at ${time(opens)} (${opensMinutes} minutes before ${time(start)})`);
  if (now > closes) throw conflict(`The clinic session of this appointment ended at ${time(closes)}; please book again or ask at the desk`);
}

/**
 * `ctx` is already elevated: the caller's right to check this appointment in was decided by the route (the patient's
 * own appointment, or desk staff). `patientOnly` names the only Patient whose appointment may be checked in.
 */
export async function checkIn(
  repo: FhirRepository, transaction: Transaction, ctx: RequestContext,
  input: { appointment: string; patientOnly?: string }, rules: QueueRules, now = new Date(),
): Promise<CheckInResult> {
  const id = idFrom(input.appointment, 'Appointment', 'appointment');
  const first = await readAppointment(repo, ctx, id);
  const patient = actorOf(first, 'Patient');
  if (input.patientOnly && patient !== input.patientOnly) throw new FhirError(403, 'forbidden', 'This appointment is not yours: you can only check in for your own appointments', ['appointment']);
  if (!patient) throw new FhirError(422, 'processing', `Appointment/${id} names no patient`, ['appointment']);
  const roomId = actorOf(first, 'Location');
  if (!roomId) throw new FhirError(422, 'processing', `Appointment/${id} names no clinic room`, ['appointment']);
  if (typeof first.start !== 'string' || typeof first.end !== 'string') throw new FhirError(422, 'processing', `Appointment/${id} has no time`, ['appointment']);
  const room = await repo.read(ctx, 'Location', roomId);
  const place = placeOf(room);

  return retrying(async () => {
    const appt = await readAppointment(repo, ctx, id);
    if (appt.status === 'arrived') {
      const ticket = await existingTicket(repo, ctx, id);
      if (!ticket) throw conflict(`Appointment/${id} is already checked in (without a queue ticket); ask at the desk`);
      return { created: false, ticket, room: place, position: await position(repo, ctx, ticket, rules) };
    }
    if (!CHECKABLE.has(appt.status as string)) throw conflict(`This appointment is ${String(appt.status)}: it cannot be checked in`);
    const date = localDate(now.getTime());
    const day = localDay(appt.start as string);
    if (day !== date) throw conflict(`This appointment is on ${day}, not today (${date}): check in on the day of the visit`);
    const closes = (await sessionEnd(repo, ctx, appt)) ?? Date.parse(appt.end as string) + rules.checkInFallbackCloseMinutes * 60_000;
    assertWindow(appt, now.getTime(), rules.checkInOpensMinutes, closes);

    const at = nowInstant(now);
    const person = await repo.read(ctx, 'Patient', patient);
    const name = patientName(person);
    const roleId = actorOf(appt, 'PractitionerRole');
    const role = roleId ? await repo.read(ctx, 'PractitionerRole', roleId).catch(() => undefined) : undefined;
    const doctor = role?.practitioner as Reference | undefined;
    const counter = (await findCounter(repo, ctx, roomId, date)) ?? (await ensureCounter(repo, transaction, ctx, roomId, date));
    const number = counter.lastTicket + 1;
    const encounterUrl = `urn:uuid:${randomUUID()}`;
    const service = departmentConceptOf(appt);
    const encounter: Resource = {
      resourceType: 'Encounter',
      status: 'arrived',
      statusHistory: [{ status: 'arrived', period: { start: at } }],
      class: classCoding('AMB'),
      ...(service ? { serviceType: service } : {}),
      subject: ref('Patient', patient, name),
      ...(doctor?.reference ? { participant: [{ type: [concept(SYS.participation, 'ATND', 'attender')], individual: doctor }] } : {}),
      appointment: [{ reference: `Appointment/${id}` }],
      period: { start: at },
      ...(appt.reasonCode ? { reasonCode: appt.reasonCode } : {}),
      location: [locationEntry(roomId, 'ro', at, place.name)],
      ...(room.managingOrganization ? { serviceProvider: room.managingOrganization } : {}),
    };
    const task = newTicketTask({
      room: ref('Location', roomId, place.name) as Reference & { reference: string }, date, patient, appointment: id, encounter: encounterUrl,
      ...(roleId ? { owner: ref('PractitionerRole', roleId, (doctor?.display)) } : {}),
      at, fields: { number, displayName: maskName(name), late: now.getTime() > Date.parse(appt.end as string), callCount: 0 },
    });
    const written = await commit(transaction, ctx, [
      put(counterWith(counter, { lastTicket: number })),
      put({ ...appt, status: 'arrived' }),
      { fullUrl: encounterUrl, resource: encounter, request: { method: 'POST', url: 'Encounter' } },
      { resource: task, request: { method: 'POST', url: 'Task' } },
    ]);
    const ticket = readTicket(written[3] as Resource);
    return { created: true, ticket, room: place, position: await position(repo, ctx, ticket, rules) };
  });
}

async function position(repo: FhirRepository, ctx: RequestContext, t: Ticket, rules: QueueRules): Promise<number | undefined> {
  const [{ tickets }, counter] = await Promise.all([roomTickets(repo, ctx, t.room, t.date), findCounter(repo, ctx, t.room, t.date)]);
  return peopleAhead(tickets, t.id, counter?.calls ?? 0, rules.rejoinAfterCalls);
}
