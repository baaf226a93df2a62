import { expandText } from './compact.js';
import type { Db } from '../../fhir/store/db.js';
import { CHECKPOINT_COLUMNS, databaseKeys, rowToCheckpoint, type Checkpoint, type CheckpointRow } from './checkpoint.js';
import { LedgerIntegrityError, readEntries, type EntryRow } from './entries.js';
import { leafHash, type HashAlg } from './hash.js';
import type { PublicKeyring } from './keys.js';
import { auditPathRanges, MerkleFrontier } from './merkle.js';
import { verifyProof, type InclusionProof } from './proof-check.js';

/**
 * A self-contained proof that entry `seq` is in the tenant's ledger, against the latest checkpoint
 * covering it. One streaming pass over the entry hashes up to that checkpoint (O(log n) memory);
 * the pass also recomputes the root, so no proof is issued that the checkpoint does not back.
 */
export async function prove(db: Db, tenant: string, seq: number, opts: { keys?: PublicKeyring; batch?: number } = {}): Promise<InclusionProof> {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`not an entry number: ${seq}`);
  const row = await db.get<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tenant = ? AND tree_size >= ? ORDER BY tree_size DESC LIMIT 1`,
    [tenant, seq],
  );
  if (!row) throw new Error(`audit entry ${seq} of tenant ${tenant} is not covered by a checkpoint yet (seal first)`);
  const checkpoint: Checkpoint = rowToCheckpoint(tenant, row);
  const alg = checkpoint.alg as HashAlg;
  const n = checkpoint.treeSize;

  const m = seq - 1;
  const ranges = auditPathRanges(m, n).map(([lo, hi]) => ({ lo, hi, tree: new MerkleFrontier(alg) }));
  const byStart = [...ranges].sort((a, b) => a.lo - b.lo);
  const whole = new MerkleFrontier(alg);
  let j = 0;
  for await (const r of readEntries(db, tenant, 0, n, { batch: opts.batch, withEvent: false })) {
    const i = r.seq - 1;
    if (i !== whole.size) throw new LedgerIntegrityError(whole.size + 1, i > whole.size ? 'missing' : 'seq appears more than once');
    const leaf = leafHash(alg, Buffer.from(r.hash, 'hex'));
    whole.push(leaf);
    if (i === m) continue;
    while (byStart[j].hi <= i) j++;
    byStart[j].tree.push(leaf);
  }
  const entry = await db.get<EntryRow>('SELECT id, seq, alg, prev_hash, hash, event FROM audit_ledger WHERE tenant = ? AND seq = ?', [tenant, seq]);
  if (whole.size !== n || !entry) throw new LedgerIntegrityError(whole.size + 1, `missing (the checkpoint covers ${n} entries)`);
  if (whole.root().toString('hex') !== checkpoint.root) throw new LedgerIntegrityError(n, `the chain no longer matches the checkpoint at tree size ${n}`);

  const publicKeyPem = opts.keys?.get(checkpoint.keyId) ?? (await databaseKeys(db)).get(checkpoint.keyId);
  if (!publicKeyPem) throw new Error(`public key ${checkpoint.keyId} of the checkpoint is unknown`);
  const proof: InclusionProof = {
    format: 'huiyi.audit.inclusion-proof.v1',
    tenant,
    entry: { seq, alg: entry.alg as HashAlg, prevHash: entry.prev_hash, hash: entry.hash, event: expandText(entry.event) },
    leafIndex: m,
    leafHash: leafHash(alg, Buffer.from(entry.hash, 'hex')).toString('hex'),
    auditPath: ranges.map((r) => r.tree.root().toString('hex')),
    treeSize: n,
    root: checkpoint.root,
    checkpoint,
    publicKeyPem,
  };
  const check = verifyProof(proof);
  if (!check.ok) throw new Error(`could not build a valid proof: ${check.reason}`);
  return proof;
}
