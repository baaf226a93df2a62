import type { Db, SqlValue } from '../store/db.js';
import type { SearchParamRegistry } from '../definitions/search-params.js';
import type { Resource } from '../types.js';
import type { SearchInput, SearchResult } from '../store/repository.js';
import { parseSearch } from './parse.js';
import { and, filterSql, or, selectivity } from './sql-conditions.js';
import type { Cond } from './sql-values.js';
import type { Filter, SearchQuery } from './query.js';
import { sortSql } from './sort.js';
import { loadIncludes } from './include.js';
import { CONTENT_JOIN } from '../store/content.js';
import { visibilitySql, visibleRids, type AccessControl } from '../store/access.js';
import { openResource, sealFilters, type ContentCodec } from '../store/content-codec.js';

interface Row {
  rid: number;
  content: string;
}

/** Parse, plan and run a search; returns one page plus includes and paging queries. */
export async function executeSearch(
  db: Db, registry: SearchParamRegistry, tenant: string, input: SearchInput, access?: AccessControl, codec?: ContentCodec,
): Promise<SearchResult> {
  const { query, issues } = parseSearch(registry, input);
  if (codec) sealFilters(codec, query.filters);
  const vis = visibilitySql(access, tenant, 'r', query.types.length ? query.types : undefined);
  const where = vis ? and([whereSql(query, tenant), vis]) : whereSql(query, tenant);
  const result: SearchResult = { matches: [], included: [], issues, selfQuery: '', summary: query.summary, elements: query.elements };

  const wantCount = query.summary === 'count' || query.count === 0;
  const sorted = query.sort.length > 0;
  let rows: Row[] = [];
  let more = false;
  if (!wantCount) {
    const page = pageSql(query, where, tenant);
    rows = await db.all<Row>(page.sql, page.params);
    more = rows.length > query.count;
    if (more) rows = rows.slice(0, query.count);
    if (query.cursor && !query.cursor.after) rows.reverse();
  }
  const firstPage = !query.cursor && !query.offset;
  if (wantCount || query.total === 'accurate' || query.total === 'estimate') {
    const c = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM resources r WHERE ${where.sql}`, where.params);
    result.total = Number(c?.n ?? 0);
  } else if (firstPage && !more && query.total !== 'none') {
    result.total = rows.length;
  }

  result.matches = rows.map((r) => openResource(codec, JSON.parse(r.content) as Resource));
  if (rows.length && query.includes.length) {
    // included resources pass the same checks as matches: readable type, visible row
    const accept = access
      ? async <T extends { rid: number; type: string }>(found: T[]): Promise<T[]> => {
          const readable = found.filter((f) => access.allows(f.type, 'read'));
          const ok = await visibleRids(db, access, tenant, readable.map((f) => f.rid));
          return readable.filter((f) => ok.has(f.rid));
        }
      : undefined;
    result.included = (await loadIncludes(db, tenant, registry, query.includes, rows, result.matches, accept)).map((r) => openResource(codec, r));
  }

  // Paging links: keyset cursor on rid when unsorted (stable under concurrent writes), offset when sorted.
  const echo = query.echo.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  const count = `_count=${query.count}`;
  const build = (extra: string[]) => [...echo, count, ...extra].join('&');
  if (sorted) {
    const off = query.offset ?? 0;
    result.selfQuery = build(off ? [`_offset=${off}`] : []);
    if (more) result.nextQuery = build([`_offset=${off + query.count}`]);
    if (off > 0) result.previousQuery = build(off - query.count > 0 ? [`_offset=${off - query.count}`] : []);
  } else {
    result.selfQuery = build(query.cursor ? [`_cursor=${query.cursor.after ? 'a' : 'b'}${query.cursor.rid}`] : []);
    const backwards = query.cursor && !query.cursor.after;
    const hasNext = backwards ? rows.length > 0 : more;
    const hasPrev = backwards ? more : !!query.cursor && rows.length > 0;
    if (hasNext && rows.length) result.nextQuery = build([`_cursor=a${rows[rows.length - 1].rid}`]);
    if (hasPrev && rows.length) result.previousQuery = build([`_cursor=b${rows[0].rid}`]);
  }
  return result;
}

/** WHERE clause over resources r: tenant, types, not deleted, and the filters (per type for system search). */
function whereSql(q: SearchQuery, tenant: string): Cond {
  const base: Cond = { sql: 'r.tenant = ? AND r.deleted = 0', params: [tenant] };
  const common = q.filters.filter((f) => !('type' in f) || !f.type);
  const byType = (t: string) => q.filters.filter((f): f is Filter & { type: string } => 'type' in f && f.type === t);
  const typed: Cond[] = [];
  if (q.types.length) {
    for (const t of q.types) {
      // the most selective parameter filter drives; the other parameter filters are probes
      const fs = [...byType(t)].sort((a, b) => selectivity(a) - selectivity(b));
      const conds = fs.map((f, i) => filterSql(f, tenant, 'r', 0, i > 0 && f.kind === 'param' && selectivity(fs[0]) <= 5));
      typed.push(and([{ sql: 'r.type = ?', params: [t] }, ...conds]));
    }
  }
  const parts = [base, ...common.map((f) => filterSql(f, tenant, 'r'))];
  if (typed.length === 1) parts.push(typed[0]);
  else if (typed.length > 1) {
    // several types: with no per-type filters this is a plain IN list (index friendly)
    if (q.types.every((t) => !byType(t).length)) parts.push({ sql: `r.type IN (${q.types.map(() => '?').join(',')})`, params: q.types });
    else parts.push(or(typed));
  }
  return and(parts);
}

function pageSql(q: SearchQuery, where: Cond, tenant: string): Cond {
  const params: SqlValue[] = [...where.params];
  let sql = `SELECT r.rid, h.content FROM resources r ${CONTENT_JOIN} WHERE ${where.sql}`;
  if (q.sort.length) {
    const s = sortSql(q, tenant);
    sql = `SELECT r.rid, h.content FROM resources r ${CONTENT_JOIN} WHERE ${where.sql} ORDER BY ${s.sql}`;
    params.push(...s.params);
    sql += ' LIMIT ? OFFSET ?';
    params.push(q.count + 1, q.offset ?? 0);
    return { sql, params };
  }
  if (q.cursor) {
    sql += q.cursor.after ? ' AND r.rid > ?' : ' AND r.rid < ?';
    params.push(q.cursor.rid);
  }
  sql += q.cursor && !q.cursor.after ? ' ORDER BY r.rid DESC' : ' ORDER BY r.rid';
  sql += ' LIMIT ?';
  params.push(q.count + 1);
  return { sql, params };
}
