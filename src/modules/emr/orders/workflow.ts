// The steps that close an order's loop. Each step checks where the order is (409 when it is not the step's turn,
// e.g. a result for a cancelled order), then writes its resources and a Provenance of the step in ONE transaction
// (an administration is a single resource that names its performer and time).
// Who may do a step is the role policies' decision (the resource types a role may write): pharmacists write
// MedicationDispense, nurses MedicationAdministration, technicians Task/Observation/DiagnosticReport/ServiceRequest.
import { randomUUID } from 'node:crypto';
import { Buffer } from 'node:buffer';
import type { ModuleDeps } from '../../module.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { FhirError, conflict } from '../../../fhir/errors.js';
import { annotationAuthor, invalidField, writeTogether, type Actor, type Ref, type TxEntry } from '../notes/support.js';
import { LOINC } from '../notes/templates.js';
import { UCUM, doseUnit } from './medication-vocabulary.js';
import { SECTION_SYSTEM } from './order-builders.js';
import { ageInYears, interpretationOf, judge, referenceRangeOf, sexOf } from './interpretation.js';
import { analyte, testOf, type OrderableTest } from './test-catalogue.js';
import { STEP_SYSTEM, searchAll, type StepCode } from './trail.js';

const PROVENANCE_PARTICIPANT = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const TASK_CODE = 'http://hl7.org/fhir/CodeSystem/task-code';

const STEP_NAMES: Record<StepCode, { en: string; zh: string }> = {
  ordered: { en: 'Ordered', zh: '已开立' },
  received: { en: 'Received', zh: '已接收' },
  performed: { en: 'Performed', zh: '已执行' },
  resulted: { en: 'Resulted', zh: '已出结果' },
  dispensed: { en: 'Dispensed', zh: '已发药' },
  administered: { en: 'Administered', zh: '已给药' },
  cancelled: { en: 'Cancelled', zh: '已取消' },
};

export interface StepContext {
  deps: ModuleDeps;
  ctx: RequestContext;
  actor: Actor;
  now: string;
}

const refOf = (r: Resource) => `${r.resourceType}/${r.id}`;
const urn = () => `urn:uuid:${randomUUID()}`;

function provenance(s: StepContext, order: Resource, step: StepCode, targets: string[], reason?: string): TxEntry {
  return {
    method: 'POST', url: 'Provenance', fullUrl: urn(),
    resource: {
      resourceType: 'Provenance',
      target: [refOf(order), ...targets].map((reference) => ({ reference })),
      recorded: s.now,
      activity: { coding: [{ system: STEP_SYSTEM, code: step, display: STEP_NAMES[step].en }], text: STEP_NAMES[step].zh },
      agent: [{
        type: { coding: [{ system: PROVENANCE_PARTICIPANT, code: 'performer', display: 'Performer' }] },
        who: s.actor.ref,
        ...(s.actor.organization ? { onBehalfOf: s.actor.organization } : {}),
      }],
      ...(reason ? { reason: [{ text: reason }] } : {}),
    },
  };
}

function put(r: Resource): TxEntry {
  const { meta, ...rest } = r;
  return { method: 'PUT', url: refOf(r), resource: rest, ifMatch: meta?.versionId as string };
}

async function taskOf(s: StepContext, order: Resource): Promise<Resource | undefined> {
  const tasks = await searchAll(s.deps, s.ctx, 'Task', [['focus', refOf(order)]]);
  return tasks.filter((t) => t.status !== 'cancelled').sort((a, b) => String(b.meta?.lastUpdated).localeCompare(String(a.meta?.lastUpdated)))[0];
}

function assertActive(order: Resource): void {
  const st = order.status as string;
  if (st === 'active') return;
  if (['revoked', 'cancelled', 'stopped', 'entered-in-error'].includes(st)) throw conflict(`The order was cancelled (status ${st}); nothing more can be recorded against it`);
  if (st === 'completed') throw conflict('The order is completed; nothing more can be recorded against it');
  throw conflict(`The order has status ${st}; only active orders can proceed`);
}

