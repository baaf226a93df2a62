import type { Db } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { prepareAll } from './queue.js';
import { appendAtHead, appendPrepared, type ChainHead, type PreparedEvent } from './append.js';
import type { HashAlg } from './hash.js';

interface Pending {
  tenant: string;
  /** serialised and indexed, with ids */
  events: readonly PreparedEvent[];
  resolve: () => void;
  reject: (e: unknown) => void;
  /** settles (never rejects) with the call's promise */
  done: Promise<void>;
}

const noop = () => undefined;

/**
 * Appends AuditEvents that have no data transaction to ride on (reads, logins) straight to the hash
 * chain with group commit: one flush runs at a time and takes everything that arrived meanwhile in
 * one commit, so a busy server pays one commit for many events while an idle one writes at once.
 * A record() promise resolves only after its events committed.
 */
export class AuditWriter {
  private readonly maxBatch: number;
  private pending: Pending[] = [];
  private running: Promise<void> | undefined;
  private inflight: Promise<void> | undefined;
  private closed = false;
  /** PostgreSQL: each tenant's head as this writer last left it (appendAtHead) */
  private readonly heads = new Map<string, ChainHead>();

  /** `alg`: the chain's entry hash (default sha256); `maxBatch`: events per commit at most (default 1000) */
  constructor(
    private readonly db: Db,
    private readonly opts: { maxBatch?: number; alg?: HashAlg } = {},
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
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const call = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.pending.push({ tenant, events: prepared, resolve, reject, done: call.then(noop, noop) });
    // After the event loop's current I/O phase, not at the next microtask: under load one phase runs the
    // handlers of many sockets, and all their reads share one commit (bench/profile-audit.ts: 5,044 → 1,899
    // commits for 5,000 requests; over HTTP ~7 events per commit instead of ~1); when idle it is as soon as a microtask.
    this.running ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flushLoop());
    return call;
  }

  /** resolves when everything recorded before the call is chained (or has failed) */
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
      while (k < this.pending.length && (k === 0 || n + this.pending[k].events.length <= this.maxBatch)) n += this.pending[k++].events.length;
      const group = this.pending.splice(0, k);
      const work = this.commit(group);
      this.inflight = work;
      await work;
      this.inflight = undefined;
    }
    // cleared in the same synchronous step as the last empty check: a record() after this starts a new loop
    this.running = undefined;
  }

  /** commits a group and settles its calls (never rejects) */
  private async commit(group: Pending[]): Promise<void> {
    if (this.db.dialect === 'sqlite') return settle(group, () => this.db.tx((t) => this.chainGroup(t, group)));
    // PostgreSQL: one statement per tenant; a tenant's failure fails only its own calls
    const byTenant = new Map<string, Pending[]>();
    for (const g of group) {
      const calls = byTenant.get(g.tenant);
      if (calls) calls.push(g);
      else byTenant.set(g.tenant, [g]);
    }
    for (const [tenant, calls] of byTenant) await settle(calls, () => this.chainAtHead(tenant, calls.flatMap((c) => c.events)));
  }

  private async chainGroup(t: Db, group: Pending[]): Promise<void> {
    const byTenant = new Map<string, PreparedEvent[]>();
    for (const g of group) {
      const events = byTenant.get(g.tenant);
      if (events) events.push(...g.events);
      else byTenant.set(g.tenant, [...g.events]);
    }
    for (const [tenant, events] of byTenant) await appendPrepared(t, tenant, events, { alg: this.opts.alg });
  }

  /**
   * At the head this writer left, in one round trip; when someone else appended since (the chainer, another
   * node), or the head is not known yet, in a transaction that locks the head.
   */
  private async chainAtHead(tenant: string, events: readonly PreparedEvent[]): Promise<void> {
    const alg = this.opts.alg;
    const head = this.heads.get(tenant);
    this.heads.delete(tenant); // unknown until this append is known to have committed
    const entries = (head && (await appendAtHead(this.db, tenant, events, head, { alg }))) || (await appendPrepared(this.db, tenant, events, { alg }));
    const last = entries[entries.length - 1];
    if (last) this.heads.set(tenant, { seq: last.seq, hash: last.hash });
  }
}

async function settle(calls: readonly Pending[], work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    for (const g of calls) g.resolve();
  } catch (e) {
    for (const g of calls) g.reject(e);
  }
}
