import type { SqlValue } from '../store/db.js';
import type { Filter } from './query.js';
import { paramKey } from '../store/index-rows.js';
import { badRequest } from '../errors.js';
import { valueCondition, type Cond } from './sql-values.js';

const TABLE: Record<string, string> = {
  string: 'idx_string', token: 'idx_token', reference: 'idx_reference', uri: 'idx_uri',
  date: 'idx_date', number: 'idx_number', quantity: 'idx_quantity', composite: 'idx_composite',
};

export function tableFor(type: string): string {
  const t = TABLE[type];
  if (!t) throw badRequest(`Search parameters of type ${type} are not supported`);
  return t;
}

/**
 * SQL for one filter on the resource row aliased `r` (columns rid, tenant, type, id, last_updated).
 * `alias` lets nested filters (chains, _has) name their own resource rows.
 */
export function filterSql(f: Filter, tenant: string, r: string, depth = 0, probe = false): Cond {
  if (depth > 8) throw badRequest('Search nesting is too deep');
  const x = `x${depth}`;
  switch (f.kind) {
    case 'id': {
      const ids = f.values.filter(Boolean);
      if (!ids.length) throw badRequest('_id needs a value');
      return { sql: `${r}.id ${f.not ? 'NOT ' : ''}IN (${ids.map(() => '?').join(',')})`, params: ids };
    }
    case 'lastUpdated': {
      const parts = f.values.map((v) => valueCondition('date', v, undefined, { lo: `${r}.last_updated`, hi: `${r}.last_updated`, prefix: r }));
      return or(parts);
    }
    case 'missing': {
      const sql = `EXISTS (SELECT 1 FROM ${tableFor(f.def.type)} ${x} WHERE ${x}.rid = ${r}.rid AND ${x}.p = ?)`;
      return { sql: f.missing ? `NOT ${sql}` : sql, params: [paramKey(f.type, f.def.code)] };
    }
    case 'param': {
      const table = tableFor(f.def.type);
      const p = paramKey(f.type, f.def.code);
      const cols = { lo: `${x}.lo`, hi: `${x}.hi`, prefix: x };
      if (f.def.type === 'token' && f.modifier === 'not') {
        // :not — resources with no matching value (including those with no value at all)
        const inner = or(f.values.map((v) => valueCondition('token', v, undefined, cols)));
        return {
          sql: `NOT EXISTS (SELECT 1 FROM ${table} ${x} WHERE ${x}.rid = ${r}.rid AND ${x}.p = ? AND (${inner.sql}))`,
          params: [p, ...inner.params],
        };
      }
      const inner = or(f.values.map((v) => valueCondition(f.def.type, v, f.modifier, cols, f.def)));
      if (probe) {
        // checked per candidate row through the (rid, p) index
        return { sql: `EXISTS (SELECT 1 FROM ${table} ${x} WHERE ${x}.rid = ${r}.rid AND ${x}.p = ? AND (${inner.sql}))`, params: [p, ...inner.params] };
      }
      return {
        sql: `${r}.rid IN (SELECT ${x}.rid FROM ${table} ${x} WHERE ${x}.tenant = ? AND ${x}.p = ? AND (${inner.sql}))`,
        params: [tenant, p, ...inner.params],
      };
    }
    case 'compartment': {
      const ps = f.params.map((c) => paramKey(f.type, c));
      if (!ps.length) return { sql: '1 = 0', params: [] };
      const self = f.type === f.targetType ? ` OR ${r}.id = ?` : '';
      return {
        sql: `(${r}.rid IN (SELECT ${x}.rid FROM idx_reference ${x} WHERE ${x}.tenant = ? AND ${x}.p IN (${ps.map(() => '?').join(',')}) AND ${x}.target_id = ? AND ${x}.target_type = ?)${self})`,
        params: [tenant, ...ps, f.targetId, f.targetType, ...(self ? [f.targetId] : [])],
      };
    }
    case 'chain': {
      const t = `t${depth}`;
      const parts = f.targetTypes.map((tt, i) => {
        const inner = filterSql(f.inner[i], tenant, t, depth + 1);
        return { sql: `(${t}.type = ? AND ${inner.sql})`, params: [tt, ...inner.params] };
      });
      const inner = or(parts);
      return {
        sql: `${r}.rid IN (SELECT ${x}.rid FROM idx_reference ${x} JOIN resources ${t} ON ${t}.tenant = ${x}.tenant AND ${t}.type = ${x}.target_type AND ${t}.id = ${x}.target_id
          WHERE ${x}.tenant = ? AND ${x}.p = ? AND ${t}.deleted = 0 AND (${inner.sql}))`,
        params: [tenant, paramKey(f.type, f.def.code), ...inner.params],
      };
    }
    case 'has': {
      const s = `s${depth}`;
      const inner = filterSql(f.inner, tenant, s, depth + 1);
      return {
        sql: `EXISTS (SELECT 1 FROM idx_reference ${x} JOIN resources ${s} ON ${s}.rid = ${x}.rid
          WHERE ${x}.tenant = ${r}.tenant AND ${x}.p = ? AND ${x}.target_id = ${r}.id AND ${x}.target_type = ${r}.type AND ${s}.deleted = 0 AND ${inner.sql})`,
        params: [paramKey(f.sourceType, f.refParam.code), ...inner.params],
      };
    }
  }
}

/**
 * How well a filter narrows the rows, best first: the best one drives the query (its matching rows
 * are looked up through the value index) and the others are probed per candidate row. Without this,
 * a broad condition (a date range over all Observations) would be materialised on every search.
 */
export function selectivity(f: Filter): number {
  switch (f.kind) {
    case 'id': return f.not ? 9 : 0;
    case 'compartment': return 1;
    case 'param':
      if (f.modifier === 'not' || f.modifier === 'contains' || f.modifier === 'text' || f.modifier === 'above') return 8;
      switch (f.def.type) {
        case 'reference': return 1;
        case 'token': return 2;
        case 'string': case 'uri': case 'composite': return 3;
        case 'quantity': case 'number': return 4;
        default: return 5;
      }
    case 'chain': case 'has': return 6;
    case 'lastUpdated': return 7;
    case 'missing': return 9;
  }
}

export function or(parts: Cond[]): Cond {
  if (parts.length === 1) return parts[0];
  return { sql: parts.map((p) => `(${p.sql})`).join(' OR '), params: parts.flatMap((p) => p.params as SqlValue[]) };
}

export function and(parts: Cond[]): Cond {
  if (!parts.length) return { sql: '1 = 1', params: [] };
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params as SqlValue[]) };
}
