// Normal adult ranges of the vital signs, shaded behind the trend lines and used to flag a reading as low or high.
// Sources (the range a row uses is named beside it):
//  - 诊断学 (第9版), 万学红、卢雪峰主编, 人民卫生出版社 2018, 第一篇第三章 一般检查: axillary temperature 36–37 °C;
//    pulse 60–100 /min at rest; respiration 12–20 /min at rest; hypotension below 90/60 mmHg.
//  - 中国高血压防治指南 (2018年修订版), 中国高血压联盟等, 中国心血管杂志 2019;24(1):24-56: hypertension from
//    140 mmHg systolic and/or 90 mmHg diastolic (office readings), so 139/89 is the top of the unflagged range.
//  - NEWS2, Royal College of Physicians 2017 (see docs/clinical-references.md): SpO2 scale 1 scores 0 from 96 %;
//    the textbook gives arterial SaO2 (blood gas), not pulse oximetry, so the pulse-oximetry floor follows NEWS2.
// Adults only (14 years and older, the age Chinese hospitals move patients from paediatric to adult care): children's
// norms change with age, so no range is drawn for them. Readings are rounded to the table's precision first
// (temperature to 0.1 °C, the rest to whole numbers); both ends of a range are normal.

export type VitalKey = 'temp' | 'hr' | 'rr' | 'spo2' | 'sbp' | 'dbp' | 'weight' | 'height';

export interface VitalRange {
  low: number;
  high: number;
  /** decimals a reading is rounded to before it is compared */
  precision: number;
  source: string;
}

export const ADULT_FROM_YEARS = 14;

export const ADULT_RANGES: Partial<Record<VitalKey, VitalRange>> = {
  temp: { low: 36.0, high: 37.0, precision: 1, source: '诊断学 第9版 (axillary)' },
  hr: { low: 60, high: 100, precision: 0, source: '诊断学 第9版' },
  rr: { low: 12, high: 20, precision: 0, source: '诊断学 第9版' },
  spo2: { low: 96, high: 100, precision: 0, source: 'NEWS2 (RCP 2017), SpO2 scale 1' },
  sbp: { low: 90, high: 139, precision: 0, source: '诊断学 第9版 (hypotension < 90); 中国高血压防治指南 2018 (hypertension ≥ 140)' },
  dbp: { low: 60, high: 89, precision: 0, source: '诊断学 第9版 (hypotension < 60); 中国高血压防治指南 2018 (hypertension ≥ 90)' },
};

/** The normal range for this vital sign at this age, or undefined (no range: children, weight, height). */
export function rangeFor(key: VitalKey, ageYears: number | undefined): VitalRange | undefined {
  if (ageYears === undefined || ageYears < ADULT_FROM_YEARS) return undefined;
  return ADULT_RANGES[key];
}

/** low / normal / high against the range (after rounding to its precision); undefined without a range. */
export function classify(key: VitalKey, value: number, ageYears: number | undefined): 'low' | 'normal' | 'high' | undefined {
  const r = rangeFor(key, ageYears);
  if (!r || !Number.isFinite(value)) return undefined;
  const f = 10 ** r.precision;
  const v = Math.round(value * f) / f;
  if (v < r.low) return 'low';
  if (v > r.high) return 'high';
  return 'normal';
}

/** LOINC codes of the vital signs (FHIR R4 vital-signs profiles). */
export const VITAL_LOINC: Record<string, VitalKey> = {
  '8310-5': 'temp', '8867-4': 'hr', '9279-1': 'rr', '59408-5': 'spo2', '2708-6': 'spo2',
  '8480-6': 'sbp', '8462-4': 'dbp', '29463-7': 'weight', '8302-2': 'height',
};
export const BP_PANEL = '85354-9';
