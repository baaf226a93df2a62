// New orders as FHIR: a medication order is a MedicationRequest (dose quantity, route, frequency as Timing), a lab or
// imaging order a ServiceRequest (category LAB / RAD of HL7 v2 table 0074, coded by the catalogue's LOINC code).
import type { Resource } from '../../../fhir/types.js';
import { annotationAuthor, type Actor, type Ref } from '../notes/support.js';
import { LOINC } from '../notes/templates.js';
import { ROUTE_SYSTEM, UCUM, doseUnit, frequency, route, timingOf } from './medication-vocabulary.js';
import { ORDER_ITEM_SYSTEM, type OrderableTest } from './test-catalogue.js';

export const SECTION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const MR_CATEGORY = 'http://terminology.hl7.org/CodeSystem/medicationrequest-category';

export interface MedicationOrderInput {
  patient: string;
  encounter?: string;
  medication: string;
  dose: { value: number; unit: string };
  route: string;
  frequency: string;
  days?: number;
  note?: string;
}

export interface ServiceOrderInput {
  patient: string;
  encounter?: string;
  test: string;
  priority?: 'routine' | 'urgent' | 'stat';
  reason?: string;
  note?: string;
}

const trimZeros = (n: number) => String(Number(n.toFixed(4)));

/** "0.5 g 口服 tid" */
export function dosageText(i: Pick<MedicationOrderInput, 'dose' | 'route' | 'frequency'>): string {
  const u = doseUnit(i.dose.unit)?.name.zh ?? i.dose.unit;
  return `${trimZeros(i.dose.value)} ${u} ${route(i.route)?.name.zh ?? i.route} ${i.frequency}`;
}

export function medicationRequest(i: MedicationOrderInput, patient: Ref, encounter: Resource | undefined, actor: Actor, now: string): Resource {
  const f = frequency(i.frequency);
  const r = route(i.route);
  const u = doseUnit(i.dose.unit);
  if (!f || !r || !u) throw new Error('unknown vocabulary code (checked by the route schema)');
  const timing = timingOf(f);
  const inpatient = (encounter?.class as { code?: string } | undefined)?.code === 'IMP';
  return {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: MR_CATEGORY, code: inpatient ? 'inpatient' : 'outpatient', display: inpatient ? 'Inpatient' : 'Outpatient' }], text: inpatient ? '住院医嘱' : '门诊处方' }],
    medicationCodeableConcept: { text: i.medication.trim() },
    subject: patient,
    ...(encounter ? { encounter: { reference: `Encounter/${encounter.id}` } } : {}),
    authoredOn: now,
    requester: actor.ref,
    dosageInstruction: [{
      sequence: 1,
      text: dosageText(i),
      ...(timing ? { timing } : {}),
      ...(f.asNeeded ? { asNeededBoolean: true } : {}),
      route: { coding: [{ system: ROUTE_SYSTEM, code: r.code, display: r.display }], text: r.name.zh },
      doseAndRate: [{ doseQuantity: { value: i.dose.value, unit: u.name.zh, system: UCUM, code: u.code } }],
    }],
    ...(i.days ? { dispenseRequest: { expectedSupplyDuration: { value: i.days, unit: '天', system: UCUM, code: 'd' } } } : {}),
    ...(i.note?.trim() ? { note: [{ text: i.note.trim(), ...annotationAuthor(actor), time: now }] } : {}),
  };
}

export function serviceRequest(i: ServiceOrderInput, t: OrderableTest, patient: Ref, encounter: Resource | undefined, actor: Actor, now: string): Resource {
  const coding = [{ system: ORDER_ITEM_SYSTEM, code: t.key, display: t.name.zh }];
  if (t.loinc) coding.unshift({ system: LOINC, code: t.loinc.code, display: t.loinc.display });
  const lab = t.kind === 'laboratory';
  return {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: SECTION_SYSTEM, code: lab ? 'LAB' : 'RAD', display: lab ? 'Laboratory' : 'Radiology' }], text: lab ? '检验' : '检查' }],
    priority: i.priority ?? 'routine',
    code: { coding, text: t.name.zh },
    subject: patient,
    ...(encounter ? { encounter: { reference: `Encounter/${encounter.id}` } } : {}),
    authoredOn: now,
    requester: actor.ref,
    ...(i.reason?.trim() ? { reasonCode: [{ text: i.reason.trim() }] } : {}),
    ...(i.note?.trim() ? { note: [{ text: i.note.trim(), ...annotationAuthor(actor), time: now }] } : {}),
  };
}
