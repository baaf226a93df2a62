// POST /api/guide: the smart guide for anyone (public: it reads and writes no patient data). Storing the answer
// as a pre-visit note is the booking's job (appointments: guideResponse in the same transaction).
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../module.js';
import { FhirError } from '../../../fhir/errors.js';
import { ERRORS, schemaError } from '../../emr/notes/support.js';
import { BODY_PART_CODES } from './kb/index.js';
import { runGuide, warmUp, type GuideInput } from './engine.js';

export const MAX_TEXT = 2000;

const EXAMPLE = { text: '胸口疼，出冷汗，左胳膊发麻', age: 58, sex: 'male', pregnant: false, lang: 'zh' };

const bodySchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: { type: 'string', minLength: 1, maxLength: MAX_TEXT, description: 'what is wrong, in Chinese, English or both' },
    age: { type: 'number', minimum: 0, maximum: 150, description: 'years; fractions for babies (0.05 ≈ 18 days)' },
    sex: { type: 'string', enum: ['female', 'male'] },
    pregnant: { type: 'boolean', description: 'only with sex female (or no sex given)' },
    lang: { type: 'string', enum: ['zh', 'en'], description: 'language of labels, reasons and advice (default zh)' },
    bodyParts: { type: 'array', maxItems: BODY_PART_CODES.length, uniqueItems: true, items: { type: 'string', enum: BODY_PART_CODES } },
  },
  examples: [EXAMPLE],
} as const;

const resultSchema = {
  type: 'object',
  required: ['emergency', 'redFlags', 'departments', 'advice'],
  additionalProperties: false,
  properties: {
    emergency: { type: 'boolean', description: 'true: go to 急诊 now (see redFlags)' },
    redFlags: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, properties: { code: { type: 'string' }, label: { type: 'string' }, reason: { type: 'string' } } },
    },
    departments: {
      type: 'array',
      description: 'best first; 急诊医学科 (20) first when emergency',
      items: {
        type: 'object', additionalProperties: false,
        properties: {
          code: { type: 'string', description: '诊疗科目 code (卫医发〔1994〕第27号)' }, name: { type: 'string' }, nameEn: { type: 'string' },
          score: { type: 'number', minimum: 0, maximum: 1 }, evidence: { type: 'array', items: { type: 'string' }, description: 'the words that led here' },
        },
      },
    },
    advice: { type: 'string' },
  },
  examples: [{
    emergency: true,
    redFlags: [{ code: 'acs', label: '疑似急性冠脉综合征', reason: '胸痛或胸闷伴出汗、放射痛、气短或压榨感，可能是心肌梗死（依据：胸口疼、出冷汗、左胳膊发麻）' }],
    departments: [
      { code: '20', name: '急诊医学科', nameEn: 'Emergency Medicine', score: 1, evidence: ['胸口疼', '出冷汗', '左胳膊发麻'] },
      { code: '03.04', name: '心血管内科', nameEn: 'Cardiology', score: 0.93, evidence: ['胸口疼', '出冷汗', '左胳膊发麻'] },
    ],
    advice: '请立即前往急诊（急诊医学科）或拨打 120，不要等待门诊预约。原因：疑似急性冠脉综合征。',
  }],
} as const;

export async function registerGuideRoutes(app: FastifyInstance, _deps: ModuleDeps): Promise<void> {
  // load the knowledge base and jieba's dictionary (~0.5 s) once the server listens, not in the first request
  // (test apps that never listen do not pay for it unless they ask the guide)
  app.addHook('onListen', async () => warmUp());
  app.post('', {
    config: { public: true },
    schemaErrorFormatter: schemaError,
    schema: {
      tags: ['services'],
      summary: '智能导诊 smart guide: symptoms → red flags or departments',
      description:
        'Free text in Chinese, English or both, with optional age, sex, pregnancy and body-part picks. Answers red flags first ' +
        '(emergency true: go to 急诊 now, with the reason) and departments ranked by a 0–1 score, each with the words that led to it. ' +
        'Public (no sign-in): nothing is read or stored. Guidance only, not a diagnosis.',
      security: [],
      body: bodySchema,
      response: { 200: resultSchema, ...ERRORS },
    },
  }, async (req) => {
    const b = req.body as GuideInput;
    if (!b.text.trim()) throw new FhirError(400, 'invalid', 'Invalid body: text: must say something', ['text']);
    if (b.pregnant && b.sex === 'male') throw new FhirError(400, 'invalid', 'Invalid body: pregnant: cannot be true when sex is male', ['pregnant']);
    return runGuide(b);
  });
}
