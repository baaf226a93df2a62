// What the queue routes answer: tickets for the doctor (with the patient), for the patient (with people ahead), and a
// room's whole line of the day.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { byRef } from '../../emr/encounters/fhir.js';
import { callOrder, callsUntilRejoin, hasRejoined, peopleAhead } from './order.js';
import { patientName } from './mask.js';
import { placeOf, type Place } from './places.js';
import type { QueueRules } from './rules.js';
import { findCounter, roomTickets } from './store.js';
import type { QueueStatus, Ticket } from './ticket.js';

export interface TicketView {
  id: string;
  ticket: number;
  status: QueueStatus;
  /** the masked name, as public screens show it */
  name: string;
  room: string;
  date: string;
  checkedInAt: string;
  late: boolean;
  callCount: number;
  calledAt?: string;
  encounter?: string;
  appointment?: string;
  /** people ahead in the line (0: next, or being called); absent when not in line */
  position?: number;
  /** a skipped ticket re-joins the line after this many more calls (0: it has re-joined) */
  rejoinsAfterCalls?: number;
  /** staff views only */
  patient?: { id: string; name?: string };
}

export function ticketView(t: Ticket, o: { tickets?: readonly Ticket[]; calls?: number; rules?: QueueRules; patient?: Resource } = {}): TicketView {
  const position = o.tickets && o.rules ? peopleAhead(o.tickets, t.id, o.calls ?? 0, o.rules.rejoinAfterCalls) : undefined;
  const name = o.patient ? patientName(o.patient) : undefined;
  return {
    id: t.id, ticket: t.number, status: t.status, name: t.displayName, room: t.room, date: t.date, checkedInAt: t.checkedInAt, late: t.late, callCount: t.callCount,
    ...(t.calledAt ? { calledAt: t.calledAt } : {}),
    ...(t.encounter ? { encounter: t.encounter } : {}),
    ...(t.appointment ? { appointment: t.appointment } : {}),
    ...(position !== undefined ? { position } : {}),
    ...(t.status === 'skipped' && o.rules ? { rejoinsAfterCalls: callsUntilRejoin(t, o.calls ?? 0, o.rules.rejoinAfterCalls) } : {}),
    ...(o.patient ? { patient: { id: o.patient.id as string, ...(name ? { name } : {}) } } : {}),
  };
}

export interface RoomQueue {
  room: Place;
  date: string;
  /** calls made in the room today */
  calls: number;
  called: TicketView[];
  /** in call order (re-joined skipped tickets included) */
  waiting: TicketView[];
  /** skipped and not re-joined yet */
  skipped: TicketView[];
  done: TicketView[];
}

/** A room's line of a day as the caller (a doctor) sees it, with the patients' names. */
export async function roomQueue(repo: FhirRepository, ctx: RequestContext, room: Resource, date: string, rules: QueueRules): Promise<RoomQueue> {
  const [{ tickets, patients }, counter] = await Promise.all([
    roomTickets(repo, ctx, room.id as string, date, true),
    findCounter(repo, ctx, room.id as string, date),
  ]);
  const calls = counter?.calls ?? 0;
  const people = byRef(patients);
  const view = (t: Ticket) => ticketView(t, { tickets, calls, rules, ...(t.patient && people.get(`Patient/${t.patient}`) ? { patient: people.get(`Patient/${t.patient}`) } : {}) });
  const byNumber = (a: Ticket, b: Ticket) => a.number - b.number;
  const latestCall = (a: Ticket, b: Ticket) => (b.calledAt ?? '').localeCompare(a.calledAt ?? '');
  return {
    room: placeOf(room),
    date,
    calls,
    called: tickets.filter((t) => t.status === 'called').sort(latestCall).map(view),
    waiting: callOrder(tickets, calls, rules.rejoinAfterCalls).map(view),
    skipped: tickets.filter((t) => t.status === 'skipped' && !hasRejoined(t, calls, rules.rejoinAfterCalls)).sort(byNumber).map(view),
    done: tickets.filter((t) => t.status === 'done').sort(latestCall).map(view),
  };
}
