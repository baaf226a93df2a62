// What can be wrong with a patient request, as stable codes with a text in Chinese and English. Each problem
// becomes one OperationOutcome issue: `expression` names the request field (so a form shows the text beside it),
// `details.coding` carries the code (so a client can word it in its own language), `details.text` the wording
// in the caller's language (Accept-Language: zh… → Chinese, else English).
import type { FastifyRequest } from 'fastify';
import { FhirError } from '../../../fhir/errors.js';
import type { OperationOutcome, OperationOutcomeIssue } from '../../../fhir/types.js';
import { PROBLEM_SYSTEM, problemText, type Lang, type Problem } from './problem-codes.js';

export { PROBLEM_SYSTEM, problemText, type Lang, type Problem, type ProblemCode } from './problem-codes.js';

/** An issue with coded details and extensions (the core's type names only what the core itself writes). */
export type Issue = OperationOutcomeIssue & {
  details?: { coding?: { system: string; code: string }[]; text?: string };
  extension?: Record<string, unknown>[];
};

export function langOf(req: FastifyRequest): Lang {
  const h = String(req.headers['accept-language'] ?? '');
  const first = h.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}

export function problemIssue(p: Problem, lang: Lang, issueCode = 'invalid'): Issue {
  const en = problemText(p.code, 'en', p.params);
  return {
    severity: 'error',
    code: issueCode,
    details: { coding: [{ system: PROBLEM_SYSTEM, code: p.code }], text: problemText(p.code, lang, p.params) },
    diagnostics: `${p.field}: ${en}`,
    expression: [p.field],
  };
}

/** A FhirError whose OperationOutcome holds the coded issues as built (the first one's details included). */
export class ProblemError extends FhirError {
  constructor(status: number, code: string, readonly issues: Issue[], readonly extra: Partial<OperationOutcome> = {}) {
    super(status, code, String(issues[0]?.diagnostics ?? code), issues[0]?.expression as string[] | undefined);
  }

  override toOperationOutcome(): OperationOutcome {
    return { ...this.extra, resourceType: 'OperationOutcome', issue: this.issues };
  }
}

/** 400 (or `status`) with one issue per problem. */
export function problemsError(problems: Problem[], lang: Lang, status = 400, issueCode = 'invalid', extra: Partial<OperationOutcome> = {}): ProblemError {
  return new ProblemError(status, issueCode, problems.map((p) => problemIssue(p, lang, issueCode)), extra);
}
