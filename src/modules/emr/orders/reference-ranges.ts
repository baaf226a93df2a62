// Adult reference intervals and critical (危急值) limits of the lab analytes in test-catalogue.ts; the abnormal flags
// (L/H, LL/HH) of a result are computed from this table (interpretation.ts). A hospital replaces it with its own
// laboratory's verified intervals (a laboratory must verify a reference interval before adopting it).
//
// Sources
// - WS/T 405-2012 血细胞分析参考区间 (原卫生部, 2012-12-25): adults, venous blood, automated analysers.
// - WS/T 404 临床常用生化检验项目参考区间: 404.1-2012 (ALT, AST, ALP, GGT — ALT/AST by methods without pyridoxal
//   phosphate), 404.2-2012 (total protein, albumin), 404.3-2012 (K, Na, Cl), 404.5-2015 (urea; creatinine by the
//   enzymatic method). Age bands as in the standard; outside them (and for children) no interval is given here, so
//   no H/L flag is computed — a wrong flag is worse than none. Bilirubin (404.4) and uric acid are left without an
//   interval until a hospital enters its own.
// - Fasting plasma glucose: 中国2型糖尿病防治指南（2020年版）(中华医学会糖尿病学分会): normal 3.9 to < 6.1 mmol/L
//   (6.1–6.9 is impaired fasting glucose, < 3.9 hypoglycaemia) — the upper limit is exclusive.
// - Critical limits: every hospital sets its own 危急值 list (医疗质量安全核心制度要点, 国卫医发〔2018〕8号, 危急值报告
//   制度). The defaults below are values common on Chinese hospitals' lists; where lists differ, the stricter limit (the
//   one that alerts earlier) is taken, as docs/clinical-references.md asks. A value at the limit is critical.
//
// Semantics: `low`–`high` includes both ends unless highExclusive; < low → L, > high → H; ≤ criticalLow → LL,
// ≥ criticalHigh → HH. Values are compared as entered (no rounding).

export type Sex = 'male' | 'female';

export interface ReferenceInterval {
  low?: number;
  high?: number;
  highExclusive?: true;
  sex?: Sex;
  /** age band in whole years, both ends included */
  age?: { min?: number; max?: number };
  source: string;
}

export interface AnalyteRanges {
  /** LOINC code of the analyte */
  loinc: string;
  intervals: ReferenceInterval[];
  critical?: { low?: number; high?: number };
}

const W405 = 'WS/T 405-2012';
const W4041 = 'WS/T 404.1-2012';
const W4042 = 'WS/T 404.2-2012';
const W4043 = 'WS/T 404.3-2012';
const W4045 = 'WS/T 404.5-2015';
const ADULT = { min: 18 };

const r = (low: number, high: number, source: string, extra: Partial<ReferenceInterval> = {}): ReferenceInterval => ({ low, high, source, ...extra });

