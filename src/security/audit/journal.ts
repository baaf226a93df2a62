import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import type { Db, Dialect } from '../../fhir/store/db.js';
import { txt } from '../../fhir/store/sql-types.js';
import { appendByTenant, type PreparedEvent } from './append.js';
import { indexFromMeta, indexMeta } from './ledger-index.js';
import type { HashAlg } from './hash.js';

// The reads' journal: reads have no transaction, and a commit of their own per event-loop phase was most of what
// the ledger cost (ADR 0004, ninth and eleventh passes). Their events are appended to a file instead (next to a
// SQLite file; in the data directory for PostgreSQL), one write() per event-loop phase before its responses leave:
// as durable as a commit with SQLite's synchronous=NORMAL (in the operating system's cache when the process dies),
// or with `sync` (PostgreSQL) fdatasynced first, as its commits are. The chainer moves them into the chain in large
// batches and records how far it got in the same transaction, so every line is chained exactly once, also across
// crashes.
//
// File: a header line {"huiyi-audit-journal":"<uuid>"}, then one line per event: the tenant as a JSON string, its
// search columns as audit_queue.meta keeps them (indexMeta), and the stored text (compact.ts) as it is, tab-separated
// (JSON keeps all three free of raw tabs and newlines):
//   "tenant" TAB [event id, recorded, agent, subtype, action, [patient ids]] TAB stored text
// audit_journal keeps (uuid, byte offset chained up to). Once everything is chained the file is cut back to a new
// header with a new uuid (rotation), {"huiyi-audit-journal":"<uuid>","previous":"<old uuid>"}; the next chain
// transaction drops the old uuid's position (and no other: each server node on one PostgreSQL database has its own
// journal). A uuid without a recorded position means "from the header on".
// One process writes a journal (its apps share it, AuditJournal.open).

export const AUDIT_JOURNAL_MIGRATION = {
  version: 11,
  name: 'audit journal position',
  sql: (d: Dialect): string => `
CREATE TABLE audit_journal (
  journal ${txt(d)} NOT NULL PRIMARY KEY,
  pos BIGINT NOT NULL
);
`,
};

const HEADER_KEY = 'huiyi-audit-journal';
const NL = 0x0a;
const CHUNK = 1 << 20;

const open = new Map<string, { journal: AuditJournal; users: number }>();
const noop = () => undefined;

export interface JournalOptions {
  /** cut back to a new header once everything is chained and the file holds this many bytes (default 16 MB) */
  rotateBytes?: number;
  /**
   * fdatasync what is appended before the calls are answered (AuditWriter awaits synced()), and a new header at
   * once: as durable as a commit that waits for its flush (PostgreSQL's). Without it, as durable as SQLite's
   * synchronous=NORMAL.
   */
  sync?: boolean;
}

export class AuditJournal {
  /**
   * The journal at `path`, shared by every server of this process on that database (two apps on one file would
   * otherwise each track the file's end and cut the other's lines); release it with close().
   */
  static open(path: string, opts: JournalOptions = {}): AuditJournal {
    const key = resolve(path);
    let o = open.get(key);
    if (!o || o.journal.closed) open.set(key, (o = { journal: new AuditJournal(path, opts), users: 0 }));
    o.users++;
    return o.journal;
  }

  private fd: number;
  private id = '';
  private headerLen = 0;
  /** bytes in the file: only this object appends, so it knows */
  private size = 0;
  private closed = false;
  /** the uuid of the file this one replaced: its position row goes with the next chain transaction */
  private previous: string | undefined;
  /** where this object's last chain transaction ended (-1: not yet) */
  private chainedTo = -1;

