// What can be ordered from the laboratory (检验) and imaging (检查) departments, and what a lab result reports.
//
// Codes: LOINC (https://loinc.org), reproduced unmodified under the LOINC licence (https://loinc.org/license/):
// LOINC® is copyright © Regenstrief Institute, Inc. and the LOINC Committee, available at no cost. Analytes are the
// SI-unit (Moles/volume) terms Chinese laboratories report in; units are UCUM. An order's LOINC code is given only
// where a LOINC order term matches what a Chinese lab means by the order (血常规 = CBC panel, 肝功能 = hepatic function
// panel plus GGT, 电解质 = K/Na/Cl); 肾功能 as a Chinese lab reports it (尿素、肌酐、尿酸) has no LOINC panel and
// keeps only its Huiyi code. Imaging orders follow the LOINC/RSNA Radiology Playbook names. A hospital replaces or
// extends this table with its own catalogue (收费项目/检验项目字典).
import type { Bilingual, LoincCode } from '../notes/templates.js';

export const ORDER_ITEM_SYSTEM = 'https://huiyi.dev/fhir/CodeSystem/order-item';

export interface Analyte {
  loinc: LoincCode;
  /** the abbreviation on a Chinese lab report */
  abbr: string;
  name: Bilingual;
  /** UCUM code */
  unit: string;
  /** how the unit is printed */
  unitDisplay: string;
}

export interface OrderableTest {
  key: string;
  kind: 'laboratory' | 'imaging';
  name: Bilingual;
  loinc?: LoincCode;
  specimen?: Bilingual;
  /** LOINC codes of the analytes a result reports (laboratory only) */
  analytes?: string[];
}

const L = (code: string, display: string): LoincCode => ({ code, display });
const a = (code: string, display: string, abbr: string, zh: string, en: string, unit: string, unitDisplay: string): Analyte => ({
  loinc: L(code, display), abbr, name: { zh, en }, unit, unitDisplay,
});