export const REFERENCE_RANGES: readonly AnalyteRanges[] = [
  // WS/T 405-2012 (adults)
  { loinc: '6690-2', intervals: [r(3.5, 9.5, W405, { age: ADULT })], critical: { low: 2.0, high: 30.0 } },
  { loinc: '751-8', intervals: [r(1.8, 6.3, W405, { age: ADULT })], critical: { low: 0.5 } },
  { loinc: '731-0', intervals: [r(1.1, 3.2, W405, { age: ADULT })] },
  { loinc: '770-8', intervals: [r(40, 75, W405, { age: ADULT })] },
  { loinc: '736-9', intervals: [r(20, 50, W405, { age: ADULT })] },
  { loinc: '789-8', intervals: [r(4.3, 5.8, W405, { sex: 'male', age: ADULT }), r(3.8, 5.1, W405, { sex: 'female', age: ADULT })] },
  { loinc: '718-7', intervals: [r(130, 175, W405, { sex: 'male', age: ADULT }), r(115, 150, W405, { sex: 'female', age: ADULT })], critical: { low: 60, high: 200 } },
  { loinc: '4544-3', intervals: [r(40, 50, W405, { sex: 'male', age: ADULT }), r(35, 45, W405, { sex: 'female', age: ADULT })] },
  { loinc: '787-2', intervals: [r(82, 100, W405, { age: ADULT })] },
  { loinc: '785-6', intervals: [r(27, 34, W405, { age: ADULT })] },
  { loinc: '786-4', intervals: [r(316, 354, W405, { age: ADULT })] },
  { loinc: '777-3', intervals: [r(125, 350, W405, { age: ADULT })], critical: { low: 30, high: 1000 } },
  // fasting glucose (guideline, adults)
  { loinc: '14771-0', intervals: [{ low: 3.9, high: 6.1, highExclusive: true, age: ADULT, source: '中国2型糖尿病防治指南（2020年版）' }], critical: { low: 2.8, high: 22.2 } },
  // WS/T 404.1-2012 (20–79 years)
  { loinc: '1742-6', intervals: [r(9, 50, W4041, { sex: 'male', age: { min: 20, max: 79 } }), r(7, 40, W4041, { sex: 'female', age: { min: 20, max: 79 } })] },
  { loinc: '1920-8', intervals: [r(15, 40, W4041, { sex: 'male', age: { min: 20, max: 79 } }), r(13, 35, W4041, { sex: 'female', age: { min: 20, max: 79 } })] },
  {
    loinc: '6768-6',
    intervals: [
      r(45, 125, W4041, { sex: 'male', age: { min: 20, max: 79 } }),
      r(35, 100, W4041, { sex: 'female', age: { min: 20, max: 49 } }),
      r(50, 135, W4041, { sex: 'female', age: { min: 50, max: 79 } }),
    ],
  },
  { loinc: '2324-2', intervals: [r(10, 60, W4041, { sex: 'male', age: { min: 20, max: 79 } }), r(7, 45, W4041, { sex: 'female', age: { min: 20, max: 79 } })] },
  // WS/T 404.2-2012
  { loinc: '2885-2', intervals: [r(65, 85, W4042, { age: { min: 20, max: 79 } })] },
  { loinc: '1751-7', intervals: [r(40, 55, W4042, { age: { min: 20, max: 59 } })] },
  // WS/T 404.3-2012 (adults)
  { loinc: '2823-3', intervals: [r(3.5, 5.3, W4043, { age: ADULT })], critical: { low: 2.8, high: 6.2 } },
  { loinc: '2951-2', intervals: [r(137, 147, W4043, { age: ADULT })], critical: { low: 120, high: 160 } },
  { loinc: '2075-0', intervals: [r(99, 110, W4043, { age: ADULT })] },
  // WS/T 404.5-2015
  {
    loinc: '22664-7',
    intervals: [
      r(3.1, 8.0, W4045, { sex: 'male', age: { min: 20, max: 59 } }), r(3.6, 9.5, W4045, { sex: 'male', age: { min: 60, max: 79 } }),
      r(2.6, 7.5, W4045, { sex: 'female', age: { min: 20, max: 59 } }), r(3.1, 8.8, W4045, { sex: 'female', age: { min: 60, max: 79 } }),
    ],
  },
  {
    loinc: '14682-9',
    intervals: [
      r(57, 97, W4045, { sex: 'male', age: { min: 20, max: 59 } }), r(57, 111, W4045, { sex: 'male', age: { min: 60, max: 79 } }),
      r(41, 73, W4045, { sex: 'female', age: { min: 20, max: 59 } }), r(41, 81, W4045, { sex: 'female', age: { min: 60, max: 79 } }),
    ],
    critical: { high: 707 },
  },
];

export function rangesOf(loinc: string): AnalyteRanges | undefined {
  return REFERENCE_RANGES.find((x) => x.loinc === loinc);
}
