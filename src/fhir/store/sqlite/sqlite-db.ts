import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommitBatch, Db, SqlValue, TableRows } from '../db.js';
import { CommitItems } from '../commit-items.js';
import { Mutex } from '../mutex.js';
import { checkpointInBackground } from './checkpointer.js';

type Stmt = Database.Statement<unknown[], unknown>;

/**
 * Keep sqlite_stat1 but drop the sqlite_stat4 samples ANALYZE collects: with them SQLite re-plans
 * statements for each new bound value, which halved read throughput (measured: 0.060 → 0.027 ms per
 * read on the demo hospital) without better plans for our queries.
 */
function dropStat4(conn: Database.Database): void {
  const has = conn.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat4'").get();
  if (!has) return;
  conn.exec('DELETE FROM sqlite_stat4; ANALYZE sqlite_schema;');
}

/**
 * better-sqlite3 is synchronous; transactions are serialised by a mutex because the async
 * callback may yield between statements. Reads outside a transaction go to a second
 * connection (WAL lets it read the last committed state) so they never see uncommitted rows.
 */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly lock = new Mutex();
  private readonly cache = new Map<Database.Database, Map<string, Stmt>>();
  private readonly checkpointer?: { stop: () => Promise<void> };
  readonly file?: string;

  constructor(path: string) {
    const memory = path === ':memory:';
    if (!memory) this.file = path;
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    this.writer = new Database(path);
    this.writer.pragma('journal_mode = WAL');
    this.writer.pragma('synchronous = NORMAL');
    this.writer.pragma('busy_timeout = 5000');
    this.writer.pragma('foreign_keys = ON');
    // A large page cache keeps big transactions (bundles, imports) from spilling to disk mid-way.
    this.writer.pragma('cache_size = -131072');
    this.writer.pragma('temp_store = MEMORY');
    // checkpoints run on a background thread (checkpointer.ts); the writer does them only if that falls far behind
    this.writer.pragma(`wal_autocheckpoint = ${memory ? 10000 : 40000}`);
    if (!memory) this.checkpointer = checkpointInBackground(path);
    // refresh planner statistics where they are missing or stale (cheap when nothing changed)
    this.writer.pragma('optimize = 0x10002');
    dropStat4(this.writer);
    this.reader = memory ? this.writer : new Database(path, { readonly: false });
    if (!memory) {
      this.reader.pragma('busy_timeout = 5000');
    }
  }

  private stmt(conn: Database.Database, sql: string): Stmt {
    let m = this.cache.get(conn);
    if (!m) this.cache.set(conn, (m = new Map()));
    let s = m.get(sql);
    if (!s) {
      s = conn.prepare(sql);
      if (m.size > 2000) m.clear();
      m.set(sql, s);
    }
    return s;
  }

  // Reads go to the writer connection whenever it has no transaction open: in WAL mode any commit by another
  // connection empties a connection's whole page cache, so the reader started nearly every read with a cold
  // cache once commits were frequent, while the writer's cache survives its own commits. During a transaction
  // (its statements and awaits) reads take the reader, which never sees uncommitted rows. Both are synchronous
  // calls on this thread, so nothing can open a transaction between the check and the read.
  protected conn(): Database.Database {
    return this.writer.inTransaction ? this.reader : this.writer;
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.stmt(this.conn(), sql).all(...params) as T[];
  }
  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.stmt(this.conn(), sql).get(...params) as T | undefined;
  }
  // Writes outside tx() still take the lock, so they never land inside another caller's transaction.
  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.tx((db) => db.run(sql, params));
  }
  async exec(sql: string): Promise<void> {
    await this.lock.run(async () => this.writer.exec(sql));
  }
  async analyze(): Promise<void> {
    await this.lock.run(async () => {
      this.writer.exec('ANALYZE');
      dropStat4(this.writer);
    });
  }
  async insertMany(table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
    await this.tx((db) => db.insertMany(table, columns, rows));
  }
  async insertTables(batches: readonly TableRows[]): Promise<void> {
    await this.tx((db) => db.insertTables(batches));
  }
  async insertWithNext(batch: TableRows): Promise<void> {
    await this.insertTables([batch]);
  }
  async atCommit<T>(batch: CommitBatch<T>, items: readonly T[]): Promise<void> {
    await this.tx((db) => db.atCommit(batch, items));
  }

  /**
   * Group commit: transactions that arrive in the same event-loop phase, or while a group is running, are
   * queued and then run together, each inside its own SAVEPOINT (a failure rolls back only its own writes),
   * under one COMMIT. A commit writes every touched page, so sharing it between concurrent writers is what
   * makes many small writes cheap. Callers are answered only after the COMMIT.
   */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn: fn as (db: Db) => Promise<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (this.draining || this.scheduled) return;
      // After the current phase, not at once: under load one phase runs many sockets' handlers, and their
      // writes (and the audit ledger's read groups) then share a COMMIT instead of one each.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.drain();
      });
    });
  }

  private readonly queue: { fn: (db: Db) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private draining = false;
  private scheduled = false;

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 64);
        await this.lock.run(async () => {
          const inner = new SqliteTx(this.writer, (c, sql) => this.stmt(c, sql));
          const results: { ok: boolean; value: unknown }[] = [];
          // prepared once (exec would compile these statements for every transaction)
          const control = (sql: string) => this.stmt(this.writer, sql).run();
          try {
            control('BEGIN IMMEDIATE');
          } catch (e) {
            for (const b of batch) b.reject(e);
            return;
          }
          const atCommit = new CommitItems();
          for (const b of batch) {
            control('SAVEPOINT w');
            inner.handed = new CommitItems();
            try {
              results.push({ ok: true, value: await b.fn(inner) });
              control('RELEASE w');
              atCommit.take(inner.handed);
            } catch (e) {
              if (this.writer.inTransaction) {
                control('ROLLBACK TO w');
                control('RELEASE w');
              }
              results.push({ ok: false, value: e });
            }
          }
          inner.handed = atCommit;
          try {
            // a failure here leaves nothing of the group: the batches' work belongs to every member
            await atCommit.run(inner);
            if (this.writer.inTransaction) control('COMMIT');
          } catch (e) {
            if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
            // a member that failed on its own keeps its own error
            batch.forEach((b, i) => b.reject(results[i].ok ? e : results[i].value));
            return;
          } finally {
            inner.handed = undefined;
          }
          batch.forEach((b, i) => (results[i].ok ? b.resolve(results[i].value) : b.reject(results[i].value)));
        });
      }
    } finally {
      this.draining = false;
    }
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.lock.run(async () => {
      if (this.reader !== this.writer) this.reader.close();
      this.writer.pragma('optimize');
      dropStat4(this.writer);
      this.writer.close();
    });
  }
}

