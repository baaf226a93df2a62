import type { Db, SqlValue } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { queueRows } from './queue.js';
import { appendAll } from './append.js';
import type { HashAlg } from './hash.js';

interface Pending {
  tenant: string;
  /** validated, with ids */
  events: Resource[];
  rows: SqlValue[][];
  resolve: () => void;
  reject: (e: unknown) => void;
  /** settles (never rejects) with the call's promise */
  done: Promise<void>;
}

/**
 * Records AuditEvents of read-type accesses (which have no transaction of their own) into
 * audit_queue with group commit: one flush runs at a time and takes everything that arrived
 * meanwhile in one transaction, so a busy server pays one commit for many events while an idle one
 * writes at once. A record() promise resolves only after its transaction committed.
 */
const noop = () => undefined;

export class AuditWriter {
  private readonly maxBatch: number;
  private pending: Pending[] = [];
  private running: Promise<void> | undefined;
  private inflight: Promise<void> | undefined;
  private closed = false;

  /**
   * `chain`: append straight to the hash chain (and its index) in the group's transaction instead of
   * the queue — half the writes per event; for events that have no data transaction to ride on.
   */
  constructor(
    private readonly db: Db,
    private readonly opts: { maxBatch?: number; chain?: { alg?: HashAlg } } = {},
  ) {
    this.maxBatch = Math.max(1, opts.maxBatch ?? 1000);
  }

  record(tenant: string, events: readonly Resource[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the audit writer is closed'));
    let rows: SqlValue[][];
    try {
      // serialise now: a bad event fails its own call, not the whole group
      rows = queueRows(tenant, events, Date.now());
    } catch (e) {
      return Promise.reject(e);
    }
    if (!rows.length) return Promise.resolve();
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const call = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const withIds = rows.map((r, i) => (events[i].id ? events[i] : (JSON.parse(r[2] as string) as Resource)));
    this.pending.push({ tenant, events: withIds, rows, resolve, reject, done: call.then(noop, noop) });
    // a microtask, not a timer: calls of the same tick join the first group
    this.running ??= Promise.resolve().then(() => this.flushLoop());
    return call;
  }

  /** resolves when everything recorded before the call is in audit_queue (or has failed) */
  async flush(): Promise<void> {
    // groups commit in order, so the last pending call settling means all earlier ones have
    const last = this.pending[this.pending.length - 1];
    await (last ? last.done : this.inflight);
  }

  /** refuse new records and flush the pending ones */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running) await this.running;
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length) {
      let n = 0;
      let k = 0;
      while (k < this.pending.length && (k === 0 || n + this.pending[k].rows.length <= this.maxBatch)) n += this.pending[k++].rows.length;
      const group = this.pending.splice(0, k);
      const tx = this.db.tx((t) => (this.opts.chain ? this.chainGroup(t, group) : t.insertMany('audit_queue', ['tenant', 'created', 'event'], group.flatMap((g) => g.rows))));
      this.inflight = tx.then(noop, noop);
      try {
        await tx;
        for (const g of group) g.resolve();
      } catch (e) {
        for (const g of group) g.reject(e);
      }
      this.inflight = undefined;
    }
    // cleared in the same synchronous step as the last empty check: a record() after this starts a new loop
    this.running = undefined;
  }

  private async chainGroup(t: Db, group: Pending[]): Promise<void> {
    const byTenant = new Map<string, Resource[]>();
    for (const g of group) byTenant.set(g.tenant, [...(byTenant.get(g.tenant) ?? []), ...g.events]);
    // the chainer indexes them later, in big batches (index pages are random: per-commit indexing costs a page each)
    for (const [tenant, events] of byTenant) await appendAll(t, tenant, events, { alg: this.opts.chain?.alg });
  }
}
