import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from './canonical.js';
import { digest, entryHash, leafHash, nodeHash, ZERO_HASH, type HashAlg } from './hash.js';
import { auditPathRanges, MerkleFrontier, rootFromInclusionPath } from './merkle.js';

test('canonical JSON sorts keys at every depth and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: [{ z: true, y: null, x: undefined }], 中: '文', A: 'é' }), '{"A":"é","a":[{"y":null,"z":true}],"b":1,"中":"文"}');
  assert.equal(canonicalJson({ n: 1e21, f: 0.1, neg: -0 }), '{"f":0.1,"n":1e+21,"neg":0}');
  assert.equal(canonicalJson(JSON.parse(canonicalJson({ s: '\u2028\ud800"' }))), canonicalJson({ s: '\u2028\ud800"' }));
  assert.throws(() => canonicalJson({ x: NaN }));
});

test('SM3 and SHA-256 match their published test vectors', () => {
  assert.equal(digest('sm3', Buffer.from('abc')).toString('hex'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  assert.equal(digest('sha256', Buffer.from('abc')).toString('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('entry hashes bind algorithm, tenant, seq, prev hash and content', () => {
  const h = entryHash('sha256', 't', 1, ZERO_HASH, '{}');
  // = sha256(b'huiyi.audit.entry.v1\0sha256\0t\0' + (1).to_bytes(8, 'big') + bytes(32) + b'{}'), e.g. in Python
  assert.equal(h, '6da751c6ac609a270cc64a5adf6fa4d318a4b5595f5aeea3d847cddf43bcb5ab');
  assert.notEqual(entryHash('sm3', 't', 1, ZERO_HASH, '{}'), h);
  assert.notEqual(entryHash('sha256', 'u', 1, ZERO_HASH, '{}'), h);
  assert.notEqual(entryHash('sha256', 't', 2, ZERO_HASH, '{}'), h);
  assert.notEqual(entryHash('sha256', 't', 1, h, '{}'), h);
  assert.notEqual(entryHash('sha256', 't', 1, ZERO_HASH, '{ }'), h);
});

// RFC 6962 reference vectors (certificate-transparency test data).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

test('streaming Merkle roots match the RFC 6962 vectors', () => {
  const f = new MerkleFrontier('sha256');
  assert.equal(f.root().toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  LEAVES.forEach((l, i) => {
    f.push(leafHash('sha256', Buffer.from(l, 'hex')));
    assert.equal(f.root().toString('hex'), ROOTS[i], `tree size ${i + 1}`);
  });
  assert.equal(MerkleFrontier.fromJSON(JSON.parse(JSON.stringify(f))).root().toString('hex'), ROOTS[7]);
});

/** MTH straight from the RFC's recursive definition. */
function mth(alg: HashAlg, leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(alg, mth(alg, leaves.slice(0, k)), mth(alg, leaves.slice(k)));
}

test('audit paths verify for every leaf of trees up to 33 leaves, and fail when altered', () => {
  for (const alg of ['sha256', 'sm3'] as HashAlg[]) {
    for (let n = 1; n <= 33; n++) {
      const leaves = Array.from({ length: n }, (_, i) => leafHash(alg, Buffer.from([i])));
      const root = mth(alg, leaves);
      const f = new MerkleFrontier(alg);
      leaves.forEach((l) => f.push(l));
      assert.deepEqual(f.root(), root);
      for (let m = 0; m < n; m++) {
        const path = auditPathRanges(m, n).map(([lo, hi]) => mth(alg, leaves.slice(lo, hi)));
        assert.deepEqual(rootFromInclusionPath(alg, m, n, leaves[m], path), root, `n=${n} m=${m}`);
        if (n > 1) {
          assert.notDeepEqual(rootFromInclusionPath(alg, m, n, leaves[(m + 1) % n], path), root);
          assert.notDeepEqual(rootFromInclusionPath(alg, m, n, leaves[m], path.slice(1)), root);
          assert.equal(rootFromInclusionPath(alg, m, n, leaves[m], [...path, root]), undefined);
        }
      }
    }
  }
});

test('canonical JSON: the fast path agrees with the explicit writer, integer-like keys included', () => {
  assert.equal(canonicalJson({ 10: 'a', 9: 'b', b: { 2: 1, a: 0 } }), '{"10":"a","9":"b","b":{"2":1,"a":0}}');
  assert.throws(() => canonicalJson({ a: Number.NaN }), /not a JSON number/);
  assert.throws(() => canonicalJson({ a: [Infinity] }), /not a JSON number/);
  assert.equal(canonicalJson({ d: new Date(0), z: [undefined, () => 1] }), '{"d":"1970-01-01T00:00:00.000Z","z":[null,null]}');
});
