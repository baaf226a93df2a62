// The doctor's actions on a room's line: call next, recall, skip (过号), finish. Each is one transaction: the ticket,
// the visit's Encounter (arrived → in-progress at the call, → finished at the end, by the EMR's status rules) and,
// for a call, the room's call counter — all with If-Match, redone from fresh reads when someone else got there first.
import { FhirError, conflict } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { assertTransition, closeLocations, moveStatus } from '../../emr/encounters/encounter.js';
import { idFrom, nowInstant, type Period } from '../../emr/encounters/fhir.js';
import { localDate } from '../appointments/time.js';
import { callOrder } from './order.js';
import { NEXT_FINISHES_CURRENT, type QueueRules } from './rules.js';
import { commit, ensureCounter, findCounter, put, retrying, roomTickets, type BundleEntry, type Transaction } from './store.js';
import { counterWith, isTicket, readTicket, withStatus, type Counter, type Ticket } from './ticket.js';

export interface CallResult {
  /** the ticket called now, if anyone was waiting */
  called?: Ticket;
  /** tickets finished by this action */
  finished: Ticket[];
}

const ENDED = new Set(['finished', 'cancelled', 'entered-in-error']);

async function encounterOf(repo: FhirRepository, ctx: RequestContext, t: Ticket): Promise<Resource | undefined> {
  if (!t.encounter) return undefined;
  return repo.read(ctx, 'Encounter', t.encounter).catch((e: unknown) => {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) return undefined;
    throw e;
  });
}

/** The Encounter moved to in-progress (the consultation begins with the call), or null when it already is. */
function started(e: Resource, at: string): Resource | null {
  if (e.status === 'in-progress') return null;
  assertTransition(e, 'in-progress');
  const next = structuredClone(e);
  moveStatus(next, 'in-progress', at);
  return next;
}

/** The Encounter finished (through in-progress from the call when it never got there), or null when it has ended. */
function finished(e: Resource, at: string, calledAt: string | undefined): Resource | null {
  if (ENDED.has(e.status as string)) return null;
  const next = structuredClone(e);
  if (next.status !== 'in-progress') {
    assertTransition(next, 'in-progress');
    moveStatus(next, 'in-progress', calledAt ?? at);
  }
  assertTransition(next, 'finished');
  moveStatus(next, 'finished', at);
  next.period = { ...(next.period as Period | undefined), end: at };
  closeLocations(next, at);
  return next;
}

async function finishEntries(repo: FhirRepository, ctx: RequestContext, t: Ticket, at: string): Promise<BundleEntry[]> {
  const e = await encounterOf(repo, ctx, t);
  const done = e ? finished(e, at, t.calledAt) : null;
  return [put(withStatus(t, 'done', at)), ...(done ? [put(done)] : [])];
}

/** Entries that call `t` now as the room's call number `seq`; null when its visit has ended (the ticket is void). */
async function callEntries(repo: FhirRepository, ctx: RequestContext, t: Ticket, seq: number, at: string): Promise<BundleEntry[] | null> {
  const e = await encounterOf(repo, ctx, t);
  if (e && ENDED.has(e.status as string)) return null;
  const start = e ? started(e, at) : null;
  return [put(withStatus(t, 'called', at, { calledSeq: seq, calledAt: at, callCount: t.callCount + 1 })), ...(start ? [put(start)] : [])];
}

function ticketIn(written: Resource[], id: string): Ticket | undefined {
  const r = written.find((x) => x.resourceType === 'Task' && x.id === id);
  return r ? readTicket(r) : undefined;
}

async function counterOf(repo: FhirRepository, transaction: Transaction, ctx: RequestContext, room: string, date: string): Promise<Counter> {
  return (await findCounter(repo, ctx, room, date)) ?? ensureCounter(repo, transaction, ctx, room, date);
}

