import type { CommitBatch, Db, SqlValue } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { canonicalJson } from './canonical.js';
import { compactText, expandText } from './compact.js';
import { entryHash, isHashAlg, ZERO_HASH, type HashAlg } from './hash.js';
import { LEDGER_INDEX_COLUMNS, PATIENT_COLUMNS, ledgerIndex, patientRows, type LedgerIndex } from './ledger-index.js';
import { STAGED_TABLE } from './patient-postings.js';

export interface LedgerEntry {
  tenant: string;
  seq: number;
  alg: HashAlg;
  prevHash: string;
  hash: string;
  /** the canonical JSON that was hashed */
  event: string;
}

const COLUMNS = ['tenant', 'seq', 'alg', 'prev_hash', 'hash', 'event', ...LEDGER_INDEX_COLUMNS];
// bound parameters of one statement (PostgreSQL allows 65,535); larger batches insert in chunks
const PG_MAX_PARAMS = 30000;

/**
 * Append an AuditEvent to the tenant's chain. Pass the transaction's Db so the entry commits (or
 * rolls back) with the write it records. The head row stays locked until that transaction ends,
 * which serialises appends per tenant: call append last, just before commit.
 */
export async function append(db: Db, tenant: string, event: Resource, opts: { alg?: HashAlg } = {}): Promise<LedgerEntry> {
  return (await appendAll(db, tenant, [event], opts))[0];
}

/** An event ready for the chain: its stored text and its search columns. */
export interface PreparedEvent {
  /** the canonical text as the queue, the journal and the ledger store it (compact.ts) */
  stored: string;
  /** the canonical text itself (what is hashed) where it was at hand; else canonicalText() expands `stored` */
  text?: string;
  index: LedgerIndex;
}

/** The canonical text of a prepared event: what its entry hash covers. */
export const canonicalText = (p: PreparedEvent): string => p.text ?? expandText(p.stored);

/** Serialise and index one AuditEvent (once: the queue keeps both, so chaining needs neither again). */
export function prepareEvent(e: Resource, now: number): PreparedEvent {
  if (e?.resourceType !== 'AuditEvent') throw new Error(`the audit ledger takes AuditEvent resources, not ${e?.resourceType}`);
  const text = canonicalJson(e);
  return { text, stored: compactText(text), index: ledgerIndex(e, now) };
}

/**
 * Append several AuditEvents (e.g. one per entry of a transaction Bundle) with one head update:
 * many single appends in one PostgreSQL transaction would pile up versions of the head row.
 */
export async function appendAll(db: Db, tenant: string, events: readonly Resource[], opts: { alg?: HashAlg } = {}): Promise<LedgerEntry[]> {
  const now = Date.now();
  return appendPrepared(db, tenant, events.map((e) => prepareEvent(e, now)), opts);
}

/**
 * One tenant's events for the chain, handed to a transaction's commit (ledgerAtCommit); or a function that makes
 * them at the commit, with the other events of the commit (the code that renders them stays warm: writer.ts).
 */
export interface TenantEvents {
  tenant: string;
  events: readonly PreparedEvent[] | (() => readonly PreparedEvent[]);
}

const atCommit = new Map<HashAlg, CommitBatch<TenantEvents>>();

/**
 * The chain as a commit batch (Db.atCommit): every event handed to one commit is appended just before it, in the
 * order handed, with one head update per tenant. On SQLite that is one append per group commit for the writes'
 * events (each rides on its own write) and the reads' alike, instead of one per transaction with two head
 * statements each. A write that rolls back takes its events with it.
 */
export function ledgerAtCommit(alg: HashAlg = 'sha256'): CommitBatch<TenantEvents> {
  let batch = atCommit.get(alg);
  if (!batch) {
    if (!isHashAlg(alg)) throw new Error(`unknown audit hash algorithm "${String(alg)}"`);
    batch = {
      async commit(db, items) {
        await appendByTenant(db, items.map(({ tenant, events }) => ({ tenant, events: typeof events === 'function' ? events() : events })), { alg });
      },
    };
    atCommit.set(alg, batch);
  }
  return batch;
}

/**
 * The events of several calls, in call order per tenant, with one append (one head update) per tenant; pass a
 * transaction's Db to commit them together. Returns the tenants appended to.
 */
