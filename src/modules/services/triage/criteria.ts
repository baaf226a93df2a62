// The shape of a triage table and the one evaluator both algorithms use: every rule that holds fires, and the
// level is the most severe (lowest number) of the rules fired. Numbers are rounded to the table's precision first
// (clinical-references.md: "Measurements are rounded to the table's precision before scoring"), half up.
import type { Flag, VitalKey } from './codes.js';

/** What a numeric rule looks at: a vital sign, the fall below the usual systolic BP, the age, the expected resources. */
export type Measure = VitalKey | 'sbpFall' | 'age' | 'expectedResources';

/** Decimals each measure is rounded to before scoring (null: used as given). */
export const PRECISION: Record<Measure, number | null> = {
  heartRate: 0, systolicBP: 0, respiratoryRate: 0, spo2: 0, temperature: 1, gcs: 0, painScore: 0,
  // glucose: the table's 3.33 mmol/L has two decimals; potassium: 7.0 has one
  glucose: 2, potassium: 1, usualSystolicBP: 0, sbpFall: 0, expectedResources: 0,
  // age in years, fractions allowed (an infant of 2 months is 2/12); never rounded, so 65.5 counts as "> 65"
  age: null,
};

export interface AgeRange {
  min?: number;
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
}

export type Op = '>' | '<' | '>=' | '<=' | 'range';
export type Group = 'vital' | 'complaint';

interface RuleBase {
  /** stable code of the criterion (CodeSystem triage-criterion): what the reasons list shows and the UI translates */
  id: string;
  level: number;
  group: Group;
  zh: string;
  en: string;
  /** how the source text was read at a boundary or where it was ambiguous */
  note?: string;
  /** the rule needs these too */
  when?: {
    flags?: Flag[];
    age?: AgeRange;
    /** ESI decision point D: only with two or more expected resources (or none given: the safer reading) */
    manyResources?: boolean;
  };
}

export interface NumericRule extends RuleBase {
  kind: 'numeric';
  measure: Measure;
  op: Op;
  value?: number;
  min?: number;
  max?: number;
}

export interface FlagRule extends RuleBase {
  kind: 'flag';
  flag: Flag;
}

/** Fires when the measure was not given (expected resources unknown). */
export interface MissingRule extends RuleBase {
  kind: 'missing';
  measure: Measure;
}

export type Rule = NumericRule | FlagRule | MissingRule;

/** Half-up rounding in decimal (41.05 → 41.1), not in binary (41.05 is 41.04999… as a double). */
export function roundTo(x: number, decimals: number | null): number {
  if (decimals === null) return x;
  if (/e/i.test(String(x))) return Math.round(x * 10 ** decimals) / 10 ** decimals;
  return Number(`${Math.round(Number(`${x}e${decimals}`))}e-${decimals}`);
}

export function compare(op: Op, x: number, r: { value?: number; min?: number; max?: number }): boolean {
  switch (op) {
    case '>': return x > (r.value as number);
    case '<': return x < (r.value as number);
    case '>=': return x >= (r.value as number);
    case '<=': return x <= (r.value as number);
    case 'range': return x >= (r.min as number) && x <= (r.max as number);
  }
}

export function inAge(age: number, a: AgeRange): boolean {
  if (a.min !== undefined && (a.minInclusive === false ? age <= a.min : age < a.min)) return false;
  if (a.max !== undefined && (a.maxInclusive === false ? age >= a.max : age > a.max)) return false;
  return true;
}

/** The values a table is scored on, already rounded. */
export type Measured = Partial<Record<Measure, number>>;

export interface Scoring {
  measured: Measured;
  flags: ReadonlySet<Flag>;
}

export interface Fired {
  rule: Rule;
  /** the measured (rounded) value that made a numeric rule fire */
  value?: number;
}

function conditionsHold(rule: Rule, s: Scoring): boolean {
  const w = rule.when;
  if (!w) return true;
  if (w.flags && !w.flags.every((f) => s.flags.has(f))) return false;
  if (w.age && (s.measured.age === undefined || !inAge(s.measured.age, w.age))) return false;
  if (w.manyResources && s.measured.expectedResources !== undefined && s.measured.expectedResources < 2) return false;
  return true;
}

/** Every rule of the table that holds. */
export function evaluate(rules: readonly Rule[], s: Scoring): Fired[] {
  const out: Fired[] = [];
  for (const rule of rules) {
    if (!conditionsHold(rule, s)) continue;
    if (rule.kind === 'flag') {
      if (s.flags.has(rule.flag)) out.push({ rule });
    } else if (rule.kind === 'missing') {
      if (s.measured[rule.measure] === undefined) out.push({ rule });
    } else {
      const x = s.measured[rule.measure];
      if (x !== undefined && compare(rule.op, x, rule)) out.push({ rule, value: x });
    }
  }
  return out;
}

/** The most severe level among the fired rules of a group (all groups when absent); null when none fired. */
export function mostSevere(fired: readonly Fired[], group?: Group): number | null {
  const levels = fired.filter((f) => !group || f.rule.group === group).map((f) => f.rule.level);
  return levels.length ? Math.min(...levels) : null;
}