/** Call the next patient of the room's line (today); the one called before is finished first (rules.ts). */
export async function callNext(repo: FhirRepository, transaction: Transaction, ctx: RequestContext, room: string, rules: QueueRules, now = new Date()): Promise<CallResult> {
  const date = localDate(now.getTime());
  const at = nowInstant(now);
  return retrying(async () => {
    const { tickets } = await roomTickets(repo, ctx, room, date);
    const counter = await counterOf(repo, transaction, ctx, room, date);
    const entries: BundleEntry[] = [];
    const current = NEXT_FINISHES_CURRENT ? tickets.filter((t) => t.status === 'called') : [];
    for (const t of current) entries.push(...(await finishEntries(repo, ctx, t, at)));
    let called: Ticket | undefined;
    for (const t of callOrder(tickets, counter.calls, rules.rejoinAfterCalls)) {
      const call = await callEntries(repo, ctx, t, counter.calls + 1, at);
      if (!call) {
        // the visit was ended elsewhere (cancelled in the EMR): the ticket leaves the line
        entries.push(put(withStatus(t, 'cancelled', at)));
        continue;
      }
      entries.push(...call, put(counterWith(counter, { calls: counter.calls + 1 })));
      called = t;
      break;
    }
    if (!entries.length) return { finished: [] };
    const written = await commit(transaction, ctx, entries);
    return {
      ...(called ? { called: ticketIn(written, called.id) } : {}),
      finished: current.map((t) => ticketIn(written, t.id)).filter((t): t is Ticket => !!t),
    };
  });
}

/** A ticket of today's queue, read with the caller's context; 404 for anything else. */
export async function readTodayTicket(repo: FhirRepository, ctx: RequestContext, id: string, now = new Date()): Promise<Ticket> {
  const tid = idFrom(id, 'Task', 'id');
  const task = await repo.read(ctx, 'Task', tid).catch((e: unknown) => {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) throw new FhirError(404, 'not-found', `Queue ticket ${tid} is not known`);
    throw e;
  });
  if (!isTicket(task)) throw new FhirError(404, 'not-found', `Task/${tid} is not a queue ticket`);
  const t = readTicket(task);
  if (t.date !== localDate(now.getTime())) throw conflict(`This ticket is of ${t.date}: only today's queue can be changed`);
  return t;
}

type Action = 'recall' | 'skip' | 'finish';
const ALLOWED: Record<Action, readonly string[]> = { recall: ['called', 'skipped'], skip: ['waiting', 'called'], finish: ['called', 'skipped'] };
const WORD: Record<Action, string> = { recall: 'recalled', skip: 'skipped', finish: 'finished' };

/**
 * recall: call the patient again (the board announces it again; a skipped patient is called back out of turn);
 * skip (过号): a called patient who did not come, or a waiting one who stepped away, leaves the line and re-joins
 * after rules.rejoinAfterCalls calls (their Encounter keeps the in-progress of the call: the EMR has no way back;
 * it is finished with the ticket); finish: the consultation is over.
 */
export async function ticketAction(
  repo: FhirRepository, transaction: Transaction, ctx: RequestContext, id: string, action: Action, now = new Date(),
): Promise<Ticket> {
  const at = nowInstant(now);
  return retrying(async () => {
    const t = await readTodayTicket(repo, ctx, id, now);
    if (!ALLOWED[action].includes(t.status)) throw conflict(`Ticket ${t.number} is ${t.status}: it cannot be ${WORD[action]} (only when ${ALLOWED[action].join(' or ')})`);
    const counter = await counterOf(repo, transaction, ctx, t.room, t.date);
    let entries: BundleEntry[];
    if (action === 'finish') entries = await finishEntries(repo, ctx, t, at);
    else if (action === 'skip') entries = [put(withStatus(t, 'skipped', at, { skippedSeq: counter.calls }))];
    else {
      const call = await callEntries(repo, ctx, t, counter.calls + 1, at);
      if (!call) throw conflict(`The visit of ticket ${t.number} has ended; it cannot be recalled`);
      entries = [...call, put(counterWith(counter, { calls: counter.calls + 1 }))];
    }
    const written = await commit(transaction, ctx, entries);
    return ticketIn(written, t.id) as Ticket;
  });
}
