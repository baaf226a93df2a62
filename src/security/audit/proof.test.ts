import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Store } from '../../fhir/store/open.js';
import { appendMany, ledgerDatabases, tempKeys } from './fixtures.test.js';
import { prove } from './proof.js';
import { proofFromJson, proofToJson, verifyProof, type InclusionProof } from './proof-check.js';
import { seal } from './seal.js';

const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
const other = tempKeys(); // a key the server never used
after(() => rmSync(other.dir, { recursive: true, force: true }));

/** Every way of altering a proof; each must make it fail. */
const ALTERATIONS: [string, (p: InclusionProof) => void][] = [
  ['tenant', (p) => (p.tenant = 'other')],
  ['entry.seq', (p) => (p.entry.seq += 1)],
  ['entry.alg', (p) => (p.entry.alg = p.entry.alg === 'sm3' ? 'sha256' : 'sm3')],
  ['entry.prevHash', (p) => (p.entry.prevHash = flip(p.entry.prevHash))],
  ['entry.hash', (p) => (p.entry.hash = flip(p.entry.hash))],
  ['entry.event', (p) => (p.entry.event = p.entry.event.replace('"R"', '"D"'))],
  ['leafIndex', (p) => (p.leafIndex += 1)],
  ['leafHash', (p) => (p.leafHash = flip(p.leafHash))],
  ['auditPath[0]', (p) => (p.auditPath[0] = flip(p.auditPath[0]))],
  ['auditPath shortened', (p) => p.auditPath.pop()],
  ['auditPath reversed', (p) => p.auditPath.reverse()],
  ['treeSize', (p) => (p.treeSize += 1)],
  ['root', (p) => (p.root = flip(p.root))],
  ['checkpoint.tenant', (p) => (p.checkpoint.tenant = 'other')],
  ['checkpoint.treeSize', (p) => (p.checkpoint.treeSize += 1)],
  ['checkpoint.root', (p) => (p.checkpoint.root = flip(p.checkpoint.root))],
  ['checkpoint.alg', (p) => (p.checkpoint.alg = p.checkpoint.alg === 'sm3' ? 'sha256' : 'sm3')],
  ['checkpoint.timestamp', (p) => (p.checkpoint.timestamp += 1)],
  ['checkpoint.keyId', (p) => (p.checkpoint.keyId = flip(p.checkpoint.keyId))],
  ['checkpoint.signature', (p) => (p.checkpoint.signature = Buffer.from(p.checkpoint.signature, 'base64').reverse().toString('base64'))],
  ['publicKeyPem', (p) => (p.publicKeyPem = other.keys.publicKeyPem)],
];

for (const d of ledgerDatabases()) {
  describe(`audit inclusion proofs on ${d.name}`, () => {
    let store: Store;
    const { dir, keys } = tempKeys();
    before(async () => {
      store = await d.openLedger();
      await appendMany(store.db, 'pf', 7);
      await seal(store.db, 'pf', keys);
      await appendMany(store.db, 'pf', 6);
      await seal(store.db, 'pf', keys);
      await appendMany(store.db, 'pf', 2);
      await appendMany(store.db, 'gm', 11, 'sm3');
      await seal(store.db, 'gm', keys, { alg: 'sm3' });
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    test('every covered entry has a proof that verifies offline, after a JSON round trip', async () => {
      for (let seq = 1; seq <= 13; seq++) {
        const p = proofFromJson(proofToJson(await prove(store.db, 'pf', seq, { batch: 3 })));
        assert.equal(p.treeSize, 13, 'against the latest checkpoint');
        assert.deepEqual(verifyProof(p, { trusted: keys.publicKeys() }), { ok: true }, `seq ${seq}`);
      }
    });

    test('sm3 proofs verify', async () => {
      const p = await prove(store.db, 'gm', 6);
      assert.equal(p.checkpoint.alg, 'sm3');
      assert.deepEqual(verifyProof(p), { ok: true });
    });

    test('any altered field makes the proof fail', async () => {
      const good = proofToJson(await prove(store.db, 'pf', 5));
      for (const [what, alter] of ALTERATIONS) {
        const p = proofFromJson(good);
        alter(p);
        const r = verifyProof(p);
        assert.equal(r.ok, false, `altered ${what} still verifies`);
      }
      const untrusted = verifyProof(proofFromJson(good), { trusted: other.keys.publicKeys() });
      assert.deepEqual(untrusted.ok, false);
      assert.throws(() => proofFromJson('{"format":"x"}'), /not an audit inclusion proof/);
    });

    test('no proof for uncovered entries or a tampered ledger', async () => {
      await assert.rejects(prove(store.db, 'pf', 14), /not covered by a checkpoint/);
      await assert.rejects(prove(store.db, 'pf', 0), /not an entry number/);
      await store.db.run(`UPDATE audit_ledger SET hash = '${'ee'.repeat(32)}' WHERE tenant = 'gm' AND seq = 3`);
      await assert.rejects(prove(store.db, 'gm', 6), /no longer matches the checkpoint/);
    });
  });
}
