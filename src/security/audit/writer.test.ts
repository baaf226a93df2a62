import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../fhir/store/db.js';
import type { Store } from '../../fhir/store/open.js';
import { count, pipelineDatabases, readOf } from './pipeline-fixtures.test.js';
import { AuditWriter } from './writer.js';
import { verify } from './verify.js';
import { ledgerAtCommit } from './append.js';
import { prepareAll } from './queue.js';

/** A Db that counts transactions and the ledger rows each appends; optionally slow, held open, or failing some. */
function instrumented(db: Db, opts: { delayMs?: number; hold?: (n: number) => Promise<void> | undefined; fail?: (n: number) => boolean } = {}) {
  const stats = { tx: 0, rows: [] as number[] };
  const wrapped: Db = Object.assign(Object.create(db) as Db, {
    tx: async <T>(fn: (t: Db) => Promise<T>): Promise<T> => {
      const n = ++stats.tx;
      return db.tx(async (t) => {
        const before = await count(t, 'SELECT COUNT(*) AS n FROM audit_ledger');
        const r = await fn(t);
        stats.rows.push((await count(t, 'SELECT COUNT(*) AS n FROM audit_ledger')) - before);
        if (opts.delayMs) await sleep(opts.delayMs);
        await opts.hold?.(n);
        if (opts.fail?.(n)) throw new Error(`disk full (tx ${n})`);
        return r;
      });
    },
  });
  return { db: wrapped, stats };
}

const chainedIds = async (db: Db, tenant: string) =>
  new Set((await db.all<{ event_id: string }>('SELECT event_id FROM audit_ledger WHERE tenant = ?', [tenant])).map((r) => r.event_id));
const chainedCount = (db: Db, tenant: string) => count(db, 'SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = ?', [tenant]);

