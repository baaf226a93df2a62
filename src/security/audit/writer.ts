import type { Db } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { QUEUE_COLUMNS, prepareAll, queueRowsOf } from './queue.js';
import { ledgerAtCommit, type PreparedEvent } from './append.js';
import type { HashAlg } from './hash.js';

interface Pending {
  tenant: string;
  /** serialised and indexed, with ids */
  events: readonly PreparedEvent[];
  created: number;
  resolve: () => void;
  reject: (e: unknown) => void;
  /** settles (never rejects) with the call's promise */
  done: Promise<void>;
}

/**
 * Records AuditEvents of read-type accesses (which have no transaction of their own) with group commit,
 * so a busy server pays one commit for many events while an idle one writes at once. A record() promise
 * resolves only after its transaction committed.
 * - Queue mode (PostgreSQL): one flush runs at a time and takes everything that arrived meanwhile into
 *   audit_queue, in one INSERT.
 * - Chain mode (SQLite): the events join the database's next group commit and go into the chain with
 *   the events of the writes that share it (ledgerAtCommit), so reads add no commit of their own.
 */
const noop = () => undefined;

export class AuditWriter {
  private readonly maxBatch: number;
  private pending: Pending[] = [];
  private running: Promise<void> | undefined;
  private inflight: Promise<void> | undefined;
  private closed = false;
  /** chain mode: a transaction is queued that will take the pending calls */
  private chainQueued = false;

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
    let prepared: PreparedEvent[];
    try {
      // serialise now: a bad event fails its own call, not the whole group
      prepared = prepareAll(tenant, events, Date.now());
    } catch (e) {
      return Promise.reject(e);
    }
    return this.recordPrepared(tenant, prepared);
  }

  /** record() for events already serialised and indexed (prepareEvent, accessRecord) */
  recordPrepared(tenant: string, prepared: readonly PreparedEvent[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the audit writer is closed'));
    if (!tenant) return Promise.reject(new Error('audit record needs a tenant'));
    if (!prepared.length) return Promise.resolve();
    const created = Date.now();
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const call = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.pending.push({ tenant, events: prepared, created, resolve, reject, done: call.then(noop, noop) });
    if (this.opts.chain) {
      this.chainSoon();
      return call;
    }
    // After the event loop's current I/O phase, not at the next microtask: under load one phase runs the
    // handlers of many sockets, and all their reads share one commit (bench/profile-audit.ts: 5,044 → 1,899
    // commits for 5,000 requests; over HTTP ~7 events per commit instead of ~1); when idle it is as soon as a microtask.
    this.running ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flushLoop());
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
    await this.flush();
  }

  /** the first calls pending, up to maxBatch events (one larger call goes alone) */
  private take(): Pending[] {
    let n = 0;
    let k = 0;
    while (k < this.pending.length && (k === 0 || n + this.pending[k].events.length <= this.maxBatch)) n += this.pending[k++].events.length;
    return this.pending.splice(0, k);
  }

  /**
   * Queue a transaction that takes the pending calls when it runs: SQLite starts its group commits after the
   * event loop's current phase, so by then every read answered in that phase has recorded.
   */
  private chainSoon(): void {
    if (this.chainQueued) return;
    this.chainQueued = true;
    let group: Pending[] | undefined;
    const batch = ledgerAtCommit(this.opts.chain?.alg);
    const tx = this.db.tx(async (t) => {
      this.chainQueued = false;
      group = this.take();
      if (this.pending.length) this.chainSoon();
      await t.atCommit(batch, group.map((g) => ({ tenant: g.tenant, events: g.events })));
    });
    this.inflight = tx.then(
      () => {
        for (const g of group ?? []) g.resolve();
      },
      (e: unknown) => {
        if (!group) {
          // the transaction never ran (it could not begin): the calls waiting for it fail
          this.chainQueued = false;
          group = this.pending.splice(0);
        }
        for (const g of group) g.reject(e);
      },
    );
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length) {
      const group = this.take();
      // one multi-row INSERT (≤ maxBatch rows, so one statement) is atomic by itself; on PostgreSQL that is one
      // round trip instead of three
      const tx = this.db.insertMany('audit_queue', QUEUE_COLUMNS, group.flatMap((g) => queueRowsOf(g.tenant, g.events, g.created)));
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
}
