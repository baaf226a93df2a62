import { eventId } from './event-id.js';
import { badRequest, notFound } from '../../fhir/errors.js';
import { parseSearchDate, splitPrefix } from '../../fhir/search/values.js';
import type { Db, Dialect, SqlValue } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { patientIdOf } from './events.js';
import { enqueue } from './queue.js';
import { expandText, needles } from './compact.js';
import { recordedMs } from './ledger-index.js';
import { mergePatientPostings } from './patient-postings.js';

export interface AuditSearchResult {
  matches: Resource[];
  /** when asked (_total=accurate, _count=0) or known for free (a single page) */
  total?: number;
  /** the _cursor value of the next page */
  nextCursor?: string;
}

export interface AuditAccess {
  /** only events naming one of these patients; [] = none; absent = unrestricted */
  patients?: readonly string[];
  /** only events that name a patient (clinicians see who accessed records, not the security trail) */
  patientEventsOnly?: boolean;
}

// Conditions name ledger columns as l.* and the sort columns (recorded, seq) as D.*: D is the table that
// drives the query, audit_patient when a patient is asked for (its key is in date order), else the ledger.
interface Cond {
  sql: string;
  params: SqlValue[];
}

const SUPPORTED = ['patient', 'agent', 'entity', 'date', 'subtype', 'action', '_id', '_count', '_sort', '_cursor', '_total'];
/** applied by the REST layer to the resources we return */
const IGNORED = new Set(['_summary', '_elements', '_format', '_pretty']);
const MAX_COUNT = 1000;
const REF = /^(?:.*\/)?([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * FHIR read/search/create of AuditEvent served from the ledger (its search columns, audit_patient for
 * patients), so the platform can route the AuditEvent type here. No update or
 * delete: the ledger is append-only.
 */
export class AuditEventStore {
  constructor(
    private readonly db: Db,
    private readonly opts: {
      /** brings queued events into the ledger before a read (the platform passes chainer.drain) */
      before?: () => Promise<unknown>;
      /** how create() queues; default enqueue() in its own transaction */
      record?: (tenant: string, events: Resource[]) => Promise<void>;
    } = {},
  ) {}

  async search(tenant: string, params: readonly [string, string][], opts: AuditAccess & { baseCount?: number } = {}): Promise<AuditSearchResult> {
    const q = parseQuery(params, this.db.dialect, opts.baseCount);
    if (opts.patients && !opts.patients.length) return { matches: [], total: 0 };
    await this.opts.before?.();

    const conds = [...q.conds];
    const patientSets = [...q.patientSets];
    if (opts.patients) {
      const allowed = new Set(opts.patients);
      // a patient filter inside the allowed set implies the restriction
      if (!patientSets.some((s) => s.every((p) => allowed.has(p)))) patientSets.push([...allowed]);
    }
    if (opts.patientEventsOnly && !patientSets.length) conds.push({ sql: 'l.patients > 0', params: [] });
    // the first patient set drives (audit_patient's key), the others are semi-joins
    patientSets.forEach((set, i) => {
      if (i === 0) conds.push({ sql: `p.patient_id IN (${marks(set.length)})`, params: set });
      else conds.push({ sql: `l.seq IN (SELECT j.seq FROM audit_patient j WHERE j.tenant = ? AND j.patient_id IN (${marks(set.length)}))`, params: [tenant, ...set] });
    });
    const byPatient = patientSets.length > 0;
    // postings staged by SQLite's appends (patient-postings.ts) must be in audit_patient before it is asked
    if (byPatient) await mergePatientPostings(this.db);
    const D = byPatient ? 'p' : 'l';
    const from = byPatient ? 'audit_patient p JOIN audit_ledger l ON l.tenant = p.tenant AND l.seq = p.seq' : 'audit_ledger l';
    // one event may name several of the asked-for patients
    const distinct = byPatient && patientSets[0].length > 1 ? 'DISTINCT ' : '';
    const where = (extra: Cond[]) => {
      const all = [...conds, ...extra];
      return { sql: [`${D}.tenant = ?`, ...all.map((c) => c.sql.replace(/\bD\./g, `${D}.`))].join(' AND '), params: [tenant, ...all.flatMap((c) => c.params)] };
    };

    let total: number | undefined;
    if (q.total || !q.count) {
      const w = where([]);
      const r = await this.db.get<{ n: number }>(`SELECT COUNT(${distinct}${D}.seq) AS n FROM ${from} WHERE ${w.sql}`, w.params);
      total = Number(r?.n ?? 0);
    }
    if (!q.count) return { matches: [], total };

    const dir = q.desc ? 'DESC' : 'ASC';
    const cmp = q.desc ? '<' : '>';
    const after: Cond[] = q.cursor ? [{ sql: `(D.recorded ${cmp} ? OR (D.recorded = ? AND D.seq ${cmp} ?))`, params: [q.cursor.recorded, q.cursor.recorded, q.cursor.seq] }] : [];
    const w = where(after);
    const rows = await this.db.all<{ seq: number; recorded: number }>(
      `SELECT ${distinct}${D}.seq, ${D}.recorded FROM ${from} WHERE ${w.sql} ORDER BY ${D}.recorded ${dir}, ${D}.seq ${dir} LIMIT ?`,
      [...w.params, q.count + 1],
    );
    const more = rows.length > q.count;
    const page = rows.slice(0, q.count).map((r) => ({ seq: Number(r.seq), recorded: Number(r.recorded) }));
    const matches = await this.events(tenant, page.map((r) => r.seq));
    const last = page[page.length - 1];
    if (total === undefined && !q.cursor && !more) total = matches.length;
    return { matches, ...(total !== undefined ? { total } : {}), ...(more && last ? { nextCursor: encodeCursor(q.desc, last.recorded, last.seq) } : {}) };
  }

  async read(tenant: string, id: string, opts: AuditAccess = {}): Promise<Resource> {
    const patients = opts.patients;
    if (patients && !patients.length) throw notFound(`AuditEvent/${id} is not known`);
    await this.opts.before?.();
    if (patients) await mergePatientPostings(this.db);
    const visible = patients
      ? ` AND EXISTS (SELECT 1 FROM audit_patient p WHERE p.tenant = l.tenant AND p.patient_id IN (${marks(patients.length)}) AND p.recorded = l.recorded AND p.seq = l.seq)`
      : opts.patientEventsOnly ? ' AND l.patients > 0' : '';
    const row = await this.db.get<{ seq: number }>(
      `SELECT l.seq FROM audit_ledger l WHERE l.tenant = ? AND l.event_id = ?${visible} ORDER BY l.seq LIMIT 1`,
      [tenant, id, ...(patients ?? [])],
    );
    // outside the caller's patients reads as unknown: existence is not disclosed
    const [event] = row ? await this.events(tenant, [Number(row.seq)]) : [];
    if (!event) throw notFound(`AuditEvent/${id} is not known`);
    return event;
  }

  /** An AuditEvent submitted from outside (ATNA style): queued for the chain under a new id. */
  async create(tenant: string, event: Resource): Promise<Resource> {
    if (event?.resourceType !== 'AuditEvent') throw badRequest(`Expected an AuditEvent, not ${event?.resourceType ?? 'nothing'}`);
    if (typeof event.recorded !== 'string' || !INSTANT.test(event.recorded) || recordedMs(event) === undefined) {
      throw badRequest('AuditEvent.recorded must be a FHIR instant (date, time and timezone)', ['AuditEvent.recorded']);
    }
    if (!Array.isArray(event.agent) || !event.agent.length) throw badRequest('AuditEvent.agent is required', ['AuditEvent.agent']);
    if (!event.source || typeof event.source !== 'object') throw badRequest('AuditEvent.source is required', ['AuditEvent.source']);
    const stored: Resource = { ...event, id: eventId() };
    await (this.opts.record ? this.opts.record(tenant, [stored]) : enqueue(this.db, tenant, [stored]));
    return stored;
  }

  /** the events of these seqs, in this order */
  private async events(tenant: string, seqs: number[]): Promise<Resource[]> {
    if (!seqs.length) return [];
    const rows = await this.db.all<{ seq: number; event: string }>(`SELECT seq, event FROM audit_ledger WHERE tenant = ? AND seq IN (${marks(seqs.length)})`, [tenant, ...seqs]);
    const bySeq = new Map(rows.map((r) => [Number(r.seq), r.event]));
    return seqs.flatMap((s) => {
      const e = bySeq.get(s);
      return e ? [JSON.parse(expandText(e)) as Resource] : [];
    });
  }
}

interface Query {
  conds: Cond[];
  /** each: the event names one of these patients */
  patientSets: string[][];
  count: number;
  desc: boolean;
  total: boolean;
  cursor?: { recorded: number; seq: number };
}

function parseQuery(params: readonly [string, string][], d: Dialect, baseCount = 50): Query {
  const q: Query = { conds: [], patientSets: [], count: Math.min(baseCount > 0 ? baseCount : 50, MAX_COUNT), desc: true, total: false };
  // substring test, case-sensitive on both databases (LIKE is not on SQLite)
  const contains = (col: string) => (d === 'sqlite' ? `instr(${col}, ?) > 0` : `strpos(${col}, ?) > 0`);
  let cursor: string | undefined;
  for (const [name, value] of params) {
    if (IGNORED.has(name)) continue;
    const fail = (why: string) => badRequest(`AuditEvent search: ${name}=${value}: ${why}`, [name]);
    if (!SUPPORTED.includes(name)) throw badRequest(`AuditEvent search does not support the parameter "${name}"; supported: ${SUPPORTED.join(', ')}`, [name]);
    const values = list(value);
    if (!values.length && name !== '_cursor') throw fail('empty value');
    switch (name) {
      case 'patient':
        q.patientSets.push(values.map((v) => patientIdOf(v) ?? (/^[A-Za-z0-9\-.]{1,64}$/.test(v) ? v : throwIt(fail(`"${v}" is not a Patient reference`)))));
        break;
      case 'entity': {
        const refs = values.map((v) => REF.exec(v) ?? throwIt(fail(`"${v}" is not a reference Type/id`)));
        if (refs.every((m) => m[1] === 'Patient')) q.patientSets.push(refs.map((m) => m[2]));
        else q.conds.push(or(refs.map((m) => entityJson(`${m[1]}/${m[2]}`, contains))));
        break;
      }
      case 'agent':
        for (const v of values) if (!/^[A-Za-z]+\/[^\s,]+$/.test(v)) throw fail(`"${v}" is not a reference Type/id`);
        q.conds.push({ sql: `l.agent IN (${marks(values.length)})`, params: values });
        break;
      case 'date':
        q.conds.push(or(values.map((v) => dateCond(v, fail))));
        break;
      case 'subtype':
        q.conds.push(or(values.map((v) => subtypeCond(v, contains))));
        break;
      case 'action':
        for (const v of values) if (!['C', 'R', 'U', 'D', 'E'].includes(v)) throw fail('action is one of C, R, U, D, E');
        q.conds.push({ sql: `l.action IN (${marks(values.length)})`, params: values });
        break;
      case '_id':
        q.conds.push({ sql: `l.event_id IN (${marks(values.length)})`, params: values });
        break;
      case '_count': {
        if (!/^\d+$/.test(value)) throw fail('expected a whole number');
        q.count = Math.min(Number(value), MAX_COUNT);
        break;
      }
      case '_sort':
        if (value !== 'date' && value !== '-date') throw fail('only date and -date are supported');
        q.desc = value === '-date';
        break;
      case '_total':
        if (!['none', 'estimate', 'accurate'].includes(value)) throw fail('expected none, estimate or accurate');
        q.total = value === 'accurate';
        break;
      case '_cursor':
        cursor = value;
        break;
    }
  }
  if (cursor !== undefined) {
    const c = decodeCursor(cursor);
    if (!c) throw badRequest(`AuditEvent search: invalid _cursor "${cursor}"`, ['_cursor']);
    if (c.desc !== q.desc) throw badRequest('AuditEvent search: the _cursor belongs to the other _sort order', ['_cursor']);
    q.cursor = c;
  }
  return q;
}

function throwIt(e: Error): never {
  throw e;
}

function or(cs: Cond[]): Cond {
  if (cs.length === 1) return cs[0];
  return { sql: `(${cs.map((c) => c.sql).join(' OR ')})`, params: cs.flatMap((c) => c.params) };
}

// Stored events are canonical JSON (sorted keys, no whitespace) with their boilerplate as tokens: a
// reference appears exactly as "reference":"Type/id" or with a version. A scan of the stored text, narrowed
// by the other conditions.
function entityJson(ref: string, contains: (col: string) => string): Cond {
  return textCond([`"reference":"${ref}"`, `"reference":"${ref}/_history/`], contains);
}

/** the stored event holds one of these texts (each also as the tokens that stand for it) */
function textCond(texts: string[], contains: (col: string) => string): Cond {
  const params = texts.flatMap(needles);
  return { sql: `(${params.map(() => contains('l.event')).join(' OR ')})`, params };
}

function dateCond(v: string, fail: (why: string) => Error): Cond {
  const { prefix, rest } = splitPrefix(v);
  const r = parseSearchDate(rest);
  if (!r) throw fail(`"${rest}" is not a FHIR date or dateTime`);
  switch (prefix) {
    case 'eq': return { sql: 'D.recorded >= ? AND D.recorded <= ?', params: [r.lo, r.hi] };
    case 'gt': return { sql: 'D.recorded > ?', params: [r.hi] };
    case 'ge': return { sql: 'D.recorded >= ?', params: [r.lo] };
    case 'lt': return { sql: 'D.recorded < ?', params: [r.lo] };
    case 'le': return { sql: 'D.recorded <= ?', params: [r.hi] };
    default: throw fail(`the prefix "${prefix}" is not supported (eq, ge, gt, le, lt)`);
  }
}

function subtypeCond(v: string, contains: (col: string) => string): Cond {
  const bar = v.indexOf('|');
  if (bar < 0) return { sql: 'l.subtype = ?', params: [v] };
  const system = v.slice(0, bar);
  const code = v.slice(bar + 1);
  // the index keeps the code; the system is checked on the event
  if (!system) return { sql: 'l.subtype = ?', params: [code] };
  const text = textCond([`"system":${JSON.stringify(system)}`], contains);
  return { sql: `(l.subtype = ? AND ${text.sql})`, params: [code, ...text.params] };
}

// The cursor: sort direction and the (recorded, seq) of the last row returned, base64url.
function encodeCursor(desc: boolean, recorded: number, seq: number): string {
  return Buffer.from(`${desc ? 'd' : 'a'}.${recorded}.${seq}`).toString('base64url');
}

function decodeCursor(s: string): { desc: boolean; recorded: number; seq: number } | undefined {
  const m = /^([ad])\.(-?\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(s, 'base64url').toString());
  return m ? { desc: m[1] === 'd', recorded: Number(m[2]), seq: Number(m[3]) } : undefined;
}