for (const d of pipelineDatabases()) {
  describe(`audit writer on ${d.name}`, () => {
    let store: Store;
    before(async () => {
      store = await d.openPipeline();
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('calls of one tick share one transaction', async () => {
      const { db, stats } = instrumented(store.db);
      const w = new AuditWriter(db);
      await Promise.all(Array.from({ length: 200 }, (_, i) => w.record('gc1', [readOf(`p${i % 5}`, i)])));
      assert.equal(stats.tx, 1);
      assert.deepEqual(stats.rows, [200]);
      assert.equal(await chainedCount(store.db, 'gc1'), 200);
      assert.equal(await count(store.db, 'SELECT COUNT(*) AS n FROM audit_queue WHERE tenant = ?', ['gc1']), 0, 'straight into the chain');
      assert.deepEqual([(await verify(store.db, 'gc1')).ok], [true]);
      await w.close();
    });

    test('while a flush runs, new calls wait and commit together in the next', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const { db, stats } = instrumented(store.db, { hold: (n) => (n === 1 ? gate : undefined) });
      const w = new AuditWriter(db);
      const first = w.record('gc2', [readOf('p1', 0)]);
      const rest: Promise<void>[] = [];
      try {
        while (!stats.rows.length) await sleep(1); // the first flush is now inside its transaction
        for (let i = 0; i < 60; i++) {
          rest.push(w.record('gc2', [readOf('p2', i), readOf('p3', i)]));
          if (i % 10 === 0) await new Promise((r) => setImmediate(r));
        }
        await sleep(20);
        assert.equal(stats.tx, 1, 'nothing new starts while a flush runs');
      } finally {
        release();
      }
      await Promise.all([first, ...rest]);
      assert.deepEqual(stats.rows, [1, 120]);
      assert.equal(stats.tx, 2);
      await w.close();
    });

    test('maxBatch bounds a transaction (a larger single call goes alone)', async () => {
      const { db, stats } = instrumented(store.db);
      const w = new AuditWriter(db, { maxBatch: 50 });
      const calls = Array.from({ length: 120 }, (_, i) => w.record('mb', [readOf('p1', i)]));
      calls.push(w.record('mb', Array.from({ length: 70 }, (_, i) => readOf('p2', i))));
      await Promise.all(calls);
      assert.deepEqual(stats.rows, [50, 50, 20, 70]);
      assert.equal(await chainedCount(store.db, 'mb'), 190);
      await w.close();
    });

    test('a failed transaction rejects its calls only; every resolved event is chained', async () => {
      const { db, stats } = instrumented(store.db, { delayMs: 5, fail: (n) => n === 2 || n === 4 });
      const w = new AuditWriter(db);
      const outcome = new Map<string, Promise<boolean>>();
      for (let i = 0; i < 100; i++) {
        const e = readOf('p1', i);
        outcome.set(e.id as string, w.record('fail', [e]).then(() => true, () => false));
        if (i % 7 === 0) await sleep(15); // longer than a group's transaction: several groups
      }
      const settled = await Promise.all([...outcome].map(async ([id, p]) => [id, await p] as const));
      const queued = await chainedIds(store.db, 'fail');
      const ok = settled.filter(([, v]) => v).map(([id]) => id);
      const lost = settled.filter(([, v]) => !v).map(([id]) => id);
      assert.ok(stats.tx >= 4, `${stats.tx} transactions`);
      assert.ok(lost.length > 0 && ok.length > 0);
      for (const id of ok) assert.ok(queued.has(id), `resolved ${id} is chained`);
      for (const id of lost) assert.ok(!queued.has(id), `rejected ${id} is not chained`);
      assert.equal(queued.size, ok.length);
      assert.equal((await verify(store.db, 'fail')).ok, true, 'failed groups leave no gap in the chain');
      await w.close();
    });

    test("commit mode: a tick's calls are appended to the chain in one transaction, per tenant, in call order", async () => {
      const { db, stats } = instrumented(store.db);
      const w = new AuditWriter(db, { atCommit: true });
      const events = Array.from({ length: 30 }, (_, i) => readOf(`p${i % 4}`, i));
      await Promise.all(events.map((e, i) => w.record(i % 3 ? 'ch1' : 'ch2', [e])));
      assert.equal(stats.tx, 1);
      const chained = async (t: string) => (await store.db.all<{ event_id: string }>('SELECT event_id FROM audit_ledger WHERE tenant = ? ORDER BY seq', [t])).map((r) => r.event_id);
      assert.deepEqual(await chained('ch1'), events.filter((_, i) => i % 3).map((e) => e.id));
      assert.deepEqual(await chained('ch2'), events.filter((_, i) => !(i % 3)).map((e) => e.id));
      assert.equal(await count(store.db, "SELECT COUNT(*) AS n FROM audit_queue WHERE tenant IN ('ch1', 'ch2')"), 0, 'nothing queued');
      const r = await verify(store.db, 'ch1');
      assert.deepEqual([r.ok, r.entries], [true, 20]);
      await w.close();
    });

    test("commit mode: reads' events commit with the writes' events next to them; a failed write takes only its own", async () => {
      const w = new AuditWriter(store.db, { atCommit: true });
      const [r1, r2, w1, w2] = [readOf('p1', 1), readOf('p2', 2), readOf('p3', 3), readOf('p4', 4)];
      const write = (e: typeof w1, fail: boolean) =>
        store.db.tx(async (t) => {
          // a write's events may be made at the commit (a function), or handed made
          await t.atCommit(ledgerAtCommit(), [{ tenant: 'mix', events: fail ? prepareAll('mix', [e], Date.now()) : () => prepareAll('mix', [e], Date.now()) }]);
          if (fail) throw new Error('write failed');
        });
      const settled = await Promise.allSettled([w.record('mix', [r1]), write(w1, false), write(w2, true), w.record('mix', [r2])]);
      assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const chained = (await store.db.all<{ event_id: string }>('SELECT event_id FROM audit_ledger WHERE tenant = ? ORDER BY seq', ['mix'])).map((r) => r.event_id);
      assert.deepEqual([...chained].sort(), [r1.id, r2.id, w1.id].sort());
      if (d.name === 'sqlite') assert.deepEqual(chained, [r1.id, r2.id, w1.id], 'one commit, in the order handed');
      const r = await verify(store.db, 'mix');
      assert.deepEqual([r.ok, r.entries], [true, 3]);
      await w.close();
    });

    for (const atCommit of [false, true]) {
      test(`${atCommit ? 'commit mode' : 'group mode'}: events are built when their group is taken; a build that throws fails its call alone`, async () => {
        const { db, stats } = instrumented(store.db);
        const w = new AuditWriter(db, { atCommit });
        const tenant = `lb${atCommit ? 1 : 0}`;
        const reads = Array.from({ length: 10 }, (_, i) => readOf(`p${i % 3}`, i));
        let built = 0;
        const calls = reads.map((e, i) =>
          w.recordLater(tenant, () => {
            built++;
            if (i === 4) throw new Error('cannot render');
            return prepareAll(tenant, [e], Date.now());
          }),
        );
        assert.equal(built, 0, 'not built by the call');
        const settled = await Promise.allSettled(calls);
        assert.deepEqual(settled.map((r) => r.status).map((st, i) => (st === 'rejected' ? i : -1)).filter((i) => i >= 0), [4]);
        assert.equal(built, 10);
        assert.equal(stats.tx, 1);
        const chained = (await store.db.all<{ event_id: string }>('SELECT event_id FROM audit_ledger WHERE tenant = ? ORDER BY seq', [tenant])).map((r) => r.event_id);
        assert.deepEqual(chained, reads.filter((_, i) => i !== 4).map((e) => e.id));
        await w.close();
      });
    }

    test('a bad event fails its own call; flush and close wait; closed writers refuse', async () => {
      const w = new AuditWriter(store.db);
      const good = w.record('cl', [readOf('p1', 1)]);
      await assert.rejects(w.record('cl', [{ resourceType: 'Patient', id: 'x' }]), /AuditEvent/);
      await assert.rejects(w.record('', [readOf('p1', 1)]), /tenant/);
      await w.flush();
      assert.equal(await chainedCount(store.db, 'cl'), 1);
      await good;
      const pending = Array.from({ length: 30 }, (_, i) => w.record('cl', [readOf('p2', i)]));
      await w.close();
      assert.equal(await chainedCount(store.db, 'cl'), 31, 'close flushed');
      await Promise.all(pending);
      await assert.rejects(w.record('cl', [readOf('p1', 2)]), /closed/);
      await w.record('cl', []).catch(() => undefined);
    });
  });
}
