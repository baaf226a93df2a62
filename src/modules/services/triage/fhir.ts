// A triage as FHIR R4: the vital signs as Observations (LOINC), the grading as a RiskAssessment (method = the
// algorithm, prediction = the assigned level, basis = the Observations, extensions = the inputs, the criteria that
// fired and an override with both levels and the reason), and the level on Encounter.priority (v3 ActPriority plus
// our level code). readAssessment() reads a stored RiskAssessment back for the board and for re-triage.
// This material contains content from LOINC (http://loinc.org). LOINC is copyright © Regenstrief Institute, Inc.
// and the Logical Observation Identifiers Names and Codes (LOINC) Committee and is available at no cost under the
// license at http://loinc.org/license.
import type { Resource } from '../../../fhir/types.js';
import { ALGORITHMS, ALGORITHM_NAMES, EXT, FLAG_CODES, SYS, VITALS, levelInfo, type Algorithm, type Flag, type Vitals, type VitalKey } from './codes.js';
import type { TriageInput, TriageResult } from './engine.js';

export interface Reference {
  reference?: string;
  display?: string;
}
interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
interface Extension {
  url: string;
  [value: string]: unknown;
}

interface ObservationDef {
  codes: [string, string][];
  zh: string;
  unit: string;
  ucum: string;
  category: 'vital-signs' | 'exam' | 'survey' | 'laboratory';
}

/** One Observation per measured value (the usual systolic BP is history, kept in the inputs only). */
export const OBSERVATIONS: Partial<Record<VitalKey, ObservationDef>> = {
  heartRate: { codes: [['8867-4', 'Heart rate']], zh: '心率', unit: '/min', ucum: '/min', category: 'vital-signs' },
  systolicBP: { codes: [['8480-6', 'Systolic blood pressure']], zh: '收缩压', unit: 'mmHg', ucum: 'mm[Hg]', category: 'vital-signs' },
  respiratoryRate: { codes: [['9279-1', 'Respiratory rate']], zh: '呼吸频率', unit: '/min', ucum: '/min', category: 'vital-signs' },
  spo2: {
    codes: [['2708-6', 'Oxygen saturation in Arterial blood'], ['59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry']],
    zh: '血氧饱和度', unit: '%', ucum: '%', category: 'vital-signs',
  },
  temperature: { codes: [['8310-5', 'Body temperature']], zh: '体温（腋温）', unit: '°C', ucum: 'Cel', category: 'vital-signs' },
  gcs: { codes: [['9269-2', 'Glasgow coma score total']], zh: 'GCS 评分', unit: '{score}', ucum: '{score}', category: 'exam' },
  painScore: { codes: [['72514-3', 'Pain severity - 0-10 verbal numeric rating [Score] - Reported']], zh: '疼痛评分', unit: '{score}', ucum: '{score}', category: 'survey' },
  glucose: { codes: [['14743-9', 'Glucose [Moles/volume] in Capillary blood by Glucometer']], zh: '床旁血糖', unit: 'mmol/L', ucum: 'mmol/L', category: 'laboratory' },
  potassium: { codes: [['2823-3', 'Potassium [Moles/volume] in Serum or Plasma']], zh: '血钾', unit: 'mmol/L', ucum: 'mmol/L', category: 'laboratory' },
};

const CATEGORY_TEXT = { 'vital-signs': '生命体征', exam: '体格检查', survey: '评估', laboratory: '检验' };

export function levelCoding(algorithm: Algorithm, level: number): Coding {
  const l = levelInfo(algorithm, level);
  return { system: SYS.level[algorithm], code: String(level), display: algorithm === 'cn2018' ? `${l.label}级 ${l.zh}` : l.en };
}

/** Encounter.priority: the v3 ActPriority code (see codes.ts for the mapping) and the triage level itself. */
export function priorityConcept(algorithm: Algorithm, level: number): unknown {
  const l = levelInfo(algorithm, level);
  return {
    coding: [{ system: SYS.actPriority, code: l.priority.code, display: l.priority.display }, levelCoding(algorithm, level)],
    text: algorithm === 'cn2018' ? `${l.label}级 ${l.zh}` : l.zh,
  };
}

