// What brings demo patients to hospital: a small ICD-10 fixture with Chinese names, the department that treats
// each problem, who gets it (age, sex), where it is seen, and how it moves the vital signs.
// Codes are WHO ICD-10 (2019) categories; Chinese names follow the usual GB/T 14396 (疾病分类与代码) wording.
// This is demo data, not a code list: hospitals import the full ICD-10 / 国家临床版 themselves.

import type { Sex } from './names.js';

/** Vital-sign deltas at full severity; `acute` problems settle over the stay, chronic ones persist. */
export interface VitalEffect {
  hr?: number;
  rr?: number;
  temp?: number;
  spo2?: number;
  sbp?: number;
  dbp?: number;
}

export type Setting = 'AMB' | 'IMP' | 'EMER';

export interface Problem {
  icd: string;
  zh: string;
  dept: string;
  /** Where it is seen; IMP problems arrive via EMER when both are listed. */
  settings: readonly Setting[];
  ages: [min: number, max: number];
  sex?: Sex;
  weight: number;
  chronic: boolean;
  effect: VitalEffect;
}

const FEVER: VitalEffect = { temp: 1.5, hr: 18, rr: 4 };
const MILD_FEVER: VitalEffect = { temp: 0.9, hr: 10, rr: 2 };
const PAIN: VitalEffect = { hr: 14, sbp: 12, dbp: 6 };
const NONE: VitalEffect = {};

type Row = [icd: string, zh: string, dept: string, settings: string, ages: [number, number], weight: number,
  effect: VitalEffect, opts?: { sex?: Sex; chronic?: boolean }];

