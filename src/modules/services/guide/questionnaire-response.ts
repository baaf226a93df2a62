// What the patient told the guide, kept as a FHIR QuestionnaireResponse (the pre-visit note the doctor sees at the
// visit, linked from Appointment.supportingInformation): the text, age, sex, pregnancy, body parts, and what the
// guide answered (emergency, red flags with reasons, departments with score and evidence, advice).
import type { Resource } from '../../../fhir/types.js';
import { SYS } from '../../../demo/codes.js';
import { BODY_PARTS } from './kb/index.js';
import type { GuideInput, GuideResult } from './engine.js';

export const SMART_GUIDE_QUESTIONNAIRE = 'http://huiyi.health/fhir/Questionnaire/smart-guide';
export const RED_FLAG_SYSTEM = 'http://huiyi.health/fhir/CodeSystem/guide-red-flag';
export const BODY_PART_SYSTEM = 'http://huiyi.health/fhir/CodeSystem/guide-body-part';
const GENDER = 'http://hl7.org/fhir/administrative-gender';

interface Answer {
  valueString?: string;
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueCoding?: { system: string; code: string; display?: string };
  item?: Item[];
}
interface Item {
  linkId: string;
  text?: string;
  answer?: Answer[];
  item?: Item[];
}

const item = (linkId: string, text: string, answer: Answer[]): Item[] => (answer.length ? [{ linkId, text, answer }] : []);
const str = (s: string): Answer => ({ valueString: s });

export function guideResponse(input: GuideInput, result: GuideResult, o: { patient: string; authored?: string }): Resource {
  const items: Item[] = [
    ...item('text', '主诉 / Complaint', [str(input.text)]),
    ...item('age', '年龄 / Age (years)', input.age === undefined ? [] : [{ valueDecimal: input.age }]),
    ...item('sex', '性别 / Sex', input.sex ? [{ valueCoding: { system: GENDER, code: input.sex } }] : []),
    ...item('pregnant', '妊娠 / Pregnant', input.pregnant === undefined ? [] : [{ valueBoolean: input.pregnant }]),
    ...item('body-parts', '部位 / Body parts', (input.bodyParts ?? []).map((code) => ({
      valueCoding: { system: BODY_PART_SYSTEM, code, display: BODY_PARTS.find((b) => b.code === code)?.label.zh ?? code },
    }))),
    ...item('emergency', '需要急诊 / Emergency', [{ valueBoolean: result.emergency }]),
    ...item('red-flags', '危险信号 / Red flags', result.redFlags.map((f) => ({
      valueCoding: { system: RED_FLAG_SYSTEM, code: f.code, display: f.label },
      item: [{ linkId: 'red-flags.reason', text: '原因 / Reason', answer: [str(f.reason)] }],
    }))),
    ...item('departments', '推荐科室 / Departments', result.departments.map((d) => ({
      valueCoding: { system: SYS.department, code: d.code, display: d.name },
      item: [
        { linkId: 'departments.name-en', text: 'English name', answer: [str(d.nameEn)] },
        { linkId: 'departments.score', text: '匹配度 / Score', answer: [{ valueDecimal: d.score }] },
        ...item('departments.evidence', '依据 / Evidence', d.evidence.map(str)),
      ],
    }))),
    ...item('advice', '建议 / Advice', [str(result.advice)]),
  ];
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: SMART_GUIDE_QUESTIONNAIRE,
    status: 'completed',
    subject: { reference: o.patient },
    authored: o.authored ?? new Date().toISOString(),
    item: items,
  };
}

export interface GuideNote {
  text: string;
  emergency: boolean;
  redFlags: string[];
  departments: { code: string; name: string; nameEn: string }[];
}

/** The pre-visit note from a stored guide response; null when the resource is not one. */
export function readGuideResponse(qr: Resource): GuideNote | null {
  if (qr.resourceType !== 'QuestionnaireResponse' || qr.questionnaire !== SMART_GUIDE_QUESTIONNAIRE) return null;
  const items = (qr.item as Item[] | undefined) ?? [];
  const answers = (id: string) => items.find((i) => i.linkId === id)?.answer ?? [];
  const text = answers('text')[0]?.valueString;
  if (typeof text !== 'string') return null;
  return {
    text,
    emergency: answers('emergency')[0]?.valueBoolean === true,
    redFlags: answers('red-flags').map((a) => a.valueCoding?.display ?? a.valueCoding?.code ?? '').filter(Boolean),
    departments: answers('departments').filter((a) => a.valueCoding?.code).map((a) => ({
      code: a.valueCoding?.code as string,
      name: a.valueCoding?.display ?? '',
      nameEn: a.item?.find((i) => i.linkId === 'departments.name-en')?.answer?.[0]?.valueString ?? '',
    })),
  };
}
