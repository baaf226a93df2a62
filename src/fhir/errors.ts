import type { OperationOutcome, OperationOutcomeIssue } from './types.js';

/** An error that maps to an HTTP status and a FHIR OperationOutcome. Everything the core throws on bad input is one. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly code: string, // OperationOutcome.issue.code, e.g. "invalid", "not-found", "conflict"
    message: string,
    readonly expression?: string[],
    readonly extraIssues: OperationOutcomeIssue[] = [],
  ) {
    super(message);
  }

  toOperationOutcome(): OperationOutcome {
    return operationOutcome([
      { severity: this.status >= 500 ? 'fatal' : 'error', code: this.code, diagnostics: this.message, ...(this.expression ? { expression: this.expression } : {}) },
      ...this.extraIssues,
    ]);
  }
}

export function operationOutcome(issue: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue };
}

export const badRequest = (msg: string, expression?: string[]) => new FhirError(400, 'invalid', msg, expression);
export const notFound = (msg: string) => new FhirError(404, 'not-found', msg);
export const gone = (msg: string) => new FhirError(410, 'deleted', msg);
export const conflict = (msg: string) => new FhirError(409, 'conflict', msg);
export const preconditionFailed = (msg: string) => new FhirError(412, 'conflict', msg);
export const unprocessable = (msg: string, expression?: string[]) => new FhirError(422, 'processing', msg, expression);
