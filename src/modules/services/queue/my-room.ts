// The doctor's clinic room today: from their Schedules (actor PractitionerRole + clinic Location, generated from the
// roster) and that day's sessions — the unbroken runs of the Schedule's Slots, or where it has none that day the
// role's PractitionerRole.availableTime; the session running now, else the next one today, else the last one. Also
// every clinic room the doctor may sit in, for choosing another.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { refId, searchAll, type Reference } from '../../emr/encounters/fhir.js';
import type { Clinician } from '../../emr/encounters/me.js';
import { isClinicRoom, sessionsOn, type Session } from '../appointments/roster.js';
import { dayRange, localDate } from '../appointments/time.js';
import { placeOf, type Place } from './places.js';

export interface MyRoom {
  date: string;
  room: Place | null;
  session?: Session;
  /** the clinic rooms of the doctor's schedules and role, to choose from */
  rooms: Place[];
}

interface Option {
  room: string;
  session?: Session;
}

/** Now's session first, then the next to come, then the latest past one; rooms without a session today last. */
function pick(options: Option[], now: number): Option | undefined {
  const withSession = options.filter((o) => o.session);
  const running = withSession.find((o) => Date.parse(o.session!.start) <= now && now < Date.parse(o.session!.end));
  if (running) return running;
  const next = withSession.filter((o) => Date.parse(o.session!.start) > now).sort((a, b) => a.session!.start.localeCompare(b.session!.start))[0];
  if (next) return next;
  return withSession.sort((a, b) => b.session!.end.localeCompare(a.session!.end))[0];
}

/** A day's Slots of each Schedule, merged into sessions (back-to-back slots make one session). */
async function slotSessions(repo: FhirRepository, ctx: RequestContext, schedules: string[], date: string): Promise<Map<string, Session[]>> {
  const out = new Map<string, Session[]>();
  if (!schedules.length) return out;
  const day = dayRange(date);
  const found = await searchAll(repo, ctx, 'Slot', [
    ['schedule', schedules.map((s) => `Schedule/${s}`).join(',')], ['start', `ge${day.start}`], ['start', `lt${day.end}`], ['_elements', 'schedule,start,end'],
  ], 5000);
  const slots = found.matches
    .map((s) => ({ schedule: refId(s.schedule, 'Schedule') ?? '', start: s.start as string, end: s.end as string }))
    .filter((s) => s.start && s.end)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const s of slots) {
    const list = out.get(s.schedule) ?? [];
    const last = list[list.length - 1];
    if (last && Date.parse(s.start) <= Date.parse(last.end)) {
      if (Date.parse(s.end) > Date.parse(last.end)) last.end = s.end;
    } else list.push({ start: s.start, end: s.end });
    out.set(s.schedule, list);
  }
  return out;
}

export async function myRoom(repo: FhirRepository, ctx: RequestContext, who: Clinician, now = new Date()): Promise<MyRoom> {
  const date = localDate(now.getTime());
  const roleRefs = who.refs.filter((r) => r.startsWith('PractitionerRole/'));
  const roles: Resource[] = roleRefs.length ? (await searchAll(repo, ctx, 'PractitionerRole', [['_id', roleRefs.map((r) => r.slice(17)).join(',')]], 50)).matches : [];
  const schedules = roleRefs.length ? (await searchAll(repo, ctx, 'Schedule', [['actor', roleRefs.join(',')], ['active', 'true']], 200)).matches : [];
  const fromSlots = await slotSessions(repo, ctx, schedules.map((s) => s.id as string), date);
  const options: Option[] = [];
  for (const s of schedules) {
    const actors = (s.actor as Reference[] | undefined) ?? [];
    const room = actors.map((a) => refId(a, 'Location')).find((x): x is string => !!x);
    const role = roles.find((r) => actors.some((a) => refId(a, 'PractitionerRole') === r.id));
    if (!room) continue;
    const sessions = fromSlots.get(s.id as string) ?? (role ? sessionsOn(role, date) : []);
    for (const session of sessions) options.push({ room, session });
    if (!options.some((o) => o.room === room)) options.push({ room });
  }
  const ids = [...new Set([...options.map((o) => o.room), ...who.locations])];
  const locations = ids.length ? (await searchAll(repo, ctx, 'Location', [['_id', ids.join(',')]], 200)).matches : [];
  const clinics = locations.filter((l) => options.some((o) => o.room === l.id) || isClinicRoom(l));
  // a role with clinic hours today but no Schedule yet sits in its first clinic room
  if (!options.some((o) => o.session)) {
    const first = clinics[0];
    const session = roles.flatMap((r) => sessionsOn(r, date))[0];
    if (first && session) options.push({ room: first.id as string, session });
  }
  const chosen = pick(options, now.getTime());
  const rooms = clinics.map(placeOf).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
  const room = chosen ? rooms.find((r) => r.id === chosen.room) ?? null : null;
  return { date, room, ...(chosen?.session && room ? { session: chosen.session } : {}), rooms };
}
