// All demo times are China Standard Time (UTC+08:00, no daylight saving), whatever the machine's time zone.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** FHIR dateTime with seconds and the +08:00 offset, e.g. 2026-11-01T08:00:00+08:00. */
export function dateTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + OFFSET);
  return `${date(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** FHIR date (YYYY-MM-DD) of the China calendar day containing `ms`. */
export function date(ms: number): string {
  const d = new Date(ms + OFFSET);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Epoch ms of 00:00 China time on the day containing `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor((ms + OFFSET) / DAY) * DAY - OFFSET;
}

/** 0 = Sunday … 6 = Saturday, China time. */
export function weekday(ms: number): number {
  return new Date(ms + OFFSET).getUTCDay();
}

/** Whole years from a YYYY-MM-DD birth date to the China day containing `ms`. */
export function ageInYears(birthDate: string, ms: number): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ny, nm, nd] = date(ms).split('-').map(Number) as [number, number, number];
  return ny - y - (nm < m || (nm === m && nd < d) ? 1 : 0);
}
