// FHIR date/dateTime/instant parsing into the span of instants the value covers.
// Used for indexing and by the search parser for query values, hence strict.
import { DATE_MAX, DATE_MIN } from './entry.js';

// YYYY[-MM[-DD[Thh:mm[:ss[.fff…]][Z|±hh:mm]]]]. Minutes-only times are accepted for queries.
const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

const DAY_MS = 86_400_000;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Date.UTC mangles years < 100).
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface DateRange { lo: number; hi: number }

/**
 * The span [lo, hi] (epoch ms, inclusive) a FHIR date/dateTime/instant covers: '2020' is the
 * whole year, '2020-02' the month, '2020-02-03' the day, '…T10:00:05Z' that second, fractional
 * seconds are exact. Values without a timezone are taken as UTC. Returns null for anything that
 * is not a valid date (2020-13-01, 2020-02-30, 25:00, garbage).
 */
export function parseFhirDateRange(s: string): DateRange | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = +m[1];
  if (y < 1) return null;
  if (m[2] === undefined) return clamp(daysFromCivil(y, 1, 1) * DAY_MS, daysFromCivil(y + 1, 1, 1) * DAY_MS - 1);
  const mo = +m[2];
  if (mo < 1 || mo > 12) return null;
  if (m[3] === undefined) {
    const start = daysFromCivil(y, mo, 1);
    return clamp(start * DAY_MS, (start + daysInMonth(y, mo)) * DAY_MS - 1);
  }
  const d = +m[3];
  if (d < 1 || d > daysInMonth(y, mo)) return null;
  const day = daysFromCivil(y, mo, d) * DAY_MS;
  if (m[4] === undefined) return clamp(day, day + DAY_MS - 1);
  const hh = +m[4];
  const mi = +m[5];
  if (hh > 23 || mi > 59) return null;
  let lo = day + (hh * 60 + mi) * 60_000;
  let width: number;
  if (m[6] === undefined) width = 59_999;
  else {
    const ss = +m[6];
    if (ss > 59) return null;
    lo += ss * 1000;
    if (m[7] === undefined) width = 999;
    else { lo += Math.floor(+m[7].padEnd(3, '0').slice(0, 3)); width = 0; }
  }
  const tz = m[8];
  if (tz && tz !== 'Z') {
    const oh = +tz.slice(1, 3);
    const om = +tz.slice(4, 6);
    if (oh > 14 || om > 59) return null;
    lo -= (tz[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return clamp(lo, lo + width);
}

function clamp(lo: number, hi: number): DateRange {
  return { lo: Math.max(lo, DATE_MIN), hi: Math.min(hi, DATE_MAX) };
}
