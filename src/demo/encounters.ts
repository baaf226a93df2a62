// Turns a patient's episodes into Encounters (AMB / EMER / IMP) with their vital-signs Observations.
import type { Resource } from '../fhir/types.js';
import { SYS, concept, coding, ref } from './codes.js';
import type { Course } from './courses.js';
import { department, departmentId } from './departments.js';
import type { EncounterClass, Episode } from './episodes.js';
import type { Layout } from './locations.js';
import type { Member, Staff } from './practitioners.js';
import type { Rng } from './random.js';
import { DAY, HOUR, MINUTE, date, dateTime, startOfDay } from './time.js';
import { baselineFor, sampleVitals, vitalObservations, type Baseline, type VitalKind } from './vitals.js';

export interface EncounterContext {
  nowMs: number;
  staff: Staff;
  layout: Layout;
  visitNumbers: VisitNumbers;
}

export interface BuiltEpisode extends Episode {
  id: string;
  doctor: Member;
}

export interface History {
  encounters: Resource[];
  observations: Resource[];
  episodes: BuiltEpisode[];
}

/** 门诊号 MZ+date+serial, 急诊号 JZ+date+serial, 住院号 ZY+year+serial. */
export class VisitNumbers {
  private readonly counters = new Map<string, number>();

  next(cls: EncounterClass, ms: number): string {
    const d = date(ms).replaceAll('-', '');
    const [prefix, width] = cls === 'AMB' ? [`MZ${d}`, 4] : cls === 'EMER' ? [`JZ${d}`, 3] : [`ZY${d.slice(0, 4)}`, 5];
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return prefix + String(n).padStart(width, '0');
  }
}

const CLASS: Record<EncounterClass, [display: string, zh: string]> = {
  AMB: ['ambulatory', '门诊'], EMER: ['emergency', '急诊'], IMP: ['inpatient encounter', '住院'],
};
const RESUSCITATION = new Set(['I21.9', 'K92.2', 'I63.9', 'A41.9']);
const FULL_SET: readonly VitalKind[] = ['hr', 'rr', 'temp', 'spo2', 'bp'];

function severityAt(course: Course, ep: Episode, ms: number): number {
  const days = (ms - ep.start) / DAY;
  return course.problem.chronic ? ep.severity * Math.max(0.5, Math.exp(-days / 4)) : ep.severity * Math.exp(-days / 2.5);
}

/** When vitals are taken in a stay: ICU every 4 h, wards four times a day now, twice a day in older records. */
function roundTimes(rng: Rng, ep: Episode, nowMs: number): number[] {
  const hours = ep.dept === '28' ? [2, 6, 10, 14, 18, 22] : ep.end === undefined ? [6, 10, 14, 18] : [8, 16];
  const until = ep.end ?? nowMs;
  const out: number[] = [];
  for (let day = startOfDay(ep.start); day < until; day += DAY) {
    for (const h of hours) {
      const t = day + h * HOUR + rng.float(-10, 20) * MINUTE;
      if (t > ep.start + HOUR && t < until) out.push(t);
    }
  }
  return out;
}

