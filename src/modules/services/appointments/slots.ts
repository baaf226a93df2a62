// Reading slots: a department's slots of a day (the booking grid), departments with clinic sessions and their next
// free time, and the next free slots after a moment (offered after 停诊).
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { idFrom, refId, searchAll } from '../../emr/encounters/fhir.js';
import { departmentCode, departmentName, departmentToken, type DepartmentName } from './codes.js';
import { actorIds, loadDirectory, type Doctor, type Room } from './directory.js';
import { dayRange } from './time.js';

export interface SlotView {
  id: string;
  start: string;
  end: string;
  status: string;
  schedule: string;
  department?: DepartmentName;
  doctor?: Doctor;
  room?: Room;
}

export const scheduleOfSlot = (s: Resource) => refId(s.schedule, 'Schedule');

/** Slots with their doctor and room, from their Schedules' actors (schedules: those already at hand). */
export async function slotViews(repo: FhirRepository, ctx: RequestContext, slots: Resource[], known: Resource[] = []): Promise<SlotView[]> {
  const schedules = new Map(known.filter((r) => r.resourceType === 'Schedule').map((s) => [s.id as string, s]));
  const missing = [...new Set(slots.map(scheduleOfSlot).filter((id): id is string => !!id && !schedules.has(id)))];
  if (missing.length) for (const s of (await searchAll(repo, ctx, 'Schedule', [['_id', missing.join(',')]])).matches) schedules.set(s.id as string, s);
  const actors = new Map([...schedules].map(([id, s]) => [id, actorIds((s.actor as unknown[] | undefined) ?? [])]));
  const dir = await loadDirectory(repo, ctx, [...actors.values()].flatMap((a) => (a.role ? [a.role] : [])), [...actors.values()].flatMap((a) => (a.location ? [a.location] : [])));
  return slots.map((s) => {
    const sid = scheduleOfSlot(s) ?? '';
    const a = actors.get(sid) ?? {};
    const code = departmentCode(s.specialty) ?? departmentCode(schedules.get(sid)?.specialty);
    const doctor = dir.doctor(a.role);
    const room = dir.room(a.location);
    return {
      id: s.id as string, start: s.start as string, end: s.end as string, status: s.status as string, schedule: sid,
      ...(code ? { department: departmentName(code) } : {}), ...(doctor ? { doctor } : {}), ...(room ? { room } : {}),
    };
  });
}

/** GET /slots: a department's slots of a hospital-local day, every status, earliest first. */
export async function listSlots(repo: FhirRepository, ctx: RequestContext, q: { department: string; date: string; practitioner?: string }): Promise<SlotView[]> {
  const day = dayRange(q.date);
  const found = await searchAll(repo, ctx, 'Slot', [
    ['specialty', departmentToken(q.department)], ['start', `ge${day.start}`], ['start', `lt${day.end}`], ['_include', 'Slot:schedule'], ['_sort', 'start'],
  ], 5000);
  let views = await slotViews(repo, ctx, found.matches, found.included);
  if (q.practitioner) {
    const p = q.practitioner;
    const id = idFrom(p, p.startsWith('Practitioner/') ? 'Practitioner' : 'PractitionerRole', 'practitioner');
    views = views.filter((v) => v.doctor?.role === id || v.doctor?.practitioner === id);
  }
  return views.sort((a, b) => a.start.localeCompare(b.start) || (a.doctor?.role ?? '').localeCompare(b.doctor?.role ?? ''));
}

/** The next free slots of a department starting after `after`, earliest first (excluding some ids). */
export async function nextFree(repo: FhirRepository, ctx: RequestContext, department: string, after: string, n: number, exclude: ReadonlySet<string> = new Set()): Promise<Resource[]> {
  const r = await repo.search(ctx, {
    types: ['Slot'],
    params: [['specialty', departmentToken(department)], ['status', 'free'], ['start', `gt${after}`], ['_sort', 'start'], ['_count', String(n + exclude.size)]],
  });
  return r.matches.filter((s) => !exclude.has(s.id as string)).slice(0, n);
}

/** GET /departments: departments with active clinic schedules, with the start of their next free slot. */
export async function listDepartments(repo: FhirRepository, ctx: RequestContext, now: Date): Promise<(DepartmentName & { nextFree?: string })[]> {
  const schedules = (await searchAll(repo, ctx, 'Schedule', [['active', 'true']], 20_000)).matches;
  const codes = [...new Set(schedules.map((s) => departmentCode(s.specialty)).filter((c): c is string => !!c))].sort();
  const after = now.toISOString();
  return Promise.all(codes.map(async (code) => {
    const [next] = await nextFree(repo, ctx, code, after, 1);
    return { ...departmentName(code), ...(next ? { nextFree: next.start as string } : {}) };
  }));
}

/** GET /schedules: active clinic schedules (a doctor in a room), of one department or all. */
export async function listSchedules(repo: FhirRepository, ctx: RequestContext, department?: string): Promise<{ id: string; department?: DepartmentName; doctor?: Doctor; room?: Room }[]> {
  const found = (await searchAll(repo, ctx, 'Schedule', [['active', 'true'], ...(department ? [['specialty', departmentToken(department)] as [string, string]] : [])], 20_000)).matches;
  const actors = found.map((s) => actorIds((s.actor as unknown[] | undefined) ?? []));
  const dir = await loadDirectory(repo, ctx, actors.flatMap((a) => (a.role ? [a.role] : [])), actors.flatMap((a) => (a.location ? [a.location] : [])));
  return found.map((s, i) => {
    const code = departmentCode(s.specialty);
    const doctor = dir.doctor(actors[i]?.role);
    const room = dir.room(actors[i]?.location);
    return { id: s.id as string, ...(code ? { department: departmentName(code) } : {}), ...(doctor ? { doctor } : {}), ...(room ? { room } : {}) };
  }).sort((a, b) => (a.department?.code ?? '').localeCompare(b.department?.code ?? '') || (a.doctor?.name ?? '').localeCompare(b.doctor?.name ?? '', 'zh'));
}
