// Code systems, triage levels and clinical flags of emergency pre-triage (预检分诊), as data.
// Levels: 急诊预检分诊专家共识 (中华急诊医学杂志 2018;27(6):599-604) — see ../shared/docs/clinical-references.md;
// ESI v4: AHRQ Emergency Severity Index Implementation Handbook (2012 edition).
// Encounter.priority uses HL7 v3 ActPriority (terminology.hl7.org/CodeSystem/v3-ActPriority).

export const HUIYI = 'http://huiyi.health/fhir';
export const SYS = {
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  actPriority: 'http://terminology.hl7.org/CodeSystem/v3-ActPriority',
  participation: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  physicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  dischargeDisposition: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  algorithm: `${HUIYI}/CodeSystem/triage-algorithm`,
  level: { cn2018: `${HUIYI}/CodeSystem/triage-level-cn2018`, esi4: `${HUIYI}/CodeSystem/triage-level-esi4` },
  criterion: `${HUIYI}/CodeSystem/triage-criterion`,
  flag: `${HUIYI}/CodeSystem/triage-flag`,
  riskAssessment: `${HUIYI}/CodeSystem/risk-assessment`,
  /** marks the Location(s) where ED arrivals wait after triage (the demo hospital's er-triage) */
  locationFunction: `${HUIYI}/CodeSystem/location-function`,
} as const;

export const EXT = {
  input: `${HUIYI}/StructureDefinition/triage-input`,
  criterion: `${HUIYI}/StructureDefinition/triage-criterion`,
  override: `${HUIYI}/StructureDefinition/triage-override`,
  event: `${HUIYI}/StructureDefinition/triage-event`,
  /** the level in force before a re-triage or an override */
  previousLevel: `${HUIYI}/StructureDefinition/triage-previous-level`,
} as const;

export type Algorithm = 'cn2018' | 'esi4';
export const ALGORITHMS: readonly Algorithm[] = ['cn2018', 'esi4'];
export type Zone = 'red' | 'yellow' | 'green';

export interface LevelInfo {
  level: number;
  /** how the level is written: Ⅰ–Ⅳ (consensus) or 1–5 (ESI) */
  label: string;
  zh: string;
  en: string;
  zone: Zone;
  maxWaitMinutes: number;
  /** Encounter.priority (v3 ActPriority) */
  priority: { code: string; display: string };
}

// v3 ActPriority mapping (our choice; the standard has no triage scale): S "stat — with highest priority" for the
// patient who needs immediate resuscitation, EM "emergency — calls for immediate action" for the 10-minute level,
// UR "urgent — calls for prompt action" for the 30-minute level, R "routine" for the rest.
const P = {
  S: { code: 'S', display: 'stat' },
  EM: { code: 'EM', display: 'emergency' },
  UR: { code: 'UR', display: 'urgent' },
  R: { code: 'R', display: 'routine' },
};

