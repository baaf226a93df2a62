// Clinical note templates: 门诊病历, 入院记录, 病程记录, 出院小结 (出院记录), as data a hospital can review and adjust.
//
// Sources
// - 原卫生部《病历书写基本规范》(卫医政发〔2010〕11号, 2010-01-22, in force 2010-03-01):
//   第二章 门（急）诊病历: an initial visit records 就诊时间、科别、主诉、现病史、既往史、阳性体征、必要的阴性体征和
//   辅助检查结果、诊断及治疗意见和医师签名 (a follow-up visit: 主诉、病史、必要的体格检查和辅助检查结果、诊断、治疗处理意见).
//   第三章 住院病历: 入院记录 (within 24 h of admission) = 一般情况、主诉、现病史、既往史、个人史、婚育史、月经史、家族史、
//   体格检查、专科情况、辅助检查、初步诊断、医师签名; 日常病程记录 records the time first, then the course (症状、病情变化、
//   重要检查结果及临床意义、上级医师查房意见、诊疗措施及效果、医嘱更改及理由 …); 出院记录 (within 24 h of discharge) =
//   入院日期、出院日期 (taken from the Encounter), 入院情况、入院诊断、诊疗经过、出院诊断、出院情况、出院医嘱、医师签名.
//   第一章 基本要求: a correction keeps the original legible, with the time and the corrector's signature; senior staff
//   review and correct juniors' records — hence amendments are new versions with their own signature (Provenance).
// - 电子病历系统应用水平分级评价标准（试行）(国卫办医函〔2018〕1079号; ../shared/standards/emr-2018.jsonl), items
//   01.06 病房病历记录 and 03.06 门诊病历记录: structured storage by the 基本规范's content items (level 4); complete
//   traces of every change after the doctor confirmed the record (level 5: 修改医师、修改时间、修改后的病历内容); a
//   legally recognised e-signature with 签名病历内容识别标识、签名时间、签名医师 (level 6); 创建时间 < 签名时间.
// - Codes: LOINC document types (scale Doc) and the FHIR doc-section-codes value set (LOINC codes of C-CDA sections),
//   http://hl7.org/fhir/R4/valueset-doc-section-codes.html. Where no LOINC code fits (婚育史、专科情况、入院情况) the
//   section carries only its Huiyi code. LOINC® is copyright © Regenstrief Institute, Inc. and the LOINC Committee,
//   available at no cost under https://loinc.org/license/ (codes and names reproduced unmodified).
// `required` = must be filled before the note can be signed. Which sections are required is our reading of the 规范
// (it lists every item above as content "应当包括"); a section the 规范 makes conditional (专科情况 "根据专科需要",
// 辅助检查 when tests were done, 过敏史 as part of 既往史) is optional. The 病程记录 sections are our structure of the
// 规范's free list (it prescribes content, not headings).

export interface Bilingual {
  zh: string;
  en: string;
}

export interface LoincCode {
  code: string;
  display: string;
}

export interface SectionTemplate {
  /** Huiyi section code (stable; also the key of the section's text in the API) */
  key: string;
  title: Bilingual;
  loinc?: LoincCode;
  /** must be filled before signing */
  required: boolean;
  /** what to write, shown as the placeholder */
  hint: Bilingual;
}

export type TemplateKey = 'outpatient' | 'admission' | 'progress' | 'discharge';

export interface NoteTemplate {
  key: TemplateKey;
  title: Bilingual;
  /** LOINC document type (Composition.type) */
  loinc: LoincCode;
  /** the encounter kind the note belongs to */
  setting: 'outpatient' | 'inpatient';
  /** hours after the encounter's start (admission) or end (discharge) within which the 规范 wants it written */
  deadline?: { hours: number; from: 'admission' | 'discharge' };
  sections: SectionTemplate[];
}

export const HUIYI = 'https://huiyi.dev/fhir';
export const TEMPLATE_SYSTEM = `${HUIYI}/CodeSystem/note-template`;
export const SECTION_SYSTEM = `${HUIYI}/CodeSystem/note-section`;
export const LOINC = 'http://loinc.org';

const s = (key: string, zh: string, en: string, required: boolean, hint: Bilingual, loinc?: LoincCode): SectionTemplate => ({
  key, title: { zh, en }, required, hint, ...(loinc ? { loinc } : {}),
});
const L = (code: string, display: string): LoincCode => ({ code, display });

