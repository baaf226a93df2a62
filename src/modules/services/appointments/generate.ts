// Schedule and Slot generation from the rosters, for a range of hospital-local days. Idempotent: ids are
// deterministic, a Schedule is written only when it changed, and a clinic session that already has slots is left
// as it is (so booked or stopped slots are never overwritten, and a new HUIYI_SLOT_MINUTES applies to sessions not
// generated yet). Runs one at a time per process, so two clicks on "generate" cannot interleave.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { ref, searchAll } from '../../emr/encounters/fhir.js';
import type { ModuleDeps } from '../../module.js';
import { departmentConcept } from './codes.js';
import { scheduleId, slotId } from './ids.js';
import { doctorName, loadRoster, sessionsOn, slotTimes, type RosterEntry, type Session } from './roster.js';
import { addDays, at } from './time.js';

export interface GenerateInput {
  /** first hospital-local day, YYYY-MM-DD */
  from: string;
  days: number;
  slotMinutes: number;
}

export interface GenerateResult {
  from: string;
  /** last day included */
  to: string;
  slotMinutes: number;
  schedules: number;
  /** clinic sessions in the range, and those that got their slots now */
  sessions: number;
  generatedSessions: number;
  created: number;
}

const BUNDLE_ENTRIES = 1000;
let queue: Promise<unknown> = Promise.resolve();

function scheduleOf(e: RosterEntry): Resource {
  const dept = departmentConcept(e.department);
  return {
    resourceType: 'Schedule', id: scheduleId(e.role.id as string), active: true,
    serviceType: [dept], specialty: [dept],
    actor: [ref('PractitionerRole', e.role.id as string, doctorName(e)), ref('Location', e.room.id as string, typeof e.room.name === 'string' ? e.room.name : undefined)],
    comment: '门诊出诊，由排班（PractitionerRole.availableTime）生成 / clinic sessions generated from the roster',
  };
}

function slotOf(e: RosterEntry, schedule: string, t: Session): Resource {
  const dept = departmentConcept(e.department);
  return {
    resourceType: 'Slot', id: slotId(e.role.id as string, t.start), schedule: ref('Schedule', schedule),
    status: 'free', start: t.start, end: t.end, serviceType: [dept], specialty: [dept],
  };
}

const same = (a: Resource, b: Resource) => {
  const strip = ({ meta: _m, ...rest }: Resource) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
};

async function run(repo: FhirRepository, transaction: ModuleDeps['transaction'], ctx: RequestContext, input: GenerateInput): Promise<GenerateResult> {
  const roster = await loadRoster(repo, ctx);
  const to = addDays(input.from, input.days - 1);
  const schedules = roster.map(scheduleOf);
  const ids = schedules.map((s) => s.id as string);
  const stored = ids.length ? (await searchAll(repo, ctx, 'Schedule', [['_id', ids.join(',')]], 100_000)).matches : [];
  const storedById = new Map(stored.map((s) => [s.id as string, s]));
  const changedSchedules = schedules.filter((s) => { const old = storedById.get(s.id as string); return !old || !same(old, s); });

  // slots already there, per schedule: a session with any of them counts as generated
  const existing = new Map<string, number[]>();
  if (ids.length) {
    const found = await searchAll(repo, ctx, 'Slot', [
      ['schedule', ids.map((id) => `Schedule/${id}`).join(',')], ['start', `ge${at(input.from, '00:00')}`], ['start', `lt${at(addDays(to, 1), '00:00')}`],
      ['_elements', 'schedule,start'],
    ], 1_000_000);
    for (const s of found.matches) {
      const sid = String((s.schedule as { reference?: string } | undefined)?.reference ?? '').replace(/^Schedule\//, '');
      existing.set(sid, [...(existing.get(sid) ?? []), Date.parse(s.start as string)]);
    }
  }

  let sessions = 0;
  let generatedSessions = 0;
  const batches: Resource[][] = [[]];
  for (let d = 0; d < input.days; d++) {
    const day = addDays(input.from, d);
    roster.forEach((e, i) => {
      const sid = ids[i] as string;
      for (const s of sessionsOn(e.role, day)) {
        sessions++;
        const taken = existing.get(sid) ?? [];
        if (taken.some((t) => t >= Date.parse(s.start) && t < Date.parse(s.end))) continue;
        const slots = slotTimes(s, input.slotMinutes).map((t) => slotOf(e, sid, t));
        if (!slots.length) continue;
        generatedSessions++;
        let batch = batches[batches.length - 1] as Resource[];
        if (batch.length + slots.length > BUNDLE_ENTRIES && batch.length) batches.push((batch = []));
        batch.push(...slots);
      }
    });
  }
  const put = (r: Resource) => ({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } });
  if (changedSchedules.length) await transaction(ctx, { resourceType: 'Bundle', type: 'transaction', entry: changedSchedules.map(put) });
  let created = 0;
  for (const batch of batches) {
    if (!batch.length) continue;
    await transaction(ctx, { resourceType: 'Bundle', type: 'transaction', entry: batch.map(put) });
    created += batch.length;
  }
  return { from: input.from, to, slotMinutes: input.slotMinutes, schedules: schedules.length, sessions, generatedSessions, created };
}

/** Generate (one run at a time in this process). `ctx` must be allowed to write Schedule and Slot. */
export function generateSlots(repo: FhirRepository, transaction: ModuleDeps['transaction'], ctx: RequestContext, input: GenerateInput): Promise<GenerateResult> {
  const next = queue.then(() => run(repo, transaction, ctx, input));
  queue = next.catch(() => undefined);
  return next;
}
