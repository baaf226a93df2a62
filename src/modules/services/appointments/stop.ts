// 停诊: a clinic session is stopped. Its slots become busy-unavailable, the booked appointments are cancelled by the
// provider (reason prov), and every affected patient gets one Communication (zh-CN and en text, the appointment it
// is about, and the next free slots of the department offered as references) — all in one transaction. The
// standard asks for it: 诊疗预约 level 3 (3), see rules.ts.
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { ref, searchAll, type Reference } from '../../emr/encounters/fhir.js';
import { readNamed } from '../../emr/encounters/encounter.js';
import { unprocessable } from '../../../fhir/errors.js';
import type { BookingDeps } from './booking.js';
import { forbidden, hasRole, ROSTER_STAFF, type Caller } from './caller.js';
import { departmentCode, departmentName, EXT, SYS } from './codes.js';
import { commit, post, put, type Entry } from './commit.js';
import { actorIds, loadDirectory } from './directory.js';
import { NOON, OFFERED_SLOTS } from './rules.js';
import { nextFree, slotViews, type SlotView } from './slots.js';
import { at, dayRange, localDay, localTime } from './time.js';
import { participantRefs } from './view.js';

export interface StopInput {
  schedule: string;
  date: string;
  session?: 'am' | 'pm';
  reason: string;
}

export interface StopResult {
  /** slots made unavailable, appointments cancelled, patients notified */
  slots: number;
  cancelled: number;
  notified: number;
  offered: SlotView[];
}

const lang = (code: string) => [{ url: EXT.language, valueCode: code }];
const when = (s: string) => `${localDay(s)} ${localTime(s)}`;

/** Doctors stop their own sessions; nurses and admins any. */
async function assertMayStop(d: BookingDeps, caller: Caller, ctx: RequestContext, schedule: Resource): Promise<void> {
  if (!hasRole(caller, ROSTER_STAFF)) throw forbidden(`Stopping a clinic session needs one of the roles ${ROSTER_STAFF.join(', ')}`);
  if (hasRole(caller, ['admin', 'nurse'])) return;
  const role = actorIds((schedule.actor as unknown[] | undefined) ?? []).role;
  const me = caller.fhirUser ?? '';
  if (role && me === `PractitionerRole/${role}`) return;
  if (role && me.startsWith('Practitioner/')) {
    const r = await d.repo.read(ctx, 'PractitionerRole', role).catch(() => undefined);
    if ((r?.practitioner as Reference | undefined)?.reference === me) return;
  }
  throw forbidden(`Schedule/${schedule.id} is another doctor's clinic: only its doctor, a nurse or an admin may stop it`);
}

function notice(patient: Reference, appointments: Resource[], input: StopInput, doctor: string, offers: SlotView[], now: string, sender?: string): Resource {
  const first = appointments[0] as Resource;
  const dept = departmentName(departmentCode(first.specialty) ?? '');
  const times = appointments.map((a) => when(a.start as string)).join('、');
  const offerZh = offers.map((o) => `${when(o.start)} ${o.doctor?.name ?? ''}`.trim()).join('；');
  const offerEn = offers.map((o) => `${when(o.start)} ${o.doctor?.name ?? ''}`.trim()).join('; ');
  const zh = `【停诊通知】您预约的${dept.name}${doctor ? ` ${doctor} 医生` : ''} ${times} 门诊因故停诊（${input.reason}），预约已取消。` +
    (offers.length ? `可改约：${offerZh}；也可在“我的预约”中选择其他时间。` : '请在“我的预约”中另选时间。');
  const en = `Clinic cancelled: your ${dept.nameEn} appointment${doctor ? ` with Dr ${doctor}` : ''} on ${times} is cancelled because the session was stopped (${input.reason}). ` +
    (offers.length ? `You can move it to: ${offerEn}, or choose another time under "My appointments".` : 'Please choose another time under "My appointments".');
  return {
    resourceType: 'Communication', status: 'completed',
    category: [{ coding: [{ system: SYS.communicationCategory, code: 'notification', display: 'Notification' }] }],
    priority: 'urgent', subject: patient, recipient: [patient],
    about: appointments.map((a) => ref('Appointment', a.id as string)),
    sent: now, ...(sender ? { sender: { reference: sender } } : {}),
    reasonCode: [{ text: input.reason }],
    payload: [
      { extension: lang('zh-CN'), contentString: zh },
      { extension: lang('en'), contentString: en },
      ...offers.map((o) => ({ contentReference: { reference: `Slot/${o.id}`, display: `${when(o.start)} ${dept.name} ${o.doctor?.name ?? ''}`.trim() } })),
    ],
  };
}

