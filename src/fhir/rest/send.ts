import type { FastifyReply, FastifyRequest } from 'fastify';
import { FHIR_JSON, wantsPretty } from './negotiate.js';

/** Sends a FHIR JSON body; all JSON responses of the REST layer go through here. */
export function sendJson(req: FastifyRequest, reply: FastifyReply, status: number, body: unknown): FastifyReply {
  let pretty = false;
  try {
    pretty = wantsPretty(req);
  } catch {
    // a malformed query string must not prevent the error response itself
  }
  const text = pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
  return reply.code(status).header('Content-Type', FHIR_JSON).send(text);
}

export function sendEmpty(reply: FastifyReply, status: number): FastifyReply {
  return reply.code(status).send();
}
