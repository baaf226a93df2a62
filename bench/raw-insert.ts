import Database from 'better-sqlite3';
import pg from 'pg';
import type { Db, SqlValue } from '../src/fhir/store/db.js';
import { parseDatabaseUrl } from '../src/fhir/store/db.js';
import { INDEX_TABLES } from '../src/fhir/store/index-rows.js';
import { openStore } from '../src/fhir/store/open.js';
import type { BenchDb } from './databases.js';

// The physical limit: the rows Huiyi wrote, inserted again with the plain driver and nothing else.

export interface Table {
  name: string;
  columns: string[];
  rows: SqlValue[][];
  /** index of the rid column, to put each row in its bundle's chunk */
  ridAt: number;
}

/** One transaction's worth of rows per table. */
export type Chunk = Map<string, SqlValue[][]>;

export const TABLES = ['resources', 'resource_history', ...INDEX_TABLES];

/** Every row of Huiyi's tables, in insertion order. */
export async function captureRows(db: Db): Promise<Table[]> {
  const out: Table[] = [];
  for (const name of TABLES) {
    const rows = await db.all<Record<string, SqlValue>>(`SELECT * FROM ${name} ORDER BY ${name === 'resource_history' ? 'hid' : 'rid'}`);
    const columns = rows.length ? Object.keys(rows[0]) : [];
    out.push({ name, columns, rows: rows.map((r) => columns.map((c) => r[c])), ridAt: columns.indexOf('rid') });
  }
  return out;
}

/**
 * Split the rows into the original bundles' transactions: with concurrency 1 each bundle's
 * resources got consecutive rids, so bundle i owns the next `sizes[i]` resources.
 */
export function chunkByBundle(tables: Table[], sizes: number[]): Chunk[] {
  const res = tables.find((t) => t.name === 'resources') as Table;
  const rids = res.rows.map((r) => Number(r[res.ridAt])).sort((a, b) => a - b);
  const last: number[] = []; // highest rid of each chunk
  let n = 0;
  for (const s of sizes) {
    n += s;
    if (n > 0 && n <= rids.length) last.push(rids[n - 1]);
  }
  if (!last.length || last[last.length - 1] < rids[rids.length - 1]) last.push(rids[rids.length - 1] ?? 0);
  const chunks: Chunk[] = last.map(() => new Map());
  for (const t of tables) {
    for (const row of t.rows) {
      const rid = Number(row[t.ridAt]);
      let lo = 0;
      let hi = last.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (last[mid] >= rid) hi = mid;
        else lo = mid + 1;
      }
      const c = chunks[lo];
      let rows = c.get(t.name);
      if (!rows) c.set(t.name, (rows = []));
      rows.push(row);
    }
  }
  return chunks;
}

/** Insert the chunks into the empty database `target` (schema made by migrate()); returns seconds spent. */
export async function rawInsert(target: BenchDb, tables: Table[], chunks: Chunk[]): Promise<number> {
  const store = await openStore(target.url); // creates the identical schema
  await store.close();
  const columns = new Map(tables.map((t) => [t.name, t.columns]));
  return target.kind === 'sqlite' ? sqliteInsert(target.where, columns, chunks) : postgresInsert(target.url, columns, chunks);
}

function sqliteInsert(path: string, columns: Map<string, string[]>, chunks: Chunk[]): number {
  const db = new Database(path);
  // the same settings Huiyi's adapter uses, so only the software on top differs
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -131072');
  db.pragma('temp_store = MEMORY');
  db.pragma('wal_autocheckpoint = 10000');
  const stmts = new Map(
    [...columns].filter(([, c]) => c.length).map(([t, c]) => [t, db.prepare(`INSERT INTO ${t} (${c.join(',')}) VALUES (${c.map(() => '?').join(',')})`)]),
  );
  const t0 = performance.now();
  for (const chunk of chunks) {
    db.exec('BEGIN IMMEDIATE');
    for (const [t, rows] of chunk) {
      const s = stmts.get(t) as Database.Statement;
      for (const r of rows) s.run(...r);
    }
    db.exec('COMMIT');
  }
  const secs = (performance.now() - t0) / 1000;
  db.close();
  return secs;
}

async function postgresInsert(url: string, columns: Map<string, string[]>, chunks: Chunk[]): Promise<number> {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const c = new pg.Client({ connectionString, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    const t0 = performance.now();
    for (const chunk of chunks) {
      await c.query('BEGIN');
      for (const [t, rows] of chunk) {
        const cols = columns.get(t) as string[];
        const per = Math.floor(60000 / cols.length); // 65535 parameters per statement at most
        for (let i = 0; i < rows.length; i += per) {
          const part = rows.slice(i, i + per);
          let n = 0;
          const values = part.map((r) => `(${r.map(() => `$${++n}`).join(',')})`).join(',');
          await c.query(`INSERT INTO ${t} (${cols.join(',')}) VALUES ${values}`, part.flat());
        }
      }
      await c.query('COMMIT');
    }
    return (performance.now() - t0) / 1000;
  } finally {
    await c.end();
  }
}