export interface Context {
  subject: Reference;
  /** a reference or a transaction fullUrl (urn:uuid:…) */
  encounter: string;
  performer?: Reference;
  at: string;
}

export function vitalObservations(vitals: Vitals | undefined, c: Context): Resource[] {
  const out: Resource[] = [];
  for (const key of VITALS) {
    const def = OBSERVATIONS[key];
    const value = vitals?.[key];
    if (!def || typeof value !== 'number') continue;
    out.push({
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: SYS.observationCategory, code: def.category }], text: CATEGORY_TEXT[def.category] }],
      code: { coding: def.codes.map(([code, display]) => ({ system: SYS.loinc, code, display })), text: def.zh },
      subject: c.subject,
      encounter: { reference: c.encounter },
      effectiveDateTime: c.at,
      ...(c.performer ? { performer: [c.performer] } : {}),
      valueQuantity: { value, unit: def.unit, system: SYS.ucum, code: def.ucum },
      ...(key === 'spo2' && vitals?.onOxygen ? { note: [{ text: '吸氧中 / on supplemental oxygen' }] } : {}),
    });
  }
  return out;
}

export type TriageEvent = 'initial' | 'retriage' | 'override';

export interface Override {
  /** the level the algorithm computed */
  computed: number;
  /** the level the nurse assigned */
  assigned: number;
  reason: string;
}

function inputExtension(input: TriageInput, flags: readonly Flag[]): Extension {
  const ext: Extension[] = [{ url: 'age', valueDecimal: input.age }];
  if (input.complaint) ext.push({ url: 'complaint', valueString: input.complaint });
  for (const f of flags) ext.push({ url: 'flag', valueCode: f });
  if (input.flags) ext.push({ url: 'flagsExplicit', valueBoolean: true });
  if (typeof input.expectedResources === 'number') ext.push({ url: 'expectedResources', valueInteger: input.expectedResources });
  for (const k of VITALS) {
    const v = input.vitals?.[k];
    if (typeof v === 'number') ext.push({ url: k, valueDecimal: v });
  }
  if (typeof input.vitals?.onOxygen === 'boolean') ext.push({ url: 'onOxygen', valueBoolean: input.vitals.onOxygen });
  return { url: EXT.input, extension: ext };
}

export interface AssessmentSpec extends Context {
  input: TriageInput;
  result: TriageResult;
  event: TriageEvent;
  /** the level on the board: the computed one, or the override's, or (re-triage) never less severe than before */
  assigned: number;
  override?: Override;
  /** Observations (references or fullUrls) and the previous RiskAssessment */
  basis: string[];
  /** the level before this re-triage or override */
  previousLevel?: number;
}

export function riskAssessment(s: AssessmentSpec): Resource {
  const alg = s.result.algorithm;
  const assigned = levelInfo(alg, s.assigned);
  const extension: Extension[] = [
    { url: EXT.event, valueCode: s.event },
    ...(s.previousLevel !== undefined ? [{ url: EXT.previousLevel, valueCoding: levelCoding(alg, s.previousLevel) }] : []),
    inputExtension(s.input, s.result.flags),
    ...s.result.criteria.map((c) => ({ url: EXT.criterion, valueCoding: { system: SYS.criterion, code: c.code, display: c.zh } })),
  ];
  if (s.override) {
    extension.push({
      url: EXT.override,
      extension: [
        { url: 'computedLevel', valueCoding: levelCoding(alg, s.override.computed) },
        { url: 'assignedLevel', valueCoding: levelCoding(alg, s.override.assigned) },
        { url: 'reason', valueString: s.override.reason },
      ],
    });
  }
  return {
    resourceType: 'RiskAssessment',
    extension,
    status: 'final',
    method: { coding: [{ system: SYS.algorithm, code: alg, display: ALGORITHM_NAMES[alg].en }], text: ALGORITHM_NAMES[alg].zh },
    code: { coding: [{ system: SYS.riskAssessment, code: 'ed-triage', display: 'Emergency department triage' }], text: '急诊预检分诊' },
    subject: s.subject,
    encounter: { reference: s.encounter },
    occurrenceDateTime: s.at,
    ...(s.performer ? { performer: s.performer } : {}),
    ...(s.basis.length ? { basis: s.basis.map((reference) => ({ reference })) } : {}),
    prediction: [{
      outcome: { coding: [levelCoding(alg, s.assigned)], text: alg === 'cn2018' ? `${assigned.label}级 ${assigned.zh}` : assigned.zh },
      rationale: s.result.reasons.join('；'),
    }],
    ...(s.override ? { note: [{ text: `分级调整 / override: ${s.override.reason}` }] } : {}),
  };
}

