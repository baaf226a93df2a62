// Vital-signs Observations per the FHIR R4 vital-signs profiles, with values that follow the patient: an
// age- and sex-appropriate baseline, moved by the problem's effect, which settles as the patient recovers.
// This material contains content from LOINC (http://loinc.org). LOINC is copyright © Regenstrief Institute, Inc.
// and the Logical Observation Identifiers Names and Codes (LOINC) Committee and is available at no cost under the
// license at http://loinc.org/license.
import type { Resource } from '../fhir/types.js';
import { SYS, coding, type Reference } from './codes.js';
import type { Sex } from './names.js';
import type { VitalEffect } from './problems.js';
import type { Rng } from './random.js';
import { dateTime } from './time.js';

export interface Vitals {
  hr: number;
  rr: number;
  temp: number;
  spo2: number;
  sbp: number;
  dbp: number;
}

export interface Baseline extends Vitals {
  weight: number;
  height: number;
}

/** Resting values by age (paediatric norms, then adults whose blood pressure rises with age). */
export function baselineFor(rng: Rng, ageYears: number, sex: Sex): Baseline {
  const n = (mean: number, sd: number): number => rng.normal(mean, sd);
  const months = ageYears * 12;
  if (ageYears < 1) {
    const weight = months <= 6 ? 3.3 + 0.7 * months : 7.5 + 0.3 * (months - 6);
    const height = months <= 6 ? 50 + 2.5 * months : 65 + 1.3 * (months - 6);
    return { hr: n(months < 1 ? 140 : 128, 6), rr: n(months < 1 ? 45 : 36, 3), temp: n(36.8, 0.15), spo2: 98,
      sbp: n(80, 5), dbp: n(46, 4), weight: weight * n(1, 0.08), height: height * n(1, 0.03) };
  }
  if (ageYears < 14) {
    const height = ageYears * 7 + 75;
    const weight = ageYears <= 6 ? ageYears * 2 + 8 : (ageYears * 7 - 5) / 2;
    const young = ageYears < 6;
    return { hr: n(young ? 110 : 88, 7), rr: n(young ? 26 : 20, 2), temp: n(36.7, 0.15), spo2: 98,
      sbp: n(young ? 95 : 105, 6), dbp: n(young ? 58 : 65, 5), weight: weight * n(1, 0.1), height: height * n(1, 0.04) };
  }
  const male = sex === 'male';
  const shrink = Math.max(0, ageYears - 60) * 0.08;
  const height = n(male ? 170 : 159, male ? 6 : 5) - shrink;
  const bmi = n(23, 2.8);
  const over30 = Math.max(0, ageYears - 30);
  // Diastolic follows systolic in the same person; pulse pressure widens with age.
  const sbp = n((male ? 118 : 112) + 0.45 * over30, 8);
  return {
    hr: n(74, 7), rr: n(16, 1.5), temp: n(36.5, 0.2), spo2: ageYears >= 70 ? 97 : 98,
    sbp, dbp: n(0.45 * sbp + 18 + 0.1 * over30, 4), weight: bmi * (height / 100) ** 2, height,
  };
}

/** One set of readings, rounded to the precision a ward records (temperature to 0.1 °C). */
export function sampleVitals(rng: Rng, base: Baseline, loads: readonly (readonly [effect: VitalEffect, severity: number])[]): Vitals {
  const shift = (k: keyof VitalEffect): number => loads.reduce((s, [e, severity]) => s + (e[k] ?? 0) * severity, 0);
  const sbp = Math.round(base.sbp + shift('sbp') + rng.normal(0, 5));
  return {
    hr: Math.round(base.hr + shift('hr') + rng.normal(0, 3)),
    rr: Math.max(8, Math.round(base.rr + shift('rr') + rng.normal(0, 1))),
    temp: Math.round((base.temp + shift('temp') + rng.normal(0, 0.15)) * 10) / 10,
    spo2: Math.min(100, Math.round(base.spo2 + shift('spo2') + rng.normal(0, 0.8))),
    sbp,
    dbp: Math.min(sbp - 20, Math.round(base.dbp + shift('dbp') + rng.normal(0, 4))),
  };
}

