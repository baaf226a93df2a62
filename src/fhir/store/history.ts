import type { Db, SqlValue } from './db.js';
import type { HistoryEntry, HistoryPage, HistoryQuery } from './repository.js';
import type { Resource } from '../types.js';
import { badRequest } from '../errors.js';
import { parseSearchDate } from '../search/values.js';

const MAX_COUNT = 1000;

/** Newest first, paged by an opaque cursor (the history row id), so pages are stable while writes go on. */
export async function readHistory(db: Db, tenant: string, q: HistoryQuery, restrict?: { sql: string; params: SqlValue[] }): Promise<HistoryPage> {
  const where: string[] = ['h.tenant = ?'];
  const params: SqlValue[] = [tenant];
  if (restrict) {
    where.push(restrict.sql);
    params.push(...restrict.params);
  }
  if (q.type) {
    where.push('h.type = ?');
    params.push(q.type);
  }
  if (q.id) {
    where.push('h.id = ?');
    params.push(q.id);
  }
  if (q.since !== undefined) {
    const r = parseSearchDate(q.since);
    if (!r) throw badRequest(`_since must be a FHIR instant, got "${q.since}"`);
    where.push('h.last_updated >= ?');
    params.push(r.lo);
  }
  if (q.at !== undefined) {
    // _at: the versions that were current at that time (the latest per resource at or before it).
    const r = parseSearchDate(q.at);
    if (!r) throw badRequest(`_at must be a FHIR date or dateTime, got "${q.at}"`);
    where.push(`h.last_updated <= ? AND NOT EXISTS (SELECT 1 FROM resource_history n WHERE n.rid = h.rid AND n.version > h.version AND n.last_updated <= ?)`);
    params.push(r.hi, r.hi);
  }
  const count = q.count === undefined ? 50 : Math.max(0, Math.min(MAX_COUNT, q.count));
  let page = where.join(' AND ');
  const pageParams = [...params];
  if (q.cursor !== undefined) {
    if (!/^[0-9]{1,15}$/.test(q.cursor)) throw badRequest('Invalid history page cursor');
    page += ' AND h.hid < ?';
    pageParams.push(Number(q.cursor));
  }
  const rows = await db.all<{ hid: number; type: string; id: string; version: number; last_updated: number; deleted: number; content: string | null }>(
    `SELECT h.hid, h.type, h.id, h.version, h.last_updated, h.deleted, h.content FROM resource_history h WHERE ${page} ORDER BY h.hid DESC LIMIT ?`,
    [...pageParams, count + 1],
  );
  const more = rows.length > count;
  if (more) rows.pop();
  const entries: HistoryEntry[] = rows.map((r) => ({
    resourceType: r.type,
    id: r.id,
    versionId: String(r.version),
    lastUpdated: new Date(r.last_updated).toISOString(),
    method: r.deleted ? 'DELETE' : r.version === 1 ? 'POST' : 'PUT',
    ...(r.content ? { resource: JSON.parse(r.content) as Resource } : {}),
  }));
  // A total is free when everything fits one page; beyond that only an instance's history is counted
  // (counting a whole tenant's history on every page would cost a scan).
  let total: number | undefined;
  if (q.cursor === undefined && !more) total = entries.length;
  else if (q.cursor === undefined && q.id) {
    total = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM resource_history h WHERE ${where.join(' AND ')}`, params))?.n ?? 0);
  }
  return { entries, total, nextCursor: more ? String(rows[rows.length - 1].hid) : undefined };
}