export async function appendByTenant(db: Db, calls: readonly { tenant: string; events: readonly PreparedEvent[] }[], opts: { alg?: HashAlg } = {}): Promise<string[]> {
  const byTenant = new Map<string, PreparedEvent[]>();
  for (const { tenant, events } of calls) {
    const list = byTenant.get(tenant);
    if (list) for (const e of events) list.push(e);
    else byTenant.set(tenant, [...events]);
  }
  for (const [tenant, events] of byTenant) await appendPrepared(db, tenant, events, opts);
  return [...byTenant.keys()];
}

/** appendAll for events prepared earlier (prepareEvent, or read back from audit_queue) */
export async function appendPrepared(db: Db, tenant: string, prepared: readonly PreparedEvent[], opts: { alg?: HashAlg } = {}): Promise<LedgerEntry[]> {
  const alg = opts.alg ?? 'sha256';
  if (!isHashAlg(alg)) throw new Error(`unknown audit hash algorithm "${String(alg)}"`);
  if (!tenant) throw new Error('audit append needs a tenant');
  const n = prepared.length;
  if (!n) return [];
  return db.tx(async (t) => {
    const sqlite = t.dialect === 'sqlite';
    // PostgreSQL: claims the next n seqs and locks the head row in one round trip (insert for a new tenant).
    // SQLite's transaction holds the only writer already: the head is read here and written once at the end.
    const head = sqlite
      ? ((await t.get<{ seq: number; hash: string }>('SELECT seq + ? AS seq, hash FROM audit_head WHERE tenant = ?', [n, tenant])) ?? { seq: n, hash: ZERO_HASH })
      : await t.get<{ seq: number; hash: string }>(
          'INSERT INTO audit_head (tenant, seq, hash) VALUES (?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET seq = audit_head.seq + ? RETURNING seq, hash',
          [tenant, n, ZERO_HASH, n],
        );
    if (!head) throw new Error('audit head upsert returned no row');
    let prevHash = head.hash;
    const last = Number(head.seq);
    const first = last - n + 1;
    const entries = prepared.map((p, i): LedgerEntry => {
      const seq = first + i;
      const event = canonicalText(p);
      const hash = entryHash(alg, tenant, seq, prevHash, event);
      const e = { tenant, seq, alg, prevHash, hash, event };
      prevHash = hash;
      return e;
    });
    const rows: SqlValue[][] = entries.map((e, i) => [tenant, e.seq, alg, e.prevHash, e.hash, prepared[i].stored, ...prepared[i].index.columns]);
    const patients = patientRows(tenant, entries.map((e, i) => ({ seq: e.seq, index: prepared[i].index })));
    // SQLite stages them (a WAL commit writes each random page it dirtied; patient-postings.ts); PostgreSQL's
    // chainer appends in batches already and writes pages back at its own checkpoints
    const postings = sqlite ? STAGED_TABLE : 'audit_patient';
    if (!sqlite && rows.length * COLUMNS.length + patients.length * PATIENT_COLUMNS.length <= PG_MAX_PARAMS) {
      // one round trip: every round trip costs the server's CPU more than the rows do
      const p = patients.length
        ? `, p AS (INSERT INTO ${postings} (${PATIENT_COLUMNS.join(', ')}) VALUES ${patients.map(() => '(?, ?, ?, ?)').join(', ')})`
        : '';
      const row = `(${COLUMNS.map(() => '?').join(', ')})`;
      await t.run(`WITH e AS (INSERT INTO audit_ledger (${COLUMNS.join(', ')}) VALUES ${rows.map(() => row).join(', ')})${p} UPDATE audit_head SET hash = ? WHERE tenant = ?`, [
        ...rows.flat(), ...patients.flat(), prevHash, tenant,
      ]);
    } else {
      await t.insertMany('audit_ledger', COLUMNS, rows);
      if (patients.length) await t.insertMany(postings, PATIENT_COLUMNS, patients);
      if (sqlite) {
        await t.run('INSERT INTO audit_head (tenant, seq, hash) VALUES (?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET seq = excluded.seq, hash = excluded.hash', [tenant, last, prevHash]);
      } else await t.run('UPDATE audit_head SET hash = ? WHERE tenant = ?', [prevHash, tenant]);
    }
    return entries;
  });
}
