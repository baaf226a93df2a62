import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import type { Db } from './db.js';
import type { Store } from './open.js';

for (const d of testDatabases()) {
  describe(`insertWithNext on ${d.name}`, () => {
    let store: Store;
    let db: Db;
    const rows = async (table: string) => (await db.all<{ v: string }>(`SELECT v FROM ${table} ORDER BY v`)).map((r) => r.v);
    before(async () => {
      store = await d.open();
      db = store.db;
      await db.exec('CREATE TABLE iwn_a (v TEXT NOT NULL); CREATE TABLE iwn_b (v TEXT NOT NULL)');
    });
    after(async () => {
      await db.exec('DROP TABLE iwn_a; DROP TABLE iwn_b');
      await store?.close();
      await d.cleanup();
    });

    test('rows go with the next insertTables of the transaction, or before it commits; outside one, at once', async () => {
      await db.insertWithNext({ table: 'iwn_a', columns: ['v'], rows: [['now']] });
      assert.deepEqual(await rows('iwn_a'), ['now']);
      await db.tx(async (t) => {
        await t.insertWithNext({ table: 'iwn_a', columns: ['v'], rows: [['with-next-1'], ['with-next-2']] });
        await t.insertTables([{ table: 'iwn_b', columns: ['v'], rows: [['b1']] }]);
        assert.deepEqual((await t.all<{ v: string }>("SELECT v FROM iwn_a WHERE v LIKE 'with-next%' ORDER BY v")).map((r) => r.v), ['with-next-1', 'with-next-2'], 'inserted with the next rows');
        await t.insertWithNext({ table: 'iwn_a', columns: ['v'], rows: [['at-commit']] });
      });
      assert.deepEqual(await rows('iwn_a'), ['at-commit', 'now', 'with-next-1', 'with-next-2']);
      assert.deepEqual(await rows('iwn_b'), ['b1']);
    });

    test('a transaction that fails takes its rows with it', async () => {
      await assert.rejects(
        db.tx(async (t) => {
          await t.insertWithNext({ table: 'iwn_b', columns: ['v'], rows: [['lost-1']] });
          await t.insertTables([{ table: 'iwn_b', columns: ['v'], rows: [['lost-2']] }]);
          await t.insertWithNext({ table: 'iwn_b', columns: ['v'], rows: [['lost-3']] });
          throw new Error('abort');
        }),
        /abort/,
      );
      // a bad row fails the commit of the transaction it waited in
      await assert.rejects(db.tx(async (t) => {
        await t.insertTables([{ table: 'iwn_b', columns: ['v'], rows: [['lost-4']] }]);
        await t.insertWithNext({ table: 'iwn_b', columns: ['v'], rows: [[null]] });
      }));
      assert.deepEqual(await rows('iwn_b'), ['b1']);
    });
  });
}
