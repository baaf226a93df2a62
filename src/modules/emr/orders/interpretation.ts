// The abnormal flag of a lab value (HL7 v3 ObservationInterpretation L/H/LL/HH/N) from reference-ranges.ts, and the
// Observation.referenceRange that shows the interval it was judged against.
import { UCUM } from './medication-vocabulary.js';
import { rangesOf, type ReferenceInterval, type Sex } from './reference-ranges.js';
import type { Analyte } from './test-catalogue.js';

export const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
export type Flag = 'LL' | 'L' | 'N' | 'H' | 'HH';

export const FLAG_NAMES: Record<Flag, { display: string; zh: string }> = {
  LL: { display: 'Critical low', zh: '危急低值' },
  L: { display: 'Low', zh: '偏低' },
  N: { display: 'Normal', zh: '正常' },
  H: { display: 'High', zh: '偏高' },
  HH: { display: 'Critical high', zh: '危急高值' },
};

export interface PatientFacts {
  sex?: Sex;
  /** whole years at the time of the sample; undefined when the birth date is unknown (adult intervals then apply) */
  ageYears?: number;
}

export interface Judgement {
  flag?: Flag;
  interval?: ReferenceInterval;
}

/** The interval that applies to this patient, if any. */
export function intervalFor(loinc: string, p: PatientFacts): ReferenceInterval | undefined {
  return rangesOf(loinc)?.intervals.find((i) =>
    (!i.sex || i.sex === p.sex) &&
    (!i.age || p.ageYears === undefined || ((i.age.min === undefined || p.ageYears >= i.age.min) && (i.age.max === undefined || p.ageYears <= i.age.max))));
}

/** Critical limits first (they apply to everyone), then the patient's interval; no interval and not critical → no flag. */
export function judge(loinc: string, value: number, p: PatientFacts): Judgement {
  const ranges = rangesOf(loinc);
  const interval = intervalFor(loinc, p);
  const c = ranges?.critical;
  let flag: Flag | undefined;
  if (c?.low !== undefined && value <= c.low) flag = 'LL';
  else if (c?.high !== undefined && value >= c.high) flag = 'HH';
  else if (interval) {
    if (interval.low !== undefined && value < interval.low) flag = 'L';
    else if (interval.high !== undefined && (interval.highExclusive ? value >= interval.high : value > interval.high)) flag = 'H';
    else flag = 'N';
  }
  return { ...(flag ? { flag } : {}), ...(interval ? { interval } : {}) };
}

export function ageInYears(birthDate: string | undefined, at: Date): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate ?? '');
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < mo || (at.getUTCMonth() + 1 === mo && at.getUTCDate() < d)) age--;
  return age;
}

export function sexOf(gender: unknown): Sex | undefined {
  return gender === 'male' || gender === 'female' ? gender : undefined;
}

/** Observation.interpretation */
export function interpretationOf(flag: Flag) {
  return [{ coding: [{ system: INTERPRETATION_SYSTEM, code: flag, display: FLAG_NAMES[flag].display }], text: FLAG_NAMES[flag].zh }];
}

/** Observation.referenceRange */
export function referenceRangeOf(i: ReferenceInterval, a: Analyte) {
  const q = (value: number) => ({ value, unit: a.unitDisplay, system: UCUM, code: a.unit });
  const text = `${i.low ?? ''}–${i.highExclusive ? '<' : ''}${i.high ?? ''} ${a.unitDisplay}（${i.source}）`;
  return [{
    ...(i.low !== undefined ? { low: q(i.low) } : {}),
    ...(i.high !== undefined ? { high: q(i.high) } : {}),
    ...(i.sex ? { appliesTo: [{ coding: [{ system: 'http://hl7.org/fhir/administrative-gender', code: i.sex }], text: i.sex === 'male' ? '男' : '女' }] } : {}),
    ...(i.age ? { age: { ...(i.age.min !== undefined ? { low: { value: i.age.min, unit: 'a', system: UCUM, code: 'a' } } : {}), ...(i.age.max !== undefined ? { high: { value: i.age.max, unit: 'a', system: UCUM, code: 'a' } } : {}) } } : {}),
    text,
  }];
}
