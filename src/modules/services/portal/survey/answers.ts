// Check a patient's answers against a Questionnaire and turn them into QuestionnaireResponse items. The answers
// come as { linkId: value }: a choice's code, true/false for a boolean, a string for text, a whole number for an
// integer. Every problem is reported against `answers.<linkId>`, so the form shows it beside the question.
import type { Resource } from '../../../../fhir/types.js';
import type { PortalProblemCode } from '../portal-problems.js';

interface Coding { system?: string; code?: string; display?: string }
export interface QuestionnaireItem {
  linkId: string;
  type: string;
  text?: string;
  required?: boolean;
  maxLength?: number;
  answerOption?: { valueCoding?: Coding }[];
}

export interface AnswerProblem {
  field: string;
  code: PortalProblemCode;
  params?: Record<string, string>;
}

export type ResponseItem = { linkId: string; text?: string; answer: Record<string, unknown>[] };

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim());

function answerOf(item: QuestionnaireItem, v: unknown): Record<string, unknown> | PortalProblemCode {
  switch (item.type) {
    case 'choice': {
      if (typeof v !== 'string') return 'survey-type';
      const option = item.answerOption?.find((o) => o.valueCoding?.code === v)?.valueCoding;
      if (!option) return 'survey-option';
      return { valueCoding: { ...(option.system ? { system: option.system } : {}), code: option.code, ...(option.display ? { display: option.display } : {}) } };
    }
    case 'boolean':
      return typeof v === 'boolean' ? { valueBoolean: v } : 'survey-type';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? { valueInteger: v } : 'survey-type';
    case 'string':
    case 'text': {
      if (typeof v !== 'string') return 'survey-type';
      if (item.maxLength && [...v.trim()].length > item.maxLength) return 'survey-too-long';
      return { valueString: v.trim() };
    }
    default:
      return 'survey-type';
  }
}

/** The response items in questionnaire order, or every problem. */
export function checkAnswers(questionnaire: Resource, answers: Record<string, unknown>): { ok: true; items: ResponseItem[] } | { ok: false; problems: AnswerProblem[] } {
  const items = (questionnaire.item as QuestionnaireItem[] | undefined) ?? [];
  const known = new Set(items.map((i) => i.linkId));
  const problems: AnswerProblem[] = [];
  for (const linkId of Object.keys(answers)) if (!known.has(linkId)) problems.push({ field: `answers.${linkId}`, code: 'survey-unknown' });
  const out: ResponseItem[] = [];
  for (const item of items) {
    const field = `answers.${item.linkId}`;
    const v = answers[item.linkId];
    if (isBlank(v)) {
      if (item.required) problems.push({ field, code: 'survey-required' });
      continue;
    }
    const a = answerOf(item, v);
    if (typeof a === 'string') problems.push({ field, code: a, ...(a === 'survey-too-long' ? { params: { max: String(item.maxLength) } } : {}) });
    else out.push({ linkId: item.linkId, ...(item.text ? { text: item.text } : {}), answer: [a] });
  }
  return problems.length ? { ok: false, problems } : { ok: true, items: out };
}
