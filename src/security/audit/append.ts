import type { Db, SqlValue } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { canonicalJson } from './canonical.js';
import { compactText } from './compact.js';
import { entryHash, isHashAlg, ZERO_HASH, type HashAlg } from './hash.js';
import { LEDGER_INDEX_COLUMNS, PATIENT_COLUMNS, ledgerIndex, patientRows, type LedgerIndex } from './ledger-index.js';

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
// their PostgreSQL types (schema.ts, ledger-index.ts), for VALUES that are not an INSERT's own
const COLUMN_TYPES = ['text', 'bigint', 'text', 'text', 'text', 'text', 'text', 'bigint', 'text', 'text', 'text', 'integer'];
const PATIENT_TYPES = ['text', 'text', 'bigint', 'bigint'];
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

/** An event ready for the chain: its canonical text (what is hashed) and its search columns. */
export interface PreparedEvent {
  text: string;
  /** the text as the queue and the ledger store it (compact.ts) */
  stored: string;
  index: LedgerIndex;
}

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

/** appendAll for events prepared earlier (prepareEvent, or read back from audit_queue) */
export async function appendPrepared(db: Db, tenant: string, prepared: readonly PreparedEvent[], opts: { alg?: HashAlg } = {}): Promise<LedgerEntry[]> {
  const alg = opts.alg ?? 'sha256';
  if (!isHashAlg(alg)) throw new Error(`unknown audit hash algorithm "${String(alg)}"`);
  if (!tenant) throw new Error('audit append needs a tenant');
  const n = prepared.length;
  if (!n) return [];
  return db.tx(async (t) => {
    // Claims the next n seqs and locks the head row in one round trip (insert for a new tenant).
    const head = await t.get<{ seq: number; hash: string }>(
      'INSERT INTO audit_head (tenant, seq, hash) VALUES (?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET seq = audit_head.seq + ? RETURNING seq, hash',
      [tenant, n, ZERO_HASH, n],
    );
    if (!head) throw new Error('audit head upsert returned no row');
    const entries = chainEntries(alg, tenant, Number(head.seq) - n + 1, head.hash, prepared);
    const rows = ledgerRows(entries, prepared);
    const patients = patientRows(tenant, entries.map((e, i) => ({ seq: e.seq, index: prepared[i].index })));
    const prevHash = entries[n - 1].hash;
    if (t.dialect === 'postgres' && paramsOf(rows, patients) <= PG_MAX_PARAMS) {
      // one round trip: every round trip costs the server's CPU more than the rows do
      const p = patients.length
        ? `, p AS (INSERT INTO audit_patient (${PATIENT_COLUMNS.join(', ')}) VALUES ${patients.map(() => '(?, ?, ?, ?)').join(', ')})`
        : '';
      const row = `(${COLUMNS.map(() => '?').join(', ')})`;
      await t.run(`WITH e AS (INSERT INTO audit_ledger (${COLUMNS.join(', ')}) VALUES ${rows.map(() => row).join(', ')})${p} UPDATE audit_head SET hash = ? WHERE tenant = ?`, [
        ...rows.flat(), ...patients.flat(), prevHash, tenant,
      ]);
    } else {
      await t.insertMany('audit_ledger', COLUMNS, rows);
      if (patients.length) await t.insertMany('audit_patient', PATIENT_COLUMNS, patients);
      await t.run('UPDATE audit_head SET hash = ? WHERE tenant = ?', [prevHash, tenant]);
    }
    return entries;
  });
}

/** The chain's last entry as its head row records it. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * PostgreSQL: append at a head the caller believes current, in one autocommit statement: the head row
 * moves only if it still is (seq, hash), and the entries go in only if it moved. Another appender in
 * between (the chainer, another node) leaves nothing written and the result undefined: append with
 * appendPrepared then, which locks the head. One round trip instead of four (BEGIN, head, rows, COMMIT).
 */
export async function appendAtHead(db: Db, tenant: string, prepared: readonly PreparedEvent[], head: ChainHead, opts: { alg?: HashAlg } = {}): Promise<LedgerEntry[] | undefined> {
  const alg = opts.alg ?? 'sha256';
  if (!isHashAlg(alg)) throw new Error(`unknown audit hash algorithm "${String(alg)}"`);
  if (db.dialect !== 'postgres') throw new Error('appendAtHead is for PostgreSQL (SQLite appends in its one writer transaction)');
  const n = prepared.length;
  if (!n) return [];
  const entries = chainEntries(alg, tenant, head.seq + 1, head.hash, prepared);
  const rows = ledgerRows(entries, prepared);
  const patients = patientRows(tenant, entries.map((e, i) => ({ seq: e.seq, index: prepared[i].index })));
  if (paramsOf(rows, patients) > PG_MAX_PARAMS) return undefined;
  const last = entries[n - 1];
  // VALUES in a subquery need their types (the first row's casts type every row); the inserts read h, so
  // the head is locked and checked before any row goes in, and a moved head inserts nothing
  const values = (types: readonly string[], count: number) =>
    Array.from({ length: count }, (_, r) => `(${types.map((ty) => (r ? '?' : `?::${ty}`)).join(', ')})`).join(', ');
  const p = patients.length
    ? `, p AS (INSERT INTO audit_patient (${PATIENT_COLUMNS.join(', ')}) SELECT * FROM (VALUES ${values(PATIENT_TYPES, patients.length)}) v WHERE EXISTS (SELECT 1 FROM h))`
    : '';
  const r = await db.get<{ n: number | string }>(
    `WITH h AS (UPDATE audit_head SET seq = ?, hash = ? WHERE tenant = ? AND seq = ? AND hash = ? RETURNING 1),
e AS (INSERT INTO audit_ledger (${COLUMNS.join(', ')}) SELECT * FROM (VALUES ${values(COLUMN_TYPES, rows.length)}) v WHERE EXISTS (SELECT 1 FROM h))${p}
SELECT COUNT(*) AS n FROM h`,
    [last.seq, last.hash, tenant, head.seq, head.hash, ...rows.flat(), ...patients.flat()],
  );
  return Number(r?.n) === 1 ? entries : undefined;
}

function chainEntries(alg: HashAlg, tenant: string, first: number, prevHash: string, prepared: readonly PreparedEvent[]): LedgerEntry[] {
  return prepared.map(({ text: event }, i): LedgerEntry => {
    const seq = first + i;
    const hash = entryHash(alg, tenant, seq, prevHash, event);
    const e = { tenant, seq, alg, prevHash, hash, event };
    prevHash = hash;
    return e;
  });
}

function ledgerRows(entries: readonly LedgerEntry[], prepared: readonly PreparedEvent[]): SqlValue[][] {
  return entries.map((e, i) => [e.tenant, e.seq, e.alg, e.prevHash, e.hash, prepared[i].stored, ...prepared[i].index.columns]);
}

const paramsOf = (rows: readonly SqlValue[][], patients: readonly SqlValue[][]) => rows.length * COLUMNS.length + patients.length * PATIENT_COLUMNS.length;
