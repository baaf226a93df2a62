import pg from 'pg';
import type { CommitBatch, Db, SqlValue, TableRows } from '../db.js';
import { CommitItems } from '../commit-items.js';

// BIGINT (epoch ms, row ids) fits a JS number; parse it as one instead of a string.
pg.types.setTypeParser(20, (v) => Number(v));

/** Renumber `?` placeholders to `$1…` (our SQL never has `?` inside literals). */
function toPg(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

const cache = new Map<string, string>();
function pgSql(sql: string): string {
  let s = cache.get(sql);
  if (s === undefined) {
    s = toPg(sql);
    if (cache.size > 5000) cache.clear();
    cache.set(sql, s);
  }
  return s;
}

interface Queryable {
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}

class PgConn implements Db {
  readonly dialect = 'postgres' as const;
  /** rows of insertWithNext; undefined outside a transaction */
  pendingRows: TableRows[] | undefined;
  constructor(protected readonly q: Queryable) {}
  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.q.query(pgSql(sql), params as unknown[])).rows as T[];
  }
  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.q.query(pgSql(sql), params as unknown[])).rows[0] as T | undefined;
  }
  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.q.query(pgSql(sql), params as unknown[])).rowCount ?? 0;
  }
  async exec(sql: string): Promise<void> {
    await this.q.query(sql);
  }
  async analyze(): Promise<void> {
    await this.q.query('ANALYZE');
  }
  async insertMany(table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
    // One multi-row INSERT per chunk; PostgreSQL allows 65535 parameters per statement.
    const per = Math.max(1, Math.floor(60000 / columns.length));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const params: SqlValue[] = [];
      let n = 0;
      const values = chunk.map((r) => {
        params.push(...r);
        return `(${r.map(() => `$${++n}`).join(',')})`;
      });
      await this.q.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values.join(',')}`, params);
    }
  }
  /** Data-modifying CTEs put the inserts of many tables into one statement (one round trip). */
  async insertWithNext(batch: TableRows): Promise<void> {
    if (this.pendingRows) this.pendingRows.push(batch);
    else await this.insertTables([batch]);
  }
  async insertTables(given: readonly TableRows[]): Promise<void> {
    const batches = this.pendingRows?.length ? [...given, ...this.pendingRows.splice(0)] : given;
    const MAX = 60000;
    let parts: string[] = [];
    let params: SqlValue[] = [];
    const flush = async () => {
      if (!parts.length) return;
      const sql = parts.length === 1 ? parts[0] : `WITH ${parts.slice(0, -1).map((p, i) => `w${i} AS (${p})`).join(', ')} ${parts[parts.length - 1]}`;
      await this.q.query(sql, params);
      parts = [];
      params = [];
    };
    for (const b of batches) {
      const per = Math.max(1, Math.floor(MAX / b.columns.length));
      for (let i = 0; i < b.rows.length; i += per) {
        const chunk = b.rows.slice(i, i + per);
        if (params.length + chunk.length * b.columns.length > MAX) await flush();
        const values = chunk.map((r) => {
          const start = params.length;
          params.push(...r);
          return `(${r.map((_, k) => `$${start + k + 1}`).join(',')})`;
        });
        parts.push(`INSERT INTO ${b.table} (${b.columns.join(',')}) VALUES ${values.join(',')}`);
      }
    }
    await flush();
  }
  /** items for commit batches (Db.atCommit); undefined outside a transaction */
  handed: CommitItems | undefined;
  async atCommit<T>(batch: CommitBatch<T>, items: readonly T[]): Promise<void> {
    if (this.handed) this.handed.add(batch, items);
    else await this.tx((db) => db.atCommit(batch, items));
  }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }
  async close(): Promise<void> {}
}

export class PostgresDb extends PgConn {
  private readonly pool: pg.Pool;
  readonly location: string;
  constructor(connectionString: string, readonly schema: string = 'public', max = 20) {
    const pool = new pg.Pool({
      connectionString,
      max,
      options: `-c search_path=${schema}`,
    });
    super(pool);
    this.pool = pool;
    const u = new URL(connectionString);
    this.location = `${u.hostname}:${u.port || '5432'}${u.pathname}#${schema}`;
    // An idle client's network error must not crash the process.
    pool.on('error', () => undefined);
  }

  override async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const conn = new PgConn(client);
      conn.pendingRows = [];
      conn.handed = new CommitItems();
      const r = await fn(conn);
      await conn.handed.run(conn);
      if (conn.pendingRows.length) await conn.insertTables([]);
      await client.query('COMMIT');
      return r;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  override async close(): Promise<void> {
    await this.pool.end();
  }
}
