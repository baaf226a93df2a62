import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../fhir/store/db.js';
import type { Store } from '../../fhir/store/open.js';
import { count, pipelineDatabases, range, readOf, seqs } from './pipeline-fixtures.test.js';
import { AuditWriter } from './writer.js';
import { verify } from './verify.js';

/**
 * A Db that counts the writer's commits (a transaction, or on PostgreSQL one statement at a known head) and how
 * many of `tenant`'s entries each added; optionally slow, held open, or failing some.
 */
function instrumented(db: Db, tenant: string, opts: { delayMs?: number; hold?: (n: number) => Promise<void> | undefined; fail?: (n: number) => boolean } = {}) {
  const stats = { commits: 0, rows: [] as number[] };
  let chained = 0;
  const counted = async <T>(work: (n: number) => Promise<T>): Promise<T> => {
    const n = ++stats.commits;
    const r = await work(n);
    const now = await count(db, 'SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = ?', [tenant]);
    stats.rows.push(now - chained);
    chained = now;
    return r;
  };
  const gate = async (n: number) => {
    if (opts.delayMs) await sleep(opts.delayMs);
    await opts.hold?.(n);
    if (opts.fail?.(n)) throw new Error(`disk full (commit ${n})`);
  };
  const wrapped: Db = Object.assign(Object.create(db) as Db, {
    tx: <T>(fn: (t: Db) => Promise<T>): Promise<T> =>
      counted((n) =>
        db.tx(async (t) => {
          const r = await fn(t);
          await gate(n);
          return r;
        }),
      ),
    get: <T>(sql: string, params?: readonly (string | number | null)[]): Promise<T | undefined> =>
      sql.startsWith('WITH h AS')
        ? counted(async (n) => {
            await gate(n);
            return db.get<T>(sql, params);
          })
        : db.get<T>(sql, params),
  });
  return { db: wrapped, stats };
}

