import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../fhir/store/open.js';
import { append, appendAll } from './append.js';
import { LedgerIntegrityError } from './entries.js';
import { appendMany, auditEvent, ledgerDatabases, tempKeys } from './fixtures.test.js';
import { ensureAuditSchema } from './schema.js';
import { seal, sealIfDue, unsealedTenants } from './seal.js';
import { verify } from './verify.js';
import { expandText } from './compact.js';
import { mergePatientPostings } from './patient-postings.js';

for (const d of ledgerDatabases()) {
  describe(`audit ledger on ${d.name}`, () => {
    let store: Store;
    const { dir, keys } = tempKeys();
    before(async () => {
      store = await d.openLedger();
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the schema helper is idempotent', async () => {
      assert.equal(await ensureAuditSchema(store.db), false);
    });

    test('append and verify round trip; checkpoints are checked too', async () => {
      const entries = await appendMany(store.db, 'rt', 20);
      assert.deepEqual(entries.map((e) => e.seq), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.equal(entries[1].prevHash, entries[0].hash);
      assert.deepEqual(await verify(store.db, 'rt'), { ok: true, tenant: 'rt', entries: 20, checkpoints: 0, witnessed: 0, keysTrusted: false });
      const cp = await seal(store.db, 'rt', keys);
      assert.equal(cp?.treeSize, 20);
      assert.equal(await seal(store.db, 'rt', keys), undefined, 'nothing new to seal');
      await appendMany(store.db, 'rt', 7);
      assert.equal((await seal(store.db, 'rt', keys))?.treeSize, 27);
      await appendMany(store.db, 'rt', 3);
      const r = await verify(store.db, 'rt', { keys: keys.publicKeys(), batch: 4 });
      assert.deepEqual(r, { ok: true, tenant: 'rt', entries: 30, checkpoints: 2, witnessed: 0, keysTrusted: true });
      const stored = await store.db.get<{ event: string }>('SELECT event FROM audit_ledger WHERE tenant = ? AND seq = 1', ['rt']);
      assert.deepEqual(JSON.parse(expandText(stored?.event as string)), auditEvent(0));
    });

    test('sm3 and sha256 entries and checkpoints share one chain', async () => {
      await appendMany(store.db, 'gm', 5, 'sm3');
      const sm3 = await seal(store.db, 'gm', keys, { alg: 'sm3' });
      await appendMany(store.db, 'gm', 4, 'sha256');
      const sha = await seal(store.db, 'gm', keys, { alg: 'sha256' }); // algorithm change: rebuilt from entry 1
      await appendMany(store.db, 'gm', 2, 'sm3');
      const algs = await store.db.all<{ alg: string }>('SELECT alg FROM audit_ledger WHERE tenant = ? ORDER BY seq', ['gm']);
      assert.deepEqual(algs.map((a) => a.alg).join(','), 'sm3,sm3,sm3,sm3,sm3,sha256,sha256,sha256,sha256,sm3,sm3');
      assert.equal(sm3?.alg, 'sm3');
      assert.equal(sha?.treeSize, 9);
      assert.equal((await verify(store.db, 'gm', { keys: keys.publicKeys() })).checkpoints, 2);
      assert.equal((await verify(store.db, 'gm')).ok, true);
    });

    test("an entry commits with the caller's transaction and vanishes with its rollback", async () => {
      await store.db.tx(async (t) => {
        await t.run('INSERT INTO resources (tenant, type, id, version, last_updated) VALUES (?, ?, ?, 1, 0)', ['tx', 'Patient', 'kept']);
        await append(t, 'tx', auditEvent(1));
      });
      await assert.rejects(
        store.db.tx(async (t) => {
          await t.run('INSERT INTO resources (tenant, type, id, version, last_updated) VALUES (?, ?, ?, 1, 0)', ['tx', 'Patient', 'lost']);
          await append(t, 'tx', auditEvent(2));
          throw new Error('write failed');
        }),
        /write failed/,
      );
      const rows = await store.db.all<{ seq: number }>('SELECT seq FROM audit_ledger WHERE tenant = ?', ['tx']);
      assert.deepEqual(rows.map((r) => Number(r.seq)), [1]);
      assert.equal((await append(store.db, 'tx', auditEvent(3))).seq, 2, 'the rolled-back seq is reused: no gap');
      assert.equal((await verify(store.db, 'tx')).ok, true);
      const ids = await store.db.all<{ id: string }>('SELECT id FROM resources WHERE tenant = ?', ['tx']);
      assert.deepEqual(ids.map((r) => r.id), ['kept']);
    });

    test('50 parallel appends in separate transactions keep the chain gapless and valid', async () => {
      await Promise.all(Array.from({ length: 50 }, (_, i) => store.db.tx((t) => append(t, 'par', auditEvent(i)))));
      const seqs = await store.db.all<{ seq: number }>('SELECT seq FROM audit_ledger WHERE tenant = ? ORDER BY seq', ['par']);
      assert.deepEqual(seqs.map((r) => Number(r.seq)), Array.from({ length: 50 }, (_, i) => i + 1));
      assert.deepEqual((await verify(store.db, 'par')).ok, true);
      // and sealing concurrently with appends
      await Promise.all([...Array.from({ length: 20 }, (_, i) => append(store.db, 'par', auditEvent(i))), seal(store.db, 'par', keys), seal(store.db, 'par', keys)]);
      await seal(store.db, 'par', keys);
      const r = await verify(store.db, 'par', { keys: keys.publicKeys() });
      assert.equal(r.ok, true, r.firstBad?.reason);
      assert.equal(r.entries, 70);
    });

    test('appendAll appends a batch with one head update', async () => {
      await append(store.db, 'all', auditEvent(0));
      const batch = await store.db.tx((t) => appendAll(t, 'all', [1, 2, 3, 4].map((i) => auditEvent(i)), { alg: 'sm3' }));
      assert.deepEqual(batch.map((e) => e.seq), [2, 3, 4, 5]);
      assert.equal(batch[3].prevHash, batch[2].hash);
      assert.deepEqual(await appendAll(store.db, 'all', []), []);
      assert.equal((await append(store.db, 'all', auditEvent(5))).seq, 6);
      assert.equal((await verify(store.db, 'all')).entries, 6);
      // a batch too large for one PostgreSQL statement's parameters is inserted in chunks
      const big = await appendAll(store.db, 'all', Array.from({ length: 2600 }, (_, i) => auditEvent(10 + i)));
      assert.deepEqual([big[0].seq, big[2599].seq], [7, 2606]);
      const r = await verify(store.db, 'all');
      assert.deepEqual([r.ok, r.entries], [true, 2606]);
      await mergePatientPostings(store.db); // SQLite stages postings (patient-postings.ts)
      assert.equal(Number((await store.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_patient WHERE tenant = 'all'"))?.n), 2606);
    });

    test('verify during concurrent appends and seals raises no false alarm', async () => {
      await appendMany(store.db, 'live', 30);
      await seal(store.db, 'live', keys);
      const writers = (async () => {
        for (let i = 0; i < 40; i++) {
          await store.db.tx((t) => append(t, 'live', auditEvent(i)));
          if (i % 10 === 9) await seal(store.db, 'live', keys);
        }
      })();
      const checks = await Promise.all([0, 1, 2, 3].map(() => verify(store.db, 'live', { keys: keys.publicKeys(), batch: 7 })));
      await writers;
      for (const r of checks) assert.equal(r.ok, true, r.firstBad?.reason);
      assert.equal((await verify(store.db, 'live', { keys: keys.publicKeys() })).entries, 70);
    });

    test('tenants have separate chains', async () => {
      const a = await append(store.db, 'ten-a', auditEvent(1));
      const b = await append(store.db, 'ten-b', auditEvent(1));
      assert.equal(a.seq, 1);
      assert.equal(b.seq, 1);
      assert.notEqual(a.hash, b.hash, 'the tenant is part of the hash');
    });

    test('sealIfDue seals every N entries or after T seconds, and exports to the witness', async () => {
      const witness = join(dir, 'witness', 'cps.jsonl');
      const policy = { every: 5, seconds: 60, witness, now: 1_000_000 };
      await appendMany(store.db, 'due', 4);
      assert.equal(await sealIfDue(store.db, 'due', keys, policy), undefined);
      await appendMany(store.db, 'due', 1);
      const r = await sealIfDue(store.db, 'due', keys, policy);
      assert.equal(r?.checkpoint.treeSize, 5);
      assert.deepEqual(r?.witness, { ok: true, witness });
      await appendMany(store.db, 'due', 1);
      assert.equal(await sealIfDue(store.db, 'due', keys, { ...policy, now: 1_059_000 }), undefined);
      assert.deepEqual(await unsealedTenants(store.db).then((t) => t.includes('due')), true);
      assert.equal((await sealIfDue(store.db, 'due', keys, { ...policy, now: 1_061_000 }))?.checkpoint.treeSize, 6);
      const lines = readFileSync(witness, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => l.treeSize), [5, 6]);
    });

    test('key rotation: checkpoints name their key and all still verify', async () => {
      const k = tempKeys();
      await appendMany(store.db, 'rot', 3);
      const first = await seal(store.db, 'rot', k.keys);
      const old = k.keys.keyId;
      k.keys.rotate();
      await appendMany(store.db, 'rot', 3);
      const second = await seal(store.db, 'rot', k.keys);
      assert.equal(first?.keyId, old);
      assert.notEqual(second?.keyId, old);
      assert.deepEqual(await verify(store.db, 'rot', { keys: k.keys.publicKeys() }).then((r) => [r.ok, r.checkpoints]), [true, 2]);
      rmSync(k.dir, { recursive: true, force: true });
    });

    test('append rejects other resources; seal refuses to sign a broken chain; content altered before a seal stays detected', async () => {
      await assert.rejects(append(store.db, 'x', { resourceType: 'Patient' }), /AuditEvent/);
      await appendMany(store.db, 'brk', 3);
      await store.db.run("UPDATE audit_ledger SET prev_hash = ? WHERE tenant = 'brk' AND seq = 2", ['ab'.repeat(32)]);
      await assert.rejects(seal(store.db, 'brk', keys), (e: unknown) => e instanceof LedgerIntegrityError && e.seq === 2);
      await appendMany(store.db, 'gap', 3);
      await store.db.run("DELETE FROM audit_ledger WHERE tenant = 'gap' AND seq = 2");
      await assert.rejects(seal(store.db, 'gap', keys), (e: unknown) => e instanceof LedgerIntegrityError && e.seq === 2);
      // seal checks links, not contents (it signs the stored hashes): the altered entry no longer matches its hash
      await appendMany(store.db, 'alt', 3);
      await store.db.run("UPDATE audit_ledger SET event = '{}' WHERE tenant = 'alt' AND seq = 2");
      assert.equal((await seal(store.db, 'alt', keys))?.treeSize, 3);
      const r = await verify(store.db, 'alt', { keys: keys.publicKeys() });
      assert.equal(r.ok, false);
      assert.equal(r.firstBad?.seq, 2);
    });
  });
}