  /** Opens (or creates) the journal at `path`; a line torn by a crash mid-write is cut off (it was never acknowledged). */
  constructor(
    readonly path: string,
    private readonly opts: JournalOptions = {},
  ) {
    this.fd = openSync(path, 'a+', 0o600);
    try {
      this.size = fstatSync(this.fd).size;
      if (this.size === 0) {
        this.startFile();
        return;
      }
      const first = this.readUpTo(0, Math.min(this.size, 4096));
      const nl = first.indexOf(NL);
      if (nl < 0 && this.size < 4096) {
        // a header torn by a crash while a new file was started: nothing after it was written
        ftruncateSync(this.fd, 0);
        this.size = 0;
        this.startFile();
        return;
      }
      const header = nl < 0 ? undefined : parseHeader(first.toString('utf8', 0, nl));
      if (!header) throw new Error(`${path} does not start with an audit journal header; move it away to start a new journal (its lines are not chained)`);
      this.id = header.id;
      this.previous = header.previous;
      this.headerLen = nl + 1;
      const last = this.readUpTo(this.size - 1, 1)[0];
      if (last !== NL) {
        const end = this.lastNewlineBefore(this.size);
        ftruncateSync(this.fd, end);
        this.size = end;
      }
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
  }

  /** Appends the events of one call; returns when the operating system has them. */
  append(tenant: string, events: readonly PreparedEvent[]): void {
    this.appendLines(this.linesOf(tenant, events));
  }

  /** The journal lines of one call's events; throws for events the journal cannot hold. */
  linesOf(tenant: string, events: readonly PreparedEvent[]): string {
    if (!tenant) throw new Error('audit record needs a tenant');
    const t = JSON.stringify(tenant);
    let s = '';
    for (const e of events) {
      if (e.stored.includes('\n')) throw new Error('an audit event text holds a raw newline (not canonical JSON)');
      s += `${t}\t${indexMeta(e.index)}\t${e.stored}\n`;
    }
    return s;
  }

  /** Appends lines made by linesOf (of one call or several) with one write: all of them, or if it fails none. */
  appendLines(lines: string): void {
    if (this.closed) throw new Error('the audit journal is closed');
    if (lines) this.write(Buffer.from(lines, 'utf8'));
  }

  /**
   * Chains up to `max` journal lines in one transaction of `db` (the database this journal belongs to) and records
   * the position in it; then, when everything written is chained and the file is large (or `rotate`), starts a
   * new file. Returns the lines chained and their tenants.
   */
  async chain(db: Db, opts: { alg?: HashAlg; max?: number; rotate?: boolean } = {}): Promise<{ n: number; tenants: string[] }> {
    const max = Math.max(1, opts.max ?? 1000);
    let done = { n: 0, tenants: [] as string[], end: this.size };
    // nothing written since: no transaction (the chainer asks every 200 ms)
    if (this.chainedTo !== this.size) await db.tx(async (t) => {
      // the position is read inside the transaction, so two chainers never chain a line twice
      const row = await t.get<{ pos: number }>('SELECT pos FROM audit_journal WHERE journal = ?', [this.id]);
      const start = row ? Number(row.pos) : this.headerLen;
      if (start > this.size) throw new Error(`audit journal ${this.path} is shorter (${this.size} bytes) than the position chained up to (${start}): it was cut outside Huiyi`);
      const { lines, end } = this.lines(start, max);
      done = { n: 0, tenants: [], end };
      if (!lines.length) return;
      const tenants = await appendByTenant(
        t,
        lines.map(({ text, at }) => {
          const { tenant, event } = parseLine(text, this.path, at);
          return { tenant, events: [event] };
        }),
        { alg: opts.alg },
      );
      // only this journal's own earlier file: other server nodes' journals keep their positions
      if (this.previous) await t.run('DELETE FROM audit_journal WHERE journal = ?', [this.previous]);
      await t.run('INSERT INTO audit_journal (journal, pos) VALUES (?, ?) ON CONFLICT (journal) DO UPDATE SET pos = excluded.pos', [this.id, end]);
      done = { n: lines.length, tenants, end };
    });
    this.chainedTo = done.end;
    // synchronous from the check to the new header: no append can come between
    if (!this.closed && done.end === this.size && this.size > this.headerLen && (opts.rotate || this.size >= (this.opts.rotateBytes ?? 16 << 20))) {
      ftruncateSync(this.fd, 0);
      this.size = 0;
      this.startFile(this.id);
      // the database now forgets the old uuid's position: a crash must not bring back the old, chained lines
      if (this.opts.sync) fdatasyncSync(this.fd);
      this.chainedTo = this.size;
    }
    return { n: done.n, tenants: done.tenants };
  }

  /** whether appends are answered only once fdatasynced (JournalOptions.sync) */
  get syncs(): boolean {
    return !!this.opts.sync;
  }

  private syncing: Promise<void> | undefined;
  private syncNext: Promise<void> | undefined;

  /**
   * Resolves once everything appended before the call is on disk: an fdatasync that starts after it. One runs at a
   * time; the callers while it runs share the next one.
   */
  synced(): Promise<void> {
    const running = this.syncing;
    if (!running) return this.startSync();
    this.syncNext ??= running.then(noop, noop).then(() => {
      this.syncNext = undefined;
      return this.startSync();
    });
    return this.syncNext;
  }

  private startSync(): Promise<void> {
    const p = new Promise<void>((res, rej) => {
      if (this.closed) rej(new Error('the audit journal is closed'));
      else fdatasync(this.fd, (e) => (e ? rej(e) : res()));
    }).finally(() => {
      if (this.syncing === p) this.syncing = undefined;
    });
    this.syncing = p;
    return p;
  }

  /** bytes written after the header (chained or not) */
  get length(): number {
    return this.size - this.headerLen;
  }

  close(): void {
    if (this.closed) return;
    const o = open.get(resolve(this.path));
    if (o?.journal === this && --o.users > 0) return;
    if (o?.journal === this) open.delete(resolve(this.path));
    this.closed = true;
    closeSync(this.fd);
  }

  private startFile(previous?: string): void {
    this.id = randomUUID();
    this.previous = previous;
    const header = `${JSON.stringify({ [HEADER_KEY]: this.id, ...(previous ? { previous } : {}) })}\n`;
    this.headerLen = Buffer.byteLength(header);
    this.write(Buffer.from(header, 'utf8'));
  }

  private write(buf: Buffer): void {
    let off = 0;
    try {
      while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    } catch (e) {
      // a partial line would join the next one: cut it off (nothing of this call was acknowledged)
      if (off > 0) {
        try {
          ftruncateSync(this.fd, this.size);
        } catch {
          // the torn tail is cut when the journal is opened next
        }
      }
      throw e;
    }
    this.size += buf.length;
  }

  private readUpTo(position: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  }

  private lastNewlineBefore(end: number): number {
    for (let to = end; to > this.headerLen; to -= CHUNK) {
      const from = Math.max(this.headerLen, to - CHUNK);
      const i = this.readUpTo(from, to - from).lastIndexOf(NL);
      if (i >= 0) return from + i + 1;
    }
    return this.headerLen;
  }

  /** up to `max` complete lines from byte `start`, each with its offset, and the offset after the last */
  private lines(start: number, max: number): { lines: { text: string; at: number }[]; end: number } {
    const lines: { text: string; at: number }[] = [];
    let pos = start;
    let want = CHUNK;
    while (lines.length < max && pos < this.size) {
      const buf = this.readUpTo(pos, Math.min(want, this.size - pos));
      let from = 0;
      for (let nl = buf.indexOf(NL); nl >= 0 && lines.length < max; nl = buf.indexOf(NL, from)) {
        lines.push({ text: buf.toString('utf8', from, nl), at: pos + from });
        from = nl + 1;
      }
      if (from === 0) {
        if (buf.length < want) break; // no complete line left
        want *= 2; // one line longer than a chunk
        continue;
      }
      pos += from;
      want = CHUNK;
    }
    return { lines, end: pos };
  }
}

/** the header's uuid, and the uuid of the file it replaced (whose position the next chain forgets) */
function parseHeader(line: string): { id: string; previous?: string } | undefined {
  try {
    const h = JSON.parse(line) as Record<string, unknown>;
    const id = h?.[HEADER_KEY];
    if (typeof id !== 'string' || !id) return undefined;
    return typeof h.previous === 'string' && h.previous ? { id, previous: h.previous } : { id };
  } catch {
    return undefined;
  }
}

/**
 * How many lines of the journal at `path` are not in `db`'s ledger yet (the server chains them when it starts), read
 * without opening the journal for writing; undefined when there is no journal there or it is not one. Lines of
 * every tenant; a torn last line (never acknowledged, cut off when the journal opens) does not count.
 */
export async function unchainedLines(db: Db, path: string): Promise<number | undefined> {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return undefined;
  }
  const nl = buf.indexOf(NL);
  const id = nl < 0 ? undefined : parseHeader(buf.toString('utf8', 0, nl))?.id;
  if (!id) return undefined;
  const row = await db.get<{ pos: number }>('SELECT pos FROM audit_journal WHERE journal = ?', [id]);
  let n = 0;
  for (let at = row ? Number(row.pos) : nl + 1; ; n++) {
    const next = buf.indexOf(NL, at);
    if (next < 0) return n;
    at = next + 1;
  }
}

/** A journal line as the chain takes it; throws, naming the line, on anything else (the chainer stops there). */
export function parseLine(text: string, path: string, at: number): { tenant: string; event: PreparedEvent } {
  const t1 = text.indexOf('\t');
  const t2 = t1 < 0 ? -1 : text.indexOf('\t', t1 + 1);
  let tenant: unknown;
  try {
    tenant = t2 < 0 ? undefined : JSON.parse(text.slice(0, t1));
  } catch {
    // reported below
  }
  const index = t2 < 0 ? undefined : indexFromMeta(text.slice(t1 + 1, t2));
  const stored = text.slice(t2 + 1);
  if (typeof tenant === 'string' && tenant && index && stored) return { tenant, event: { stored, index } };
  throw new Error(`audit journal ${path}: the line at byte ${at} is not an audit record; fix or remove it to resume chaining the journal`);
}