/** POST /sessions/stop */
export async function stopSession(d: BookingDeps, caller: Caller, ctx: RequestContext, input: StopInput): Promise<StopResult> {
  const schedule = await readNamed(d.repo, ctx, 'Schedule', input.schedule, 'schedule');
  await assertMayStop(d, caller, ctx, schedule);
  const now = d.now();
  const day = dayRange(input.date);
  const span = input.session === 'am' ? { start: day.start, end: at(input.date, NOON) } : input.session === 'pm' ? { start: at(input.date, NOON), end: day.end } : day;
  const slots = (await searchAll(d.repo, ctx, 'Slot', [['schedule', `Schedule/${schedule.id}`], ['start', `ge${span.start}`], ['start', `lt${span.end}`], ['_sort', 'start']])).matches;
  if (!slots.length) throw unprocessable(`Schedule/${schedule.id} has no clinic session on ${input.date}${input.session ? ` (${input.session})` : ''}`, ['date']);
  const stopping = slots.filter((s) => s.status === 'free' || s.status === 'busy');
  const elevated = d.elevated(ctx);
  // the caller may not see these patients (an admin sees none): the cancellation is this module's step, after the check above
  const booked = stopping.length ? (await searchAll(d.repo, elevated, 'Appointment', [
    ['slot', stopping.map((s) => `Slot/${s.id}`).join(',')], ['status', 'proposed,pending,booked'],
  ])).matches : [];
  const dept = departmentCode(schedule.specialty);
  const offered = dept ? await slotViews(d.repo, ctx, await nextFree(d.repo, ctx, dept, now.toISOString(), OFFERED_SLOTS, new Set(stopping.map((s) => s.id as string)))) : [];
  const at_ = `${now.toISOString().slice(0, 19)}Z`;
  const role = actorIds((schedule.actor as unknown[] | undefined) ?? []).role;
  const doctor = (await loadDirectory(d.repo, ctx, role ? [role] : [], [])).doctor(role)?.name ?? '';
  const reason = { coding: [{ system: SYS.cancelReason, code: 'prov', display: 'Provider' }], text: `停诊：${input.reason}` };
  const byPatient = new Map<string, Resource[]>();
  for (const a of booked) {
    const p = actorIds(participantRefs(a)).patient;
    if (p) byPatient.set(p, [...(byPatient.get(p) ?? []), a]);
  }
  const sender = caller.fhirUser && /^(PractitionerRole|Practitioner)\//.test(caller.fhirUser) ? caller.fhirUser : undefined;
  const entries: Entry[] = [
    ...stopping.map((s) => put({ ...s, status: 'busy-unavailable', comment: `停诊 / session stopped: ${input.reason}` }, `Slot ${s.id} was changed meanwhile; try again`)),
    ...booked.map((a) => put({ ...a, status: 'cancelled', cancelationReason: reason }, `Appointment/${a.id} was changed meanwhile; try again`)),
    ...[...byPatient].map(([p, list]) => {
      const display = participantRefs(list[0] as Resource).find((r) => r?.reference === `Patient/${p}`)?.display;
      return post(notice(ref('Patient', p, display), list, input, doctor, offered, at_, sender));
    }),
  ];
  if (entries.length) await commit(d.transaction, elevated, entries);
  return { slots: stopping.length, cancelled: booked.length, notified: byPatient.size, offered };
}
