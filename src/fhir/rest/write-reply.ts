import type { FastifyReply, FastifyRequest } from 'fastify';
import { operationOutcome } from '../errors.js';
import type { WriteResult } from '../store/repository.js';
import type { Resource } from '../types.js';
import { baseUrl } from './base-url.js';
import { prefer, setVersionHeaders } from './headers.js';
import type { RestDeps } from './options.js';
import { sendEmpty, sendJson } from './send.js';

export function versionedUrl(base: string, r: Resource): string {
  const vid = r.meta?.versionId;
  return `${base}/${r.resourceType}/${r.id}${vid ? `/_history/${vid}` : ''}`;
}

/** Response of create / update / patch, honouring Prefer: return=… */
export function sendWrite(req: FastifyRequest, reply: FastifyReply, deps: RestDeps, result: WriteResult): FastifyReply {
  const r = result.resource;
  const url = versionedUrl(baseUrl(req, deps), r);
  setVersionHeaders(reply, r);
  reply.header(result.created ? 'Location' : 'Content-Location', url);
  const status = result.created ? 201 : 200;
  switch (prefer(req).return) {
    case 'minimal':
      return sendEmpty(reply, status);
    case 'OperationOutcome': {
      const what = result.created ? 'Created' : result.unchanged ? 'No change to' : 'Updated';
      const msg = `${what} ${r.resourceType}/${r.id}${r.meta?.versionId ? ` (version ${r.meta.versionId})` : ''}`;
      return sendJson(req, reply, status, info(msg));
    }
    default:
      return sendJson(req, reply, status, r);
  }
}

export function info(diagnostics: string): Resource {
  return operationOutcome([{ severity: 'information', code: 'informational', diagnostics }]);
}