/** Lab / pharmacy takes the order on: a Task owned by the receiving department (or person). */
export async function receive(s: StepContext, order: Resource): Promise<void> {
  assertActive(order);
  if (await taskOf(s, order)) throw conflict('The order has already been received');
  const med = order.resourceType === 'MedicationRequest';
  const taskUrl = urn();
  const task: Resource = {
    resourceType: 'Task',
    status: med ? 'accepted' : 'received',
    businessStatus: { text: med ? '药师已审核' : '已接收' },
    intent: 'order',
    priority: (order.priority as string | undefined) ?? 'routine',
    code: { coding: [{ system: TASK_CODE, code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: { reference: refOf(order) },
    basedOn: [{ reference: refOf(order) }],
    for: order.subject,
    ...(order.encounter ? { encounter: order.encounter } : {}),
    authoredOn: s.now,
    lastModified: s.now,
    ...(order.requester ? { requester: order.requester } : {}),
    owner: s.actor.organization ?? s.actor.ref,
  };
  await writeTogether(s.deps, s.ctx, [{ method: 'POST', url: 'Task', resource: task, fullUrl: taskUrl }, provenance(s, order, 'received', [taskUrl])]);
}

/** The lab / imaging department performs it (specimen taken and run, or the examination done). */
export async function perform(s: StepContext, order: Resource): Promise<void> {
  assertActive(order);
  const task = await taskOf(s, order);
  if (!task) throw conflict('The order has not been received yet: receive it first');
  if (task.status !== 'received') throw conflict(`The order is already ${task.status === 'in-progress' ? 'being performed' : String(task.status)}`);
  const next = { ...task, status: 'in-progress', businessStatus: { text: '执行中' }, lastModified: s.now, executionPeriod: { start: s.now } };
  await writeTogether(s.deps, s.ctx, [put(next), provenance(s, order, 'performed', [refOf(task)])]);
}

export interface LabResultInput {
  results?: { code: string; value: number; unit?: string }[];
  findings?: string;
  conclusion?: string;
  comment?: string;
  collected?: string;
}

/** Results against the order: a DiagnosticReport (and Observations for lab values, flagged), the order completed. */
export async function result(s: StepContext, order: Resource, input: LabResultInput): Promise<void> {
  const t = testOf(order.code);
  if (!t) throw invalidField('order', 'The order has no catalogue code (https://huiyi.dev/fhir/CodeSystem/order-item), so its results cannot be entered here');
  assertActive(order);
  const task = await taskOf(s, order);
  if (!task || task.status === 'received' || task.status === 'accepted') throw conflict(`The order has not been performed yet: ${task ? 'perform' : 'receive and perform'} it first`);
  if (task.status !== 'in-progress') throw conflict(`The order's task is ${String(task.status)}`);
  const effective = checkCollected(input.collected, order, s.now);
  const patient = await s.deps.repo.read(s.ctx, 'Patient', ((order.subject as Ref).reference ?? '').split('/')[1] ?? '');
  const facts = { sex: sexOf(patient.gender), ageYears: ageInYears(patient.birthDate as string | undefined, new Date(effective)) };

  const entries: TxEntry[] = [];
  const obsUrls: string[] = [];
  const common = {
    subject: order.subject,
    ...(order.encounter ? { encounter: order.encounter } : {}),
    basedOn: [{ reference: refOf(order) }],
    effectiveDateTime: effective,
    issued: s.now,
    performer: [s.actor.ref],
  };
  if (t.kind === 'laboratory') {
    const rows = checkLabRows(t, input);
    for (const row of rows) {
      const a = analyte(row.code);
      if (!a) continue;
      const j = judge(a.loinc.code, row.value, facts);
      const url = urn();
      obsUrls.push(url);
      entries.push({
        method: 'POST', url: 'Observation', fullUrl: url,
        resource: {
          resourceType: 'Observation',
          status: 'final',
          category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'laboratory', display: 'Laboratory' }] }],
          code: { coding: [{ system: LOINC, code: a.loinc.code, display: a.loinc.display }], text: a.name.zh },
          ...common,
          valueQuantity: { value: row.value, unit: a.unitDisplay, system: UCUM, code: a.unit },
          ...(j.flag ? { interpretation: interpretationOf(j.flag) } : {}),
          ...(j.interval ? { referenceRange: referenceRangeOf(j.interval, a) } : {}),
        },
      });
    }
  } else {
    if (input.results?.length) throw invalidField('results', `results: ${t.name.en} is an imaging examination; report findings and conclusion`);
    if (!input.findings?.trim()) throw invalidField('findings', 'findings: describe what the examination showed (检查所见)');
    if (!input.conclusion?.trim()) throw invalidField('conclusion', 'conclusion: give the impression (诊断意见)');
  }
  const reportUrl = urn();
  const report: Resource = {
    resourceType: 'DiagnosticReport',
    status: 'final',
    category: [{ coding: [{ system: SECTION_SYSTEM, code: t.kind === 'laboratory' ? 'LAB' : 'RAD', display: t.kind === 'laboratory' ? 'Laboratory' : 'Radiology' }] }],
    code: order.code,
    ...common,
    ...(obsUrls.length ? { result: obsUrls.map((reference) => ({ reference })) } : {}),
    ...(t.kind === 'imaging'
      ? {
        conclusion: input.conclusion?.trim(),
        presentedForm: [{ contentType: 'text/plain; charset=utf-8', language: 'zh-CN', title: '检查所见', data: Buffer.from(input.findings?.trim() ?? '', 'utf8').toString('base64') }],
      }
      : input.comment?.trim() ? { conclusion: input.comment.trim() } : {}),
  };
  entries.push({ method: 'POST', url: 'DiagnosticReport', resource: report, fullUrl: reportUrl });
  entries.push(put({
    ...task, status: 'completed', businessStatus: { text: '已出报告' }, lastModified: s.now,
    executionPeriod: { ...(task.executionPeriod as object | undefined), end: s.now },
    output: [{ type: { text: 'DiagnosticReport' }, valueReference: { reference: reportUrl } }],
  }));
  entries.push(put({ ...order, status: 'completed' }));
  entries.push(provenance(s, order, 'resulted', [reportUrl, ...obsUrls]));
  await writeTogether(s.deps, s.ctx, entries);
}

