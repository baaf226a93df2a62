import type { Db, SqlValue } from '../store/db.js';
import type { SearchParamRegistry } from '../definitions/search-params.js';
import type { Resource } from '../types.js';
import { paramKey } from '../store/index-rows.js';
import type { IncludeSpec } from './query.js';

const MAX_INCLUDED = 5000;
const MAX_ROUNDS = 4;

interface Row {
  rid: number;
  type: string;
  id: string;
  content: string;
}

/** _include / _revinclude (with :iterate), de-duplicated against the matches and each other. */
export async function loadIncludes(
  db: Db, tenant: string, registry: SearchParamRegistry, specs: IncludeSpec[], matchRows: { rid: number }[], matches: Resource[],
  accept?: <T extends { rid: number; type: string }>(rows: T[]) => Promise<T[]>,
): Promise<Resource[]> {
  const seen = new Set<number>(matchRows.map((r) => r.rid));
  const out: Resource[] = [];
  let frontier: { rid: number; type: string; id: string }[] = matchRows.map((r, i) => ({ rid: r.rid, type: matches[i].resourceType, id: matches[i].id as string }));
  for (let round = 0; round < MAX_ROUNDS && frontier.length && out.length < MAX_INCLUDED; round++) {
    const active = round === 0 ? specs : specs.filter((s) => s.iterate);
    if (!active.length) break;
    const next: typeof frontier = [];
    for (const spec of active) {
      let rows = spec.rev ? await revinclude(db, tenant, registry, spec, frontier) : await include(db, tenant, registry, spec, frontier);
      if (accept) rows = await accept(rows);
      for (const r of rows) {
        if (seen.has(r.rid) || out.length >= MAX_INCLUDED) continue;
        seen.add(r.rid);
        out.push(JSON.parse(r.content) as Resource);
        next.push({ rid: r.rid, type: r.type, id: r.id });
      }
    }
    frontier = next;
  }
  return out;
}

function refParams(registry: SearchParamRegistry, spec: IncludeSpec, types: Iterable<string>): string[] {
  const keys: string[] = [];
  for (const t of types) {
    if (spec.sourceType !== '*' && spec.sourceType !== t) continue;
    if (spec.param === '*') {
      for (const d of registry.forType(t).values()) if (d.type === 'reference') keys.push(paramKey(t, d.code));
    } else keys.push(paramKey(t, spec.param.code));
  }
  return keys;
}

async function include(db: Db, tenant: string, registry: SearchParamRegistry, spec: IncludeSpec, from: { rid: number; type: string }[]): Promise<Row[]> {
  const keys = refParams(registry, spec, new Set(from.map((f) => f.type)));
  const rids = from.filter((f) => spec.sourceType === '*' || f.type === spec.sourceType).map((f) => f.rid);
  if (!keys.length || !rids.length) return [];
  const params: SqlValue[] = [tenant, ...keys, ...rids];
  let sql = `SELECT DISTINCT t.rid, t.type, t.id, h.content FROM idx_reference x
    JOIN resources t ON t.tenant = x.tenant AND t.type = x.target_type AND t.id = x.target_id
    JOIN resource_history h ON h.rid = t.rid AND h.version = t.version
    WHERE x.tenant = ? AND x.p IN (${keys.map(() => '?').join(',')}) AND x.rid IN (${rids.map(() => '?').join(',')}) AND t.deleted = 0`;
  if (spec.targetType) {
    sql += ' AND t.type = ?';
    params.push(spec.targetType);
  }
  return db.all<Row>(sql + ' ORDER BY t.rid', params);
}

async function revinclude(db: Db, tenant: string, registry: SearchParamRegistry, spec: IncludeSpec, to: { type: string; id: string }[]): Promise<Row[]> {
  const sources = spec.sourceType === '*' ? registry.resourceTypes() : [spec.sourceType];
  const keys = refParams(registry, spec, sources);
  if (!keys.length || !to.length) return [];
  const byType = new Map<string, string[]>();
  for (const t of to) {
    if (spec.targetType && t.type !== spec.targetType) continue;
    byType.set(t.type, [...(byType.get(t.type) ?? []), t.id]);
  }
  const rows: Row[] = [];
  for (const [type, ids] of byType) {
    rows.push(
      ...(await db.all<Row>(
        `SELECT DISTINCT s.rid, s.type, s.id, h.content FROM idx_reference x JOIN resources s ON s.rid = x.rid
         JOIN resource_history h ON h.rid = s.rid AND h.version = s.version
         WHERE x.tenant = ? AND x.p IN (${keys.map(() => '?').join(',')}) AND x.target_type = ? AND x.target_id IN (${ids.map(() => '?').join(',')}) AND s.deleted = 0
         ORDER BY s.rid`,
        [tenant, ...keys, type, ...ids],
      )),
    );
  }
  return rows;
}
