import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../fhir/store/db.js';
import type { Store } from '../../fhir/store/open.js';
import { checkpointMessage } from './checkpoint.js';
import { appendMany, ledgerDatabases, tempKeys } from './fixtures.test.js';
import { entryHash } from './hash.js';
import { seal } from './seal.js';
import { verify, type VerifyOptions } from './verify.js';
import { exportCheckpoint, readWitnessFile } from './witness.js';
import { expandText } from './compact.js';

// Every test tampers with its own tenant through plain SQL, as someone who controls the database would.
// Layout of each tenant: entries 1..10, checkpoints at tree sizes 2 and 8.

for (const d of ledgerDatabases()) {
  describe(`audit ledger tampering on ${d.name}`, () => {
    let store: Store;
    let db: Db;
    const { dir, keys } = tempKeys();
    const witness = join(dir, 'witness.jsonl');
    let n = 0;
    before(async () => {
      store = await d.openLedger();
      db = store.db;
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    async function ledger(): Promise<string> {
      const tenant = `tamper-${++n}`;
      await appendMany(db, tenant, 2);
      await seal(db, tenant, keys);
      await appendMany(db, tenant, 6);
      const cp = await seal(db, tenant, keys);
      assert.ok(cp && (await exportCheckpoint(cp, witness)).ok);
      await appendMany(db, tenant, 2);
      assert.equal((await check(tenant)).ok, true);
      return tenant;
    }
    const check = (tenant: string, opts: VerifyOptions = {}) => verify(db, tenant, { keys: keys.publicKeys(), ...opts });
    async function firstBad(tenant: string, opts?: VerifyOptions): Promise<[number | undefined, string | undefined]> {
      const r = await check(tenant, opts);
      assert.equal(r.ok, false);
      return [r.firstBad?.seq, r.firstBad?.reason];
    }
    const row = (tenant: string, seq: number) =>
      db.get<{ prev_hash: string; hash: string; event: string }>('SELECT prev_hash, hash, event FROM audit_ledger WHERE tenant = ? AND seq = ?', [tenant, seq]);
    /** Recompute hashes from seq on, as an attacker who knows the algorithm would, and fix the head. */
    async function rehash(tenant: string, from: number): Promise<void> {
      let prev = from === 1 ? '0'.repeat(64) : ((await row(tenant, from - 1))?.hash as string);
      const rows = await db.all<{ seq: number; event: string }>('SELECT seq, event FROM audit_ledger WHERE tenant = ? AND seq >= ? ORDER BY seq', [tenant, from]);
      for (const r of rows) {
        const h = entryHash('sha256', tenant, Number(r.seq), prev, expandText(r.event));
        await db.run('UPDATE audit_ledger SET prev_hash = ?, hash = ? WHERE tenant = ? AND seq = ?', [prev, h, tenant, r.seq]);
        prev = h;
      }
      await db.run('UPDATE audit_head SET hash = ? WHERE tenant = ?', [prev, tenant]);
    }

    test('altered content', async () => {
      const t = await ledger();
      await db.run("UPDATE audit_ledger SET event = replace(event, 'Patient/', 'Group/') WHERE tenant = ? AND seq = 5", [t]);
      assert.deepEqual(await firstBad(t), [5, 'stored hash does not match the entry (content, seq or hash altered)']);
    });

    test('a token of the stored form altered: another fragment, or one that does not exist', async () => {
      const t = await ledger();
      const stored = (await row(t, 5))?.event as string;
      assert.ok(stored.includes('\u0001'), 'entries are stored compact');
      await db.run('UPDATE audit_ledger SET event = ? WHERE tenant = ? AND seq = 5', [stored.replace('\u0001U', '\u0001V'), t]);
      assert.deepEqual(await firstBad(t), [5, 'stored hash does not match the entry (content, seq or hash altered)']);
      await db.run('UPDATE audit_ledger SET event = ? WHERE tenant = ? AND seq = 5', [stored.replace('\u0001U', '\u0001~'), t]);
      assert.deepEqual(await firstBad(t), [5, 'stored hash does not match the entry (content, seq or hash altered)']);
      await db.run('UPDATE audit_ledger SET event = ? WHERE tenant = ? AND seq = 5', [stored, t]);
      assert.equal((await check(t)).ok, true, 'the original stored form verifies again');
    });

    test('altered hash', async () => {
      const t = await ledger();
      await db.run(`UPDATE audit_ledger SET hash = '${'ab'.repeat(32)}' WHERE tenant = ? AND seq = 4`, [t]);
      assert.equal((await firstBad(t))[0], 4);
    });

    test('deleted middle row', async () => {
      const t = await ledger();
      await db.run('DELETE FROM audit_ledger WHERE tenant = ? AND seq = 6', [t]);
      assert.deepEqual(await firstBad(t), [6, 'entry 6 is missing (the next row has seq 7)']);
    });

    test('two rows swapped', async () => {
      const t = await ledger();
      await db.run('UPDATE audit_ledger SET seq = -1 WHERE tenant = ? AND seq = 4', [t]);
      await db.run('UPDATE audit_ledger SET seq = 4 WHERE tenant = ? AND seq = 5', [t]);
      await db.run('UPDATE audit_ledger SET seq = 5 WHERE tenant = ? AND seq = -1', [t]);
      assert.equal((await firstBad(t))[0], 4);
    });

    test('forged row beyond the head', async () => {
      const t = await ledger();
      const last = await row(t, 10);
      const ev = '{"resourceType":"AuditEvent","action":"R"}';
      await db.run('INSERT INTO audit_ledger (tenant, seq, alg, prev_hash, hash, event) VALUES (?, 11, ?, ?, ?, ?)', [
        t, 'sha256', last?.hash as string, entryHash('sha256', t, 11, last?.hash as string, ev), ev,
      ]);
      assert.deepEqual(await firstBad(t), [11, 'entry 11 lies beyond the head (inserted row)']);
    });

    test('forged row inserted mid-chain (later rows renumbered)', async () => {
      const t = await ledger();
      await db.run('UPDATE audit_ledger SET seq = -(seq + 1) WHERE tenant = ? AND seq >= 9', [t]);
      await db.run('UPDATE audit_ledger SET seq = -seq WHERE tenant = ? AND seq < 0', [t]);
      const prev = (await row(t, 8))?.hash as string;
      const ev = '{"resourceType":"AuditEvent","action":"D"}';
      await db.run('INSERT INTO audit_ledger (tenant, seq, alg, prev_hash, hash, event) VALUES (?, 9, ?, ?, ?, ?)', [t, 'sha256', prev, entryHash('sha256', t, 9, prev, ev), ev]);
      await db.run('UPDATE audit_head SET seq = 11 WHERE tenant = ?', [t]);
      // The forged row links to 8 correctly; the break shows at the renumbered original entry 9.
      assert.equal((await firstBad(t))[0], 10);
    });

    test('tail deleted after the last checkpoint', async () => {
      const t = await ledger();
      await db.run('DELETE FROM audit_ledger WHERE tenant = ? AND seq > 8', [t]);
      assert.deepEqual(await firstBad(t), [9, 'entries 9..10 are missing (the head says 10)']);
    });

    test('tail truncated below a checkpoint, head moved back', async () => {
      const t = await ledger();
      await db.run('DELETE FROM audit_ledger WHERE tenant = ? AND seq > 6', [t]);
      await db.run('UPDATE audit_head SET seq = 6, hash = ? WHERE tenant = ?', [(await row(t, 6))?.hash as string, t]);
      assert.deepEqual(await firstBad(t), [7, 'chain ends at entry 6 but a checkpoint covers 8 entries (truncated)']);
    });

    test('truncated below a witnessed checkpoint, checkpoints deleted too: only the witness tells', async () => {
      const t = await ledger();
      await db.run('DELETE FROM audit_ledger WHERE tenant = ? AND seq > 5', [t]);
      await db.run('DELETE FROM audit_checkpoint WHERE tenant = ? AND tree_size > 5', [t]);
      await db.run('UPDATE audit_head SET seq = 5, hash = ? WHERE tenant = ?', [(await row(t, 5))?.hash as string, t]);
      assert.equal((await check(t)).ok, true, 'undetectable from the database alone');
      const w = readWitnessFile(witness);
      assert.deepEqual(await firstBad(t, { witness: w }), [6, 'chain ends at entry 5 but a witnessed checkpoint covers 8 entries (truncated)']);
    });

    test('rewritten chain with recomputed hashes gives a different root', async () => {
      const t = await ledger();
      await db.run("UPDATE audit_ledger SET event = replace(event, 'Patient/', 'Group/') WHERE tenant = ? AND seq = 5", [t]);
      await rehash(t, 5);
      const [seq, reason] = await firstBad(t);
      assert.equal(seq, 3, 'the first entry no longer vouched for: after the checkpoint at 2');
      assert.match(reason as string, /differs from the checkpoint at tree size 8/);
      // the same rewrite with the checkpoint deleted is caught by the witness
      await db.run('DELETE FROM audit_checkpoint WHERE tenant = ? AND tree_size = 8', [t]);
      assert.equal((await check(t)).ok, true);
      assert.match((await firstBad(t, { witness: readWitnessFile(witness) }))[1] as string, /witnessed checkpoint at tree size 8/);
    });

    test('forged checkpoint signature', async () => {
      const t = await ledger();
      const other = await db.get<{ signature: string }>('SELECT signature FROM audit_checkpoint WHERE tenant = ? AND tree_size = 2', [t]);
      await db.run('UPDATE audit_checkpoint SET signature = ? WHERE tenant = ? AND tree_size = 8', [other?.signature as string, t]);
      assert.deepEqual(await firstBad(t), [8, 'checkpoint at tree size 8 has a bad signature']);
    });

    test('checkpoint re-signed with a key the server never had', async () => {
      const t = await ledger();
      const evil = tempKeys();
      const cp = await db.get<{ root: string; created: number }>('SELECT root, created FROM audit_checkpoint WHERE tenant = ? AND tree_size = 8', [t]);
      const body = { tenant: t, treeSize: 8, root: cp?.root as string, alg: 'sha256' as const, timestamp: Number(cp?.created), keyId: evil.keys.keyId };
      await db.run('UPDATE audit_checkpoint SET key_id = ?, signature = ? WHERE tenant = ? AND tree_size = 8', [evil.keys.keyId, evil.keys.sign(checkpointMessage(body)), t]);
      await db.run('INSERT INTO audit_key (key_id, public_pem, created) VALUES (?, ?, 0)', [evil.keys.keyId, evil.keys.publicKeyPem]);
      assert.deepEqual(await firstBad(t), [8, `checkpoint at tree size 8 is signed by unknown key ${evil.keys.keyId}`]);
      assert.equal((await verify(db, t)).keysTrusted, false, 'with database keys only, the forgery passes: pass trusted keys');
      rmSync(evil.dir, { recursive: true, force: true });
    });

    test('altered checkpoint root', async () => {
      const t = await ledger();
      await db.run(`UPDATE audit_checkpoint SET root = '${'cd'.repeat(32)}' WHERE tenant = ? AND tree_size = 2`, [t]);
      assert.deepEqual(await firstBad(t), [2, 'checkpoint at tree size 2 has a bad signature']);
    });
  });
}
