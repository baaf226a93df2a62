// Rosters: who sits in which clinic room when, from PractitionerRole.availableTime (the doctor's clinic sessions)
// and the role's clinic-room Locations. Pure functions turn a role and a day into sessions and slot times.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { byRef, nameOf, refId, searchAll, type CodeableConcept } from '../../emr/encounters/fhir.js';
import { SYS, departmentCode } from './codes.js';
import { ALL_DAY_SESSIONS, NOT_CLINIC_ROOM_TYPES, WALK_IN_DEPARTMENTS } from './rules.js';
import { at, minutesOf, timeOf, weekdayCode } from './time.js';

export interface AvailableTime {
  daysOfWeek?: string[];
  allDay?: boolean;
  availableStartTime?: string;
  availableEndTime?: string;
}

export interface Session {
  /** FHIR dateTimes, hospital-local */
  start: string;
  end: string;
}

export interface RosterEntry {
  role: Resource;
  practitioner?: Resource;
  room: Resource;
  department: string;
}

const codesOf = (list: unknown): string[] => ((list as CodeableConcept[] | undefined) ?? []).flatMap((x) => (x.coding ?? []).map((k) => k.code ?? ''));

/** A consulting room: physical type room, and not an emergency / lab / imaging / pharmacy / ward place. */
export function isClinicRoom(l: Resource): boolean {
  const physical = ((l.physicalType as CodeableConcept | undefined)?.coding ?? []).find((c) => c.system === SYS.physicalType)?.code;
  return physical === 'ro' && l.status !== 'inactive' && !codesOf(l.type).some((c) => NOT_CLINIC_ROOM_TYPES.includes(c));
}

function within(day: string, period: { start?: string; end?: string } | undefined): boolean {
  if (!period) return true;
  return !(period.end && period.end.slice(0, 10) < day) && !(period.start && period.start.slice(0, 10) > day);
}

/**
 * The clinic sessions of a role on a hospital-local day: its availableTime entries for that weekday (all days when
 * daysOfWeek is absent), minus notAvailable periods; none when the role is inactive or outside its period.
 */
export function sessionsOn(role: Resource, day: string): Session[] {
  if (role.active === false || !within(day, role.period as { start?: string; end?: string } | undefined)) return [];
  const wd = weekdayCode(day);
  const out: Session[] = [];
  for (const t of (role.availableTime as AvailableTime[] | undefined) ?? []) {
    if (t.daysOfWeek && !t.daysOfWeek.includes(wd)) continue;
    const spans = t.allDay ? ALL_DAY_SESSIONS : t.availableStartTime && t.availableEndTime ? [[t.availableStartTime, t.availableEndTime] as const] : [];
    for (const [s, e] of spans) if (minutesOf(e) > minutesOf(s)) out.push({ start: at(day, s.slice(0, 5)), end: at(day, e.slice(0, 5)) });
  }
  const off = ((role.notAvailable as { during?: { start?: string; end?: string } }[] | undefined) ?? []).map((n) => n.during).filter((d) => !!d);
  const blocked = (s: Session) => off.some((d) => (!d?.start || Date.parse(d.start) < Date.parse(s.end)) && (!d?.end || Date.parse(d.end) > Date.parse(s.start)));
  return out.filter((s) => !blocked(s)).sort((a, b) => a.start.localeCompare(b.start));
}

/** Back-to-back slots of `minutes` filling a session; a remainder shorter than a slot at the end is left out. */
export function slotTimes(s: Session, minutes: number): Session[] {
  const day = s.start.slice(0, 10);
  const from = minutesOf(s.start.slice(11, 16));
  const to = minutesOf(s.end.slice(11, 16));
  const out: Session[] = [];
  for (let m = from; m + minutes <= to; m += minutes) out.push({ start: at(day, timeOf(m)), end: at(day, timeOf(m + minutes)) });
  return out;
}

/**
 * Every active role with clinic hours in a bookable department, with the room it sits in: the department's
 * doctors (by role id) take its clinic rooms in turn, so two doctors of one department share a room only when
 * there are more doctors than rooms.
 */
export async function loadRoster(repo: FhirRepository, ctx: RequestContext): Promise<RosterEntry[]> {
  const found = await searchAll(repo, ctx, 'PractitionerRole', [
    ['_include', 'PractitionerRole:practitioner'], ['_include', 'PractitionerRole:location'],
  ], 20_000);
  const included = byRef(found.included);
  const byDept = new Map<string, Resource[]>();
  for (const role of found.matches) {
    const dept = departmentCode(role.specialty);
    if (role.active === false || !dept || WALK_IN_DEPARTMENTS.includes(dept) || !((role.availableTime as unknown[] | undefined) ?? []).length) continue;
    byDept.set(dept, [...(byDept.get(dept) ?? []), role]);
  }
  const out: RosterEntry[] = [];
  for (const [department, roles] of byDept) {
    roles.sort((a, b) => String(a.id).localeCompare(String(b.id)));
    roles.forEach((role, i) => {
      const rooms = ((role.location as unknown[] | undefined) ?? [])
        .map((l) => included.get(`Location/${refId(l, 'Location') ?? ''}`))
        .filter((l): l is Resource => !!l && isClinicRoom(l))
        .sort((a, b) => String(a.id).localeCompare(String(b.id)));
      if (!rooms.length) return;
      const practitioner = included.get(`Practitioner/${refId(role.practitioner, 'Practitioner') ?? ''}`);
      out.push({ role, ...(practitioner ? { practitioner } : {}), room: rooms[i % rooms.length] as Resource, department });
    });
  }
  return out.sort((a, b) => String(a.role.id).localeCompare(String(b.role.id)));
}

/** The name of a roster's doctor: the Practitioner's, else the role's practitioner display. */
export function doctorName(e: { role: Resource; practitioner?: Resource }): string | undefined {
  return nameOf(e.practitioner) ?? (e.role.practitioner as { display?: string } | undefined)?.display;
}
