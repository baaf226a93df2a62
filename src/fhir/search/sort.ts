import type { SqlValue } from '../store/db.js';
import { paramKey } from '../store/index-rows.js';
import { tableFor } from './sql-conditions.js';
import type { SearchQuery } from './query.js';
import type { Cond } from './sql-values.js';

// Sort value of a parameter per resource: the smallest value ascending, the largest descending
// (FHIR leaves multi-valued sort order to the server; this is what HAPI does too).
const COLUMN: Record<string, [string, string]> = {
  string: ['value', 'value'],
  token: ['code', 'code'],
  reference: ['target_id', 'target_id'],
  uri: ['value', 'value'],
  date: ['lo', 'hi'],
  number: ['lo', 'hi'],
  quantity: ['lo', 'hi'],
};

export function sortSql(q: SearchQuery, tenant: string): Cond {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const k of q.sort) {
    const dir = k.desc ? 'DESC' : 'ASC';
    if (k.code === '_id') parts.push(`r.id ${dir}`);
    else if (k.code === '_lastUpdated') parts.push(`r.last_updated ${dir}`);
    else if (k.def) {
      const [asc, desc] = COLUMN[k.def.type];
      const col = k.desc ? `MAX(s.${desc})` : `MIN(s.${asc})`;
      const expr = `(SELECT ${col} FROM ${tableFor(k.def.type)} s WHERE s.rid = r.rid AND s.p = ? AND s.tenant = ?)`;
      // resources without a value sort last either way, on both databases
      parts.push(`CASE WHEN ${expr} IS NULL THEN 1 ELSE 0 END`, `${expr} ${dir}`);
      const key = paramKey(q.types[0], k.def.code);
      params.push(key, tenant, key, tenant);
    }
  }
  parts.push('r.rid ASC');
  return { sql: parts.join(', '), params };
}
