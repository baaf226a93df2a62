import type { FastifyRequest } from 'fastify';
import { FhirError } from '../errors.js';
import { firstValue, queryPairs } from './query.js';

// We only speak JSON; anything else requested explicitly gets 406.
const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'application/json+fhir', 'text/json']);
const ACCEPT_ANY = new Set(['*/*', 'application/*']);

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

function essence(mediaType: string): string {
  // a '+' in _format may have arrived as a space through form-style encoding
  return mediaType.split(';')[0].trim().toLowerCase().replace(/ /g, '+');
}

/** Throws 406 when the client asks for a representation we cannot produce. */
export function checkAcceptable(req: FastifyRequest): void {
  const format = firstValue(queryPairs(req), '_format');
  if (format !== undefined) {
    if (!JSON_FORMATS.has(essence(format))) throw notAcceptable(`_format=${format}`);
    return; // _format overrides Accept
  }
  const accept = req.headers.accept;
  if (!accept || !accept.trim()) return;
  const ok = accept.split(',').some((part) => {
    const [type, ...params] = part.split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) return false;
    const t = essence(type);
    return JSON_FORMATS.has(t) || ACCEPT_ANY.has(t);
  });
  if (!ok) throw notAcceptable(`Accept: ${accept}`);
}

function notAcceptable(what: string): FhirError {
  return new FhirError(406, 'not-supported', `Only JSON is supported (requested ${what.slice(0, 200)})`);
}

export function wantsPretty(req: FastifyRequest): boolean {
  return firstValue(queryPairs(req), '_pretty') === 'true';
}
