// The default algorithm: 急诊预检分诊专家共识, 中华急诊医学杂志 2018;27(6):599-604 (four levels), with expected
// resources for Ⅲ/Ⅳ from 急诊病人病情分级试点指导原则 (卫生部, 2011). Transcribed from
// ../shared/docs/clinical-references.md ("Emergency pre-triage"). Its conventions: "≤ 8" includes 8, "21–24"
// includes both ends, measurements are rounded to the table's precision (criteria.ts PRECISION) before scoring.
// Where the text leaves room, the safer reading is taken and written in `note`.
// The consensus states adult criteria and has no paediatric table: they apply at every age here (over-triage being
// the safer error); a paediatric ED may choose ESI, whose danger-zone vitals go by age.
import type { Flag } from './codes.js';
import type { FlagRule, Rule } from './criteria.js';

const flag = (level: number, f: Flag, zh: string, en: string, note?: string): FlagRule =>
  ({ kind: 'flag', id: `cn2018.${f}`, level, group: 'complaint', flag: f, zh, en, ...(note ? { note } : {}) });

export const CN2018_RULES: readonly Rule[] = [
  // ── Ⅰ 急危: objective criteria ──
  { kind: 'numeric', id: 'cn2018.hr-gt-180', level: 1, group: 'vital', measure: 'heartRate', op: '>', value: 180, zh: '心率 > 180 次/分', en: 'Heart rate > 180 /min',
    note: '181 and above; 180 itself is in Ⅱ\'s "150–180"' },
  { kind: 'numeric', id: 'cn2018.hr-lt-40', level: 1, group: 'vital', measure: 'heartRate', op: '<', value: 40, zh: '心率 < 40 次/分', en: 'Heart rate < 40 /min',
    note: '39 and below; 40 itself is in Ⅱ\'s "40–50"' },
  { kind: 'numeric', id: 'cn2018.sbp-lt-70', level: 1, group: 'vital', measure: 'systolicBP', op: '<', value: 70, zh: '收缩压 < 70 mmHg', en: 'Systolic BP < 70 mmHg',
    note: '69 and below; 70 itself is in Ⅱ\'s "70–80"' },
  { kind: 'numeric', id: 'cn2018.sbp-fall-ge-30', level: 1, group: 'vital', measure: 'sbpFall', op: '>=', value: 30, zh: '收缩压较基础值急性下降 ≥ 30 mmHg', en: 'Acute fall of systolic BP ≥ 30 mmHg below usual',
    note: 'source: "an acute fall of 30–60 mmHg below the usual"; a fall of more than 60 is read as Ⅰ too (safer); needs usualSystolicBP' },
  { kind: 'numeric', id: 'cn2018.spo2-lt-80', level: 1, group: 'vital', measure: 'spo2', op: '<', value: 80, zh: '血氧饱和度 < 80%', en: 'SpO2 < 80 %',
    note: 'source adds "with respiratory distress not corrected by oxygen": the number alone fires (safer); 80 itself is in Ⅱ\'s "80–90"' },
  { kind: 'numeric', id: 'cn2018.temp-gt-41', level: 1, group: 'vital', measure: 'temperature', op: '>', value: 41, zh: '腋温 > 41 °C', en: 'Axillary temperature > 41 °C',
    note: 'one decimal: 41.0 does not fire, 41.1 does' },
  { kind: 'numeric', id: 'cn2018.glucose-lt-3.33', level: 1, group: 'vital', measure: 'glucose', op: '<', value: 3.33, zh: '床旁血糖 < 3.33 mmol/L', en: 'POCT glucose < 3.33 mmol/L',
    note: 'two decimals, as the table writes 3.33' },
  { kind: 'numeric', id: 'cn2018.k-gt-7', level: 1, group: 'vital', measure: 'potassium', op: '>', value: 7.0, zh: '血钾 > 7.0 mmol/L', en: 'Potassium > 7.0 mmol/L',
    note: 'one decimal, as the table writes 7.0: 7.04 rounds to 7.0 and does not fire, 7.05 rounds to 7.1 and does' },
  { kind: 'numeric', id: 'cn2018.gcs-lt-9', level: 1, group: 'vital', measure: 'gcs', op: '<', value: 9, zh: 'GCS < 9 分', en: 'GCS < 9' },
  // ── Ⅰ: clinical criteria ──
  flag(1, 'cardiacArrest', '心跳骤停', 'Cardiac arrest'),
  flag(1, 'respiratoryArrest', '呼吸骤停', 'Respiratory arrest'),
  flag(1, 'shock', '休克', 'Shock'),
  flag(1, 'statusEpilepticus', '癫痫持续状态', 'Status epilepticus'),
  flag(1, 'intubated', '气管插管', 'Intubated'),
  flag(1, 'lifeSavingIntervention', '需立即抢救干预', 'Needs immediate life-saving intervention'),
  flag(1, 'unresponsive', '昏迷 / 无反应（相当于 GCS < 9）', 'Unresponsive (as GCS < 9)', 'the consensus\'s GCS < 9 when no score was taken'),

  // ── Ⅱ 急重: objective criteria ──
  { kind: 'numeric', id: 'cn2018.hr-150-180', level: 2, group: 'vital', measure: 'heartRate', op: 'range', min: 150, max: 180, zh: '心率 150–180 次/分', en: 'Heart rate 150–180 /min' },
  { kind: 'numeric', id: 'cn2018.hr-40-50', level: 2, group: 'vital', measure: 'heartRate', op: 'range', min: 40, max: 50, zh: '心率 40–50 次/分', en: 'Heart rate 40–50 /min' },
  { kind: 'numeric', id: 'cn2018.sbp-gt-200', level: 2, group: 'vital', measure: 'systolicBP', op: '>', value: 200, zh: '收缩压 > 200 mmHg', en: 'Systolic BP > 200 mmHg',
    note: '201 and above; 200 does not fire' },
  { kind: 'numeric', id: 'cn2018.sbp-70-80', level: 2, group: 'vital', measure: 'systolicBP', op: 'range', min: 70, max: 80, zh: '收缩压 70–80 mmHg', en: 'Systolic BP 70–80 mmHg' },
  { kind: 'numeric', id: 'cn2018.spo2-80-90', level: 2, group: 'vital', measure: 'spo2', op: 'range', min: 80, max: 90, zh: '血氧饱和度 80%–90%', en: 'SpO2 80–90 %',
    note: 'source adds "with respiratory distress": the number alone fires (safer)' },
  // ── Ⅱ: clinical criteria ──
  { kind: 'numeric', id: 'cn2018.pain-ge-7', level: 2, group: 'complaint', measure: 'painScore', op: '>=', value: 7, zh: '疼痛评分 ≥ 7 分', en: 'Pain ≥ 7/10' },
  flag(2, 'neutropenicFever', '粒细胞缺乏伴发热', 'Fever with neutropenia'),
  flag(2, 'ecgAMI', '心电图示急性心肌梗死', 'ECG showing acute myocardial infarction'),
  flag(2, 'suspectedStroke', '疑似脑卒中', 'Suspected stroke'),
  flag(2, 'suspectedSepsis', '疑似脓毒症', 'Suspected sepsis'),
  flag(2, 'acuteConfusion', '急性意识障碍', 'Acute confusion'),
  flag(2, 'multipleTrauma', '多发伤', 'Multiple trauma'),
  flag(2, 'chestPainACS', '胸痛疑似急性冠脉综合征', 'Chest pain suggesting acute coronary syndrome'),

  // ── Ⅲ 急症 ──
  { kind: 'numeric', id: 'cn2018.pain-4-6', level: 3, group: 'complaint', measure: 'painScore', op: 'range', min: 4, max: 6, zh: '疼痛评分 4–6 分', en: 'Pain 4–6/10' },
  { kind: 'numeric', id: 'cn2018.abdominal-pain-age-gt-65', level: 3, group: 'complaint', measure: 'age', op: '>', value: 65, when: { flags: ['abdominalPain'] },
    zh: '年龄 > 65 岁伴腹痛', en: 'Age > 65 with abdominal pain', note: 'age as given, not rounded: 65 does not fire, 65 and a month does' },
  { kind: 'numeric', id: 'cn2018.resources-ge-2', level: 3, group: 'complaint', measure: 'expectedResources', op: '>=', value: 2, zh: '预计需要 ≥ 2 项急诊资源', en: 'Expects ≥ 2 resources' },
  { kind: 'missing', id: 'cn2018.resources-unknown', level: 3, group: 'complaint', measure: 'expectedResources', zh: '预计资源未评估（按 ≥ 2 项）', en: 'Expected resources not assessed (taken as ≥ 2)',
    note: 'not in the source: without a resource count Ⅳ cannot be justified, so Ⅲ (safer)' },

  // ── Ⅳ 亚急症 / 非急症 ──
  { kind: 'numeric', id: 'cn2018.resources-0-1', level: 4, group: 'complaint', measure: 'expectedResources', op: 'range', min: 0, max: 1, zh: '预计需要 0–1 项急诊资源', en: 'Expects 0–1 resources' },
];
