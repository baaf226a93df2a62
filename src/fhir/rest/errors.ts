import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FhirError, operationOutcome } from '../errors.js';
import type { OperationOutcome } from '../types.js';
import { sendJson } from './send.js';

// Fastify's own errors (body parsing, compression, routing) mapped to OperationOutcome codes.
const FASTIFY_CODES: Record<string, { status: number; code: string; message?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'not-supported', message: 'Unsupported Content-Type; use application/fhir+json' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'not-supported', message: 'Invalid Content-Type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'too-costly', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid', message: 'Content-Length does not match the body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid', message: 'Empty request body' },
  FST_CP_ERR_INVALID_CONTENT_ENCODING: { status: 415, code: 'not-supported' },
  FST_CP_ERR_INVALID_CONTENT: { status: 400, code: 'invalid', message: 'Could not decompress the request body' },
};

export interface ErrorResponse {
  status: number;
  outcome: OperationOutcome;
  /** unexpected: log it */
  internal: boolean;
}

export function errorResponse(err: unknown): ErrorResponse {
  if (err instanceof FhirError) return { status: err.status, outcome: err.toOperationOutcome(), internal: err.status >= 500 };
  const e = (err ?? {}) as { code?: string; statusCode?: number; message?: string; validation?: unknown };
  const known = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (known) return outcome(known.status, known.code, known.message ?? e.message ?? 'Invalid request');
  if (e.validation) return outcome(400, 'invalid', e.message ?? 'Invalid request');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return outcome(e.statusCode, e.statusCode === 404 ? 'not-found' : 'invalid', e.message ?? 'Invalid request');
  }
  return { ...outcome(500, 'exception', 'Internal server error'), internal: true };
}

function outcome(status: number, code: string, diagnostics: string): ErrorResponse {
  return { status, outcome: operationOutcome([{ severity: 'error', code, diagnostics }]), internal: false };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const res = errorResponse(err);
  if (res.internal) req.log.error({ err }, 'unexpected error in FHIR REST layer');
  // a representation header set before the failure would describe the wrong body
  for (const h of ['etag', 'last-modified', 'location', 'content-location', 'content-encoding']) reply.removeHeader(h);
  return sendJson(req, reply, res.status, res.outcome);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => sendError(req, reply, err));
  app.setNotFoundHandler((req, reply) =>
    sendJson(req, reply, 404, operationOutcome([{ severity: 'error', code: 'not-found', diagnostics: `No such FHIR endpoint: ${req.method} ${req.url.split('?')[0].slice(0, 200)}` }])),
  );
}

export function notSupported(status: number, message: string): FhirError {
  return new FhirError(status, 'not-supported', message);
}
