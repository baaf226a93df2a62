import { parseDatabaseUrl, type Db } from './db.js';
import { SqliteDb } from './sqlite/sqlite-db.js';
import { PostgresDb } from './postgres/postgres-db.js';
import { migrate, type Migration } from './migrations.js';
import { SqlRepository } from './sql-repository.js';
import { InProcessBus, type EventBus } from '../events/bus.js';
import type { ContentCodec } from './content-codec.js';

export interface Store {
  db: Db;
  repo: SqlRepository;
  bus: EventBus;
  dialect: Db['dialect'];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** apply pending migrations (default true) */
  migrate?: boolean;
  bus?: EventBus;
  poolSize?: number;
  /** field encryption at rest (or another content transformation) */
  codec?: ContentCodec;
  /** schema migrations of modules around the core (security, domains), applied with the core's */
  migrations?: readonly Migration[];
}

/** Open the database named by a URL (sqlite:PATH or postgres://…[?schema=name]) and wire the repository. */
export async function openStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  const cfg = parseDatabaseUrl(url);
  const db: Db = cfg.dialect === 'sqlite' ? new SqliteDb(cfg.path as string) : new PostgresDb(cfg.connectionString as string, cfg.schema, opts.poolSize);
  try {
    if (opts.migrate !== false) await migrate(db, cfg.schema, opts.migrations);
  } catch (e) {
    await db.close();
    throw e;
  }
  const bus = opts.bus ?? new InProcessBus();
  const repo = new SqlRepository(db, bus, undefined, undefined, undefined, opts.codec);
  return {
    db,
    repo,
    bus,
    dialect: db.dialect,
    async close() {
      await bus.close();
      await db.close();
    },
  };
}
