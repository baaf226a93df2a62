import type { Db } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { prepareAll } from './queue.js';
import { appendByTenant, ledgerAtCommit, type PreparedEvent } from './append.js';
import type { AuditJournal } from './journal.js';
import type { HashAlg } from './hash.js';

interface Pending {
  tenant: string;
  /** the call's events, serialised and indexed (built when its group is written: see recordLater) */
  build: () => readonly PreparedEvent[];
  events?: readonly PreparedEvent[];
  resolve: () => void;
  reject: (e: unknown) => void;
  /** settles (never rejects) with the call's promise */
  done: Promise<void>;
}

/**
 * Records AuditEvents of read-type accesses (which have no transaction of their own). A record() promise
 * resolves once its events are durable:
 * - Journal mode: the calls of one event-loop phase are appended to the reads' journal together, with one
 *   write, after that phase (journal.ts), and answered then, or (a journal that syncs, on PostgreSQL) once an
 *   fdatasync after it is done; the chainer chains them.
 * - Commit mode (SQLite in memory): the events join the database's next group commit and go into the chain with
 *   the events of the writes that share it (ledgerAtCommit).
 * - Otherwise (PostgreSQL with HUIYI_AUDIT_JOURNAL=off): group commit of their own. One flush runs at a time and
 *   appends everything that arrived meanwhile to the chain in one transaction (no queue row to insert, read back
 *   and delete: those were most of the database's work for the ledger, ADR 0004, ninth pass).
 */
const noop = () => undefined;

export class AuditWriter {
  private readonly maxBatch: number;
  private pending: Pending[] = [];
  private running: Promise<void> | undefined;
  private inflight: Promise<void> | undefined;
  private closed = false;
  /** commit mode: a transaction is queued that will take the pending calls */
  private chainQueued = false;

  constructor(
    private readonly db: Db,
    private readonly opts: { maxBatch?: number; alg?: HashAlg; journal?: AuditJournal; atCommit?: boolean } = {},
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
    return prepared.length ? this.recordLater(tenant, () => prepared) : Promise.resolve();
  }

  /**
   * record() for events that `build` makes when the call's group is written, together with the other calls'
   * (restRecord renders REST facts taken at access time): one loop over a phase's events keeps the code that
   * renders them warm, where one call per request ran it cold (about 5× slower in the bench's server than in a
   * loop). A call whose build throws fails alone.
   */
  recordLater(tenant: string, build: () => readonly PreparedEvent[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the audit writer is closed'));
    if (!tenant) return Promise.reject(new Error('audit record needs a tenant'));
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const call = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.pending.push({ tenant, build, resolve, reject, done: call.then(noop, noop) });
    if (this.opts.atCommit) {
      this.chainSoon();
      return call;
    }
    if (this.opts.journal) {
      this.running ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flushJournal(this.opts.journal as AuditJournal));
      return call;
    }
    // After the event loop's current I/O phase, not at the next microtask: under load one phase runs the
    // handlers of many sockets, and all their reads share one commit (bench/profile-audit.ts: 5,044 → 1,899
    // commits for 5,000 requests; over HTTP ~7 events per commit instead of ~1); when idle it is as soon as a microtask.
    this.running ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flushLoop());
    return call;
  }

  /** resolves when everything recorded before the call is durable (or has failed) */
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

  /** the first calls pending, up to maxBatch events (one larger call goes alone), built; a call that cannot be built fails */
  private take(): Pending[] {
    const out: Pending[] = [];
    let n = 0;
    while (this.pending.length) {
      const next = this.pending[0];
      const events = built(next);
      if (!events) {
        this.pending.shift();
        continue;
      }
      if (out.length && n + events.length > this.maxBatch) break;
      n += events.length;
      out.push(this.pending.shift() as Pending);
    }
    return out;
  }

  /** journal mode: every call pending, with one write */
  private flushJournal(journal: AuditJournal): void {
    const calls = this.pending.splice(0);
    // cleared in the same synchronous step: a record() after this schedules the next flush
    this.running = undefined;
    const ok: Pending[] = [];
    let lines = '';
    for (const c of calls) {
      const events = built(c);
      if (!events) continue;
      try {
        lines += journal.linesOf(c.tenant, events);
      } catch (e) {
        c.reject(e);
        continue;
      }
      ok.push(c);
    }
    try {
      journal.appendLines(lines);
    } catch (e) {
      for (const c of ok) c.reject(e);
      return;
    }
    if (!journal.syncs) {
      for (const c of ok) c.resolve();
      return;
    }
    // answered once on disk; the next phase's write does not wait for this one's sync
    const synced = journal.synced();
    this.inflight = synced.then(noop, noop);
    synced.then(
      () => {
        for (const c of ok) c.resolve();
      },
      (e: unknown) => {
        for (const c of ok) c.reject(e);
      },
    );
  }

  /**
   * Queue a transaction that takes the pending calls when it runs: SQLite starts its group commits after the
   * event loop's current phase, so by then every read answered in that phase has recorded.
   */
  private chainSoon(): void {
    if (this.chainQueued) return;
    this.chainQueued = true;
    let group: Pending[] | undefined;
    const batch = ledgerAtCommit(this.opts.alg);
    const tx = this.db.tx(async (t) => {
      this.chainQueued = false;
      group = this.take();
      if (this.pending.length) this.chainSoon();
      await t.atCommit(batch, group.map((g) => ({ tenant: g.tenant, events: g.events ?? [] })));
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
      if (!group.length) continue;
      const calls = group.map((g) => ({ tenant: g.tenant, events: g.events ?? [] }));
      const tx = this.db.tx((t) => appendByTenant(t, calls, { alg: this.opts.alg }));
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

/** a call's events, built once; undefined (and the call failed) when its build throws */
function built(c: Pending): readonly PreparedEvent[] | undefined {
  if (!c.events) {
    try {
      c.events = c.build();
    } catch (e) {
      c.reject(e);
      return undefined;
    }
  }
  return c.events;
}