// LOINC section codes used more than once
const CHIEF = L('10154-3', 'Chief complaint Narrative - Reported');
const HPI = L('10164-2', 'History of Present illness Narrative');
const PAST = L('11348-0', 'History of Past illness Narrative');
const EXAM = L('29545-1', 'Physical findings Narrative');
const TESTS = L('30954-2', 'Relevant diagnostic tests/laboratory data Narrative');
const ASSESSMENT = L('51848-0', 'Evaluation note');
const PLAN = L('18776-5', 'Plan of care note');
const ADMIT_DX = L('46241-6', 'Hospital admission diagnosis Narrative - Reported');

const H = {
  chief: { zh: '促使就诊的主要症状（或体征）及持续时间', en: 'Main symptom(s) or sign(s) and their duration' },
  hpi: { zh: '发病情况、主要症状特点及发展变化、伴随症状、诊治经过及结果、一般情况', en: 'Onset, course of the main symptoms, accompanying symptoms, care so far and its results' },
  past: { zh: '既往健康状况、疾病史、传染病史、预防接种史、手术外伤史、输血史、过敏史', en: 'Past health, illnesses, infectious diseases, vaccinations, operations and injuries, transfusions, allergies' },
  exam: { zh: '体温、脉搏、呼吸、血压，阳性体征及必要的阴性体征', en: 'Temperature, pulse, respiration, blood pressure; positive and relevant negative findings' },
  tests: { zh: '与本次疾病相关的主要检查及其结果（注明检查日期，外院检查注明机构）', en: 'Relevant tests and their results (with dates; other institutions named)' },
};

