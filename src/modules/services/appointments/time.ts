// Hospital-local time. Clinic hours are wall-clock times in China Standard Time (Asia/Shanghai: UTC+08:00 all year,
// no daylight saving since 1991), whatever the server's own time zone is.
import { badRequest } from '../../../fhir/errors.js';

export const HOSPITAL_OFFSET = '+08:00';
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of the hospital day containing `ms`. */
export function localDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** HH:MM hospital time of a FHIR dateTime (any offset). */
export function localTime(dateTime: string): string {
  return new Date(Date.parse(dateTime) + OFFSET_MS).toISOString().slice(11, 16);
}

/** YYYY-MM-DD hospital day of a FHIR dateTime (any offset). */
export function localDay(dateTime: string): string {
  return localDate(Date.parse(dateTime));
}

/** A FHIR dateTime for a hospital-local day and wall-clock time "HH:MM[:SS]". */
export function at(date: string, time: string): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}${HOSPITAL_OFFSET}`;
}

/** A checked calendar date; 400 naming the field otherwise. */
export function checkDate(value: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) throw badRequest(`${field} must be a calendar date YYYY-MM-DD`, [field]);
  return value;
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** FHIR daysOfWeek code of a date: mon … sun. */
export function weekdayCode(date: string): string {
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(`${date}T00:00:00Z`).getUTCDay()] as string;
}

/** Minutes since midnight of "HH:MM[:SS]". */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function timeOf(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The hospital day [start, end) as FHIR dateTimes. */
export function dayRange(date: string): { start: string; end: string } {
  return { start: at(date, '00:00'), end: at(addDays(date, 1), '00:00') };
}
