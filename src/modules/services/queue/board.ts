// The waiting-room board: per room the patient called now and the next few in line, and the latest calls across the
// rooms — masked names only (the ticket carries its masked name; the board never reads a Patient). The tickets are
// read elevated after the route checked the caller is staff (rules.ts BOARD_ROLES): the board is the hospital's public
// display, and a ward nurse's policy would otherwise hide the clinic's patients.
import { badRequest } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import { searchAll } from '../../emr/encounters/fhir.js';
import { departmentName, type DepartmentName } from '../appointments/codes.js';
import { dayRange, localDate } from '../appointments/time.js';
import { callOrder } from './order.js';
import { placeOf, type Place } from './places.js';
import { BOARD_LAST_CALLS, BOARD_NEXT_PER_ROOM, type QueueRules } from './rules.js';
import { COUNTER_CODE, QSYS, readCounter, readTicket, roomDayToken, ticketCodeToken, type Counter, type Ticket } from './ticket.js';

export interface BoardQuery {
  department?: string;
  room?: string;
}

export interface BoardCall {
  id: string;
  ticket: number;
  name: string;
  room: Place;
  calledAt: string;
  /** how often this ticket has been called (2+: a recall) */
  callCount: number;
}

export interface BoardRoom {
  room: Place;
  current?: { id: string; ticket: number; name: string; calledAt?: string };
  next: { ticket: number; name: string }[];
  waiting: number;
}

export interface Board {
  date: string;
  department?: DepartmentName;
  room?: Place;
  rooms: BoardRoom[];
  /** newest first */
  calls: BoardCall[];
}

/** Ticket searches of the board's scope: one room, the rooms of a department, or every room today. */
async function scopeParams(repo: FhirRepository, ctx: RequestContext, q: BoardQuery, date: string): Promise<[string, string][] | null> {
  if (q.room) return [['group-identifier', roomDayToken(q.room, date)]];
  if (q.department) {
    const rooms = await searchAll(repo, ctx, 'Location', [['organization', `Organization/dept-${q.department}`], ['_elements', 'id']], 500);
    if (!rooms.matches.length) return null;
    return [['group-identifier', rooms.matches.map((r) => roomDayToken(r.id as string, date)).join(',')]];
  }
  const day = dayRange(date);
  return [['authored-on', `ge${day.start}`], ['authored-on', `lt${day.end}`]];
}

export async function readBoard(repo: FhirRepository, ctx: RequestContext, elevated: RequestContext, q: BoardQuery, rules: QueueRules, now = new Date()): Promise<Board> {
  if (q.room && q.department) throw badRequest('Give either room or department, not both', ['department']);
  const date = localDate(now.getTime());
  const scope = await scopeParams(repo, ctx, q, date);
  const tickets = scope ? (await searchAll(repo, elevated, 'Task', [['code', ticketCodeToken], ...scope], 10_000)).matches.map(readTicket).filter((t) => t.date === date) : [];
  const roomIds = [...new Set([...(q.room ? [q.room] : []), ...tickets.map((t) => t.room)])];
  const [locations, counters] = await Promise.all([
    roomIds.length ? searchAll(repo, ctx, 'Location', [['_id', roomIds.join(',')]], 500) : { matches: [] },
    roomIds.length
      ? searchAll(repo, elevated, 'Basic', [['code', `${QSYS.queue}|${COUNTER_CODE}`], ['identifier', roomIds.map((r) => roomDayToken(r, date)).join(',')]], 500)
      : { matches: [] },
  ]);
  const places = new Map(locations.matches.map((l) => [l.id as string, placeOf(l)]));
  const callsIn = new Map<string, Counter>(counters.matches.map((b) => [((b.subject as { reference?: string } | undefined)?.reference ?? '').replace(/^Location\//, ''), readCounter(b)]));
  const placeFor = (id: string): Place => places.get(id) ?? { id, name: id };
  const byRoom = new Map<string, Ticket[]>();
  for (const t of tickets) byRoom.set(t.room, [...(byRoom.get(t.room) ?? []), t]);

  const rooms: BoardRoom[] = roomIds.map((id) => {
    const line = byRoom.get(id) ?? [];
    const current = line.filter((t) => t.status === 'called').sort((a, b) => (b.calledSeq ?? 0) - (a.calledSeq ?? 0))[0];
    const waiting = callOrder(line, callsIn.get(id)?.calls ?? 0, rules.rejoinAfterCalls);
    return {
      room: placeFor(id),
      ...(current ? { current: { id: current.id, ticket: current.number, name: current.displayName, ...(current.calledAt ? { calledAt: current.calledAt } : {}) } } : {}),
      next: waiting.slice(0, BOARD_NEXT_PER_ROOM).map((t) => ({ ticket: t.number, name: t.displayName })),
      waiting: waiting.length,
    };
  }).sort((a, b) => a.room.name.localeCompare(b.room.name, 'zh-CN', { numeric: true }));

  const calls: BoardCall[] = tickets
    .filter((t) => t.calledAt && (t.status === 'called' || t.status === 'done' || t.status === 'skipped'))
    .sort((a, b) => (b.calledAt as string).localeCompare(a.calledAt as string) || (b.calledSeq ?? 0) - (a.calledSeq ?? 0))
    .slice(0, BOARD_LAST_CALLS)
    .map((t) => ({ id: t.id, ticket: t.number, name: t.displayName, room: placeFor(t.room), calledAt: t.calledAt as string, callCount: t.callCount }));

  return {
    date,
    ...(q.department ? { department: departmentName(q.department) } : {}),
    ...(q.room ? { room: placeFor(q.room) } : {}),
    rooms,
    calls,
  };
}
