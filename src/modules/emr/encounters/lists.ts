// The clinicians' work lists, as FHIR searches: a doctor's clinic queue of a day and inpatients, a nurse's wards.
import { badRequest } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { SYS } from './codes.js';
import { byRef, searchAll, type Period } from './fhir.js';
import { physicalCode } from './encounter.js';
import { wardBoard, type Stay, type WardBoard } from './beds.js';
import type { Clinician } from './me.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** "+08:00" for an offset in minutes east of UTC. */
export function offsetText(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const m = Math.abs(minutesEast);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The calendar day [start, end) as FHIR dateTimes in a time zone offset; defaults: today in the server's zone. */
export function dayBounds(date: string | undefined, tz: string | undefined, now = new Date()): { start: string; end: string } {
  const zone = tz ?? offsetText(-now.getTimezoneOffset());
  if (!/^[+-](0\d|1[0-4]):[0-5]\d$/.test(zone)) throw badRequest('tz must be an offset such as +08:00', ['tz']);
  let day = date;
  if (day === undefined) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const minutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    day = new Date(now.getTime() + minutes * 60_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw badRequest('date must be a calendar date YYYY-MM-DD', ['date']);
  const next = new Date(ms + 86_400_000).toISOString().slice(0, 10);
  return { start: `${day}T00:00:00${zone}`, end: `${next}T00:00:00${zone}` };
}

function stays(found: { matches: Resource[]; included: Resource[] }): Stay[] {
  const patients = byRef(found.included.filter((r) => r.resourceType === 'Patient'));
  return found.matches.map((encounter) => {
    const patient = patients.get((encounter.subject as { reference?: string } | undefined)?.reference ?? '');
    return { encounter, ...(patient ? { patient } : {}) };
  });
}

const startOf = (s: Stay) => (s.encounter.period as Period | undefined)?.start ?? '';

/** My outpatient encounters that began on a day (any status), earliest first. */
export async function clinicQueue(repo: FhirRepository, ctx: RequestContext, who: Clinician, day: { start: string; end: string }): Promise<Stay[]> {
  const found = await searchAll(repo, ctx, 'Encounter', [
    ['participant', who.refs.join(',')], ['class', `${SYS.actCode}|AMB`],
    ['date', `ge${day.start}`], ['date', `lt${day.end}`], ['_include', 'Encounter:subject'],
  ], 1000);
  // the date search matches periods that overlap the day: an unfinished visit of yesterday would show up too
  const from = Date.parse(day.start);
  const to = Date.parse(day.end);
  const began = (s: Stay) => {
    const t = Date.parse(startOf(s));
    return t >= from && t < to;
  };
  return stays(found).filter(began).sort((a, b) => startOf(a).localeCompare(startOf(b)));
}

/** My current inpatient stays (in hospital or on leave), with their ward/room/bed Locations. */
export async function inpatients(repo: FhirRepository, ctx: RequestContext, who: Clinician): Promise<{ stays: Stay[]; locations: Resource[] }> {
  const found = await searchAll(repo, ctx, 'Encounter', [
    ['participant', who.refs.join(',')], ['class', `${SYS.actCode}|IMP`], ['status', 'in-progress,onleave'],
    ['_include', 'Encounter:subject'], ['_include', 'Encounter:location'],
  ], 2000);
  return {
    stays: stays(found).sort((a, b) => startOf(a).localeCompare(startOf(b))),
    locations: found.included.filter((r) => r.resourceType === 'Location'),
  };
}

/** The boards of the wards among my role's locations. */
export async function myWards(repo: FhirRepository, ctx: RequestContext, who: Clinician): Promise<WardBoard[]> {
  if (!who.locations.length) return [];
  const found = await repo.search(ctx, { types: ['Location'], params: [['_id', who.locations.join(',')], ['_count', '100']] });
  const wards = found.matches.filter((l) => physicalCode(l) === 'wa');
  return Promise.all(wards.map((w) => wardBoard(repo, ctx, w.id as string)));
}
