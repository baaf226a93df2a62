// The patient's own tickets of today with how many people are ahead (信息推送 level 4: 患者能够在移动端实时查询等候状态).
// The tickets are read with the patient's own context; counting the others in the room's line needs the room's
// tickets, read elevated — only the count leaves this function, never anything about the other patients.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Reference } from '../../emr/encounters/fhir.js';
import { dayRange, localDate } from '../appointments/time.js';
import { placeOf, type Place } from './places.js';
import type { QueueRules } from './rules.js';
import { findCounter, roomTickets } from './store.js';
import { readTicket, ticketCodeToken } from './ticket.js';
import { ticketView, type TicketView } from './views.js';

export interface MyTicket extends Omit<TicketView, 'room' | 'patient'> {
  room: Place;
  doctor?: string;
}

export async function myTickets(
  repo: FhirRepository, ctx: RequestContext, elevated: RequestContext, patient: string, rules: QueueRules, now = new Date(),
): Promise<{ date: string; tickets: MyTicket[] }> {
  const date = localDate(now.getTime());
  const day = dayRange(date);
  const found = await repo.search(ctx, {
    types: ['Task'],
    params: [['code', ticketCodeToken], ['patient', `Patient/${patient}`], ['authored-on', `ge${day.start}`], ['authored-on', `lt${day.end}`], ['_count', '50']],
  });
  const mine = found.matches.map(readTicket).filter((t) => t.date === date && t.status !== 'cancelled');
  const out: MyTicket[] = [];
  for (const t of mine) {
    const [line, counter, room] = await Promise.all([
      roomTickets(repo, elevated, t.room, date),
      findCounter(repo, elevated, t.room, date),
      repo.read(ctx, 'Location', t.room).catch(() => undefined),
    ]);
    const { room: _r, patient: _p, ...view } = ticketView(t, { tickets: line.tickets, calls: counter?.calls ?? 0, rules });
    const doctor = (t.owner as Reference | undefined)?.display;
    out.push({ ...view, room: room ? placeOf(room) : { id: t.room, name: t.room }, ...(doctor ? { doctor } : {}) });
  }
  return { date, tickets: out.sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt)) };
}
