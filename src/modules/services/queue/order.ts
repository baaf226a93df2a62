// Who is called next, and how many people are ahead of whom: pure functions over a room's tickets of a day.
import type { Ticket } from './ticket.js';

type Line = Pick<Ticket, 'id' | 'number' | 'status' | 'skippedSeq'>;

/** A skipped ticket is back in line once the room has made `rejoinAfter` calls since it was skipped. */
export function hasRejoined(t: Line, calls: number, rejoinAfter: number): boolean {
  return t.status === 'skipped' && calls - (t.skippedSeq ?? 0) >= rejoinAfter;
}

/** Calls still to come before a skipped ticket re-joins (0 once it has). */
export function callsUntilRejoin(t: Line, calls: number, rejoinAfter: number): number {
  return Math.max(0, rejoinAfter - (calls - (t.skippedSeq ?? 0)));
}

/** The line in call order: waiting tickets and re-joined skipped ones, by ticket number (see rules.ts ORDER). */
export function callOrder<T extends Line>(tickets: readonly T[], calls: number, rejoinAfter: number): T[] {
  return tickets
    .filter((t) => t.status === 'waiting' || hasRejoined(t, calls, rejoinAfter))
    .sort((a, b) => a.number - b.number);
}

/**
 * People ahead of a ticket: its place in the line (0 = next); 0 when it is being called; undefined when it is not
 * in line (done, or skipped and not re-joined yet).
 */
export function peopleAhead(tickets: readonly Line[], id: string, calls: number, rejoinAfter: number): number | undefined {
  const t = tickets.find((x) => x.id === id);
  if (!t) return undefined;
  if (t.status === 'called') return 0;
  const i = callOrder(tickets, calls, rejoinAfter).findIndex((x) => x.id === id);
  return i < 0 ? undefined : i;
}
