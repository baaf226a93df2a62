// Parsing of search values: escapes, prefixes, numbers with implicit precision.

import { parseFhirDateRange, type DateRange } from '../indexing/dates.js';

/** A date search value; an unencoded '+' of a timezone offset arrives form-decoded as a space. */
export function parseSearchDate(s: string): DateRange | null {
  return parseFhirDateRange(s.replace(/ (\d{2}:\d{2})$/, '+$1'));
}

export const PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'] as const;
export type Prefix = (typeof PREFIXES)[number];

/** Split on an unescaped separator (`,` for OR, `|` for token parts, `$` for composites). */
export function splitEscaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && (s[i + 1] === ',' || s[i + 1] === '|' || s[i + 1] === '$' || s[i + 1] === '\\')) {
      cur += c + s[i + 1];
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function unescape(s: string): string {
  return s.replace(/\\([,|$\\])/g, '$1');
}

export function splitPrefix(v: string): { prefix: Prefix; rest: string } {
  const p = v.slice(0, 2);
  if ((PREFIXES as readonly string[]).includes(p) && v.length > 2 && !/^[a-z]/.test(v.slice(2, 3))) return { prefix: p as Prefix, rest: v.slice(2) };
  return { prefix: 'eq', rest: v };
}

const NUMBER = /^[+-]?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** A decimal with the range implied by its precision (FHIR: 100 → [99.5, 100.5), 1e2 → [95, 105)). */
export function parseNumber(s: string): { value: number; lo: number; hi: number } | null {
  const m = NUMBER.exec(s.trim());
  if (!m) return null;
  const value = Number(s);
  if (!Number.isFinite(value)) return null;
  const decimals = m[2]?.length ?? 0;
  const exp = m[3] ? Number(m[3]) : 0;
  let half: number;
  if (m[3]) {
    // significant figures of the mantissa decide: 1e2 has one, so ±0.5e2
    half = 0.5 * 10 ** (exp - decimals);
  } else half = 0.5 * 10 ** -decimals;
  return { value, lo: value - half, hi: value + half };
}
