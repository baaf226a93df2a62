import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../fhir/store/db.js';
import type { Store } from '../../fhir/store/open.js';
import { appendAtHead, appendPrepared, prepareEvent, type ChainHead } from './append.js';
import { auditEvent, ledgerDatabases } from './fixtures.test.js';
import { count, readOf, seqs, range } from './pipeline-fixtures.test.js';
import { AuditChainer } from './chainer.js';
import { enqueue } from './queue.js';
import { AuditWriter } from './writer.js';
import { verify } from './verify.js';

const prep = (from: number, n: number, patient?: string) => range(n, from).map((i) => prepareEvent(auditEvent(i, patient), Date.now()));
const head = async (db: Db, tenant: string): Promise<ChainHead | undefined> => {
  const r = await db.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE tenant = ?', [tenant]);
  return r && { seq: Number(r.seq), hash: r.hash };
};
const patientRowsOf = (db: Db, tenant: string) => count(db, 'SELECT COUNT(*) AS n FROM audit_patient WHERE tenant = ?', [tenant]);

for (const d of ledgerDatabases()) {
  describe(`append at a known head on ${d.name}`, () => {
    let store: Store;
    before(async () => {
      store = await d.openLedger();
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    if (d.name === 'sqlite') {
      test('is refused on SQLite (its one writer transaction appends)', async () => {
        await assert.rejects(appendAtHead(store.db, 'h0', prep(1, 1), { seq: 0, hash: '0'.repeat(64) }), /PostgreSQL/);
      });
    } else {
      test('appends at the current head in one statement; a stale head writes nothing', async () => {
        await appendPrepared(store.db, 'h1', prep(1, 3, 'p-a'));
        const h = (await head(store.db, 'h1')) as ChainHead;
        assert.equal(h.seq, 3);
        const entries = await appendAtHead(store.db, 'h1', prep(4, 5, 'p-b'), h);
        assert.deepEqual(entries?.map((e) => e.seq), [4, 5, 6, 7, 8]);
        assert.equal(entries?.[0].prevHash, h.hash);
        assert.deepEqual(await head(store.db, 'h1'), { seq: 8, hash: entries?.[4].hash });
        assert.equal(await patientRowsOf(store.db, 'h1'), 8, 'patients indexed with the entries');
        const v = await verify(store.db, 'h1');
        assert.deepEqual([v.ok, v.entries], [true, 8]);

        // the old head again (someone appended since): nothing moves, nothing is written
        assert.equal(await appendAtHead(store.db, 'h1', prep(9, 2, 'p-c'), h), undefined);
        // the right seq with another hash is stale too
        assert.equal(await appendAtHead(store.db, 'h1', prep(9, 2, 'p-c'), { seq: 8, hash: h.hash }), undefined);
        assert.deepEqual(await seqs(store.db, 'h1'), range(8));
        assert.equal(await patientRowsOf(store.db, 'h1'), 8);
        assert.equal((await head(store.db, 'h1'))?.seq, 8);
        // a tenant without a head row cannot be appended to blindly
        assert.equal(await appendAtHead(store.db, 'h1-new', prep(1, 1), { seq: 0, hash: '0'.repeat(64) }), undefined);
        assert.equal(await count(store.db, "SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = 'h1-new'"), 0);
      });

      test('a failing statement writes nothing (the head does not move without its rows)', async () => {
        await appendPrepared(store.db, 'h2', prep(1, 2));
        const h = (await head(store.db, 'h2')) as ChainHead;
        const bad = prep(3, 2);
        // an entry seq that already exists: the insert fails after the head row was updated in the same statement
        await store.db.run("INSERT INTO audit_ledger (tenant, seq, alg, prev_hash, hash, event) VALUES ('h2', 4, 'sha256', 'x', 'y', '{}')");
        await assert.rejects(appendAtHead(store.db, 'h2', bad, h));
        assert.deepEqual(await head(store.db, 'h2'), h);
        assert.equal(await count(store.db, "SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = 'h2' AND seq = 3"), 0);
      });
    }

    test('the writer keeps its chain whole when others append to the same tenant meanwhile', async () => {
      const tenant = 'h3';
      const w = new AuditWriter(store.db);
      const other = new AuditWriter(store.db); // another node
      const chainer = new AuditChainer(store.db, { intervalMs: 5 });
      chainer.start();
      try {
        const ids: string[] = [];
        const calls: Promise<void>[] = [];
        for (let round = 0; round < 20; round++) {
          for (let i = 0; i < 10; i++) {
            const a = readOf(`p${i % 3}`, round * 100 + i);
            const b = readOf(`p${i % 4}`, round * 100 + i + 50);
            ids.push(a.id as string, b.id as string);
            calls.push(w.record(tenant, [a]), other.record(tenant, [b]));
          }
          // a write's event, chained by the chainer from the queue
          const q = readOf('p9', round);
          ids.push(q.id as string);
          await enqueue(store.db, tenant, [q]);
          await new Promise((r) => setTimeout(r, round % 3));
        }
        await Promise.all(calls);
        await chainer.stop();
        const v = await verify(store.db, tenant);
        assert.deepEqual([v.ok, v.entries], [true, ids.length]);
        assert.deepEqual(await seqs(store.db, tenant), range(ids.length));
        const chained = (await store.db.all<{ event_id: string }>('SELECT event_id FROM audit_ledger WHERE tenant = ?', [tenant])).map((r) => r.event_id);
        assert.deepEqual(chained.sort(), [...ids].sort(), 'every event exactly once');
      } finally {
        await chainer.stop();
        await w.close();
        await other.close();
      }
    });

    test('a failed group rejects its calls only, and the next group chains on', async () => {
      const tenant = 'h4';
      let failNext = false;
      const flaky: Db = Object.assign(Object.create(store.db) as Db, {
        get: (sql: string, params?: readonly (string | number | null)[]) => {
          if (failNext && sql.startsWith('WITH h AS')) {
            failNext = false;
            return Promise.reject(new Error('connection lost'));
          }
          return store.db.get(sql, params);
        },
      });
      const w = new AuditWriter(flaky);
      await w.record(tenant, [readOf('p1', 1)]);
      await w.record(tenant, [readOf('p1', 2)]);
      failNext = d.name !== 'sqlite';
      const lost = w.record(tenant, [readOf('p1', 3)]);
      if (d.name === 'sqlite') await lost;
      else await assert.rejects(lost, /connection lost/);
      await w.record(tenant, [readOf('p1', 4)]);
      await w.close();
      const v = await verify(store.db, tenant);
      assert.deepEqual([v.ok, v.entries], [true, d.name === 'sqlite' ? 4 : 3]);
    });
  });
}
