import type { Db, SqlValue } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { appendPrepared, prepareEvent, type PreparedEvent } from './append.js';
import type { HashAlg } from './hash.js';
import { backfillLedgerIndex, indexFromMeta } from './ledger-index.js';
import { expandText } from './compact.js';
import { mergePatientPostings } from './patient-postings.js';
import type { AuditJournal } from './journal.js';
import { sealIfDue, unsealedTenants, type CheckpointSigner, type SealResult } from './seal.js';

export interface ChainerOptions {
  /** entry hash and checkpoint algorithm (default sha256) */
  alg?: HashAlg;
  /** without a signer nothing is sealed */
  signer?: CheckpointSigner;
  /** seal after `every` entries or `seconds` (defaults of sealIfDue: 1000 / 60) */
  seal?: { every?: number; seconds?: number };
  /** file or http(s) URL that receives each checkpoint */
  witness?: string;
  /** background drain period (default 200 ms) */
  intervalMs?: number;
  /** merge staged patient postings every `mergeSeconds` (default 5; patient-postings.ts) */
  mergeSeconds?: number;
  /** queue rows per transaction (default 500) */
  batch?: number;
  /** the reads' journal of this database (SQLite file), chained before the queue */
  journal?: AuditJournal;
  /** errors of background drains and failed witness exports */
  onError?: (e: unknown) => void;
}

const noop = () => undefined;

/**
 * Moves queued AuditEvents (the reads' journal on SQLite, audit_queue) into the per-tenant hash chains (with
 * their search columns). Runs on every
 * server node: PostgreSQL row locks (FOR UPDATE SKIP LOCKED) keep two nodes from chaining a row
 * twice, and the head lock taken first keeps each tenant's batches in queue order.
 */
export class AuditChainer {
  private readonly batch: number;
  private running: Promise<number> | undefined;
  private next: Promise<number> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastSweep = 0;
  private lastMerge = Date.now();
  private mergeAll = false;
  private backfilled = false;

  constructor(
    private readonly db: Db,
    private readonly opts: ChainerOptions = {},
  ) {
    this.batch = Math.max(1, opts.batch ?? 500);
  }

  /**
   * Chain everything queued before the call; resolves with the number of events chained. Calls
   * never overlap: one arriving during a drain runs after it (calls meanwhile share that run).
   */
  drain(): Promise<number> {
    if (!this.running) return this.run();
    this.next ??= this.running.then(noop, noop).then(() => {
      this.next = undefined;
      return this.run();
    });
    return this.next;
  }

