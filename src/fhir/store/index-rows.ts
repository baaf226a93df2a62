import type { Db, SqlValue, TableRows } from './db.js';
import type { IndexEntry, IndexValue } from '../indexing/entry.js';

// Maps extracted index entries to rows of the idx_* tables. The column key `p` is
// "<ResourceType>.<code>" so that a parameter code shared by many types stays selective.

export const INDEX_TABLES = [
  'idx_string', 'idx_token', 'idx_reference', 'idx_uri', 'idx_date', 'idx_number', 'idx_quantity', 'idx_composite',
] as const;

const COLUMNS: Record<(typeof INDEX_TABLES)[number], string[]> = {
  idx_string: ['tenant', 'p', 'rid', 'value', 'exact'],
  idx_token: ['tenant', 'p', 'rid', 'system', 'code', 'text', 'ot_system', 'ot_code'],
  idx_reference: ['tenant', 'p', 'rid', 'target_type', 'target_id', 'url', 'version'],
  idx_uri: ['tenant', 'p', 'rid', 'value'],
  idx_date: ['tenant', 'p', 'rid', 'lo', 'hi'],
  idx_number: ['tenant', 'p', 'rid', 'lo', 'hi'],
  idx_quantity: ['tenant', 'p', 'rid', 'lo', 'hi', 'system', 'code', 'unit'],
  idx_composite: [
    'tenant', 'p', 'rid',
    'c1_s', 'c1_c', 'c1_lo', 'c1_hi', 'c2_s', 'c2_c', 'c2_lo', 'c2_hi', 'c3_s', 'c3_c', 'c3_lo', 'c3_hi',
  ],
};

export const paramKey = (type: string, code: string) => `${type}.${code}`;

/** Infinity does not survive SQL; clamp to the largest finite doubles. */
const num = (n: number) => (n === Infinity ? Number.MAX_VALUE : n === -Infinity ? -Number.MAX_VALUE : n);

/** The (s, c, lo, hi) projection of a value, used for composite components. */
export function componentColumns(v: IndexValue): [SqlValue, SqlValue, SqlValue, SqlValue] {
  switch (v.type) {
    case 'string': return [null, v.value, null, null];
    case 'token': return [v.system, v.code, null, null];
    case 'reference': return [v.targetType, v.targetId ?? v.url, null, null];
    case 'uri': return [null, v.value, null, null];
    case 'date': return [null, null, v.lo, v.hi];
    case 'number': return [null, null, num(v.lo), num(v.hi)];
    case 'quantity': return [v.system, v.code, num(v.lo), num(v.hi)];
  }
}

export type RowsByTable = Map<(typeof INDEX_TABLES)[number], SqlValue[][]>;

export function indexRows(tenant: string, type: string, rid: number, entries: readonly IndexEntry[], out: RowsByTable = new Map()): RowsByTable {
  const push = (t: (typeof INDEX_TABLES)[number], row: SqlValue[]) => {
    let rows = out.get(t);
    if (!rows) out.set(t, (rows = []));
    rows.push(row);
  };
  for (const e of entries) {
    const p = paramKey(type, e.param);
    switch (e.type) {
      case 'string': push('idx_string', [tenant, p, rid, e.value, e.exact]); break;
      case 'token': push('idx_token', [tenant, p, rid, e.system, e.code, e.text, e.ofType?.system ?? null, e.ofType?.code ?? null]); break;
      case 'reference': push('idx_reference', [tenant, p, rid, e.targetType, e.targetId, e.url, e.version ?? null]); break;
      case 'uri': push('idx_uri', [tenant, p, rid, e.value]); break;
      case 'date': push('idx_date', [tenant, p, rid, e.lo, e.hi]); break;
      case 'number': push('idx_number', [tenant, p, rid, num(e.lo), num(e.hi)]); break;
      case 'quantity': push('idx_quantity', [tenant, p, rid, num(e.lo), num(e.hi), e.system, e.code, e.unit]); break;
      case 'composite': {
        const cols: SqlValue[] = [];
        for (let i = 0; i < 3; i++) cols.push(...(e.components[i] ? componentColumns(e.components[i]) : [null, null, null, null]));
        push('idx_composite', [tenant, p, rid, ...cols]);
        break;
      }
    }
  }
  return out;
}

export function tableRows(rows: RowsByTable): TableRows[] {
  return [...rows].map(([table, r]) => ({ table, columns: COLUMNS[table], rows: r }));
}

export async function writeIndexRows(db: Db, rows: RowsByTable): Promise<void> {
  await db.insertTables(tableRows(rows));
}

export async function deleteIndexRows(db: Db, rids: readonly number[]): Promise<void> {
  if (!rids.length) return;
  const marks = rids.map(() => '?').join(',');
  if (db.dialect === 'postgres') {
    // one statement (one round trip) for all eight tables
    const parts = INDEX_TABLES.map((t) => `DELETE FROM ${t} WHERE rid IN (${marks})`);
    const sql = `WITH ${parts.slice(0, -1).map((p, i) => `d${i} AS (${p})`).join(', ')} ${parts[parts.length - 1]}`;
    await db.run(sql, INDEX_TABLES.flatMap(() => rids));
    return;
  }
  for (const t of INDEX_TABLES) await db.run(`DELETE FROM ${t} WHERE rid IN (${marks})`, rids);
}