export type VitalKind = 'hr' | 'rr' | 'temp' | 'spo2' | 'bp' | 'weight' | 'height';

interface VitalDef {
  codes: [code: string, display: string][];
  zh: string;
  profile: string;
  unit: string;
  ucum: string;
}

const DEFS: Record<Exclude<VitalKind, 'bp'>, VitalDef> = {
  hr: { codes: [['8867-4', 'Heart rate']], zh: '心率', profile: 'heartrate', unit: '/min', ucum: '/min' },
  rr: { codes: [['9279-1', 'Respiratory rate']], zh: '呼吸频率', profile: 'resprate', unit: '/min', ucum: '/min' },
  temp: { codes: [['8310-5', 'Body temperature']], zh: '体温', profile: 'bodytemp', unit: '°C', ucum: 'Cel' },
  spo2: {
    codes: [['2708-6', 'Oxygen saturation in Arterial blood'], ['59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry']],
    zh: '血氧饱和度', profile: 'oxygensat', unit: '%', ucum: '%',
  },
  weight: { codes: [['29463-7', 'Body weight']], zh: '体重', profile: 'bodyweight', unit: 'kg', ucum: 'kg' },
  height: { codes: [['8302-2', 'Body height']], zh: '身高', profile: 'bodyheight', unit: 'cm', ucum: 'cm' },
};

const SD = 'http://hl7.org/fhir/StructureDefinition/';
const category = (): unknown[] => [{ coding: [coding(SYS.observationCategory, 'vital-signs', 'Vital Signs')], text: '生命体征' }];

function quantity(value: number, unit: string, ucum: string): unknown {
  return { value, unit, system: SYS.ucum, code: ucum };
}

function bpComponent(code: string, display: string, zh: string, mmHg: number): unknown {
  return { code: { coding: [coding(SYS.loinc, code, display)], text: zh }, valueQuantity: quantity(mmHg, 'mmHg', 'mm[Hg]') };
}

export interface Measurement {
  /** Id prefix unique to the encounter; a sequence number is appended. */
  idPrefix: string;
  subject: Reference;
  encounter: Reference;
  performer: Reference;
  ms: number;
}

/** The Observations for one measuring round; `values` must hold every kind asked for. */
export function vitalObservations(
  m: Measurement, kinds: readonly VitalKind[], values: Vitals & Partial<Baseline>, seq: { n: number },
): Resource[] {
  const effective = dateTime(m.ms);
  return kinds.map((kind): Resource => {
    seq.n += 1;
    const def = kind === 'bp' ? undefined : DEFS[kind];
    // Built field by field, no spreads: this runs for every reading. Fresh objects each time, so no two
    // resources share one and editing one never changes another.
    const obs: Resource = {
      resourceType: 'Observation',
      id: `${m.idPrefix}-${String(seq.n).padStart(3, '0')}`,
      meta: { profile: [`${SD}vitalsigns`, `${SD}${def ? def.profile : 'bp'}`] },
      status: 'final',
      category: category(),
      code: def
        ? { coding: def.codes.map(([c, d]) => coding(SYS.loinc, c, d)), text: def.zh }
        : { coding: [coding(SYS.loinc, '85354-9', 'Blood pressure panel with all children optional')], text: '血压' },
      subject: { ...m.subject },
      encounter: { ...m.encounter },
      effectiveDateTime: effective,
      performer: [{ ...m.performer }],
    };
    if (!def) {
      obs.component = [
        bpComponent('8480-6', 'Systolic blood pressure', '收缩压', values.sbp),
        bpComponent('8462-4', 'Diastolic blood pressure', '舒张压', values.dbp),
      ];
      return obs;
    }
    const raw = values[kind as Exclude<VitalKind, 'bp'>];
    if (raw === undefined) throw new Error(`no ${kind} value`);
    obs.valueQuantity = quantity(kind === 'weight' || kind === 'height' ? Math.round(raw * 10) / 10 : raw, def.unit, def.ucum);
    return obs;
  });
}
