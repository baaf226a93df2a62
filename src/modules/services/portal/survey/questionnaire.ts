// The outpatient satisfaction survey (门诊患者满意度调查) the portal offers after a finished clinic visit, as a FHIR
// Questionnaire (data, stored in each tenant and readable at /fhir/Questionnaire).
//
// What it follows:
// - 国家卫生健康委 全国医院满意度调查 (national hospital satisfaction survey platform, run since 2018 by the NHC's
//   医院管理研究所; its outpatient questionnaire feeds the 三级公立医院绩效考核 indicator "门诊患者满意度",
//   国办发〔2019〕4号): the same dimensions of the visit, shortened to one item each — registration/appointment,
//   waiting time, the doctor's communication, nurses' and staff's attitude, privacy, environment and signs,
//   overall satisfaction, willingness to recommend — plus free text. The wording is ours (not the platform's text).
// - 医院智慧服务分级评估标准体系（试行）(2019), item 7 患者反馈 (../shared/standards/smart-service-2019.jsonl,
//   table 8): level 2 (2) the survey covers at least 3 care steps (挂号, 就医环境, …); level 3 (1) answered on the
//   patient's own phone; level 4 (3) pushed according to the patient's visits, each result tied to its visit
//   (QuestionnaireResponse.encounter).
// Answers: a 5-point scale (5 非常满意 … 1 非常不满意) for the rated items, yes/no for recommending, optional text.
import type { Resource } from '../../../../fhir/types.js';

export const SURVEY_URL = 'http://huiyi.health/fhir/Questionnaire/outpatient-satisfaction';
export const SURVEY_ID = 'huiyi-outpatient-satisfaction';
export const SCALE_SYSTEM = 'http://huiyi.health/fhir/CodeSystem/satisfaction-scale';
const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
/** how long after a visit its survey is offered */
export const SURVEY_WINDOW_DAYS = 30;
export const FREE_TEXT_MAX = 500;

const SCALE: [string, string, string][] = [
  ['5', '非常满意', 'Very satisfied'],
  ['4', '满意', 'Satisfied'],
  ['3', '一般', 'Neutral'],
  ['2', '不满意', 'Dissatisfied'],
  ['1', '非常不满意', 'Very dissatisfied'],
];

/** A string in Chinese with its English translation (FHIR translation extension on the primitive). */
const translation = (en: string) => ({ extension: [{ url: TRANSLATION, extension: [{ url: 'lang', valueCode: 'en' }, { url: 'content', valueString: en }] }] });
const bilingual = (zh: string, en: string) => ({ text: zh, _text: translation(en) });

const rated = (linkId: string, zh: string, en: string) => ({
  linkId, type: 'choice', required: true, ...bilingual(zh, en),
  answerOption: SCALE.map(([code, d, e]) => ({ valueCoding: { system: SCALE_SYSTEM, code, display: d, _display: translation(e) } })),
});

export const SURVEY: Resource = {
  resourceType: 'Questionnaire',
  id: SURVEY_ID,
  url: SURVEY_URL,
  version: '1',
  name: 'OutpatientSatisfaction',
  title: '门诊患者满意度调查',
  status: 'active',
  subjectType: ['Patient'],
  publisher: 'Huiyi',
  description: 'Short outpatient satisfaction survey after a clinic visit, following the dimensions of the NHC national hospital satisfaction survey (全国医院满意度调查, 门诊患者满意度).',
  item: [
    rated('registration', '预约挂号是否方便？', 'How easy was it to make the appointment?'),
    rated('waiting', '对候诊等待时间是否满意？', 'How satisfied are you with the waiting time?'),
    rated('doctor', '医生是否耐心听您讲述，并把病情和治疗讲清楚？', 'Did the doctor listen to you and explain your condition and treatment clearly?'),
    rated('staff', '护士和其他工作人员的服务态度如何？', 'How was the attitude of the nurses and other staff?'),
    rated('privacy', '就诊时您的隐私是否得到保护？', 'Was your privacy respected during the visit?'),
    rated('environment', '医院环境是否整洁、标识是否清楚？', 'Was the hospital clean and were the signs clear?'),
    rated('overall', '总体来说，您对这次就诊是否满意？', 'Overall, how satisfied are you with this visit?'),
    { linkId: 'recommend', type: 'boolean', required: true, ...bilingual('您是否愿意向亲友推荐本院？', 'Would you recommend this hospital to family and friends?') },
    { linkId: 'comment', type: 'text', required: false, maxLength: FREE_TEXT_MAX, ...bilingual('其他意见和建议（选填）', 'Other comments or suggestions (optional)') },
  ],
};

const ensured = new WeakMap<object, Map<string, Promise<void>>>();

/** Store the survey in a tenant once per process (an unchanged PUT writes nothing): definition data, no user context. */
export function ensureSurvey(repo: { update(ctx: { tenant: string }, r: Resource): Promise<unknown> }, tenant: string): Promise<void> {
  let byTenant = ensured.get(repo);
  if (!byTenant) ensured.set(repo, (byTenant = new Map()));
  const done = byTenant;
  let p = done.get(tenant);
  if (!p) {
    p = repo.update({ tenant }, SURVEY).then(() => undefined);
    p.catch(() => done.delete(tenant));
    done.set(tenant, p);
  }
  return p;
}