export function buildHistory(course: Course, episodes: readonly Episode[], ctx: EncounterContext): History {
  const { rng, patient, problem } = course;
  const history: History = { encounters: [], observations: [], episodes: [] };
  const base: Baseline = baselineFor(rng, patient.ageYears, patient.sex);
  const subject = ref('Patient', patient.id, patient.name);
  const doctors = new Map<string, Member>();
  const doctorIn = (dept: string): Member => {
    const known = doctors.get(dept);
    if (known) return known;
    const list = ctx.staff.doctors.get(dept);
    if (!list?.length) throw new Error(`no doctor in ${dept}`);
    const chosen = rng.pick(list);
    doctors.set(dept, chosen);
    return chosen;
  };
  const pickNurse = (dept: string, fallback: Member): Member => {
    const list = ctx.staff.nurses.get(dept);
    return list?.length ? rng.pick(list) : fallback;
  };
  const bpOk = patient.ageYears >= 3;
  const seenIn = new Set<string>();

  episodes.forEach((ep, i) => {
    const id = `enc-${patient.key}-${i + 1}`;
    const dept = department(ep.dept);
    const doctor = doctorIn(ep.dept);
    const encounter: Resource = {
      resourceType: 'Encounter', id,
      identifier: [{
        use: 'usual', type: concept(SYS.v2IdType, 'VN', 'Visit number', `${CLASS[ep.cls][1]}号`),
        system: SYS.visitNumber, value: ctx.visitNumbers.next(ep.cls, ep.start),
      }],
      status: ep.end === undefined ? 'in-progress' : 'finished',
      class: coding(SYS.v3ActCode, ep.cls, CLASS[ep.cls][0]),
    };
    if (ep.cls === 'AMB') encounter.type = [{ text: seenIn.has(ep.dept) ? '复诊' : '初诊' }];
    seenIn.add(ep.dept);
    Object.assign(encounter, {
      serviceType: { coding: [coding(SYS.department, dept.code, dept.zh)], text: dept.unit },
      ...(ep.cls === 'EMER' ? { priority: concept(SYS.v3Priority, 'EM', 'emergency', '急诊') } : {}),
      subject: { ...subject },
      participant: [{ type: [concept(SYS.v3Participation, 'ATND', 'attender')], individual: ref('Practitioner', doctor.id, doctor.name) }],
      period: { start: dateTime(ep.start), ...(ep.end === undefined ? {} : { end: dateTime(ep.end) }) },
      reasonCode: [{ coding: [coding(SYS.icd10, problem.icd, problem.zh)], text: problem.zh }],
    });
    if (ep.cls === 'IMP') {
      encounter.hospitalization = {
        admitSource: concept(SYS.admitSource, ep.admitSource ?? 'outp'),
        ...(ep.discharge ? { dischargeDisposition: concept(SYS.dischargeDisposition, ep.discharge) } : {}),
      };
    }
    encounter.location = locationsFor(course, ep, ctx.layout, rng);
    encounter.serviceProvider = ref('Organization', departmentId(dept.code), dept.unit);
    history.encounters.push(encounter);
    history.episodes.push({ ...ep, id, doctor });

    // Vital signs, taken by the ward's or the emergency department's nurses, or the doctor in a clinic.
    const seq = { n: 0 };
    const measure = (ms: number, kinds: readonly VitalKind[], performer: Member): void => {
      // Long-term conditions show too, damped by treatment.
      const loads = [
        [problem.effect, severityAt(course, ep, ms)] as const,
        ...course.comorbidities.map((c) => [c.effect, 0.7] as const),
      ];
      const values = { ...base, ...sampleVitals(rng, base, loads) };
      const m = {
        idPrefix: `obs-${patient.key}-${i + 1}`, subject, encounter: ref('Encounter', id),
        performer: ref('Practitioner', performer.id, performer.name), ms,
      };
      history.observations.push(...vitalObservations(m, kinds.filter((k) => bpOk || k !== 'bp'), values, seq));
    };
    const firstEver = i === 0;
    if (ep.cls === 'AMB') {
      const kinds: VitalKind[] = patient.ageYears < 14 ? ['temp', 'hr', 'weight'] : ['temp', 'hr', 'bp'];
      if (firstEver) kinds.push(...(patient.ageYears < 14 ? ['height' as const] : ['weight' as const, 'height' as const]));
      measure(ep.start + rng.float(2, 6) * MINUTE, kinds, doctor);
    } else if (ep.cls === 'EMER') {
      const nurse = pickNurse('20', doctor);
      measure(ep.start + rng.float(2, 8) * MINUTE, FULL_SET, nurse);
      const until = ep.end ?? ctx.nowMs;
      if (until - ep.start > 90 * MINUTE) measure(ep.start + 60 * MINUTE, FULL_SET, nurse);
    } else {
      const admittedAt = ep.start + rng.float(15, 45) * MINUTE;
      if (admittedAt < (ep.end ?? ctx.nowMs)) measure(admittedAt, [...FULL_SET, 'weight', 'height'], pickNurse(ep.dept, doctor));
      for (const t of roundTimes(rng, ep, ctx.nowMs)) measure(t, FULL_SET, pickNurse(ep.dept, doctor));
    }
  });
  return history;
}

function locationsFor(course: Course, ep: Episode, layout: Layout, rng: Rng): unknown[] {
  const entry = (id: string, type: string, display: string, period?: boolean): Record<string, unknown> => ({
    location: ref('Location', id),
    status: ep.end === undefined ? 'active' : 'completed',
    physicalType: concept(SYS.physicalType, type, display),
    ...(period ? { period: { start: dateTime(ep.start), ...(ep.end === undefined ? {} : { end: dateTime(ep.end) }) } } : {}),
  });
  if (ep.cls === 'IMP') {
    const ward = layout.wards.find((w) => w.dept === ep.dept);
    if (!ward) throw new Error(`no ward for ${ep.dept}`);
    // A current stay has its assigned bed; an old one had some bed of the same ward.
    const bed = ep.end === undefined && course.bed ? course.bed : rng.pick(ward.beds);
    return [entry(ward.id, 'wa', 'Ward', true), entry(bed.roomId, 'ro', 'Room'), entry(bed.id, 'bd', 'Bed', true)];
  }
  if (ep.cls === 'EMER') {
    const id = RESUSCITATION.has(course.problem.icd) ? 'er-resus'
      : ep.end === undefined && rng.chance(0.5) ? 'er-observation'
        : rng.pick(layout.clinics.get('20') ?? ['er-observation']);
    return [entry(id, 'ro', 'Room', true)];
  }
  const rooms = layout.clinics.get(ep.dept);
  return rooms?.length ? [entry(rng.pick(rooms), 'ro', 'Room', true)] : [];
}

