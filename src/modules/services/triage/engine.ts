// One triage: the input (the issue's contract) → the level, zone, maximum wait and the criteria that fired.
// Pure and synchronous. The level is the most severe of the vital-sign level and the complaint level (flags, pain,
// age rules, expected resources), i.e. the most severe rule that fired in the algorithm's table.
import { ALGORITHM_NAMES, FLAGS, levelInfo, type Algorithm, type Flag, type LevelInfo, type Vitals, VITALS, type Zone } from './codes.js';
import { CN2018_RULES } from './cn2018.js';
import { ESI4_RULES } from './esi4.js';
import { PRECISION, evaluate, mostSevere, roundTo, type Fired, type Measured, type Rule } from './criteria.js';
import { suggestFlags, type Suggestion } from './complaint.js';

export const RULES: Record<Algorithm, readonly Rule[]> = { cn2018: CN2018_RULES, esi4: ESI4_RULES };

export interface TriageInput {
  algorithm?: Algorithm;
  /** years; fractions for infants */
  age: number;
  vitals?: Vitals;
  complaint?: string;
  /** explicit flags: when given, they are the flags (the complaint's suggestions are only returned) */
  flags?: Flag[];
  expectedResources?: number;
}

export interface Criterion {
  code: string;
  level: number;
  group: 'vital' | 'complaint';
  zh: string;
  en: string;
  /** the measured value (rounded as scored) for a numeric criterion */
  value?: number;
}

export interface TriageResult {
  algorithm: Algorithm;
  level: number;
  /** Ⅰ–Ⅳ or 1–5 */
  label: string;
  name: { zh: string; en: string };
  zone: Zone;
  maxWaitMinutes: number;
  /** the criteria that fired, most severe first, as text in the request's language */
  reasons: string[];
  criteria: Criterion[];
  vitalLevel: number | null;
  complaintLevel: number | null;
  /** the flags scored */
  flags: Flag[];
  /** what the complaint text suggests, with the words that led to each */
  suggestedFlags: Suggestion[];
  priority: LevelInfo['priority'];
}

export type Lang = 'zh' | 'en';

function measured(input: TriageInput): Measured {
  const m: Measured = {};
  const v = input.vitals ?? {};
  for (const k of VITALS) {
    const x = v[k];
    if (typeof x === 'number' && Number.isFinite(x)) m[k] = roundTo(x, PRECISION[k]);
  }
  if (m.systolicBP !== undefined && m.usualSystolicBP !== undefined) m.sbpFall = m.usualSystolicBP - m.systolicBP;
  m.age = input.age;
  if (typeof input.expectedResources === 'number') m.expectedResources = roundTo(input.expectedResources, PRECISION.expectedResources);
  return m;
}

/** The flags scored: explicit ones win; without them, the complaint's suggestions. */
export function scoredFlags(input: Pick<TriageInput, 'flags' | 'complaint'>, suggested = suggestFlags(input.complaint)): Flag[] {
  return [...new Set(input.flags ?? suggested.map((s) => s.flag))];
}

const unit: Partial<Record<string, string>> = {
  heartRate: '/min', respiratoryRate: '/min', systolicBP: 'mmHg', sbpFall: 'mmHg', spo2: '%', temperature: '°C', glucose: 'mmol/L', potassium: 'mmol/L',
};

function reasonText(f: Fired, lang: Lang, label: (level: number) => string): string {
  const r = f.rule;
  const measure = r.kind === 'numeric' ? r.measure : undefined;
  const value = f.value !== undefined && measure !== 'age' && measure !== 'expectedResources'
    ? (lang === 'zh' ? `（实测 ${f.value}${unit[measure as string] ?? ''}）` : ` (measured ${f.value}${unit[measure as string] ? ` ${unit[measure as string]}` : ''})`)
    : '';
  return `${lang === 'zh' ? r.zh : r.en}${value} → ${lang === 'zh' ? `${label(r.level)}级` : `level ${label(r.level)}`}`;
}

export function runTriage(input: TriageInput, lang: Lang = 'zh'): TriageResult {
  const algorithm = input.algorithm ?? 'cn2018';
  const suggested = suggestFlags(input.complaint);
  const flags = scoredFlags(input, suggested);
  const fired = evaluate(RULES[algorithm], { measured: measured(input), flags: new Set(flags) })
    .sort((a, b) => a.rule.level - b.rule.level);
  // every table has a resources rule that always fires (a count, or "not assessed"), so there is always a level
  const level = mostSevere(fired) as number;
  const info = levelInfo(algorithm, level);
  const label = (l: number) => levelInfo(algorithm, l).label;
  return {
    algorithm,
    level,
    label: info.label,
    name: { zh: info.zh, en: info.en },
    zone: info.zone,
    maxWaitMinutes: info.maxWaitMinutes,
    reasons: fired.map((f) => reasonText(f, lang, label)),
    criteria: fired.map((f) => ({
      code: f.rule.id, level: f.rule.level, group: f.rule.group, zh: f.rule.zh, en: f.rule.en, ...(f.value !== undefined ? { value: f.value } : {}),
    })),
    vitalLevel: mostSevere(fired, 'vital'),
    complaintLevel: mostSevere(fired, 'complaint'),
    flags,
    suggestedFlags: suggested,
    priority: info.priority,
  };
}

/** Everything the UI needs to draw the form and translate codes: levels, flags, algorithms, the rule tables. */
export function triageCatalogue() {
  return {
    algorithms: (Object.keys(RULES) as Algorithm[]).map((a) => ({
      code: a, ...ALGORITHM_NAMES[a],
      levels: [...(a === 'cn2018' ? [1, 2, 3, 4] : [1, 2, 3, 4, 5])].map((l) => levelInfo(a, l)),
      rules: RULES[a].map((r) => ({ code: r.id, level: r.level, group: r.group, zh: r.zh, en: r.en, ...(r.note ? { note: r.note } : {}) })),
    })),
    flags: (Object.keys(FLAGS) as Flag[]).map((f) => ({ code: f, ...FLAGS[f] })),
  };
}