function checkCollected(collected: string | undefined, order: Resource, now: string): string {
  if (collected === undefined) return now;
  const at = Date.parse(collected);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(collected) || Number.isNaN(at)) {
    throw invalidField('collected', 'collected: give the specimen time as a date-time with time zone, e.g. 2026-05-01T08:30:00+08:00');
  }
  if (at > Date.parse(now) + 5 * 60_000) throw invalidField('collected', 'collected: the specimen time is in the future');
  if (order.authoredOn && at < Date.parse(order.authoredOn as string)) throw invalidField('collected', 'collected: the specimen was taken before the order was placed');
  return new Date(at).toISOString();
}

function checkLabRows(t: OrderableTest, input: LabResultInput): { code: string; value: number }[] {
  if (input.findings !== undefined) throw invalidField('findings', `findings: ${t.name.en} is a lab test; report values in results`);
  const rows = input.results ?? [];
  if (!rows.length) throw invalidField('results', `results: enter at least one value of ${t.name.zh}`);
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const a = analyte(row.code);
    if (!a || !t.analytes?.includes(row.code)) {
      throw invalidField(`results.${i}.code`, `results.${i}.code: ${row.code} is not reported by ${t.name.en} (${t.name.zh}); it reports ${(t.analytes ?? []).join(', ')}`);
    }
    if (seen.has(row.code)) throw invalidField(`results.${i}.code`, `results.${i}.code: ${a.abbr} is entered twice`);
    seen.add(row.code);
    if (row.unit !== undefined && row.unit !== a.unit && row.unit !== a.unitDisplay) {
      throw invalidField(`results.${i}.unit`, `results.${i}.unit: ${a.abbr} is reported in ${a.unitDisplay} (${a.unit}), not ${row.unit}`);
    }
    if (!Number.isFinite(row.value) || row.value < 0) throw invalidField(`results.${i}.value`, `results.${i}.value: must be a number ≥ 0`);
  });
  return rows;
}

export interface DispenseInput {
  quantity?: { value: number; unit: string };
  days?: number;
  note?: string;
}

/** The pharmacy hands the medication over (after review). */
export async function dispense(s: StepContext, order: Resource, input: DispenseInput): Promise<void> {
  assertActive(order);
  const task = await taskOf(s, order);
  if (!task) throw conflict('The prescription has not been reviewed yet: receive it first');
  if (task.status === 'completed') throw conflict('The medication has already been dispensed');
  if (input.quantity && !doseUnit(input.quantity.unit)) throw invalidField('quantity.unit', `quantity.unit: unknown unit ${input.quantity.unit}`);
  const url = urn();
  const dosage = order.dosageInstruction as unknown[] | undefined;
  const md: Resource = {
    resourceType: 'MedicationDispense',
    status: 'completed',
    medicationCodeableConcept: order.medicationCodeableConcept,
    subject: order.subject,
    ...(order.encounter ? { context: order.encounter } : {}),
    performer: [{ actor: s.actor.ref }],
    authorizingPrescription: [{ reference: refOf(order) }],
    ...(input.quantity ? { quantity: { value: input.quantity.value, unit: doseUnit(input.quantity.unit)?.name.zh, system: UCUM, code: input.quantity.unit } } : {}),
    ...(input.days ? { daysSupply: { value: input.days, unit: '天', system: UCUM, code: 'd' } } : {}),
    whenPrepared: s.now,
    whenHandedOver: s.now,
    ...(dosage ? { dosageInstruction: dosage } : {}),
    ...(input.note?.trim() ? { note: [{ text: input.note.trim(), ...annotationAuthor(s.actor), time: s.now }] } : {}),
  };
  await writeTogether(s.deps, s.ctx, [
    { method: 'POST', url: 'MedicationDispense', resource: md, fullUrl: url },
    put({ ...task, status: 'completed', businessStatus: { text: '已发药' }, lastModified: s.now, output: [{ type: { text: 'MedicationDispense' }, valueReference: { reference: url } }] }),
    provenance(s, order, 'dispensed', [url, refOf(task)]),
  ]);
}