export const ANALYTES: readonly Analyte[] = [
  // 血常规
  a('6690-2', 'Leukocytes [#/volume] in Blood by Automated count', 'WBC', '白细胞计数', 'White blood cells', '10*9/L', '×10⁹/L'),
  a('751-8', 'Neutrophils [#/volume] in Blood by Automated count', 'NEUT#', '中性粒细胞绝对值', 'Neutrophils', '10*9/L', '×10⁹/L'),
  a('731-0', 'Lymphocytes [#/volume] in Blood by Automated count', 'LYMPH#', '淋巴细胞绝对值', 'Lymphocytes', '10*9/L', '×10⁹/L'),
  a('770-8', 'Neutrophils/100 leukocytes in Blood by Automated count', 'NEUT%', '中性粒细胞百分比', 'Neutrophils %', '%', '%'),
  a('736-9', 'Lymphocytes/100 leukocytes in Blood by Automated count', 'LYMPH%', '淋巴细胞百分比', 'Lymphocytes %', '%', '%'),
  a('789-8', 'Erythrocytes [#/volume] in Blood by Automated count', 'RBC', '红细胞计数', 'Red blood cells', '10*12/L', '×10¹²/L'),
  a('718-7', 'Hemoglobin [Mass/volume] in Blood', 'HGB', '血红蛋白', 'Haemoglobin', 'g/L', 'g/L'),
  a('4544-3', 'Hematocrit [Volume Fraction] of Blood by Automated count', 'HCT', '红细胞压积', 'Haematocrit', '%', '%'),
  a('787-2', 'Erythrocyte mean corpuscular volume [Entitic volume] by Automated count', 'MCV', '平均红细胞体积', 'Mean cell volume', 'fL', 'fL'),
  a('785-6', 'Erythrocyte mean corpuscular hemoglobin [Entitic mass] by Automated count', 'MCH', '平均红细胞血红蛋白量', 'Mean cell haemoglobin', 'pg', 'pg'),
  a('786-4', 'MCHC [Mass/volume] by Automated count', 'MCHC', '平均红细胞血红蛋白浓度', 'Mean cell haemoglobin concentration', 'g/L', 'g/L'),
  a('777-3', 'Platelets [#/volume] in Blood by Automated count', 'PLT', '血小板计数', 'Platelets', '10*9/L', '×10⁹/L'),
  // 血糖
  a('14771-0', 'Fasting glucose [Moles/volume] in Serum or Plasma', 'FPG', '空腹血糖', 'Fasting glucose', 'mmol/L', 'mmol/L'),
  // 肝功能
  a('1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'ALT', '丙氨酸氨基转移酶', 'ALT', 'U/L', 'U/L'),
  a('1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'AST', '天门冬氨酸氨基转移酶', 'AST', 'U/L', 'U/L'),
  a('6768-6', 'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma', 'ALP', '碱性磷酸酶', 'Alkaline phosphatase', 'U/L', 'U/L'),
  a('2324-2', 'Gamma glutamyl transferase [Enzymatic activity/volume] in Serum or Plasma', 'GGT', 'γ-谷氨酰基转移酶', 'GGT', 'U/L', 'U/L'),
  a('14631-6', 'Bilirubin.total [Moles/volume] in Serum or Plasma', 'TBIL', '总胆红素', 'Total bilirubin', 'umol/L', 'μmol/L'),
  a('14629-0', 'Bilirubin.direct [Moles/volume] in Serum or Plasma', 'DBIL', '直接胆红素', 'Direct bilirubin', 'umol/L', 'μmol/L'),
  a('2885-2', 'Protein [Mass/volume] in Serum or Plasma', 'TP', '总蛋白', 'Total protein', 'g/L', 'g/L'),
  a('1751-7', 'Albumin [Mass/volume] in Serum or Plasma', 'ALB', '白蛋白', 'Albumin', 'g/L', 'g/L'),
  // 肾功能
  a('22664-7', 'Urea [Moles/volume] in Serum or Plasma', 'UREA', '尿素', 'Urea', 'mmol/L', 'mmol/L'),
  a('14682-9', 'Creatinine [Moles/volume] in Serum or Plasma', 'CREA', '肌酐', 'Creatinine', 'umol/L', 'μmol/L'),
  a('14933-6', 'Urate [Moles/volume] in Serum or Plasma', 'UA', '尿酸', 'Uric acid', 'umol/L', 'μmol/L'),
  // 电解质
  a('2823-3', 'Potassium [Moles/volume] in Serum or Plasma', 'K', '钾', 'Potassium', 'mmol/L', 'mmol/L'),
  a('2951-2', 'Sodium [Moles/volume] in Serum or Plasma', 'Na', '钠', 'Sodium', 'mmol/L', 'mmol/L'),
  a('2075-0', 'Chloride [Moles/volume] in Serum or Plasma', 'Cl', '氯', 'Chloride', 'mmol/L', 'mmol/L'),
];

const BLOOD = { zh: '静脉血（EDTA抗凝）', en: 'Venous blood (EDTA)' };
const SERUM = { zh: '血清', en: 'Serum' };

export const TESTS: readonly OrderableTest[] = [
  {
    key: 'cbc', kind: 'laboratory', name: { zh: '血常规', en: 'Complete blood count' },
    loinc: L('58410-2', 'CBC panel - Blood by Automated count'), specimen: BLOOD,
    analytes: ['6690-2', '751-8', '731-0', '770-8', '736-9', '789-8', '718-7', '4544-3', '787-2', '785-6', '786-4', '777-3'],
  },
  { key: 'fpg', kind: 'laboratory', name: { zh: '空腹血糖', en: 'Fasting blood glucose' }, loinc: L('14771-0', 'Fasting glucose [Moles/volume] in Serum or Plasma'), specimen: SERUM, analytes: ['14771-0'] },
  {
    key: 'lft', kind: 'laboratory', name: { zh: '肝功能', en: 'Liver function tests' },
    loinc: L('24325-3', 'Hepatic function 2000 panel - Serum or Plasma'), specimen: SERUM,
    analytes: ['1742-6', '1920-8', '6768-6', '2324-2', '14631-6', '14629-0', '2885-2', '1751-7'],
  },
  { key: 'rft', kind: 'laboratory', name: { zh: '肾功能', en: 'Renal function tests' }, specimen: SERUM, analytes: ['22664-7', '14682-9', '14933-6'] },
  {
    key: 'electrolytes', kind: 'laboratory', name: { zh: '电解质', en: 'Electrolytes' },
    loinc: L('24326-1', 'Electrolytes 1998 panel - Serum or Plasma'), specimen: SERUM, analytes: ['2823-3', '2951-2', '2075-0'],
  },
  { key: 'cxr', kind: 'imaging', name: { zh: '胸部X线（正侧位）', en: 'Chest X-ray (2 views)' }, loinc: L('36643-5', 'XR Chest 2 Views') },
  { key: 'ct-chest', kind: 'imaging', name: { zh: '胸部CT', en: 'CT chest' }, loinc: L('24627-2', 'CT Chest') },
  { key: 'ct-head', kind: 'imaging', name: { zh: '头颅CT', en: 'CT head' }, loinc: L('24725-4', 'CT Head') },
  { key: 'ct-abdomen', kind: 'imaging', name: { zh: '腹部CT', en: 'CT abdomen' }, loinc: L('41806-1', 'CT Abdomen') },
];

export const orderable = (key: string) => TESTS.find((t) => t.key === key);
export const analyte = (loinc: string) => ANALYTES.find((x) => x.loinc.code === loinc);

/** The catalogue entry of a ServiceRequest (by its Huiyi order-item coding). */
export function testOf(code: unknown): OrderableTest | undefined {
  const c = (code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding?.find((x) => x.system === ORDER_ITEM_SYSTEM);
  return c?.code ? orderable(c.code) : undefined;
}
