import type { Db, Dialect } from './db.js';
import { pk, txt, dbl } from './sql-types.js';

// Versioned schema. Never edit a released migration: append a new one.
// The JSON of every version, the current one included, lives only in resource_history;
// resources holds the current version number, so reads join on (rid, version).
// Search indexes are generic per value type (not per resource type), so a new
// SearchParameter needs rows, never DDL.

export interface Migration {
  version: number;
  name: string;
  sql: (d: Dialect) => string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'resources, history and search indexes',
    sql: (d) => {
      const T = txt(d);
      const R = dbl(d);
      return `
CREATE TABLE resources (
  rid ${pk(d)},
  tenant ${T} NOT NULL,
  type ${T} NOT NULL,
  id ${T} NOT NULL,
  version INTEGER NOT NULL,
  last_updated BIGINT NOT NULL,
  deleted SMALLINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX resources_key ON resources (tenant, type, id);
CREATE INDEX resources_type_lu ON resources (tenant, type, last_updated);
-- unfiltered type searches page in rid order
CREATE INDEX resources_type_rid ON resources (tenant, type, rid);

CREATE TABLE resource_history (
  hid ${pk(d)},
  rid BIGINT NOT NULL,
  tenant ${T} NOT NULL,
  type ${T} NOT NULL,
  id ${T} NOT NULL,
  version INTEGER NOT NULL,
  last_updated BIGINT NOT NULL,
  deleted SMALLINT NOT NULL DEFAULT 0,
  content TEXT
);
CREATE UNIQUE INDEX history_version ON resource_history (rid, version);
CREATE INDEX history_tenant_lu ON resource_history (tenant, last_updated);
CREATE INDEX history_type_lu ON resource_history (tenant, type, last_updated);

CREATE TABLE idx_string (tenant ${T} NOT NULL, p ${T} NOT NULL, rid BIGINT NOT NULL, value ${T} NOT NULL, exact ${T} NOT NULL);
CREATE INDEX idx_string_v ON idx_string (tenant, p, value, rid);
CREATE INDEX idx_string_r ON idx_string (rid, p);

CREATE TABLE idx_token (tenant ${T} NOT NULL, p ${T} NOT NULL, rid BIGINT NOT NULL, system ${T}, code ${T}, text ${T}, ot_system ${T}, ot_code ${T});
CREATE INDEX idx_token_v ON idx_token (tenant, p, code, system, rid);
CREATE INDEX idx_token_r ON idx_token (rid, p);

CREATE TABLE idx_reference (tenant ${T} NOT NULL, p ${T} NOT NULL, rid BIGINT NOT NULL, target_type ${T}, target_id ${T}, url ${T}, version ${T});
CREATE INDEX idx_reference_v ON idx_reference (tenant, p, target_id, target_type, rid);
CREATE INDEX idx_reference_u ON idx_reference (tenant, p, url, rid) WHERE url IS NOT NULL;
CREATE INDEX idx_reference_r ON idx_reference (rid, p);

CREATE TABLE idx_uri (tenant ${T} NOT NULL, p ${T} NOT NULL, rid BIGINT NOT NULL, value ${T} NOT NULL);
CREATE INDEX idx_uri_v ON idx_uri (tenant, p, value, rid);
CREATE INDEX idx_uri_r ON idx_uri (rid, p);

CREATE TABLE idx_date (tenant ${T} NOT NULL, p ${T} NOT NULL, rid BIGINT NOT NULL, lo BIGINT NOT NULL, hi BIGINT NOT NULL);
CREATE INDEX idx_date_v ON idx_date (tenant, p, lo, hi, rid);
CREATE INDEX idx_date_h ON idx_date (tenant, p, hi, lo, rid);
CREATE INDEX idx_date_r ON idx_date (rid, p);

CREATE TABLE idx_number (tenant ${T} NOT NULL, p ${T} NOT NULL, rid BIGINT NOT NULL, lo ${R} NOT NULL, hi ${R} NOT NULL);
CREATE INDEX idx_number_v ON idx_number (tenant, p, lo, hi, rid);
CREATE INDEX idx_number_r ON idx_number (rid, p);

CREATE TABLE idx_quantity (tenant ${T} NOT NULL, p ${T} NOT NULL, rid BIGINT NOT NULL, lo ${R} NOT NULL, hi ${R} NOT NULL, system ${T}, code ${T}, unit ${T});
CREATE INDEX idx_quantity_v ON idx_quantity (tenant, p, code, lo, rid);
CREATE INDEX idx_quantity_r ON idx_quantity (rid, p);

CREATE TABLE idx_composite (
  tenant ${T} NOT NULL, p ${T} NOT NULL, rid BIGINT NOT NULL,
  c1_s ${T}, c1_c ${T}, c1_lo ${R}, c1_hi ${R},
  c2_s ${T}, c2_c ${T}, c2_lo ${R}, c2_hi ${R},
  c3_s ${T}, c3_c ${T}, c3_lo ${R}, c3_hi ${R}
);
CREATE INDEX idx_composite_v ON idx_composite (tenant, p, c1_c, c1_s, rid);
CREATE INDEX idx_composite_r ON idx_composite (rid, p);

`;
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Apply pending migrations; returns the versions applied. Safe to run concurrently (PostgreSQL advisory lock). */
export async function migrate(db: Db, schema?: string, extra: readonly Migration[] = []): Promise<number[]> {
  if (db.dialect === 'postgres' && schema) await db.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  return ensureMigrations(db, [...MIGRATIONS, ...extra]);
}

/**
 * Apply those of `migrations` that schema_migrations does not record (a module's own tables, e.g. in
 * its tests, without the core's). A recorded version under another name is an error: renumber one.
 */
export async function ensureMigrations(db: Db, migrations: readonly Migration[]): Promise<number[]> {
  const all = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < all.length; i++) {
    if (all[i].version === all[i - 1].version) throw new Error(`two schema migrations claim version ${all[i].version}: "${all[i - 1].name}" and "${all[i].name}"`);
  }
  return db.tx(async (t) => {
    if (t.dialect === 'postgres') await t.exec('SELECT pg_advisory_xact_lock(7158243)');
    await t.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const done = new Map((await t.all<{ version: number; name: string }>('SELECT version, name FROM schema_migrations')).map((r) => [Number(r.version), r.name]));
    const applied: number[] = [];
    for (const m of all) {
      const name = done.get(m.version);
      if (name !== undefined) {
        if (name !== m.name) throw new Error(`schema migration ${m.version} is "${name}", not "${m.name}": renumber one of them`);
        continue;
      }
      await t.exec(m.sql(t.dialect));
      await t.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
      applied.push(m.version);
    }
    return applied;
  });
}

export async function currentVersion(db: Db): Promise<number> {
  try {
    const r = await db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    return Number(r?.v ?? 0);
  } catch {
    return 0;
  }
}
