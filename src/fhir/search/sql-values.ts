import type { SqlValue } from '../store/db.js';
import type { SearchParamDef } from '../definitions/search-param-def.js';
import { badRequest } from '../errors.js';
import { normalizeString } from '../indexing/normalize.js';
import { parseNumber, parseSearchDate, splitEscaped, splitPrefix, unescape, type Prefix } from './values.js';

export interface Cond {
  sql: string;
  params: SqlValue[];
}

/** Column names for one index row: `prefix` is the table alias; lo/hi may be overridden (e.g. last_updated). */
export interface Cols {
  lo: string;
  hi: string;
  prefix: string;
}

const HIGH = '\u{10FFFF}';
const MAXD = Number.MAX_VALUE;

/** Condition for one (OR-branch) value of a parameter of the given type. */
export function valueCondition(type: string, raw: string, modifier: string | undefined, c: Cols, def?: SearchParamDef & { componentTypes?: string[] }): Cond {
  const x = c.prefix;
  switch (type) {
    case 'string': {
      const v = unescape(raw);
      if (modifier === 'exact') return { sql: `${x}.exact = ?`, params: [v] };
      const n = normalizeString(v);
      if (modifier === 'contains') return { sql: `${x}.value LIKE ? ESCAPE '\\'`, params: [`%${likeEscape(n)}%`] };
      return { sql: `${x}.value >= ? AND ${x}.value < ?`, params: [n, n + HIGH] };
    }
    case 'token':
      return tokenCondition(raw, modifier, x);
    case 'reference':
      return referenceCondition(raw, modifier, x, def);
    case 'uri': {
      const v = unescape(raw);
      if (modifier === 'below') return { sql: `${x}.value >= ? AND ${x}.value < ?`, params: [v, v + HIGH] };
      if (modifier === 'above') return { sql: `${x}.value = substr(?, 1, length(${x}.value))`, params: [v] };
      return { sql: `${x}.value = ?`, params: [v] };
    }
    case 'date': {
      const { prefix, rest } = splitPrefix(raw);
      const r = parseSearchDate(rest);
      if (!r) throw badRequest(`Invalid date search value "${raw}"`);
      return rangeCondition(prefix, r.lo, r.hi, c, true);
    }
    case 'number': {
      const { prefix, rest } = splitPrefix(raw);
      const n = parseNumber(rest);
      if (!n) throw badRequest(`Invalid number search value "${raw}"`);
      return numberCondition(prefix, n, c);
    }
    case 'quantity':
      return quantityCondition(raw, c);
    case 'composite':
      return compositeCondition(raw, x, def?.componentTypes ?? []);
  }
  throw badRequest(`Search on parameters of type ${type} is not supported`);
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

function tokenCondition(raw: string, modifier: string | undefined, x: string): Cond {
  if (modifier === 'text') {
    const n = normalizeString(unescape(raw));
    return { sql: `${x}.text LIKE ? ESCAPE '\\'`, params: [`%${likeEscape(n)}%`] };
  }
  const parts = splitEscaped(raw, '|').map(unescape);
  if (modifier === 'of-type') {
    if (parts.length !== 3 || !parts[2]) throw badRequest(`:of-type needs system|code|value, got "${raw}"`);
    return { sql: `${x}.ot_system = ? AND ${x}.ot_code = ? AND ${x}.code = ?`, params: [parts[0], parts[1], parts[2]] };
  }
  if (parts.length === 1) return { sql: `${x}.code = ?`, params: [parts[0]] };
  if (parts.length !== 2) throw badRequest(`A token is [system]|[code], got "${raw}"`);
  const [system, code] = parts;
  if (!system && !code) throw badRequest(`Empty token "${raw}"`);
  if (!system) return { sql: `${x}.code = ? AND ${x}.system IS NULL`, params: [code] };
  if (!code) return { sql: `${x}.system = ?`, params: [system] };
  return { sql: `${x}.code = ? AND ${x}.system = ?`, params: [code, system] };
}

const REL = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

function referenceCondition(raw: string, modifier: string | undefined, x: string, def?: SearchParamDef): Cond {
  const v = unescape(raw);
  if (modifier) {
    // :Type modifier — the value is a bare id
    return { sql: `${x}.target_id = ? AND ${x}.target_type = ?`, params: [v, modifier] };
  }
  const rel = REL.exec(v);
  // a relative canonical ("Library/abc") is stored as a url, so match either form
  if (rel) return { sql: `(${x}.target_id = ? AND ${x}.target_type = ?) OR ${x}.url = ?`, params: [rel[2], rel[1], v] };
  if (/^[a-z][a-z0-9+.-]*:/i.test(v)) {
    // absolute URL or canonical (url|version); a URL ending in Type/id also matches the local resource
    const [url, version] = v.split('|');
    const tail = /\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(url);
    const conds: Cond[] = [{ sql: version ? `${x}.url = ? AND ${x}.version = ?` : `${x}.url = ?`, params: version ? [url, version] : [url] }];
    if (tail) conds.push({ sql: `${x}.target_id = ? AND ${x}.target_type = ?`, params: [tail[2], tail[1]] });
    return conds.length === 1 ? conds[0] : { sql: conds.map((c) => `(${c.sql})`).join(' OR '), params: conds.flatMap((c) => c.params) };
  }
  if (/^[A-Za-z0-9\-.]{1,64}$/.test(v)) {
    const targets = def?.target ?? [];
    if (targets.length === 1) return { sql: `${x}.target_id = ? AND ${x}.target_type = ?`, params: [v, targets[0]] };
    return { sql: `${x}.target_id = ?`, params: [v] };
  }
  throw badRequest(`Invalid reference search value "${raw}"`);
}

/** FHIR date semantics: stored range [lo, hi] against search range [qlo, qhi] (both inclusive). */
function rangeCondition(prefix: Prefix, qlo: number, qhi: number, c: Cols, isDate: boolean): Cond {
  const { lo, hi } = c;
  switch (prefix) {
    // Each form leads with a bare range on lo or hi, so an index on (p, lo) or (p, hi) serves it;
    // since lo <= hi, the extra bounds are implied by the spec's definitions (ge, le rewritten).
    case 'eq': return { sql: `${lo} >= ? AND ${lo} <= ? AND ${hi} <= ?`, params: [qlo, qhi, qhi] };
    case 'ne': return { sql: `NOT (${lo} >= ? AND ${hi} <= ?)`, params: [qlo, qhi] };
    case 'gt': return { sql: `${hi} > ?`, params: [qhi] };
    case 'lt': return { sql: `${lo} < ?`, params: [qlo] };
    case 'ge': return { sql: `${hi} >= ? AND (${hi} > ? OR ${lo} >= ?)`, params: [qlo, qhi, qlo] };
    case 'le': return { sql: `${lo} <= ? AND (${lo} < ? OR ${hi} <= ?)`, params: [qhi, qlo, qhi] };
    case 'sa': return { sql: `${lo} > ?`, params: [qhi] };
    case 'eb': return { sql: `${hi} < ?`, params: [qlo] };
    case 'ap': {
      // approximately: within 10% of the gap between the value and now (dates), or of the value (numbers)
      const mid = (qlo + qhi) / 2;
      const slack = isDate ? Math.round(Math.abs(Date.now() - mid) * 0.1) : Math.abs(mid) * 0.1;
      return { sql: `${lo} <= ? AND ${hi} >= ?`, params: [Math.round(qhi + slack), Math.round(qlo - slack)] };
    }
  }
}

function numberCondition(prefix: Prefix, n: { value: number; lo: number; hi: number }, c: Cols): Cond {
  const { lo, hi } = c;
  switch (prefix) {
    case 'eq': return { sql: `${lo} >= ? AND ${hi} < ?`, params: [n.lo, n.hi] };
    case 'ne': return { sql: `NOT (${lo} >= ? AND ${hi} < ?)`, params: [n.lo, n.hi] };
    case 'gt': return { sql: `${hi} > ?`, params: [n.value] };
    case 'lt': return { sql: `${lo} < ?`, params: [n.value] };
    case 'ge': return { sql: `${hi} >= ?`, params: [n.value] };
    case 'le': return { sql: `${lo} <= ?`, params: [n.value] };
    case 'sa': return { sql: `${lo} > ?`, params: [n.value] };
    case 'eb': return { sql: `${hi} < ?`, params: [n.value] };
    case 'ap': {
      const slack = Math.abs(n.value) * 0.1;
      return { sql: `${lo} <= ? AND ${hi} >= ?`, params: [Math.min(n.value + slack, MAXD), Math.max(n.value - slack, -MAXD)] };
    }
  }
}

function quantityCondition(raw: string, c: Cols): Cond {
  const parts = splitEscaped(raw, '|').map(unescape);
  if (parts.length !== 1 && parts.length !== 3) throw badRequest(`A quantity is [prefix]number[|system|code], got "${raw}"`);
  const { prefix, rest } = splitPrefix(parts[0]);
  const n = parseNumber(rest);
  if (!n) throw badRequest(`Invalid quantity search value "${raw}"`);
  const num = numberCondition(prefix, n, c);
  if (parts.length === 1) return num;
  const [, system, code] = parts;
  const x = c.prefix;
  if (system && code) return { sql: `${num.sql} AND ${x}.system = ? AND ${x}.code = ?`, params: [...num.params, system, code] };
  if (code) return { sql: `${num.sql} AND (${x}.code = ? OR ${x}.unit = ?)`, params: [...num.params, code, code] };
  if (system) return { sql: `${num.sql} AND ${x}.system = ?`, params: [...num.params, system] };
  return num;
}

function compositeCondition(raw: string, x: string, types: string[]): Cond {
  const parts = splitEscaped(raw, '$');
  if (parts.length !== types.length) throw badRequest(`A composite value needs ${types.length} parts separated by $, got "${raw}"`);
  const conds = parts.map((part, i) => {
    const n = i + 1;
    const cx = `${x}.c${n}_`;
    const type = types[i];
    // Components share one generic column set: s (system/type), c (code/value), lo/hi (ranges).
    const cols: Cols = { lo: `${cx}lo`, hi: `${cx}hi`, prefix: '' };
    switch (type) {
      case 'token': {
        const t = tokenCondition(part, undefined, 'X');
        return { sql: t.sql.replace(/X\.code/g, `${cx}c`).replace(/X\.system/g, `${cx}s`), params: t.params };
      }
      case 'string': {
        const v = normalizeString(unescape(part));
        return { sql: `${cx}c >= ? AND ${cx}c < ?`, params: [v, v + HIGH] };
      }
      case 'uri':
        return { sql: `${cx}c = ?`, params: [unescape(part)] };
      case 'reference': {
        const rel = REL.exec(unescape(part));
        return rel ? { sql: `${cx}c = ? AND ${cx}s = ?`, params: [rel[2], rel[1]] } : { sql: `${cx}c = ?`, params: [unescape(part)] };
      }
      case 'date': {
        const { prefix, rest } = splitPrefix(part);
        const r = parseSearchDate(rest);
        if (!r) throw badRequest(`Invalid date in composite "${raw}"`);
        return rangeCondition(prefix, r.lo, r.hi, cols, true);
      }
      case 'number':
      case 'quantity': {
        const q = quantityCondition(part, { ...cols, prefix: 'X' });
        return { sql: q.sql.replace(/X\.system/g, `${cx}s`).replace(/X\.code/g, `${cx}c`).replace(/X\.unit/g, `${cx}c`), params: q.params };
      }
    }
    throw badRequest(`Composite component of type ${type} is not supported`);
  });
  return { sql: conds.map((c) => `(${c.sql})`).join(' AND '), params: conds.flatMap((c) => c.params) };
}
