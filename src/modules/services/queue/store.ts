// Reading a room's queue of a day, and writing queue changes as one transaction that retries when another desk or
// doctor changed the same counter or ticket first (If-Match lost: 412 → read again and redo).
import { randomInt } from 'node:crypto';
import { FhirError, conflict } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import type { ModuleDeps } from '../../module.js';
import { searchAll } from '../../emr/encounters/fhir.js';
import { newCounter, readCounter, readTicket, roomDayToken, ticketCodeToken, type Counter, type Ticket } from './ticket.js';

export type Transaction = ModuleDeps['transaction'];

export interface BundleEntry {
  fullUrl?: string;
  resource: Resource;
  request: { method: 'POST' | 'PUT'; url: string; ifMatch?: string; ifNoneExist?: string };
}

/** Someone else wrote first; the attempt wrote nothing and can be redone from fresh reads. */
class Contended extends Error {}

export const put = (r: Resource): BundleEntry => ({
  resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}`, ifMatch: `W/"${r.meta?.versionId}"` },
});

export async function commit(transaction: Transaction, ctx: RequestContext, entries: BundleEntry[]): Promise<Resource[]> {
  try {
    const res = await transaction(ctx, { resourceType: 'Bundle', type: 'transaction', entry: entries });
    return ((res.entry as { resource?: Resource }[] | undefined) ?? []).map((e) => e.resource as Resource);
  } catch (e) {
    if (e instanceof FhirError && e.status === 412) throw new Contended(e.message);
    throw e;
  }
}

const ATTEMPTS = 60;

/**
 * Run a read-decide-write step until its transaction commits. Under contention each round has one winner, so a
 * burst of n concurrent check-ins to one room needs up to n rounds; a small random pause spreads the retries.
 */
export async function retrying<T>(step: () => Promise<T>): Promise<T> {
  for (let i = 0; i < ATTEMPTS; i++) {
    try {
      return await step();
    } catch (e) {
      if (!(e instanceof Contended)) throw e;
      await new Promise((r) => setTimeout(r, randomInt(1, 5 + Math.min(i, 20) * 3)));
    }
  }
  throw conflict('The queue is very busy right now; nothing was changed, try again');
}

/** The tickets of a room's day (as the context may see them). */
export async function roomTickets(repo: FhirRepository, ctx: RequestContext, room: string, date: string, includePatients = false): Promise<{ tickets: Ticket[]; patients: Resource[] }> {
  const found = await searchAll(repo, ctx, 'Task', [
    ['code', ticketCodeToken], ['group-identifier', roomDayToken(room, date)], ...(includePatients ? [['_include', 'Task:patient'] as [string, string]] : []),
  ], 5000);
  return { tickets: found.matches.map(readTicket), patients: found.included.filter((r) => r.resourceType === 'Patient') };
}

export async function findCounter(repo: FhirRepository, ctx: RequestContext, room: string, date: string): Promise<Counter | undefined> {
  const found = await repo.search(ctx, { types: ['Basic'], params: [['identifier', roomDayToken(room, date)], ['_count', '2']] });
  return found.matches[0] ? readCounter(found.matches[0]) : undefined;
}

/** The room's counter of the day, created on first use (conditional create: concurrent first check-ins make one). */
export async function ensureCounter(repo: FhirRepository, transaction: Transaction, ctx: RequestContext, room: string, date: string): Promise<Counter> {
  const found = await findCounter(repo, ctx, room, date);
  if (found) return found;
  const [created] = await commit(transaction, ctx, [{
    resource: newCounter(room, date), request: { method: 'POST', url: 'Basic', ifNoneExist: `identifier=${roomDayToken(room, date)}` },
  }]);
  return readCounter(created);
}
