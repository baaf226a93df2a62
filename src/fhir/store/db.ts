// The SQL port. Both adapters speak the same SQL written with `?` placeholders; the
// PostgreSQL adapter renumbers them. Values: text, numbers, null.

export type SqlValue = string | number | null;
export type Dialect = 'sqlite' | 'postgres';

export interface TableRows {
  table: string;
  columns: readonly string[];
  rows: readonly SqlValue[][];
}

/** Work that many transactions hand items to and that runs once for all of them, just before their COMMIT. */
export interface CommitBatch<T> {
  commit(db: Db, items: T[]): Promise<void>;
}

export interface Db {
  readonly dialect: Dialect;
  /** the database file (SQLite); absent in memory, on PostgreSQL and inside transactions */
  readonly file?: string;
  /** PostgreSQL: the server, database and schema, `host:port/database#schema` (no credentials); absent elsewhere and inside transactions */
  readonly location?: string;
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<number>; // rows changed
  /** refresh the query planner's statistics (after bulk loads) */
  analyze(): Promise<void>;
  /** several statements, no parameters (migrations) */
  exec(sql: string): Promise<void>;
  /** run fn inside one transaction; nested calls join the outer transaction */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** insert many rows of one table in as few round trips as possible */
  insertMany(table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void>;
  /** rows for several tables at once (PostgreSQL: one round trip per ~60k parameters) */
  insertTables(batches: readonly TableRows[]): Promise<void>;
  /**
   * Rows to insert with the transaction's next insertTables call, or before it commits if none comes
   * (PostgreSQL: in the same statement, no round trip of their own); outside a transaction, now. They
   * commit or roll back with the transaction.
   */
  insertWithNext(batch: TableRows): Promise<void>;
  /**
   * Hand `items` to `batch.commit`, which runs once, just before COMMIT, with the items of every transaction that
   * shares the commit (SQLite's group commit), in the order they were handed. Items of a transaction that rolls
   * back are dropped; if `commit` fails, the whole commit rolls back. Inside a transaction it resolves when handed
   * (the transaction's promise says when they committed); outside one, after a transaction of its own committed.
   */
  atCommit<T>(batch: CommitBatch<T>, items: readonly T[]): Promise<void>;
  close(): Promise<void>;
}

/** Split a database URL into dialect and adapter settings. */
export function parseDatabaseUrl(url: string): { dialect: Dialect; path?: string; connectionString?: string; schema?: string } {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new Error(`Database URL "${url}" has no file path (use sqlite:./data/huiyi.db or sqlite::memory:)`);
    return { dialect: 'sqlite', path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const u = new URL(url);
    const schema = u.searchParams.get('schema') ?? undefined;
    u.searchParams.delete('schema');
    if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
    return { dialect: 'postgres', connectionString: u.toString(), schema };
  }
  throw new Error(`Unsupported database URL "${url}": use sqlite:PATH or postgres://…`);
}