export interface AdministerInput {
  dose?: { value: number; unit: string };
  notGiven?: boolean;
  reason?: string;
  note?: string;
}

/** A nurse gives a dose (or records why it was not given); only after the pharmacy dispensed it. */
export async function administer(s: StepContext, order: Resource, input: AdministerInput): Promise<void> {
  assertActive(order);
  const dispensed = (await searchAll(s.deps, s.ctx, 'MedicationDispense', [['prescription', refOf(order)]])).some((d) => d.status === 'completed');
  if (!dispensed) throw conflict('The medication has not been dispensed yet: the pharmacy dispenses before a dose is given');
  const ordered = (order.dosageInstruction as { doseAndRate?: { doseQuantity?: { value: number; code: string; unit?: string } }[]; route?: unknown }[] | undefined)?.[0];
  const orderedDose = ordered?.doseAndRate?.[0]?.doseQuantity;
  if (input.dose && orderedDose && input.dose.unit !== orderedDose.code) {
    throw invalidField('dose.unit', `dose.unit: the order is dosed in ${orderedDose.unit ?? orderedDose.code} (${orderedDose.code}), not ${input.dose.unit}`);
  }
  if (input.notGiven && !input.reason?.trim()) throw invalidField('reason', 'reason: say why the dose was not given');
  const dose = input.dose ?? (orderedDose ? { value: orderedDose.value, unit: orderedDose.code } : undefined);
  const ma: Resource = {
    resourceType: 'MedicationAdministration',
    status: input.notGiven ? 'not-done' : 'completed',
    ...(input.notGiven ? { statusReason: [{ text: input.reason?.trim() }] } : {}),
    medicationCodeableConcept: order.medicationCodeableConcept,
    subject: order.subject,
    ...(order.encounter ? { context: order.encounter } : {}),
    effectiveDateTime: s.now,
    performer: [{ actor: s.actor.ref }],
    request: { reference: refOf(order) },
    ...(input.note?.trim() ? { note: [{ text: input.note.trim(), ...annotationAuthor(s.actor), time: s.now }] } : {}),
    dosage: {
      ...(ordered?.route ? { route: ordered.route } : {}),
      ...(dose ? { dose: { value: dose.value, unit: doseUnit(dose.unit)?.name.zh ?? dose.unit, system: UCUM, code: dose.unit } } : {}),
    },
  };
  // The administration names its performer and time itself, and is one resource: no Provenance. (A ward nurse
  // could not write one anyway: a Provenance about an order is outside the patient compartment she may access.)
  await s.deps.repo.create(s.ctx, ma);
}

/** The ordering side withdraws the order; a task in progress is cancelled with it. */
export async function cancel(s: StepContext, order: Resource, reason: string): Promise<void> {
  if (!reason.trim()) throw invalidField('reason', 'reason: say why the order is cancelled');
  if (order.status !== 'active' && order.status !== 'draft' && order.status !== 'on-hold') {
    throw conflict(`The order cannot be cancelled: its status is ${String(order.status)}`);
  }
  const task = await taskOf(s, order);
  const med = order.resourceType === 'MedicationRequest';
  let status = 'revoked';
  if (med) {
    const dispensed = (await searchAll(s.deps, s.ctx, 'MedicationDispense', [['prescription', refOf(order)]])).some((d) => d.status === 'completed');
    status = dispensed ? 'stopped' : 'cancelled';
  }
  const entries: TxEntry[] = [put({ ...order, status, statusReason: { text: reason.trim() } })];
  if (!med) delete entries[0].resource.statusReason; // ServiceRequest has no statusReason in R4
  if (task && task.status !== 'completed') entries.push(put({ ...task, status: 'cancelled', businessStatus: { text: '已取消' }, lastModified: s.now, statusReason: { text: reason.trim() } }));
  entries.push(provenance(s, order, 'cancelled', task ? [refOf(task)] : [], reason.trim()));
  await writeTogether(s.deps, s.ctx, entries);
}

export async function loadOrder(deps: ModuleDeps, ctx: RequestContext, family: 'medication' | 'service', id: string): Promise<Resource> {
  const type = family === 'medication' ? 'MedicationRequest' : 'ServiceRequest';
  try {
    return await deps.repo.read(ctx, type, id);
  } catch (e) {
    if (e instanceof FhirError && e.status === 404) throw new FhirError(404, 'not-found', `No ${family} order ${type}/${id}`);
    throw e;
  }
}
