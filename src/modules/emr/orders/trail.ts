// The closed loop of an order, read back from the FHIR resources that record each step:
//   lab / imaging (ServiceRequest):  ordered → received (Task received) → performed (Task in-progress) →
//                                    resulted (DiagnosticReport + Observations basedOn the order; Task completed)
//   medication (MedicationRequest):  ordered → received (pharmacist review: Task accepted) →
//                                    dispensed (MedicationDispense) → administered (MedicationAdministration, each dose)
// Each step after `ordered` (but administrations, which name performer and time themselves) also wrote a Provenance
// (target: the order) naming who did it and when; the trail takes actor and time from it, and falls back to the
// step's own resource. The order of steps is the timeliness rule of
// 电子病历系统应用水平分级评价标准 (01.01.6 / 02.02.6 / 07.04.6: 医嘱下达 < 药房发药 < 给药; 标本采集 ≤ 接收).
import type { ModuleDeps } from '../../module.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import type { Ref } from '../notes/support.js';
import { INTERPRETATION_SYSTEM } from './interpretation.js';
import { testOf } from './test-catalogue.js';

export const STEP_SYSTEM = 'https://huiyi.dev/fhir/CodeSystem/order-step';

export type OrderKind = 'medication' | 'laboratory' | 'imaging';
export type StepCode = 'ordered' | 'received' | 'performed' | 'resulted' | 'dispensed' | 'administered' | 'cancelled';

export const STEPS: Record<'service' | 'medication', StepCode[]> = {
  service: ['ordered', 'received', 'performed', 'resulted'],
  medication: ['ordered', 'received', 'dispensed', 'administered'],
};

export interface TrailStep {
  step: StepCode;
  done: boolean;
  time?: string;
  actor?: Ref;
  /** administrations: how many doses were given */
  count?: number;
  /** cancellation reason */
  reason?: string;
}

export interface Related {
  tasks: Resource[];
  provenances: Resource[];
  reports: Resource[];
  observations: Resource[];
  dispenses: Resource[];
  administrations: Resource[];
}

export interface Trail {
  ref: string;
  kind: OrderKind;
  title: string;
  /** the order's own status (active, completed, revoked, cancelled, stopped …) */
  status: string;
  authoredOn?: string;
  requester?: Ref;
  patient?: string;
  encounter?: string;
  /** medication orders: the dosage as text */
  dosage?: string;
  /** lab / imaging orders: the catalogue key */
  test?: string;
  /** the last step done */
  current: StepCode;
  cancelled?: { time?: string; actor?: Ref; reason?: string };
  steps: TrailStep[];
  flags: { abnormal: number; critical: number };
  task?: Resource;
  report?: Resource;
  observations: Resource[];
  dispenses: Resource[];
  administrations: Resource[];
}

export function kindOf(order: Resource): OrderKind {
  if (order.resourceType === 'MedicationRequest') return 'medication';
  const cats = (order.category as { coding?: { code?: string }[] }[] | undefined) ?? [];
  return cats.some((c) => c.coding?.some((x) => x.code === 'RAD' || x.code === 'imaging')) ? 'imaging' : 'laboratory';
}

const refOf = (r: Resource) => `${r.resourceType}/${r.id}`;
const refs = (v: unknown): string[] => (Array.isArray(v) ? v : v ? [v] : []).map((x) => (x as Ref).reference ?? '');
const CANCELLED = new Set(['revoked', 'cancelled', 'stopped', 'entered-in-error']);

/** The related resources of one order out of the resources loaded for many. */
export function relatedTo(order: Resource, all: Related): Related {
  const ref = refOf(order);
  const has = (v: unknown) => refs(v).includes(ref);
  return {
    tasks: all.tasks.filter((t) => has(t.focus) || has(t.basedOn)),
    provenances: all.provenances.filter((p) => refs(p.target).includes(ref)),
    reports: all.reports.filter((r) => has(r.basedOn)),
    observations: all.observations.filter((o) => has(o.basedOn)),
    dispenses: all.dispenses.filter((d) => has(d.authorizingPrescription)),
    administrations: all.administrations.filter((a) => has(a.request)),
  };
}