/** The view of the database inside a transaction: everything on the writer connection. */
class SqliteTx implements Db {
  readonly dialect = 'sqlite' as const;
  constructor(
    private readonly c: Database.Database,
    private readonly stmt: (c: Database.Database, sql: string) => Stmt,
  ) {}
  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.stmt(this.c, sql).all(...params) as T[];
  }
  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.stmt(this.c, sql).get(...params) as T | undefined;
  }
  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.stmt(this.c, sql).run(...params).changes;
  }
  async exec(sql: string): Promise<void> {
    this.c.exec(sql);
  }
  async insertMany(table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
    // multi-row statements of up to 64 rows: fewer statement executions per row
    const one = `(${columns.map(() => '?').join(',')})`;
    let i = 0;
    for (; i + 64 <= rows.length; i += 64) {
      const s = this.stmt(this.c, `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array(64).fill(one).join(',')}`);
      s.run(...rows.slice(i, i + 64).flat());
    }
    if (i < rows.length) {
      const s = this.stmt(this.c, `INSERT INTO ${table} (${columns.join(',')}) VALUES ${one}`);
      for (; i < rows.length; i++) s.run(...rows[i]);
    }
  }
  async insertTables(batches: readonly TableRows[]): Promise<void> {
    for (const b of batches) await this.insertMany(b.table, b.columns, b.rows);
  }
  // one writer, no round trips: nothing to gain by waiting
  async insertWithNext(batch: TableRows): Promise<void> {
    await this.insertMany(batch.table, batch.columns, batch.rows);
  }
  async analyze(): Promise<void> {
    this.c.exec('ANALYZE');
    dropStat4(this.c);
  }
  /** the items handed to commit batches by the member running now (then, at the commit, by all of them) */
  handed: CommitItems | undefined;
  async atCommit<T>(batch: CommitBatch<T>, items: readonly T[]): Promise<void> {
    if (!this.handed) throw new Error('atCommit outside the transaction it was handed to');
    this.handed.add(batch, items);
  }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }
  async close(): Promise<void> {}
}