const chainedIds = async (db: Db, tenant: string) =>
  new Set((await db.all<{ event_id: string }>('SELECT event_id FROM audit_ledger WHERE tenant = ?', [tenant])).map((r) => r.event_id));

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

    test('calls of one tick share one commit', async () => {
      const { db, stats } = instrumented(store.db, 'gc1');
      const w = new AuditWriter(db);
      await Promise.all(Array.from({ length: 200 }, (_, i) => w.record('gc1', [readOf(`p${i % 5}`, i)])));
      assert.equal(stats.commits, 1);
      assert.deepEqual(stats.rows, [200]);
      const v = await verify(store.db, 'gc1');
      assert.deepEqual([v.ok, v.entries], [true, 200]);
      await w.close();
    });

    test('while a flush runs, new calls wait and commit together in the next', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const { db, stats } = instrumented(store.db, 'gc2', { hold: (n) => (n === 1 ? gate : undefined) });
      const w = new AuditWriter(db);
      const first = w.record('gc2', [readOf('p1', 0)]);
      const rest: Promise<void>[] = [];
      try {
        while (!stats.commits) await sleep(1); // the first flush is now committing
        for (let i = 0; i < 60; i++) {
          rest.push(w.record('gc2', [readOf('p2', i), readOf('p3', i)]));
          if (i % 10 === 0) await new Promise((r) => setImmediate(r));
        }
        await sleep(20);
        assert.equal(stats.commits, 1, 'nothing new starts while a flush runs');
      } finally {
        release();
      }
      await Promise.all([first, ...rest]);
      assert.deepEqual(stats.rows, [1, 120]);
      assert.equal(stats.commits, 2);
      await w.close();
    });

    test('maxBatch bounds a commit (a larger single call goes alone)', async () => {
      const { db, stats } = instrumented(store.db, 'mb');
      const w = new AuditWriter(db, { maxBatch: 50 });
      const calls = Array.from({ length: 120 }, (_, i) => w.record('mb', [readOf('p1', i)]));
      calls.push(w.record('mb', Array.from({ length: 70 }, (_, i) => readOf('p2', i))));
      await Promise.all(calls);
      assert.deepEqual(stats.rows, [50, 50, 20, 70]);
      assert.deepEqual(await seqs(store.db, 'mb'), range(190));
      await w.close();
    });

    test('a failed commit rejects its calls only; every resolved event is chained, the chain stays whole', async () => {
      const { db, stats } = instrumented(store.db, 'fail', { delayMs: 5, fail: (n) => n === 2 || n === 4 });
      const w = new AuditWriter(db);
      const outcome = new Map<string, Promise<boolean>>();
      for (let i = 0; i < 100; i++) {
        const e = readOf('p1', i);
        outcome.set(e.id as string, w.record('fail', [e]).then(() => true, () => false));
        if (i % 7 === 0) await sleep(2);
      }
      const settled = await Promise.all([...outcome].map(async ([id, p]) => [id, await p] as const));
      const chained = await chainedIds(store.db, 'fail');
      const ok = settled.filter(([, v]) => v).map(([id]) => id);
      const lost = settled.filter(([, v]) => !v).map(([id]) => id);
      assert.ok(stats.commits >= 4, `${stats.commits} commits`);
      assert.ok(lost.length > 0 && ok.length > 0);
      for (const id of ok) assert.ok(chained.has(id), `resolved ${id} is chained`);
      for (const id of lost) assert.ok(!chained.has(id), `rejected ${id} is not chained`);
      assert.equal(chained.size, ok.length);
      const v = await verify(store.db, 'fail');
      assert.deepEqual([v.ok, v.entries], [true, ok.length]);
      await w.close();
    });

    test("a tick's calls are appended in one commit, per tenant, in call order", async () => {
      const statements: string[] = [];
      let txs = 0;
      const counted: Db = Object.assign(Object.create(store.db) as Db, {
        get: (sql: string, params?: readonly (string | number | null)[]) => (statements.push(sql), store.db.get(sql, params)),
        tx: <T>(fn: (t: Db) => Promise<T>) => (txs++, store.db.tx(fn)),
      });
      const w = new AuditWriter(counted);
      const events = Array.from({ length: 60 }, (_, i) => readOf(`p${i % 4}`, i));
      await Promise.all(events.slice(0, 30).map((e, i) => w.record(i % 3 ? 'ch1' : 'ch2', [e])));
      // SQLite: one transaction for the group; PostgreSQL: one per tenant, which locks its head the first time
      assert.equal(txs, d.name === 'sqlite' ? 1 : 2);
      await Promise.all(events.slice(30).map((e, i) => w.record(i % 3 ? 'ch1' : 'ch2', [e])));
      if (d.name === 'sqlite') assert.equal(txs, 2);
      else {
        assert.equal(txs, 2, 'at the known heads: no transaction');
        assert.equal(statements.filter((s) => s.startsWith('WITH h AS')).length, 2, 'one statement per tenant');
      }
      const chained = async (t: string) => (await store.db.all<{ event_id: string }>('SELECT event_id FROM audit_ledger WHERE tenant = ? ORDER BY seq', [t])).map((r) => r.event_id);
      const of = (t: string) => events.filter((_, i) => ((i % 30) % 3 ? t === 'ch1' : t === 'ch2')).map((e) => e.id);
      assert.deepEqual(await chained('ch1'), of('ch1'));
      assert.deepEqual(await chained('ch2'), of('ch2'));
      assert.equal(await count(store.db, "SELECT COUNT(*) AS n FROM audit_queue WHERE tenant IN ('ch1', 'ch2')"), 0, 'nothing queued');
      const r = await verify(store.db, 'ch1');
      assert.deepEqual([r.ok, r.entries], [true, 40]);
      await w.close();
    });

    test('a bad event fails its own call; flush and close wait; closed writers refuse', async () => {
      const w = new AuditWriter(store.db);
      const good = w.record('cl', [readOf('p1', 1)]);
      await assert.rejects(w.record('cl', [{ resourceType: 'Patient', id: 'x' }]), /AuditEvent/);
      await assert.rejects(w.record('', [readOf('p1', 1)]), /tenant/);
      await w.flush();
      assert.equal(await count(store.db, 'SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = ?', ['cl']), 1);
      await good;
      const pending = Array.from({ length: 30 }, (_, i) => w.record('cl', [readOf('p2', i)]));
      await w.close();
      assert.equal(await count(store.db, 'SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = ?', ['cl']), 31, 'close flushed');
      await Promise.all(pending);
      await assert.rejects(w.record('cl', [readOf('p1', 2)]), /closed/);
      await w.record('cl', []).catch(() => undefined);
    });
  });
}
