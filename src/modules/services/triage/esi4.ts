// The alternative algorithm: Emergency Severity Index v4 (AHRQ, ESI Implementation Handbook, 2012 edition), as
// summarised in ../shared/docs/clinical-references.md:
//   A dying (needs immediate life-saving intervention) → 1; B high risk / confused / severe pain → 2;
//   C resources: none → 5, one → 4, many → D; D danger-zone vitals → consider 2, else 3.
// Readings (safer where the text leaves room):
// - D's "consider 2" assigns 2; a nurse who disagrees overrides with a reason.
// - D is reached with ≥ 2 resources, and also when no resource count was given (C cannot pass the patient down).
// - SpO2 < 92 % is a danger-zone vital at every age (the algorithm's box D: "HR / RR / SaO2 < 92 %").
// - Age bands by exact age; at a shared edge the older band (lower thresholds) wins: 3 months exactly is
//   "3 months–3 years", 3 years exactly is "3–8 years"; 8 years is still "3–8" ("> 8" excludes it).
// - A and B take the consensus's measurable Ⅰ and Ⅱ criteria (cn2018.ts) as their objective form — the handbook's
//   own examples of ESI 1 (hypotension or brady/tachycardia with hypoperfusion, unresponsive, hypoglycaemia with
//   altered mental status) and ESI 2 are judgement calls without numbers. Heart-rate and blood-pressure limits are
//   adult limits, so they apply from 14 years (China's paediatric age limit); children go by the danger zone.
import type { Flag } from './codes.js';
import { CN2018_RULES } from './cn2018.js';
import type { AgeRange, FlagRule, NumericRule, Rule } from './criteria.js';

const flag = (level: number, point: 'A' | 'B', f: Flag, zh: string, en: string): FlagRule =>
  ({ kind: 'flag', id: `esi4.${point}.${f}`, level, group: 'complaint', flag: f, zh, en });

const ADULT: AgeRange = { min: 14 };
const AGE_DEPENDENT = new Set(['heartRate', 'systolicBP']);

/** The consensus's objective rules of a level, as ESI decision point A (level 1) or B (level 2). */
function borrowed(fromLevel: 1 | 2): Rule[] {
  const point = fromLevel === 1 ? 'A' : 'B';
  return CN2018_RULES
    .filter((r): r is NumericRule => r.kind === 'numeric' && r.level === fromLevel && (r.group === 'vital'))
    .map((r) => ({
      ...r,
      id: `esi4.${point}.${r.id.replace(/^cn2018\./, '')}`,
      level: fromLevel,
      zh: `${r.zh}（共识${fromLevel === 1 ? 'Ⅰ' : 'Ⅱ'}级客观指标）`,
      en: `${r.en} (consensus level ${fromLevel === 1 ? 'Ⅰ' : 'Ⅱ'} criterion)`,
      ...(AGE_DEPENDENT.has(r.measure) ? { when: { age: ADULT } } : {}),
    }));
}

export interface AgeBand {
  id: string;
  zh: string;
  en: string;
  age: AgeRange;
  heartRate: number;
  respiratoryRate: number;
}

/** Danger-zone heart and respiratory rates by age (box D of the ESI v4 algorithm). */
export const ESI_AGE_BANDS: readonly AgeBand[] = [
  { id: 'lt-3m', zh: '< 3 月龄', en: '< 3 months', age: { max: 0.25, maxInclusive: false }, heartRate: 180, respiratoryRate: 50 },
  { id: '3m-3y', zh: '3 月龄–3 岁', en: '3 months–3 years', age: { min: 0.25, max: 3, maxInclusive: false }, heartRate: 160, respiratoryRate: 40 },
  { id: '3y-8y', zh: '3–8 岁', en: '3–8 years', age: { min: 3, max: 8 }, heartRate: 140, respiratoryRate: 30 },
  { id: 'gt-8y', zh: '> 8 岁', en: '> 8 years', age: { min: 8, minInclusive: false }, heartRate: 100, respiratoryRate: 20 },
];