function stepProvenances(rel: Related, step: StepCode): Resource[] {
  return rel.provenances
    .filter((p) => (p.activity as { coding?: { system?: string; code?: string }[] } | undefined)?.coding?.some((c) => c.system === STEP_SYSTEM && c.code === step))
    .sort((a, b) => String(a.recorded).localeCompare(String(b.recorded)));
}

const whoOf = (p: Resource | undefined): Ref | undefined => (p?.agent as { who?: Ref }[] | undefined)?.[0]?.who;

export function buildTrail(order: Resource, rel: Related): Trail {
  const kind = kindOf(order);
  const family = kind === 'medication' ? 'medication' : 'service';
  const task = [...rel.tasks].sort((a, b) => String(b.meta?.lastUpdated).localeCompare(String(a.meta?.lastUpdated)))[0];
  const taskStatus = (task?.status as string | undefined) ?? '';
  const report = rel.reports.find((r) => r.status !== 'entered-in-error' && r.status !== 'cancelled');
  const dispenses = rel.dispenses.filter((d) => d.status === 'completed');
  const given = rel.administrations.filter((a) => a.status === 'completed');
  const done: Record<StepCode, boolean> = {
    ordered: true,
    received: !!task && ['received', 'accepted', 'in-progress', 'completed'].includes(taskStatus) || !!report || dispenses.length > 0,
    performed: ['in-progress', 'completed'].includes(taskStatus) || !!report,
    resulted: !!report,
    dispensed: dispenses.length > 0,
    administered: given.length > 0,
    cancelled: CANCELLED.has(order.status as string),
  };
  // from the step's own resources, for callers who cannot see the Provenances (e.g. a ward nurse: Provenance is
  // outside the patient compartment) and for administrations, which have none
  const fallback: Partial<Record<StepCode, { time?: string; actor?: Ref }>> = {
    ordered: { time: order.authoredOn as string | undefined, actor: order.requester as Ref | undefined },
    received: task ? { time: task.authoredOn as string | undefined, actor: task.owner as Ref | undefined } : undefined,
    performed: task ? { time: (task.executionPeriod as { start?: string } | undefined)?.start, actor: task.owner as Ref | undefined } : undefined,
    resulted: report ? { time: report.issued as string | undefined, actor: (report.performer as Ref[] | undefined)?.[0] } : undefined,
    dispensed: dispenses[0] ? { time: dispenses[0].whenHandedOver as string | undefined, actor: (dispenses[0].performer as { actor?: Ref }[] | undefined)?.[0]?.actor } : undefined,
    administered: given.length ? { time: given[given.length - 1].effectiveDateTime as string | undefined, actor: (given[given.length - 1].performer as { actor?: Ref }[] | undefined)?.[0]?.actor } : undefined,
  };
  const steps: TrailStep[] = STEPS[family].map((step) => {
    const provs = stepProvenances(rel, step);
    const last = provs[provs.length - 1];
    const time = (last?.recorded as string | undefined) ?? fallback[step]?.time;
    const actor = whoOf(last) ?? fallback[step]?.actor;
    return {
      step, done: done[step],
      ...(done[step] && time ? { time } : {}),
      ...(done[step] && actor ? { actor } : {}),
      ...(step === 'administered' ? { count: given.length } : {}),
    };
  });
  let current: StepCode = 'ordered';
  for (const s of steps) if (s.done) current = s.step;
  let cancelled: Trail['cancelled'];
  if (done.cancelled) {
    const p = stepProvenances(rel, 'cancelled').pop();
    const reason = (p?.reason as { text?: string }[] | undefined)?.[0]?.text;
    cancelled = { ...(p?.recorded ? { time: p.recorded as string } : {}), ...(whoOf(p) ? { actor: whoOf(p) } : {}), ...(reason ? { reason } : {}) };
    current = 'cancelled';
  }
  const flagsOf = (o: Resource) => (o.interpretation as { coding?: { system?: string; code?: string }[] }[] | undefined)?.flatMap((i) => i.coding ?? []).filter((c) => c.system === INTERPRETATION_SYSTEM).map((c) => c.code) ?? [];
  const obsFlags = rel.observations.flatMap(flagsOf);
  const dosage = (order.dosageInstruction as { text?: string }[] | undefined)?.[0]?.text;
  const code = (order.medicationCodeableConcept ?? order.code) as { text?: string; coding?: { display?: string }[] } | undefined;
  return {
    ref: refOf(order),
    kind,
    title: code?.text ?? code?.coding?.[0]?.display ?? '',
    status: order.status as string,
    ...(order.authoredOn ? { authoredOn: order.authoredOn as string } : {}),
    ...(order.requester ? { requester: order.requester as Ref } : {}),
    ...((order.subject as Ref | undefined)?.reference ? { patient: (order.subject as Ref).reference } : {}),
    ...((order.encounter as Ref | undefined)?.reference ? { encounter: (order.encounter as Ref).reference } : {}),
    ...(dosage ? { dosage } : {}),
    ...(testOf(order.code) ? { test: testOf(order.code)?.key } : {}),
    current,
    ...(cancelled ? { cancelled } : {}),
    steps,
    flags: { abnormal: obsFlags.filter((f) => f && f !== 'N').length, critical: obsFlags.filter((f) => f === 'HH' || f === 'LL').length },
    ...(task ? { task } : {}),
    ...(report ? { report } : {}),
    observations: rel.observations,
    dispenses: rel.dispenses,
    administrations: [...rel.administrations].sort((a, b) => String(a.effectiveDateTime).localeCompare(String(b.effectiveDateTime))),
  };
}