export const NOTE_TEMPLATES: readonly NoteTemplate[] = [
  {
    key: 'outpatient',
    title: { zh: '门诊病历', en: 'Outpatient record' },
    loinc: L('34108-1', 'Outpatient Note'),
    setting: 'outpatient',
    sections: [
      s('chief-complaint', '主诉', 'Chief complaint', true, H.chief, CHIEF),
      s('present-illness', '现病史', 'History of present illness', true, H.hpi, HPI),
      s('past-history', '既往史', 'Past history', true, H.past, PAST),
      s('allergies', '过敏史', 'Allergies', false, { zh: '药物、食物及其他过敏史；无则写“否认”', en: 'Drug, food and other allergies, or “denies”' }, L('48765-2', 'Allergies and adverse reactions Document')),
      s('physical-exam', '体格检查', 'Physical examination', true, H.exam, EXAM),
      s('investigations', '辅助检查', 'Investigations', false, H.tests, TESTS),
      s('diagnosis', '诊断', 'Diagnosis', true, { zh: '初步诊断或诊断（未明确时写“待查”及考虑）', en: 'Diagnosis, or “to be determined” with the differential' }, ASSESSMENT),
      s('plan', '处理意见', 'Treatment and advice', true, { zh: '治疗意见、检查检验、用药、健康宣教及复诊安排', en: 'Treatment, tests ordered, medication, advice and follow-up' }, PLAN),
    ],
  },
  {
    key: 'admission',
    title: { zh: '入院记录', en: 'Admission record' },
    loinc: L('47039-3', 'Inpatient Admission history and physical note'),
    setting: 'inpatient',
    deadline: { hours: 24, from: 'admission' },
    sections: [
      s('chief-complaint', '主诉', 'Chief complaint', true, H.chief, CHIEF),
      s('present-illness', '现病史', 'History of present illness', true, H.hpi, HPI),
      s('past-history', '既往史', 'Past history', true, H.past, PAST),
      s('personal-history', '个人史', 'Personal history', true, { zh: '出生地及长期居留地、生活习惯、烟酒嗜好、职业与工作条件、毒物接触史、冶游史', en: 'Birthplace and residence, habits, smoking and alcohol, occupation, exposures' }, L('29762-2', 'Social history Narrative')),
      s('marital-menstrual', '婚育史、月经史', 'Marital, obstetric and menstrual history', true, { zh: '婚姻状况、结婚年龄、配偶健康状况、子女情况；女性月经史及生育史', en: 'Marital status, spouse and children; for women menstrual and obstetric history' }),
      s('family-history', '家族史', 'Family history', true, { zh: '父母、兄弟姐妹健康状况，有无与患者类似疾病及家族遗传倾向疾病', en: 'Health of parents and siblings; similar or hereditary diseases' }, L('10157-6', 'History of family member diseases Narrative')),
      s('physical-exam', '体格检查', 'Physical examination', true, { zh: '按系统循序记录：生命体征、一般情况、皮肤黏膜、淋巴结、头颈、胸部、腹部、脊柱四肢、神经系统等', en: 'By system: vital signs, general, skin, lymph nodes, head and neck, chest, abdomen, spine and limbs, nervous system' }, EXAM),
      s('specialty-exam', '专科情况', 'Specialty examination', false, { zh: '根据专科需要记录专科特殊情况', en: 'Specialty findings as the specialty requires' }),
      s('investigations', '辅助检查', 'Investigations', false, { zh: '入院前所作的与本次疾病相关的主要检查及其结果', en: 'Relevant tests done before admission and their results' }, TESTS),
      s('preliminary-diagnosis', '初步诊断', 'Preliminary diagnosis', true, { zh: '根据入院时情况综合分析所作出的诊断，多项时主次分明', en: 'Diagnoses on admission, main diagnosis first' }, ADMIT_DX),
    ],
  },
  {
    key: 'progress',
    title: { zh: '病程记录', en: 'Progress note' },
    loinc: L('11506-3', 'Progress note'),
    setting: 'inpatient',
    sections: [
      s('subjective', '病情记录', 'Patient’s condition', true, { zh: '自觉症状、情绪、饮食、睡眠、大小便，病情变化', en: 'Symptoms, mood, diet, sleep, bowels and bladder; changes in condition' }, L('61150-9', 'Subjective Narrative')),
      s('objective', '查体及检查结果', 'Examination and results', false, { zh: '体征变化，重要检查结果及其临床意义', en: 'Changes in findings; important results and what they mean' }, L('61149-1', 'Objective Narrative')),
      s('assessment', '分析及上级医师意见', 'Assessment and senior review', false, { zh: '病情分析，上级医师查房意见、会诊意见', en: 'Assessment; senior ward-round and consultation opinions' }, ASSESSMENT),
      s('plan', '诊疗措施', 'Plan', true, { zh: '诊疗措施及效果，医嘱更改及理由，向患者及家属告知的重要事项', en: 'Treatment and its effect, order changes and why, what the patient and family were told' }, PLAN),
    ],
  },
  {
    key: 'discharge',
    title: { zh: '出院小结', en: 'Discharge summary' },
    loinc: L('18842-5', 'Discharge summary'),
    setting: 'inpatient',
    deadline: { hours: 24, from: 'discharge' },
    sections: [
      s('admission-condition', '入院情况', 'Condition on admission', true, { zh: '入院时主要症状、体征及检查结果', en: 'Main symptoms, signs and results on admission' }),
      s('admission-diagnosis', '入院诊断', 'Admission diagnosis', true, { zh: '入院时的诊断', en: 'Diagnoses on admission' }, ADMIT_DX),
      s('hospital-course', '诊疗经过', 'Hospital course', true, { zh: '住院期间的主要检查、治疗及病情变化', en: 'Main tests, treatment and changes during the stay' }, L('8648-8', 'Hospital course Narrative')),
      s('discharge-diagnosis', '出院诊断', 'Discharge diagnosis', true, { zh: '出院时的诊断，主要诊断在前', en: 'Diagnoses at discharge, main diagnosis first' }, L('11535-2', 'Hospital discharge Dx Narrative')),
      s('discharge-condition', '出院情况', 'Condition at discharge', true, { zh: '出院时症状、体征及治疗效果（治愈、好转、未愈等）', en: 'Symptoms, signs and outcome at discharge (cured, improved, not improved …)' }, L('10184-0', 'Hospital discharge physical findings Narrative')),
      s('discharge-orders', '出院医嘱', 'Discharge instructions', true, { zh: '出院带药（药名、剂量、用法）、注意事项、复诊时间', en: 'Discharge medication (name, dose, use), advice, follow-up date' }, L('8653-8', 'Hospital discharge instructions')),
    ],
  },
];

export function noteTemplate(key: string): NoteTemplate | undefined {
  return NOTE_TEMPLATES.find((t) => t.key === key);
}

/** The template a Composition was written from (by its Huiyi template coding). */
export function templateOf(type: unknown): NoteTemplate | undefined {
  const codings = (type as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? [];
  const c = codings.find((x) => x.system === TEMPLATE_SYSTEM);
  return c?.code ? noteTemplate(c.code) : undefined;
}

/** LOINC's mod-10 (Luhn) check digit, the digit after the hyphen: catches a mistyped code in a table. */
export function loincCheckDigitOk(code: string): boolean {
  const m = /^(\d{1,7})-(\d)$/.exec(code);
  if (!m) return false;
  let sum = 0;
  m[1].split('').reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return (10 - (sum % 10)) % 10 === Number(m[2]);
}