  /** drain every intervalMs (nothing waits on it: a search of AuditEvent drains first) */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.background(), this.opts.intervalMs ?? 200);
    this.timer.unref?.();
  }

  /** stop the background work, drain once more and merge the staged patient postings */
  async stop(): Promise<number> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.mergeAll = true;
    return this.drain();
  }

  private background(): void {
    if (this.next) return; // a drain is already due to start after the running one
    this.drain().catch((e) => this.report(e));
  }

  private report(e: unknown): void {
    if (this.opts.onError) this.opts.onError(e);
    else console.error('audit chainer:', e);
  }

  private run(): Promise<number> {
    const p = this.drainOnce().finally(() => {
      if (this.running === p) this.running = undefined;
    });
    this.running = p;
    return p;
  }

  private async drainOnce(): Promise<number> {
    let total = 0;
    const touched = new Set<string>();
    // a failing tenant (or journal line) does not hold up the others; the drain fails afterwards
    const failed: unknown[] = [];
    const journal = this.opts.journal;
    if (journal) {
      try {
        for (;;) {
          // a stopping chainer leaves the journal empty (a new file), so the next start has nothing to look at
          const r = await journal.chain(this.db, { alg: this.opts.alg, max: this.batch * 4, rotate: this.mergeAll });
          total += r.n;
          for (const t of r.tenants) touched.add(t);
          if (r.n < this.batch * 4) break;
        }
      } catch (e) {
        failed.push(e);
      }
    }
    // round robin over tenants, one batch each per pass, so a busy tenant cannot starve the others
    let tenants = (await this.db.all<{ tenant: string }>('SELECT DISTINCT tenant FROM audit_queue')).map((r) => r.tenant);
    while (tenants.length) {
      const full: string[] = [];
      for (const tenant of tenants) {
        try {
          const n = await this.chainBatch(tenant);
          total += n;
          if (n) touched.add(tenant);
          if (n === this.batch) full.push(tenant);
        } catch (e) {
          failed.push(e);
        }
      }
      tenants = full;
    }
    // entries written before the ledger had search columns: filled once
    if (!this.backfilled) {
      try {
        await backfillLedgerIndex(this.db);
        this.backfilled = true;
      } catch (e) {
        failed.push(e);
      }
    }
    if (this.mergeAll || Date.now() - this.lastMerge >= (this.opts.mergeSeconds ?? 5) * 1000) {
      this.mergeAll = false;
      this.lastMerge = Date.now();
      try {
        await mergePatientPostings(this.db);
      } catch (e) {
        failed.push(e);
      }
    }
    if (this.opts.signer) await this.sealDue(touched);
    if (failed.length) throw failed[0];
    return total;
  }

  /** One transaction: lock the head, take the oldest queued rows, append, dequeue. */
  private chainBatch(tenant: string): Promise<number> {
    return this.db.tx(async (t) => {
      const pg = t.dialect === 'postgres';
      if (pg) await t.get('SELECT seq FROM audit_head WHERE tenant = ? FOR UPDATE', [tenant]);
      const rows = await t.all<{ id: number; created: number; event: string; meta: string | null }>(
        `SELECT id, created, event, meta FROM audit_queue WHERE tenant = ? ORDER BY id LIMIT ?${pg ? ' FOR UPDATE SKIP LOCKED' : ''}`,
        [tenant, this.batch],
      );
      if (!rows.length) return 0;
      const events = rows.map((r) => queued(tenant, r));
      await appendPrepared(t, tenant, events, { alg: this.opts.alg });
      const ids: SqlValue[] = rows.map((r) => Number(r.id));
      await t.run(`DELETE FROM audit_queue WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
      return rows.length;
    });
  }

  /** Seal the tenants just appended to, and (at most once a second) any other with unsealed entries. */
  private async sealDue(touched: Set<string>): Promise<void> {
    const signer = this.opts.signer as CheckpointSigner;
    const now = Date.now();
    if (now - this.lastSweep >= 1000) {
      this.lastSweep = now;
      for (const t of await unsealedTenants(this.db)) touched.add(t);
    }
    for (const tenant of touched) {
      const r: SealResult | undefined = await sealIfDue(this.db, tenant, signer, { ...this.opts.seal, alg: this.opts.alg, witness: this.opts.witness });
      if (r?.witness && !r.witness.ok) this.report(new Error(`audit witness ${r.witness.witness}: ${r.witness.error}`));
    }
  }
}

/** A queue row as the chain takes it: as queued when its meta is there, else parsed and prepared again. */
function queued(tenant: string, r: { id: number; created: number; event: string; meta: string | null }): PreparedEvent {
  const index = indexFromMeta(r.meta);
  return index ? { stored: r.event, index } : prepareEvent(parseQueued(tenant, r.id, expandText(r.event)), Number(r.created));
}

function parseQueued(tenant: string, id: number, text: string): Resource {
  let e: Resource | undefined;
  try {
    e = JSON.parse(text) as Resource;
  } catch {
    // falls through to the error below
  }
  // enqueue() checks this, so only a row written by other means gets here; the queue stops for the tenant
  if (e?.resourceType !== 'AuditEvent') throw new Error(`audit_queue row ${id} (tenant ${tenant}) is not an AuditEvent; fix or remove it to resume chaining the tenant`);
  return e;
}
