import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import type { CommitBatch, Db } from './db.js';
import type { Store } from './open.js';

/** A batch that records each call's items and what the transaction held at that moment; it writes the items too. */
function recorder(opts: { fail?: (items: string[]) => boolean } = {}) {
  const calls: { items: string[]; seen: string[] }[] = [];
  const batch: CommitBatch<string> = {
    async commit(t, items) {
      const seen = (await t.all<{ v: string }>('SELECT v FROM atc_data ORDER BY v')).map((r) => r.v);
      calls.push({ items: [...items], seen });
      if (opts.fail?.(items)) throw new Error('batch failed');
      await t.insertMany('atc_batch', ['v'], items.map((v) => [v]));
    },
  };
  return { batch, calls };
}

for (const d of testDatabases()) {
  describe(`atCommit on ${d.name}`, () => {
    let store: Store;
    let db: Db;
    const rows = async (table: string) => (await db.all<{ v: string }>(`SELECT v FROM ${table} ORDER BY v`)).map((r) => r.v);
    const write = (v: string, items: string[], batch: CommitBatch<string>, opts: { throwAfter?: boolean } = {}) =>
      db.tx(async (t) => {
        await t.run('INSERT INTO atc_data (v) VALUES (?)', [v]);
        await t.atCommit(batch, items);
        if (opts.throwAfter) throw new Error(`${v} failed`);
        return v;
      });
    before(async () => {
      store = await d.open();
      db = store.db;
      await db.exec('CREATE TABLE atc_data (v TEXT NOT NULL); CREATE TABLE atc_batch (v TEXT NOT NULL)');
    });
    after(async () => {
      await db.exec('DROP TABLE atc_data; DROP TABLE atc_batch');
      await store?.close();
      await d.cleanup();
    });

    test('the batch runs before COMMIT with the items of the transactions that share it, in order, after their work', async () => {
      const r = recorder();
      assert.deepEqual(await Promise.all([write('a', ['a1', 'a2'], r.batch), write('b', [], r.batch), write('c', ['c1'], r.batch)]), ['a', 'b', 'c']);
      if (d.name === 'sqlite') {
        // one group commit: one call with every member's items
        assert.deepEqual(r.calls, [{ items: ['a1', 'a2', 'c1'], seen: ['a', 'b', 'c'] }]);
      } else {
        // a commit per transaction; one with no items calls nothing
        assert.deepEqual(r.calls.map((c) => c.items).sort(), [['a1', 'a2'], ['c1']]);
        for (const c of r.calls) assert.ok(c.seen.includes(c.items[0][0]), 'its own write is visible');
      }
      assert.deepEqual(await rows('atc_batch'), ['a1', 'a2', 'c1']);
      await db.run('DELETE FROM atc_data');
      await db.run('DELETE FROM atc_batch');
    });

    test('a transaction that fails takes its items with it; the others commit', async () => {
      const r = recorder();
      const [a, b, c] = await Promise.allSettled([write('a', ['a1'], r.batch), write('b', ['b1'], r.batch, { throwAfter: true }), write('c', ['c1'], r.batch)]);
      assert.equal(a.status, 'fulfilled');
      assert.equal(b.status, 'rejected');
      assert.match(String((b as PromiseRejectedResult).reason), /b failed/);
      assert.equal(c.status, 'fulfilled');
      assert.deepEqual(await rows('atc_data'), ['a', 'c']);
      assert.deepEqual(await rows('atc_batch'), ['a1', 'c1']);
      assert.ok(r.calls.every((call) => !call.items.includes('b1')), 'the failed one never reached the batch');
      await db.run('DELETE FROM atc_data');
      await db.run('DELETE FROM atc_batch');
    });

    test('a failing batch rolls back the transactions it ran for, nothing is half written', async () => {
      const r = recorder({ fail: (items) => items.includes('bad') });
      const results = await Promise.allSettled([write('a', ['a1'], r.batch), write('b', ['bad'], r.batch), write('x', ['x1'], r.batch, { throwAfter: true })]);
      assert.equal(results[1].status, 'rejected');
      assert.match(String((results[1] as PromiseRejectedResult).reason), /batch failed/);
      assert.match(String((results[2] as PromiseRejectedResult).reason), /x failed/, 'a member that failed on its own keeps its error');
      if (d.name === 'sqlite') {
        // they shared the commit: all fail, no row stays
        assert.deepEqual(results.map((x) => x.status), ['rejected', 'rejected', 'rejected']);
        assert.deepEqual(await rows('atc_data'), []);
      } else {
        assert.equal(results[0].status, 'fulfilled');
        assert.deepEqual(await rows('atc_data'), ['a']);
      }
      assert.ok(!(await rows('atc_batch')).includes('bad'));
      // the database goes on working
      assert.equal(await write('c', ['c1'], r.batch), 'c');
      assert.ok((await rows('atc_batch')).includes('c1'));
      await db.run('DELETE FROM atc_data');
      await db.run('DELETE FROM atc_batch');
    });

    test('outside a transaction it commits on its own; a batch may hand items to another while it runs', async () => {
      const second = recorder();
      const first: CommitBatch<string> = {
        async commit(t, items) {
          await t.insertMany('atc_batch', ['v'], items.map((v) => [v]));
          await t.atCommit(second.batch, items.map((v) => `${v}-then`));
        },
      };
      await db.atCommit(first, ['x']);
      assert.deepEqual(await rows('atc_batch'), ['x', 'x-then'], 'committed when the call resolved');
      assert.equal(second.calls.length, 1);
      await db.atCommit(first, []);
      assert.equal(second.calls.length, 1, 'no items, no call');
      await db.run('DELETE FROM atc_batch');
    });
  });
}