function dangerZone(): Rule[] {
  const out: Rule[] = [];
  for (const b of ESI_AGE_BANDS) {
    out.push(
      { kind: 'numeric', id: `esi4.D.hr-${b.id}`, level: 2, group: 'vital', measure: 'heartRate', op: '>', value: b.heartRate,
        when: { age: b.age, manyResources: true }, zh: `危险区生命体征：心率 > ${b.heartRate}（${b.zh}）`, en: `Danger-zone vitals: HR > ${b.heartRate} (${b.en})` },
      { kind: 'numeric', id: `esi4.D.rr-${b.id}`, level: 2, group: 'vital', measure: 'respiratoryRate', op: '>', value: b.respiratoryRate,
        when: { age: b.age, manyResources: true }, zh: `危险区生命体征：呼吸 > ${b.respiratoryRate}（${b.zh}）`, en: `Danger-zone vitals: RR > ${b.respiratoryRate} (${b.en})` },
    );
  }
  out.push({ kind: 'numeric', id: 'esi4.D.spo2-lt-92', level: 2, group: 'vital', measure: 'spo2', op: '<', value: 92, when: { manyResources: true },
    zh: '危险区生命体征：血氧饱和度 < 92%', en: 'Danger-zone vitals: SpO2 < 92 %' });
  return out;
}

export const ESI4_RULES: readonly Rule[] = [
  // A: requires immediate life-saving intervention → 1
  flag(1, 'A', 'cardiacArrest', '心跳骤停', 'Cardiac arrest'),
  flag(1, 'A', 'respiratoryArrest', '呼吸骤停', 'Respiratory arrest'),
  flag(1, 'A', 'shock', '休克', 'Shock'),
  flag(1, 'A', 'statusEpilepticus', '癫痫持续发作', 'Active seizures'),
  flag(1, 'A', 'intubated', '气管插管', 'Intubated'),
  flag(1, 'A', 'lifeSavingIntervention', '需立即抢救干预', 'Needs immediate life-saving intervention'),
  flag(1, 'A', 'unresponsive', '昏迷 / 无反应', 'Unresponsive'),
  ...borrowed(1),
  // B: high-risk situation, new confusion / lethargy / disorientation, severe pain or distress → 2
  flag(2, 'B', 'suspectedStroke', '疑似脑卒中', 'Suspected stroke'),
  flag(2, 'B', 'suspectedSepsis', '疑似脓毒症', 'Suspected sepsis'),
  flag(2, 'B', 'acuteConfusion', '新发意识障碍 / 嗜睡 / 定向障碍', 'New confusion, lethargy or disorientation'),
  flag(2, 'B', 'multipleTrauma', '多发伤', 'Multiple trauma'),
  flag(2, 'B', 'chestPainACS', '胸痛疑似急性冠脉综合征', 'Chest pain suggesting ACS'),
  flag(2, 'B', 'neutropenicFever', '粒细胞缺乏伴发热', 'Fever with neutropenia'),
  flag(2, 'B', 'ecgAMI', '心电图示急性心肌梗死', 'ECG showing acute MI'),
  { kind: 'numeric', id: 'esi4.B.pain-ge-7', level: 2, group: 'complaint', measure: 'painScore', op: '>=', value: 7, zh: '重度疼痛（≥ 7 分）', en: 'Severe pain (≥ 7/10)' },
  ...borrowed(2),
  // C: how many different resources
  { kind: 'numeric', id: 'esi4.C.resources-0', level: 5, group: 'complaint', measure: 'expectedResources', op: 'range', min: 0, max: 0, zh: '预计不需要急诊资源', en: 'Expects no resources' },
  { kind: 'numeric', id: 'esi4.C.resources-1', level: 4, group: 'complaint', measure: 'expectedResources', op: 'range', min: 1, max: 1, zh: '预计需要 1 项急诊资源', en: 'Expects one resource' },
  { kind: 'numeric', id: 'esi4.C.resources-ge-2', level: 3, group: 'complaint', measure: 'expectedResources', op: '>=', value: 2, zh: '预计需要 ≥ 2 项急诊资源', en: 'Expects two or more resources' },
  { kind: 'missing', id: 'esi4.C.resources-unknown', level: 3, group: 'complaint', measure: 'expectedResources', zh: '预计资源未评估（按 ≥ 2 项）', en: 'Expected resources not assessed (taken as many)',
    note: 'not in the source: without a count, 4 or 5 cannot be justified (safer)' },
  // D: danger-zone vitals (only reached with many resources) → 2
  ...dangerZone(),
];
