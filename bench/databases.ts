import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kind } from './args.js';
import type { Store } from '../src/fhir/store/open.js';

export interface BenchDb {
  kind: Kind;
  url: string;
  /** SQLite file path or PostgreSQL schema */
  where: string;
  cleanup(): Promise<void>;
}

const live = new Set<BenchDb>();

/** A fresh, empty database: a temp SQLite file or a new PostgreSQL schema (dropped by cleanup). */
export function freshDb(kind: Kind, pgUrl: string, label: string): BenchDb {
  const tag = `${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  let db: BenchDb;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `huiyi-bench-${label}-`));
    const path = join(dir, 'bench.db');
    db = { kind, url: `sqlite:${path}`, where: path, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  } else {
    const schema = `huiyi_bench_${tag}`;
    const sep = pgUrl.includes('?') ? '&' : '?';
    db = { kind, url: `${pgUrl}${sep}schema=${schema}`, where: schema, cleanup: () => pgAdmin(pgUrl, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`) };
  }
  const cleanup = db.cleanup;
  db.cleanup = async () => {
    live.delete(db);
    await cleanup();
  };
  live.add(db);
  return db;
}

/** Drop every database still alive (on exit or Ctrl-C). */
export async function cleanupAll(): Promise<void> {
  for (const db of [...live]) await db.cleanup().catch((e: Error) => console.error(`cleanup of ${db.where} failed: ${e.message}`));
}

export async function pgAdmin(pgUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Fresh planner statistics, as autovacuum / a maintenance job would have them some minutes after a load. */
export async function analyze(store: Store): Promise<void> {
  await store.db.analyze();
}
