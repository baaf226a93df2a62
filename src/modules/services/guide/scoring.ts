// Department scores: each recognised (not negated) symptom adds its weights; body-part picks add theirs; then the
// age, sex and pregnancy rules (kb/demographics.ts) move weight between departments. score = 1 − e^(−weight):
// one clear symptom ≈ 0.63, two ≈ 0.86, so the bar says how much the text supports the department.
import type { Department } from './kb/types.js';
import { BODY_PARTS, CONCEPT_BY_ID, DEPARTMENTS, EMERGENCY, departmentOf } from './kb/index.js';
import {
  CHILD_MAX_AGE, CHILD_REDIRECT, ELDERLY_MIN_AGE, ELDERLY_SHARE, FALLBACK, MALE_REDIRECT, NEWBORN_MAX_AGE, PREGNANCY_BASE, PREGNANCY_REDIRECT,
} from './kb/demographics.js';
import type { Mention } from './match.js';
import type { FiredFlag } from './red-flag-check.js';
import type { GuideInput } from './engine.js';

export interface DepartmentScore {
  dept: Department;
  weight: number;
  score: number;
  evidence: string[];
}

/** At most this many departments are answered. */
export const MAX_DEPARTMENTS = 5;
/** Departments far below the best are noise. */
const MIN_SHARE = 0.15;

/** Weight given to the departments a red flag names (急诊医学科 comes first anyway). */
const FLAG_WEIGHT = 0.8;

type Tally = Map<string, { w: number; ev: Set<string> }>;

const ORDER = new Map(DEPARTMENTS.map((d, i) => [d.code, i]));
const PEDIATRIC = new Set(['07', '07.01', '08', '09']);
const CHILD_CONCEPTS = new Set(['child', 'newborn', 'newborn-jaundice', 'infant-feeding', 'development', 'child-surgical']);
const NEWBORN_CONCEPTS = new Set(['newborn', 'newborn-jaundice']);

function add(t: Tally, code: string, w: number, ev: Iterable<string>): void {
  if (w <= 0) return;
  const e = t.get(code) ?? { w: 0, ev: new Set<string>() };
  e.w += w;
  for (const x of ev) e.ev.add(x);
  t.set(code, e);
}

/** Move a department's weight (all of it, or all but `keep`) to another one, or drop it (to null). */
function move(t: Tally, from: string, to: string | null, keep = 0): void {
  const e = t.get(from);
  if (!e) return;
  if (to) add(t, to, e.w, e.ev);
  if (keep) e.w *= keep;
  else t.delete(from);
}

export interface Who {
  child: boolean;
  newborn: boolean;
  elderly: boolean;
  adult: boolean;
}

/** Child or not: the age when given, else the words (宝宝, 新生儿 …). */
export function who(mentions: Mention[], input: Pick<GuideInput, 'age'>): Who {
  const said = (ids: Set<string>) => mentions.some((m) => !m.negated && ids.has(m.concept));
  const age = input.age;
  const child = age !== undefined ? age < CHILD_MAX_AGE : said(CHILD_CONCEPTS);
  const newborn = age !== undefined ? age < NEWBORN_MAX_AGE : said(NEWBORN_CONCEPTS);
  return { child, newborn, elderly: age !== undefined && age >= ELDERLY_MIN_AGE, adult: age !== undefined && age >= CHILD_MAX_AGE };
}

export function rankDepartments(mentions: Mention[], input: GuideInput, fired: FiredFlag[]): DepartmentScore[] {
  const t: Tally = new Map();
  const sex = input.sex;
  const seen = new Set<string>();
  for (const m of mentions) {
    if (m.negated) continue;
    const c = CONCEPT_BY_ID.get(m.concept);
    if (!c || (c.sex && sex && c.sex !== sex)) continue;
    const words = mentions.filter((x) => x.concept === m.concept && !x.negated).map((x) => x.text);
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    for (const [code, w] of Object.entries(c.depts)) add(t, code, w, words);
  }
  for (const code of input.bodyParts ?? []) {
    const part = BODY_PARTS.find((b) => b.code === code);
    for (const [d, w] of Object.entries(part?.depts ?? {})) add(t, d, w, [part?.label[input.lang === 'en' ? 'en' : 'zh'] ?? code]);
  }
  for (const f of fired) for (const d of f.rule.also ?? []) add(t, d, FLAG_WEIGHT, f.words);

  const w = who(mentions, input);
  if (sex === 'male') for (const [from, to] of Object.entries(MALE_REDIRECT)) move(t, from, to);
  if (input.pregnant && sex !== 'male') {
    for (const [from, to] of Object.entries(PREGNANCY_REDIRECT)) move(t, from, to);
    const e = t.get('05.02');
    if (!e || e.w < PREGNANCY_BASE) add(t, '05.02', PREGNANCY_BASE - (e?.w ?? 0), [input.lang === 'en' ? 'pregnant' : '孕妇']);
  }
  if (w.child) {
    for (const [from, r] of Object.entries(CHILD_REDIRECT)) move(t, from, r.to, r.keep);
    if (w.newborn) move(t, '07', '07.01');
  } else if (w.adult) {
    for (const p of PEDIATRIC) t.delete(p);
  }
  if (w.elderly) {
    const best = Math.max(0, ...[...t].filter(([code]) => code.startsWith('03.') && code !== '03.10').map(([, e]) => e.w));
    const e = t.get('03.10');
    if (best > 0 && (!e || e.w < best * ELDERLY_SHARE)) add(t, '03.10', best * ELDERLY_SHARE - (e?.w ?? 0), []);
  } else if (input.age !== undefined) {
    move(t, '03.10', '02');
  }
  // the emergency department comes from red flags only (an animal bite may still list it: 狂犬病暴露处置 is there)
  if (fired.length) t.delete(EMERGENCY);

  const rows = [...t]
    .map(([code, e]) => ({ dept: departmentOf(code), w: e.w, ev: [...e.ev] }))
    .filter((r): r is { dept: Department; w: number; ev: string[] } => !!r.dept?.clinic && !(r.dept.sex === 'female' && sex === 'male'))
    .sort((a, b) => b.w - a.w || (ORDER.get(a.dept.code) ?? 0) - (ORDER.get(b.dept.code) ?? 0));
  const top = rows[0]?.w ?? 0;
  const out: DepartmentScore[] = rows
    .filter((r) => r.w >= top * MIN_SHARE)
    .slice(0, fired.length ? MAX_DEPARTMENTS - 1 : MAX_DEPARTMENTS)
    .map((r) => ({ dept: r.dept, weight: r.w, score: round(1 - Math.exp(-r.w)), evidence: r.ev }));
  if (fired.length) {
    const ed = departmentOf(EMERGENCY) as Department;
    out.unshift({ dept: ed, weight: Infinity, score: 1, evidence: [...new Set(fired.flatMap((f) => f.words))] });
  }
  if (!out.length) {
    const code = input.pregnant && sex !== 'male' ? FALLBACK.pregnant : w.newborn ? FALLBACK.newborn : w.child ? FALLBACK.child : FALLBACK.adult;
    out.push({ dept: departmentOf(code) as Department, weight: 0, score: 0, evidence: [] });
  }
  return out;
}

const round = (x: number) => Math.round(x * 100) / 100;