const ROWS: Row[] = [
  ['I10', '原发性高血压', '03.04', 'AMB', [35, 95], 8, { sbp: 32, dbp: 16 }, { chronic: true }],
  ['I20.0', '不稳定型心绞痛', '03.04', 'AMB IMP', [45, 90], 3, { hr: 12, sbp: 15, dbp: 8 }],
  ['I21.9', '急性心肌梗死', '03.04', 'EMER IMP', [45, 92], 1.5, { hr: 22, rr: 5, spo2: -3, sbp: -10 }],
  ['I50.9', '心力衰竭', '03.04', 'IMP', [55, 95], 2, { hr: 22, rr: 7, spo2: -5 }, { chronic: true }],
  ['I48.9', '心房颤动', '03.04', 'AMB', [50, 95], 2, { hr: 28 }, { chronic: true }],
  ['J06.9', '急性上呼吸道感染', '03.01', 'AMB', [14, 85], 5, MILD_FEVER],
  ['J06.9', '急性上呼吸道感染', '07', 'AMB', [0.5, 14], 4, MILD_FEVER],
  ['J18.9', '肺炎', '03.01', 'AMB IMP', [14, 95], 3, { temp: 1.5, hr: 20, rr: 8, spo2: -5 }],
  ['J18.9', '肺炎', '07', 'IMP', [0.5, 14], 1.5, { temp: 1.6, hr: 25, rr: 12, spo2: -4 }],
  ['J44.1', '慢性阻塞性肺病伴有急性加重', '03.01', 'IMP', [50, 95], 2.5, { hr: 16, rr: 9, spo2: -8 }],
  ['J45.9', '哮喘', '03.01', 'AMB', [10, 70], 1.5, NONE, { chronic: true }],
  ['K29.7', '胃炎', '03.02', 'AMB', [18, 80], 4, NONE],
  ['K92.2', '胃肠出血', '03.02', 'EMER IMP', [30, 90], 1, { hr: 30, sbp: -28, dbp: -14 }],
  ['K74.6', '肝硬化', '03.02', 'AMB IMP', [40, 85], 1, NONE, { chronic: true }],
  ['I63.9', '脑梗死', '03.03', 'EMER IMP', [45, 95], 3, { sbp: 30, dbp: 12 }],
  ['G43.9', '偏头痛', '03.03', 'AMB', [16, 60], 1.5, NONE],
  ['E11.9', '2型糖尿病', '03.07', 'AMB', [35, 90], 6, NONE, { chronic: true }],
  ['E05.9', '甲状腺毒症', '03.07', 'AMB', [18, 60], 1, { hr: 25, temp: 0.3 }, { sex: 'female' }],
  ['N18.9', '慢性肾脏病', '03.06', 'AMB', [40, 90], 1.5, { sbp: 18, dbp: 8 }, { chronic: true }],
  ['D50.9', '缺铁性贫血', '03.05', 'AMB', [16, 70], 1, { hr: 10 }, { sex: 'female' }],
  ['K35.8', '急性阑尾炎', '04.01', 'EMER IMP', [8, 70], 2, FEVER],
  ['K80.2', '胆囊结石不伴有胆囊炎', '04.01', 'AMB IMP', [30, 80], 2, PAIN],
  ['K40.9', '单侧腹股沟疝', '04.01', 'AMB IMP', [20, 85], 1.5, NONE, { sex: 'male' }],
  ['S72.0', '股骨颈骨折', '04.03', 'EMER IMP', [60, 95], 1.5, PAIN],
  ['M17.9', '膝关节病', '04.03', 'AMB', [45, 90], 3, NONE, { chronic: true }],
  ['M51.2', '腰椎间盘突出', '04.03', 'AMB IMP', [25, 75], 2.5, NONE],
  ['I67.1', '脑动脉瘤（未破裂）', '04.02', 'AMB', [35, 75], 0.5, NONE],
  ['N20.0', '肾结石', '04.04', 'EMER AMB', [20, 70], 1.5, PAIN],
  ['N40', '前列腺增生', '04.04', 'AMB', [50, 95], 2, NONE, { sex: 'male', chronic: true }],
  ['R91', '肺部影像学异常（肺结节）', '04.05', 'AMB', [35, 75], 1, NONE],
  ['C34.9', '支气管和肺恶性肿瘤', '19', 'AMB', [45, 85], 1, NONE, { chronic: true }],
  ['C50.9', '乳房恶性肿瘤', '19', 'AMB', [35, 75], 0.8, NONE, { sex: 'female', chronic: true }],
  ['S06.0', '脑震荡', '20', 'EMER', [5, 80], 1, { hr: 8 }],
  ['R07.4', '胸痛', '20', 'EMER', [25, 85], 1.5, PAIN],
  ['A41.9', '脓毒症', '28', 'EMER IMP', [40, 95], 0.8, { temp: 2, hr: 35, rr: 10, spo2: -6, sbp: -30, dbp: -15 }],
  ['O80.0', '单胎顺产（头位）', '05.02', 'IMP', [20, 42], 2.5, { hr: 8 }, { sex: 'female' }],
  ['Z34.9', '正常妊娠监督', '05.02', 'AMB', [20, 42], 3, NONE, { sex: 'female' }],
  ['N76.0', '急性阴道炎', '05.01', 'AMB', [18, 60], 1.5, NONE, { sex: 'female' }],
  ['D25.9', '子宫平滑肌瘤', '05.01', 'AMB', [30, 55], 1.5, NONE, { sex: 'female' }],
  ['J21.9', '急性细支气管炎', '07', 'IMP', [0.08, 2], 1.5, { temp: 0.8, hr: 20, rr: 15, spo2: -5 }],
  ['A09.9', '胃肠炎', '07', 'AMB', [0.5, 14], 2, MILD_FEVER],
  ['P59.9', '新生儿黄疸', '07', 'IMP', [0, 0.08], 2, NONE],
  ['Z00.1', '常规儿童健康检查', '07', 'AMB', [0, 6], 1.5, NONE],
  ['H25.9', '老年性白内障', '10', 'AMB', [55, 95], 2.5, NONE],
  ['H52.1', '近视', '10', 'AMB', [6, 40], 2, NONE, { chronic: true }],
  ['J35.0', '慢性扁桃体炎', '11', 'AMB', [5, 40], 1, NONE],
  ['H81.1', '良性阵发性眩晕', '11', 'AMB', [30, 80], 1, NONE],
  ['K02.9', '龋病', '12', 'AMB', [4, 80], 2, NONE],
  ['K05.1', '慢性龈炎', '12', 'AMB', [18, 80], 1, NONE],
  ['L20.9', '特应性皮炎', '13', 'AMB', [0.5, 60], 1.5, NONE, { chronic: true }],
  ['L50.9', '荨麻疹', '13', 'AMB', [5, 70], 1.5, NONE],
  ['F32.9', '抑郁发作', '15', 'AMB', [14, 80], 1.5, NONE],
  ['F41.1', '广泛性焦虑障碍', '15', 'AMB', [18, 75], 1, { hr: 8 }],
  ['M54.5', '下背痛', '50', 'AMB', [25, 85], 1.5, NONE],
  ['G47.0', '失眠', '50', 'AMB', [25, 85], 1, NONE],
];

export const PROBLEMS: readonly Problem[] = ROWS.map(([icd, zh, dept, settings, ages, weight, effect, opts]) => {
  const p: Problem = {
    icd, zh, dept, settings: settings.split(' ') as Setting[], ages, weight, effect, chronic: opts?.chronic ?? false,
  };
  if (opts?.sex) p.sex = opts.sex;
  return p;
});

export function fits(p: Problem, ageYears: number, sex: Sex): boolean {
  return ageYears >= p.ages[0] && ageYears <= p.ages[1] && (p.sex === undefined || p.sex === sex);
}

/** Long-term conditions that older patients carry alongside what brought them in. */
export const COMORBIDITIES = { hypertension: 'I10', diabetes: 'E11.9' } as const;

export function problemByCode(icd: string, dept?: string): Problem {
  const p = PROBLEMS.find((x) => x.icd === icd && (dept === undefined || x.dept === dept));
  if (!p) throw new Error(`unknown problem ${icd}`);
  return p;
}
