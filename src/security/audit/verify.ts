import type { Db } from '../../fhir/store/db.js';
import { CHECKPOINT_COLUMNS, checkpointSignatureProblem, databaseKeys, rowToCheckpoint, type Checkpoint, type CheckpointRow } from './checkpoint.js';
import { ChainCheck, readEntries } from './entries.js';
import { isHashAlg, leafHash, type HashAlg } from './hash.js';
import type { PublicKeyring } from './keys.js';
import { MerkleFrontier } from './merkle.js';

export interface VerifyOptions {
  /** checkpoints held by witnesses (other tenants' are ignored) */
  witness?: readonly Checkpoint[];
  /** trusted public keys (LedgerKeys.publicKeys()); without them the keys recorded in the database are used */
  keys?: PublicKeyring;
  batch?: number;
}

export interface VerifyResult {
  ok: boolean;
  tenant: string;
  /** entries checked (up to the first bad one) */
  entries: number;
  /** database checkpoints checked */
  checkpoints: number;
  /** witnessed checkpoints checked */
  witnessed: number;
  /** false when signatures were checked against keys read from the database itself */
  keysTrusted: boolean;
  firstBad?: { seq: number; reason: string };
}

interface Expectation {
  cp: Checkpoint;
  witnessed: boolean;
}

/**
 * Walk the tenant's whole chain in seq order, recomputing every entry hash and the Merkle root at
 * every checkpoint (database and witnessed), and report the first thing wrong. Memory is O(batch).
 */
export async function verify(db: Db, tenant: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const keysTrusted = opts.keys !== undefined;
  const keys = opts.keys ?? (await databaseKeys(db));
  // Checkpoints before the head, the head before the entries: concurrent appends and seals can
  // then only add rows beyond what is checked, never make a checked state look inconsistent.
  const stored = await db.all<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tenant = ? ORDER BY tree_size`, [tenant]);
  const head = await db.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE tenant = ?', [tenant]);
  const headSeq = Number(head?.seq ?? 0);

  const expect: Expectation[] = [
    ...stored.map((r) => ({ cp: rowToCheckpoint(tenant, r), witnessed: false })),
    ...(opts.witness ?? []).filter((c) => c.tenant === tenant).map((cp) => ({ cp, witnessed: true })),
  ].sort((a, b) => a.cp.treeSize - b.cp.treeSize);
  const trees = new Map<HashAlg, MerkleFrontier>();
  for (const e of expect) if (isHashAlg(e.cp.alg) && !trees.has(e.cp.alg)) trees.set(e.cp.alg, new MerkleFrontier(e.cp.alg));

  const result: VerifyResult = { ok: true, tenant, entries: 0, checkpoints: 0, witnessed: 0, keysTrusted };
  const fail = (seq: number, reason: string) => ({ ...result, ok: false, firstBad: { seq, reason } });
  let next = 0; // index into expect
  let vouched = 0; // largest tree size whose root matched so far

  const checkExpectation = (e: Expectation, size: number): { seq: number; reason: string } | undefined => {
    const what = e.witnessed ? 'witnessed checkpoint' : 'checkpoint';
    const sig = checkpointSignatureProblem(e.cp, keys);
    if (sig) return { seq: e.cp.treeSize, reason: e.witnessed ? `witnessed ${sig}` : sig };
    if (e.cp.treeSize > size) return { seq: size + 1, reason: `chain ends at entry ${size} but a ${what} covers ${e.cp.treeSize} entries (truncated)` };
    const tree = trees.get(e.cp.alg);
    if (!tree) return { seq: e.cp.treeSize, reason: `${what} at tree size ${e.cp.treeSize} names unknown algorithm "${e.cp.alg}"` };
    if (tree.root().toString('hex') !== e.cp.root) {
      return { seq: vouched + 1, reason: `Merkle root differs from the ${what} at tree size ${e.cp.treeSize}: entries ${vouched + 1}..${e.cp.treeSize} were rewritten` };
    }
    vouched = e.cp.treeSize;
    if (e.witnessed) result.witnessed++;
    else result.checkpoints++;
    return undefined;
  };

  const chain = new ChainCheck(tenant);
  for await (const r of readEntries(db, tenant, 0, headSeq, { batch: opts.batch })) {
    const bad = chain.next(r);
    if (bad) return fail(bad.seq, bad.reason);
    result.entries = r.seq;
    if (trees.size) {
      const entry = Buffer.from(r.hash, 'hex');
      for (const [alg, tree] of trees) tree.push(leafHash(alg, entry));
    }
    while (next < expect.length && expect[next].cp.treeSize <= r.seq) {
      const e = expect[next++];
      const bad2 = checkExpectation(e, r.seq);
      if (bad2) return fail(bad2.seq, bad2.reason);
    }
  }
  const n = result.entries;
  while (next < expect.length) {
    const bad = checkExpectation(expect[next++], n);
    if (bad) return fail(bad.seq, bad.reason);
  }
  if (headSeq > n) return fail(n + 1, `entries ${n + 1}..${headSeq} are missing (the head says ${headSeq})`);
  if (head && head.hash !== chain.prev) return fail(n, `the head's hash does not match entry ${n}`);

  // Rows beyond the head are legitimate only if their transaction committed (moving the head) after
  // the head was first read: read the rows, then the head again.
  const beyond = await db.get<{ hi: number | null }>('SELECT MAX(seq) AS hi FROM audit_ledger WHERE tenant = ? AND seq > ?', [tenant, headSeq]);
  if (beyond?.hi != null) {
    if (!head) return fail(1, 'the head row is missing');
    const now = Number((await db.get<{ seq: number }>('SELECT seq FROM audit_head WHERE tenant = ?', [tenant]))?.seq ?? 0);
    if (Number(beyond.hi) > now) {
      const first = await db.get<{ s: number }>('SELECT MIN(seq) AS s FROM audit_ledger WHERE tenant = ? AND seq > ? AND seq <= ?', [tenant, now, Number(beyond.hi)]);
      const seq = Number(first?.s ?? beyond.hi);
      return fail(seq, `entry ${seq} lies beyond the head (inserted row)`);
    }
  }
  return result;
}
