import { digest, nodeHash, type HashAlg } from './hash.js';

// RFC 6962 Merkle tree hashes, computed in one streaming pass with O(log n) memory.

/**
 * The compact frontier of a growing tree: the roots of its perfect subtrees, largest first
 * (one per set bit of size). Pushing a leaf merges equal-sized subtrees; the root folds them.
 */
export class MerkleFrontier {
  constructor(
    readonly alg: HashAlg,
    public size = 0,
    private readonly nodes: Buffer[] = [],
  ) {}

  push(leaf: Buffer): void {
    let h = leaf;
    for (let s = this.size; s & 1; s = Math.floor(s / 2)) h = nodeHash(this.alg, this.nodes.pop() as Buffer, h);
    this.nodes.push(h);
    this.size++;
  }

  /** MTH of the leaves pushed so far (the hash of the empty string for none). */
  root(): Buffer {
    if (!this.nodes.length) return digest(this.alg, Buffer.alloc(0));
    let r = this.nodes[this.nodes.length - 1];
    for (let i = this.nodes.length - 2; i >= 0; i--) r = nodeHash(this.alg, this.nodes[i], r);
    return r;
  }

  toJSON(): { alg: HashAlg; size: number; nodes: string[] } {
    return { alg: this.alg, size: this.size, nodes: this.nodes.map((n) => n.toString('hex')) };
  }

  static fromJSON(j: { alg: HashAlg; size: number; nodes: string[] }): MerkleFrontier {
    const f = new MerkleFrontier(j.alg, j.size, j.nodes.map((n) => Buffer.from(n, 'hex')));
    if (popcount(j.size) !== j.nodes.length) throw new Error('Merkle frontier does not match its size');
    return f;
  }
}

function popcount(n: number): number {
  let c = 0;
  for (; n > 0; n = Math.floor(n / 2)) c += n & 1;
  return c;
}

/** Largest power of two strictly below n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The leaf ranges [lo, hi) whose subtree roots form the RFC 6962 audit path of leaf m in a tree
 * of n leaves, from the leaf's sibling up to the root's child.
 */
export function auditPathRanges(m: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const k = split(hi - lo);
    if (m < lo + k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
    }
  }
  return out.reverse();
}

/** RFC 9162 §2.1.3.2: the root implied by a leaf hash, its index, tree size and audit path (undefined if malformed). */
export function rootFromInclusionPath(alg: HashAlg, leafIndex: number, treeSize: number, leaf: Buffer, path: Buffer[]): Buffer | undefined {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  const shr = (x: number) => Math.floor(x / 2);
  for (const p of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(alg, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = shr(fn);
          sn = shr(sn);
        }
      }
    } else {
      r = nodeHash(alg, r, p);
    }
    fn = shr(fn);
    sn = shr(sn);
  }
  return sn === 0 ? r : undefined;
}
