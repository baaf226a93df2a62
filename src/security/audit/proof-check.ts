import { createPublicKey } from 'node:crypto';
import { checkpointSignatureProblem, parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { entryHash, isHashAlg, isHex32, leafHash, type HashAlg } from './hash.js';
import { keyIdOf, type PublicKeyring } from './keys.js';
import { rootFromInclusionPath } from './merkle.js';

// Offline side of inclusion proofs: no database, only the proof (and optionally trusted keys).

export interface InclusionProof {
  format: 'huiyi.audit.inclusion-proof.v1';
  tenant: string;
  entry: { seq: number; alg: HashAlg; prevHash: string; hash: string; /** canonical JSON, the exact hashed text */ event: string };
  leafIndex: number;
  leafHash: string;
  /** sibling subtree roots, leaf level first (RFC 6962 PATH) */
  auditPath: string[];
  treeSize: number;
  root: string;
  checkpoint: Checkpoint;
  publicKeyPem: string;
}

export type ProofCheck = { ok: true } | { ok: false; reason: string };

/**
 * Check a proof with no database. The proof carries its own public key; pass `trusted` (key id →
 * PEM, e.g. the server's published keys) to also require that the key is one you trust.
 */
export function verifyProof(p: InclusionProof, opts: { trusted?: PublicKeyring } = {}): ProofCheck {
  try {
    return check(p, opts.trusted);
  } catch (e) {
    return { ok: false, reason: `malformed proof: ${(e as Error).message}` };
  }
}

function check(p: InclusionProof, trusted: PublicKeyring | undefined): ProofCheck {
  const no = (reason: string): ProofCheck => ({ ok: false, reason });
  const e = p.entry;
  if (!Number.isSafeInteger(e.seq) || e.seq < 1) return no('malformed entry number');
  if (p.format !== 'huiyi.audit.inclusion-proof.v1') return no('unknown proof format');
  if (!isHashAlg(e.alg)) return no(`unknown entry hash algorithm "${e.alg}"`);
  if (!isHex32(e.prevHash) || !isHex32(e.hash) || !isHex32(p.leafHash) || !isHex32(p.root)) return no('malformed hash');
  if (!Array.isArray(p.auditPath) || !p.auditPath.every(isHex32)) return no('malformed audit path');
  if (entryHash(e.alg, p.tenant, e.seq, e.prevHash, e.event) !== e.hash) return no('entry hash does not match the entry');
  const cp = p.checkpoint;
  if (cp.tenant !== p.tenant || cp.treeSize !== p.treeSize || cp.root !== p.root) return no('proof does not match its checkpoint');
  if (p.leafIndex !== e.seq - 1) return no('leaf index does not match the entry');
  const alg = cp.alg;
  if (!isHashAlg(alg)) return no(`unknown checkpoint hash algorithm "${alg}"`);
  if (leafHash(alg, Buffer.from(e.hash, 'hex')).toString('hex') !== p.leafHash) return no('leaf hash does not match the entry');
  const root = rootFromInclusionPath(alg, p.leafIndex, p.treeSize, Buffer.from(p.leafHash, 'hex'), p.auditPath.map((h) => Buffer.from(h, 'hex')));
  if (!root || root.toString('hex') !== p.root) return no('audit path does not lead to the root');
  let id: string;
  try {
    id = keyIdOf(createPublicKey(p.publicKeyPem));
  } catch {
    return no('malformed public key');
  }
  if (id !== cp.keyId) return no('public key is not the one named by the checkpoint');
  if (trusted) {
    const pem = trusted.get(id);
    if (pem === undefined || keyIdOf(pem) !== id) return no(`key ${id} is not trusted`);
  }
  const sig = checkpointSignatureProblem(cp, new Map([[id, p.publicKeyPem]]));
  return sig ? no(sig) : { ok: true };
}

export function proofToJson(p: InclusionProof): string {
  return `${JSON.stringify(p, null, 2)}\n`;
}

/** Parse proof JSON, checking its shape (verifyProof then checks its content). */
export function proofFromJson(text: string): InclusionProof {
  const o = JSON.parse(text) as Record<string, any>;
  const e = o?.entry as Record<string, unknown> | undefined;
  const shaped =
    o !== null && typeof o === 'object' && o.format === 'huiyi.audit.inclusion-proof.v1' &&
    typeof o.tenant === 'string' && e !== null && typeof e === 'object' &&
    Number.isSafeInteger(e.seq) && typeof e.alg === 'string' && typeof e.prevHash === 'string' &&
    typeof e.hash === 'string' && typeof e.event === 'string' &&
    Number.isSafeInteger(o.leafIndex) && typeof o.leafHash === 'string' &&
    Array.isArray(o.auditPath) && o.auditPath.every((h: unknown) => typeof h === 'string') &&
    Number.isSafeInteger(o.treeSize) && typeof o.root === 'string' && typeof o.publicKeyPem === 'string';
  if (!shaped) throw new Error('not an audit inclusion proof');
  const { seq, alg, prevHash, hash, event } = e as InclusionProof['entry'];
  return {
    format: o.format,
    tenant: o.tenant,
    entry: { seq, alg, prevHash, hash, event },
    leafIndex: o.leafIndex,
    leafHash: o.leafHash,
    auditPath: [...o.auditPath],
    treeSize: o.treeSize,
    root: o.root,
    checkpoint: parseCheckpoint(o.checkpoint),
    publicKeyPem: o.publicKeyPem,
  };
}
