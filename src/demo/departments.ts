// The demo hospital's departments, coded by 医疗机构诊疗科目名录 (卫医发〔1994〕第27号, 原卫生部, 1994-09-05),
// the national list of clinical subjects a licensed institution registers; see docs clinical-references.md.
// `zh` is the subject's name in that list, `unit` what the hospital calls the department, `short` the word staff
// use on the ward. English names are ours (no official translation exists).

export type DepartmentKind = 'clinical' | 'emergency' | 'critical-care' | 'medical-technology';

export interface Department {
  code: string;
  zh: string;
  en: string;
  unit: string;
  short: string;
  kind: DepartmentKind;
}

type Row = [code: string, zh: string, en: string, unit: string, short: string, kind?: DepartmentKind];

const ROWS: Row[] = [
  ['03.01', '呼吸内科', 'Respiratory Medicine', '呼吸与危重症医学科', '呼吸科'],
  ['03.02', '消化内科', 'Gastroenterology', '消化内科', '消化科'],
  ['03.03', '神经内科', 'Neurology', '神经内科', '神内'],
  ['03.04', '心血管内科', 'Cardiology', '心血管内科', '心内科'],
  ['03.05', '血液内科', 'Hematology', '血液内科', '血液科'],
  ['03.06', '肾病学', 'Nephrology', '肾内科', '肾内科'],
  ['03.07', '内分泌', 'Endocrinology', '内分泌科', '内分泌科'],
  ['04.01', '普通外科', 'General Surgery', '普通外科', '普外科'],
  ['04.02', '神经外科', 'Neurosurgery', '神经外科', '神外'],
  ['04.03', '骨科', 'Orthopedics', '骨科', '骨科'],
  ['04.04', '泌尿外科', 'Urology', '泌尿外科', '泌尿外科'],
  ['04.05', '胸外科', 'Thoracic Surgery', '胸外科', '胸外科'],
  ['05.01', '妇科', 'Gynecology', '妇科', '妇科'],
  ['05.02', '产科', 'Obstetrics', '产科', '产科'],
  ['07', '儿科', 'Pediatrics', '儿科', '儿科'],
  ['10', '眼科', 'Ophthalmology', '眼科', '眼科'],
  ['11', '耳鼻咽喉科', 'Otorhinolaryngology (ENT)', '耳鼻咽喉科', '耳鼻喉科'],
  ['12', '口腔科', 'Stomatology', '口腔科', '口腔科'],
  ['13', '皮肤科', 'Dermatology', '皮肤科', '皮肤科'],
  ['15', '精神科', 'Psychiatry', '精神心理科', '精神科'],
  ['19', '肿瘤科', 'Oncology', '肿瘤科', '肿瘤科'],
  ['20', '急诊医学科', 'Emergency Medicine', '急诊科', '急诊', 'emergency'],
  ['28', '重症医学科', 'Critical Care Medicine', '重症医学科', 'ICU', 'critical-care'],
  ['30', '医学检验科', 'Clinical Laboratory', '检验科', '检验科', 'medical-technology'],
  ['32', '医学影像科', 'Medical Imaging', '医学影像科', '影像科', 'medical-technology'],
  ['50', '中医科', 'Traditional Chinese Medicine', '中医科', '中医科'],
];

export const DEPARTMENTS: readonly Department[] = ROWS.map(([code, zh, en, unit, short, kind]) => ({
  code, zh, en, unit, short, kind: kind ?? 'clinical',
}));

export function department(code: string): Department {
  const d = DEPARTMENTS.find((x) => x.code === code);
  if (!d) throw new Error(`unknown department ${code}`);
  return d;
}

/** A client-assigned id fragment: `03.04` stays `03.04` (dots are legal in FHIR ids). */
export function departmentId(code: string): string {
  return `dept-${code}`;
}
