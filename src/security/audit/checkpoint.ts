import { createPublicKey, verify as verifySignature } from 'node:crypto';
import type { Db } from '../../fhir/store/db.js';
import { canonicalJson } from './canonical.js';
import { isHashAlg, isHex32, type HashAlg } from './hash.js';
import { keyIdOf, type PublicKeyring } from './keys.js';

/** A signed statement: "tenant's ledger had treeSize entries with this Merkle root". */
export interface Checkpoint {
  tenant: string;
  treeSize: number;
  /** RFC 6962 root over the entry hashes 1..treeSize, hex */
  root: string;
  alg: HashAlg;
  /** epoch ms */
  timestamp: number;
  keyId: string;
  /** Ed25519 over checkpointMessage(), base64 */
  signature: string;
}

/** The signed bytes: canonical JSON with a type tag so the signature cannot be reused for anything else. */
export function checkpointMessage(cp: Omit<Checkpoint, 'signature'>): Buffer {
  const { tenant, treeSize, root, alg, timestamp, keyId } = cp;
  return Buffer.from(canonicalJson({ type: 'huiyi.audit.checkpoint.v1', tenant, treeSize, root, alg, timestamp, keyId }));
}

/** Why the signature does not hold (undefined when it does). */
export function checkpointSignatureProblem(cp: Checkpoint, keys: PublicKeyring): string | undefined {
  const pem = keys.get(cp.keyId);
  if (!pem) return `checkpoint at tree size ${cp.treeSize} is signed by unknown key ${cp.keyId}`;
  try {
    const key = createPublicKey(pem);
    if (keyIdOf(key) !== cp.keyId) return `public key filed under ${cp.keyId} has another fingerprint`;
    if (verifySignature(null, checkpointMessage(cp), key, Buffer.from(cp.signature, 'base64'))) return undefined;
  } catch {
    // malformed key or signature: reported below like any bad signature
  }
  return `checkpoint at tree size ${cp.treeSize} has a bad signature`;
}

/** Validate the shape of a checkpoint read from JSON (witness files, proofs). */
export function parseCheckpoint(x: unknown): Checkpoint {
  const o = x as Record<string, unknown>;
  const ok =
    o !== null && typeof o === 'object' &&
    typeof o.tenant === 'string' &&
    Number.isSafeInteger(o.treeSize) && (o.treeSize as number) > 0 &&
    isHex32(o.root) && isHashAlg(o.alg) &&
    Number.isSafeInteger(o.timestamp) &&
    typeof o.keyId === 'string' && typeof o.signature === 'string';
  if (!ok) throw new Error('not a ledger checkpoint');
  const { tenant, treeSize, root, alg, timestamp, keyId, signature } = o as unknown as Checkpoint;
  return { tenant, treeSize, root, alg, timestamp, keyId, signature };
}

export interface CheckpointRow {
  tree_size: number;
  root: string;
  alg: string;
  created: number;
  key_id: string;
  signature: string;
}

export const CHECKPOINT_COLUMNS = 'tree_size, root, alg, created, key_id, signature';

export function rowToCheckpoint(tenant: string, r: CheckpointRow): Checkpoint {
  return { tenant, treeSize: Number(r.tree_size), root: r.root, alg: r.alg as HashAlg, timestamp: Number(r.created), keyId: r.key_id, signature: r.signature };
}

/** Public keys recorded in the database: convenient, but only as trustworthy as the database. */
export async function databaseKeys(db: Db): Promise<Map<string, string>> {
  const rows = await db.all<{ key_id: string; public_pem: string }>('SELECT key_id, public_pem FROM audit_key');
  return new Map(rows.map((r) => [r.key_id, r.public_pem]));
}
