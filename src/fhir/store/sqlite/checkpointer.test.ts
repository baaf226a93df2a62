import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { SqliteDb } from './sqlite-db.js';

const size = (f: string) => statSync(f).size;

async function fill(db: SqliteDb, rows: number): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
  await db.tx(async (t) => t.insertMany('t', ['v'], Array.from({ length: rows }, (_, i) => [`${i}:${'x'.repeat(1000)}`])));
}

/** waits until `f` is at least `bytes` long (the background thread copied the WAL in), at most 5 s */
async function grows(f: string, bytes: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (size(f) >= bytes) return true;
    await sleep(50);
  }
  return false;
}

test('SQLite WAL pages reach the database file from the background thread, and close() stops it cleanly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-ckpt-'));
  try {
    const a = new SqliteDb(join(dir, 'a.db'));
    const b = new SqliteDb(join(dir, 'b.db'));
    // ~1.3 MB each: far below the writer's own threshold (40,000 pages), so only the background thread checkpoints
    await fill(a, 1200);
    await fill(b, 1200);
    assert.ok(size(join(dir, 'a.db')) < 100_000, 'committed pages start out in the WAL');
    assert.ok(await grows(join(dir, 'a.db'), 1_000_000), 'a.db checkpointed in the background');
    assert.ok(await grows(join(dir, 'b.db'), 1_000_000), 'b.db checkpointed in the background');
    await a.close();
    // the other file is still checkpointed after one closes
    await fill(b, 1200);
    assert.ok(await grows(join(dir, 'b.db'), 2_300_000), 'b.db checkpointed after a closed');
    await b.close();
    // after the last close a new file starts the thread again
    const c = new SqliteDb(join(dir, 'c.db'));
    await fill(c, 1200);
    assert.ok(await grows(join(dir, 'c.db'), 1_000_000), 'c.db checkpointed by a new thread');
    await c.close();
    for (const f of ['a', 'b', 'c']) {
      const check = new Database(join(dir, `${f}.db`), { readonly: true });
      const n = (check.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;
      check.close();
      assert.equal(n, f === 'b' ? 2400 : 1200, `${f}.db holds every row`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