export interface StoredAssessment {
  id: string;
  at: string;
  algorithm: Algorithm;
  event: TriageEvent;
  /** the level in force after this assessment */
  level: number;
  input: TriageInput;
  criteria: string[];
  override?: Override;
  previousLevel?: number;
}

const sub = (e: Extension | undefined, url: string) => ((e?.extension as Extension[] | undefined) ?? []).filter((x) => x.url === url);

/** A stored triage RiskAssessment, or null for any other RiskAssessment. */
export function readAssessment(r: Resource): StoredAssessment | null {
  const method = ((r.method as { coding?: Coding[] } | undefined)?.coding ?? []).find((c) => c.system === SYS.algorithm)?.code;
  if (!method || !(ALGORITHMS as readonly string[]).includes(method)) return null;
  const algorithm = method as Algorithm;
  const outcome = ((r.prediction as { outcome?: { coding?: Coding[] } }[] | undefined)?.[0]?.outcome?.coding ?? []).find((c) => c.system === SYS.level[algorithm]);
  const level = Number(outcome?.code);
  if (!Number.isInteger(level)) return null;
  const ext = (r.extension as Extension[] | undefined) ?? [];
  const inputExt = ext.find((e) => e.url === EXT.input);
  const one = (url: string) => sub(inputExt, url)[0];
  const vitals: Vitals = {};
  for (const k of VITALS) {
    const v = one(k)?.valueDecimal;
    if (typeof v === 'number') vitals[k] = v;
  }
  const oxygen = one('onOxygen')?.valueBoolean;
  if (typeof oxygen === 'boolean') vitals.onOxygen = oxygen;
  const flags = sub(inputExt, 'flag').map((e) => e.valueCode as Flag).filter((f) => FLAG_CODES.includes(f));
  const complaint = one('complaint')?.valueString as string | undefined;
  const resources = one('expectedResources')?.valueInteger as number | undefined;
  const input: TriageInput = {
    algorithm, age: Number(one('age')?.valueDecimal ?? 0), vitals, flags,
    ...(complaint ? { complaint } : {}), ...(typeof resources === 'number' ? { expectedResources: resources } : {}),
  };
  const ov = ext.find((e) => e.url === EXT.override);
  const code = (e: Extension | undefined) => Number((e?.valueCoding as Coding | undefined)?.code);
  const previous = code(ext.find((e) => e.url === EXT.previousLevel));
  return {
    id: r.id as string,
    at: (r.occurrenceDateTime as string | undefined) ?? (r.meta?.lastUpdated as string | undefined) ?? '',
    algorithm,
    event: (ext.find((e) => e.url === EXT.event)?.valueCode as TriageEvent | undefined) ?? 'initial',
    level,
    input,
    criteria: ext.filter((e) => e.url === EXT.criterion).map((e) => (e.valueCoding as Coding).code as string),
    ...(Number.isInteger(previous) ? { previousLevel: previous } : {}),
    ...(ov ? { override: { computed: code(sub(ov, 'computedLevel')[0]), assigned: code(sub(ov, 'assignedLevel')[0]), reason: String(sub(ov, 'reason')[0]?.valueString ?? '') } } : {}),
  };
}

/** The latest triage assessment of each encounter (by time, then by storage order). */
export function latestByEncounter(assessments: readonly Resource[]): Map<string, StoredAssessment> {
  const out = new Map<string, StoredAssessment & { stamp: string }>();
  for (const r of assessments) {
    const a = readAssessment(r);
    const enc = (r.encounter as Reference | undefined)?.reference;
    if (!a || !enc) continue;
    const stamp = `${a.at}|${String(r.meta?.lastUpdated ?? '')}`;
    const prev = out.get(enc);
    if (!prev || stamp > prev.stamp) out.set(enc, { ...a, stamp });
  }
  return out;
}
