import type { Db } from '../../fhir/store/db.js';
import { checkpointMessage, type Checkpoint } from './checkpoint.js';
import { ChainCheck, LedgerIntegrityError, readEntries } from './entries.js';
import { isHashAlg, leafHash, ZERO_HASH, type HashAlg } from './hash.js';
import { MerkleFrontier } from './merkle.js';
import { exportCheckpoint, type ExportResult } from './witness.js';

/** What seal needs of the key: LedgerKeys fits. */
export interface CheckpointSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  sign(message: Buffer): string;
}

export interface SealOptions {
  /** Merkle hash algorithm of the checkpoint (default sha256) */
  alg?: HashAlg;
  /** epoch ms (tests) */
  now?: number;
}

interface SealState {
  tree_size: number;
  last_hash: string;
  frontier: string | null;
  sealed_at: number;
}

/**
 * Sign a checkpoint over every entry up to the current head; undefined when nothing is new.
 * Incremental: only the hashes of entries since the last checkpoint are read, and their links
 * re-checked (a chain with a gap or a broken link is never signed). Contents are not hashed again:
 * the checkpoint covers the stored hashes, so content altered behind one stays detectable by verify,
 * and re-hashing every event here doubled the ledger's hashing. Runs in its own transaction;
 * appends are not blocked meanwhile on PostgreSQL.
 */
export async function seal(db: Db, tenant: string, signer: CheckpointSigner, opts: SealOptions = {}): Promise<Checkpoint | undefined> {
  const alg = opts.alg ?? 'sha256';
  if (!isHashAlg(alg)) throw new Error(`unknown audit hash algorithm "${String(alg)}"`);
  return db.tx(async (t) => {
    await t.run('INSERT INTO audit_seal (tenant, tree_size, last_hash, frontier, sealed_at) VALUES (?, 0, ?, NULL, 0) ON CONFLICT (tenant) DO NOTHING', [tenant, ZERO_HASH]);
    const lock = t.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const st = (await t.get<SealState>(`SELECT tree_size, last_hash, frontier, sealed_at FROM audit_seal WHERE tenant = ?${lock}`, [tenant])) as SealState;
    const head = await t.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE tenant = ?', [tenant]);
    const headSeq = Number(head?.seq ?? 0);
    if (!head || headSeq <= Number(st.tree_size)) return undefined;

    const saved = st.frontier ? MerkleFrontier.fromJSON(JSON.parse(st.frontier)) : undefined;
    const resume = saved && saved.alg === alg && saved.size === Number(st.tree_size);
    const tree = resume ? saved : new MerkleFrontier(alg); // algorithm changed: rebuild from entry 1
    const chain = new ChainCheck(tenant, resume ? { seq: tree.size, hash: st.last_hash } : undefined, { links: true });
    for await (const r of readEntries(t, tenant, tree.size, headSeq, { withEvent: false })) {
      const bad = chain.next(r);
      if (bad) throw new LedgerIntegrityError(bad.seq, `${bad.reason}; not sealing`);
      tree.push(leafHash(alg, Buffer.from(r.hash, 'hex')));
    }
    if (tree.size !== headSeq) throw new LedgerIntegrityError(tree.size + 1, `missing (head is ${headSeq}); not sealing`);
    if (chain.prev !== head.hash) throw new LedgerIntegrityError(headSeq, 'head hash does not match the entry; not sealing');

    const body = { tenant, treeSize: tree.size, root: tree.root().toString('hex'), alg, timestamp: opts.now ?? Date.now(), keyId: signer.keyId };
    const cp: Checkpoint = { ...body, signature: signer.sign(checkpointMessage(body)) };
    await t.run('INSERT INTO audit_checkpoint (tenant, tree_size, root, alg, created, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      tenant, cp.treeSize, cp.root, cp.alg, cp.timestamp, cp.keyId, cp.signature,
    ]);
    await t.run('INSERT INTO audit_key (key_id, public_pem, created) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING', [signer.keyId, signer.publicKeyPem, cp.timestamp]);
    await t.run('UPDATE audit_seal SET tree_size = ?, last_hash = ?, frontier = ?, sealed_at = ? WHERE tenant = ?', [
      tree.size, chain.prev, JSON.stringify(tree), cp.timestamp, tenant,
    ]);
    return cp;
  });
}

export interface SealPolicy extends SealOptions {
  /** seal once this many entries are unsealed (default 1000) */
  every?: number;
  /** or once the oldest unsealed entry may be this old (default 60) */
  seconds?: number;
  /** file path or http(s) URL that receives each new checkpoint */
  witness?: string;
}

export interface SealResult {
  checkpoint: Checkpoint;
  /** present when the policy names a witness; a failed export is reported, not thrown */
  witness?: ExportResult;
}

/** Seal when `every` entries are pending or `seconds` have passed since the last seal; else undefined. */
export async function sealIfDue(db: Db, tenant: string, signer: CheckpointSigner, policy: SealPolicy = {}): Promise<SealResult | undefined> {
  const now = policy.now ?? Date.now();
  const r = await db.get<{ seq: number; sealed: number | null; sealed_at: number | null }>(
    'SELECT h.seq AS seq, s.tree_size AS sealed, s.sealed_at AS sealed_at FROM audit_head h LEFT JOIN audit_seal s ON s.tenant = h.tenant WHERE h.tenant = ?',
    [tenant],
  );
  if (!r) return undefined;
  if (r.sealed === null) {
    // First look at this tenant: start its clock now rather than sealing a lone entry at once.
    await db.run('INSERT INTO audit_seal (tenant, tree_size, last_hash, frontier, sealed_at) VALUES (?, 0, ?, NULL, ?) ON CONFLICT (tenant) DO NOTHING', [tenant, ZERO_HASH, now]);
  }
  const pending = Number(r.seq) - Number(r.sealed ?? 0);
  const age = r.sealed === null ? 0 : now - Number(r.sealed_at);
  if (pending <= 0 || (pending < (policy.every ?? 1000) && age < (policy.seconds ?? 60) * 1000)) return undefined;
  const checkpoint = await seal(db, tenant, signer, { ...policy, now });
  if (!checkpoint) return undefined;
  return policy.witness ? { checkpoint, witness: await exportCheckpoint(checkpoint, policy.witness) } : { checkpoint };
}

/** Tenants with entries not yet covered by a checkpoint (for a periodic sealer). */
export async function unsealedTenants(db: Db): Promise<string[]> {
  const rows = await db.all<{ tenant: string }>(
    'SELECT h.tenant AS tenant FROM audit_head h LEFT JOIN audit_seal s ON s.tenant = h.tenant WHERE s.tenant IS NULL OR s.tree_size < h.seq',
  );
  return rows.map((r) => r.tenant);
}