export const LEVELS: Record<Algorithm, readonly LevelInfo[]> = {
  // the consensus's own table: zone and "see within"
  cn2018: [
    { level: 1, label: 'Ⅰ', zh: '急危（濒危）', en: 'Resuscitation', zone: 'red', maxWaitMinutes: 0, priority: P.S },
    { level: 2, label: 'Ⅱ', zh: '急重（危重）', en: 'Emergent', zone: 'red', maxWaitMinutes: 10, priority: P.EM },
    { level: 3, label: 'Ⅲ', zh: '急症', en: 'Urgent', zone: 'yellow', maxWaitMinutes: 30, priority: P.UR },
    { level: 4, label: 'Ⅳ', zh: '亚急症 / 非急症', en: 'Less urgent / non-urgent', zone: 'green', maxWaitMinutes: 240, priority: P.R },
  ],
  // ESI sets no waiting times (handbook ch. 1); ours: level 1 immediately and level 2 within 10 minutes (the
  // handbook: "should not wait"), levels 3–5 take the Australasian Triage Scale's times for categories 3–5
  // (ACEM Policy P06: 30, 60, 120 minutes). Zones: 1–2 red, 3 yellow, 4–5 green, like the consensus's Ⅰ/Ⅱ, Ⅲ, Ⅳ.
  esi4: [
    { level: 1, label: '1', zh: 'ESI 1 级（复苏）', en: 'ESI 1 (resuscitation)', zone: 'red', maxWaitMinutes: 0, priority: P.S },
    { level: 2, label: '2', zh: 'ESI 2 级（危急）', en: 'ESI 2 (emergent)', zone: 'red', maxWaitMinutes: 10, priority: P.EM },
    { level: 3, label: '3', zh: 'ESI 3 级（紧急）', en: 'ESI 3 (urgent)', zone: 'yellow', maxWaitMinutes: 30, priority: P.UR },
    { level: 4, label: '4', zh: 'ESI 4 级（次紧急）', en: 'ESI 4 (less urgent)', zone: 'green', maxWaitMinutes: 60, priority: P.R },
    { level: 5, label: '5', zh: 'ESI 5 级（非紧急）', en: 'ESI 5 (non-urgent)', zone: 'green', maxWaitMinutes: 120, priority: P.R },
  ],
};

export function levelInfo(algorithm: Algorithm, level: number): LevelInfo {
  const info = LEVELS[algorithm].find((l) => l.level === level);
  if (!info) throw new Error(`no level ${level} in ${algorithm}`);
  return info;
}

export const ALGORITHM_NAMES: Record<Algorithm, { zh: string; en: string }> = {
  cn2018: { zh: '急诊预检分诊专家共识（2018）', en: 'Chinese ED triage expert consensus (2018)' },
  esi4: { zh: '急诊严重度指数 ESI 第 4 版', en: 'Emergency Severity Index v4' },
};

/** Clinical findings a nurse ticks (or the complaint text suggests): what each means is in the algorithm tables. */
export const FLAGS = {
  cardiacArrest: { zh: '心跳骤停', en: 'Cardiac arrest' },
  respiratoryArrest: { zh: '呼吸骤停', en: 'Respiratory arrest' },
  shock: { zh: '休克', en: 'Shock' },
  statusEpilepticus: { zh: '癫痫持续状态', en: 'Status epilepticus' },
  intubated: { zh: '气管插管', en: 'Intubated' },
  lifeSavingIntervention: { zh: '需立即抢救干预', en: 'Needs immediate life-saving intervention' },
  unresponsive: { zh: '昏迷 / 无反应', en: 'Unresponsive' },
  suspectedStroke: { zh: '疑似脑卒中', en: 'Suspected stroke' },
  suspectedSepsis: { zh: '疑似脓毒症', en: 'Suspected sepsis' },
  acuteConfusion: { zh: '急性意识障碍', en: 'Acute confusion' },
  multipleTrauma: { zh: '多发伤', en: 'Multiple trauma' },
  chestPainACS: { zh: '胸痛（疑似急性冠脉综合征）', en: 'Chest pain suggesting ACS' },
  neutropenicFever: { zh: '粒细胞缺乏伴发热', en: 'Fever with neutropenia' },
  ecgAMI: { zh: '心电图示急性心肌梗死', en: 'ECG shows acute MI' },
  abdominalPain: { zh: '腹痛', en: 'Abdominal pain' },
} as const;
export type Flag = keyof typeof FLAGS;
export const FLAG_CODES = Object.keys(FLAGS) as Flag[];

/** The vital signs and point-of-care values a triage takes (the contract, plus the patient's usual SBP). */
export const VITALS = ['heartRate', 'systolicBP', 'respiratoryRate', 'spo2', 'temperature', 'gcs', 'painScore', 'glucose', 'potassium', 'usualSystolicBP'] as const;
export type VitalKey = (typeof VITALS)[number];
export type Vitals = Partial<Record<VitalKey, number>> & { onOxygen?: boolean };