/** Every resource of the given type matching params (all pages). */
export async function searchAll(deps: ModuleDeps, ctx: RequestContext, type: string, params: [string, string][]): Promise<Resource[]> {
  const out: Resource[] = [];
  let p: [string, string][] = [...params, ['_count', '1000']];
  for (let page = 0; page < 50; page++) {
    const r = await deps.repo.search(ctx, { types: [type], params: p });
    out.push(...r.matches);
    if (!r.nextQuery) break;
    p = [...new URLSearchParams(r.nextQuery)];
  }
  return out;
}

/** The related resources of these orders (a few searches for all of them together). */
export async function loadRelated(deps: ModuleDeps, ctx: RequestContext, orders: Resource[]): Promise<Related> {
  const empty: Related = { tasks: [], provenances: [], reports: [], observations: [], dispenses: [], administrations: [] };
  if (!orders.length) return empty;
  const all = orders.map(refOf);
  const meds = orders.filter((o) => o.resourceType === 'MedicationRequest').map(refOf);
  const services = orders.filter((o) => o.resourceType === 'ServiceRequest').map(refOf);
  // reference parameters take several values separated by commas (OR); keep each query reasonably short
  const chunks = (xs: string[]) => Array.from({ length: Math.ceil(xs.length / 50) }, (_, i) => xs.slice(i * 50, i * 50 + 50).join(','));
  const by = async (type: string, param: string, xs: string[]) => (await Promise.all(chunks(xs).map((c) => searchAll(deps, ctx, type, [[param, c]])))).flat();
  const [tasks, provenances, reports, observations, dispenses, administrations] = await Promise.all([
    by('Task', 'focus', all),
    by('Provenance', 'target', all),
    by('DiagnosticReport', 'based-on', services),
    by('Observation', 'based-on', services),
    by('MedicationDispense', 'prescription', meds),
    by('MedicationAdministration', 'request', meds),
  ]);
  return { tasks, provenances, reports, observations, dispenses, administrations };
}
