import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDb } from './sqlite-db.js';

// Reads outside a transaction use the writer connection (its page cache survives its own commits); these pin
// down what that must never change: no read sees rows of a transaction that is still open or rolled back, and
// rows committed by another connection are seen at once.
test('SQLite reads: never uncommitted or rolled-back rows, always other connections\' commits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-reads-'));
  const db = new SqliteDb(join(dir, 'r.db'));
  try {
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const count = async () => Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM t'))?.n);

    let seenInside = -1;
    let seenByTx = -1;
    await db.tx(async (t) => {
      await t.run('INSERT INTO t (v) VALUES (?)', ['a']);
      // another request's read while this transaction is open (it yields to the event loop here)
      await new Promise((r) => setImmediate(r));
      seenInside = await count();
      seenByTx = Number((await t.get<{ n: number }>('SELECT COUNT(*) AS n FROM t'))?.n);
    });
    assert.equal(seenInside, 0, 'a read during an open transaction does not see its rows');
    assert.equal(seenByTx, 1, 'the transaction sees its own rows');
    assert.equal(await count(), 1, 'and everyone sees them after the commit');

    await assert.rejects(
      db.tx(async (t) => {
        await t.run('INSERT INTO t (v) VALUES (?)', ['b']);
        assert.equal(await count(), 1);
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.equal(await count(), 1, 'rolled-back rows are never seen');

    // a commit by another connection (the CLI, another process) is visible to the next read
    const other = new Database(join(dir, 'r.db'));
    other.prepare('INSERT INTO t (v) VALUES (?)').run('c');
    other.close();
    assert.equal(await count(), 2);
    assert.deepEqual((await db.all<{ v: string }>('SELECT v FROM t ORDER BY id')).map((r) => r.v), ['a', 'c']);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
