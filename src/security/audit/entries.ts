import type { Db } from '../../fhir/store/db.js';
import { entryHash, isHashAlg, ZERO_HASH } from './hash.js';
import { expandText } from './compact.js';

export interface EntryRow {
  id: number;
  seq: number;
  alg: string;
  prev_hash: string;
  hash: string;
  /** the canonical text (expanded from storage); absent when read without events */
  event: string;
}

/**
 * Entries with afterSeq < seq <= toSeq in (seq, id) order, in batches: memory stays flat however long
 * the chain. Ordering by id too keeps duplicate seqs (a forged row, if the unique index was dropped)
 * visible instead of skipped at a batch boundary.
 */
export async function* readEntries(
  db: Db,
  tenant: string,
  afterSeq: number,
  toSeq: number,
  opts: { batch?: number; withEvent?: boolean } = {},
): AsyncGenerator<EntryRow> {
  const batch = opts.batch ?? 5000;
  const cols = opts.withEvent === false ? 'id, seq, alg, prev_hash, hash' : 'id, seq, alg, prev_hash, hash, event';
  const sql = `SELECT ${cols} FROM audit_ledger WHERE tenant = ? AND seq >= ? AND seq <= ? ORDER BY seq, id LIMIT ?`;
  let seq = afterSeq;
  let id = Number.MAX_SAFE_INTEGER; // rows at afterSeq itself are excluded
  let pending = db.all<EntryRow>(sql, [tenant, seq, toSeq, batch]);
  for (;;) {
    const rows = await pending;
    const full = rows.length === batch;
    const prevSeq = seq;
    const prevId = id;
    if (full) {
      // Ask for the next batch before checking this one, so the database and the hashing overlap.
      const last = rows[rows.length - 1];
      seq = Number(last.seq);
      id = Number(last.id);
      pending = db.all<EntryRow>(sql, [tenant, seq, toSeq, batch]);
      pending.catch(() => undefined); // handled when awaited; not unhandled if the caller stops early
    }
    let fresh = 0;
    for (const r of rows) {
      r.seq = Number(r.seq);
      r.id = Number(r.id);
      if (typeof r.event === 'string') r.event = expandText(r.event);
      if (r.seq > prevSeq || r.id > prevId) {
        fresh++;
        yield r;
      }
    }
    if (!full) return;
    if (!fresh) throw new Error(`more than ${batch} ledger rows share seq ${prevSeq}`);
  }
}

/**
 * Checks rows one after another against the chain rules; reports the first rule broken. `links` checks
 * only seqs and prev_hash links, not each stored hash against its content (rows read without events).
 */
export class ChainCheck {
  seq: number;
  prev: string;

  constructor(
    private readonly tenant: string,
    start = { seq: 0, hash: ZERO_HASH },
    private readonly opts: { links?: boolean } = {},
  ) {
    this.seq = start.seq;
    this.prev = start.hash;
  }

  /** undefined if the row extends the chain (and it is advanced), else the bad seq and why. */
  next(r: EntryRow): { seq: number; reason: string } | undefined {
    const expected = this.seq + 1;
    if (r.seq > expected) return { seq: expected, reason: `entry ${expected} is missing (the next row has seq ${r.seq})` };
    if (r.seq < expected) return { seq: r.seq, reason: `seq ${r.seq} appears more than once` };
    if (!isHashAlg(r.alg)) return { seq: r.seq, reason: `unknown hash algorithm "${r.alg}"` };
    if (r.prev_hash !== this.prev) return { seq: r.seq, reason: `prev_hash does not match the hash of entry ${r.seq - 1}` };
    if (!this.opts.links && entryHash(r.alg, this.tenant, r.seq, r.prev_hash, r.event) !== r.hash) {
      return { seq: r.seq, reason: 'stored hash does not match the entry (content, seq or hash altered)' };
    }
    this.seq = r.seq;
    this.prev = r.hash;
    return undefined;
  }
}

export class LedgerIntegrityError extends Error {
  constructor(
    readonly seq: number,
    readonly reason: string,
  ) {
    super(`audit ledger entry ${seq}: ${reason}`);
  }
}
