import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/fhir/store/open.js';

export const PG_URL = process.env.HUIYI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  name: 'sqlite' | 'postgres';
  url: string;
  open(): Promise<Store>;
  /** drop everything this database created */
  cleanup(): Promise<void>;
}

/** A fresh, isolated database of each kind: a temp SQLite file, and a PostgreSQL schema with a unique name. */
export function testDatabases(): TestDb[] {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-test-'));
  const schema = `huiyi_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const sep = PG_URL.includes('?') ? '&' : '?';
  return [
    {
      name: 'sqlite',
      url: `sqlite:${join(dir, 'test.db')}`,
      open() {
        return openStore(this.url);
      },
      async cleanup() {
        rmSync(dir, { recursive: true, force: true });
      },
    },
    {
      name: 'postgres',
      url: `${PG_URL}${sep}schema=${schema}`,
      open() {
        return openStore(this.url, { poolSize: 8 });
      },
      async cleanup() {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        try {
          await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await c.end();
        }
      },
    },
  ];
}
