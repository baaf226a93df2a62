import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors.js';
import type { JsonPatchOp } from '../store/repository.js';
import type { Resource } from '../types.js';
import { notSupported } from './errors.js';
import type { RestLimits } from './options.js';
import { decodePairs } from './query.js';

export const JSON_TYPES = ['application/fhir+json', 'application/json', 'application/json+fhir'];
export const PATCH_TYPE = 'application/json-patch+json';
export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Replaces Fastify's body parsers for this plugin: size, depth and prototype checks are ours. */
export function installBodyParsers(app: FastifyInstance, limits: RestLimits): void {
  app.removeAllContentTypeParsers();
  const opts = { parseAs: 'string' as const, bodyLimit: limits.maxBodyBytes };
  app.addContentTypeParser([...JSON_TYPES, PATCH_TYPE], opts, (_req, body: string | Buffer, done) => {
    try {
      done(null, parseJson(String(body), limits.maxDepth));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser(FORM_TYPE, opts, (_req, body: string | Buffer, done) => {
    try {
      done(null, decodePairs(String(body), true));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}

export function parseJson(text: string, maxDepth: number): unknown {
  if (!text.trim()) throw badRequest('Empty request body');
  // checked on the raw text so pathological nesting never reaches JSON.parse
  if (exceedsDepth(text, maxDepth)) throw badRequest(`JSON nesting deeper than ${maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(`Malformed JSON: ${(err as Error).message.slice(0, 200)}`);
  }
  if (/__proto__|constructor|\\u/.test(text)) rejectPoisonedKeys(value);
  return value;
}

function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped char
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

// Keys that turn into prototype pollution once the object is merged somewhere downstream.
function rejectPoisonedKeys(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) rejectPoisonedKeys(v);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === '__proto__' || (k === 'constructor' && typeof v === 'object' && v !== null && 'prototype' in v)) {
      throw badRequest(`Forbidden property name "${k}"`);
    }
    rejectPoisonedKeys(v);
  }
}

/** media type essence of the request's Content-Type, lower-cased ('' when absent) */
export function contentType(req: FastifyRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** The request body as a resource of `type`. */
export function resourceBody(req: FastifyRequest, type: string): Resource {
  const ct = contentType(req);
  if (req.body === undefined || req.body === null) throw badRequest('Missing request body');
  if (!JSON_TYPES.includes(ct)) throw notSupported(415, `Content-Type ${ct} is not accepted here; use application/fhir+json`);
  const body = req.body;
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object (a FHIR resource)');
  const rt = (body as Record<string, unknown>).resourceType;
  if (typeof rt !== 'string' || !rt) throw badRequest('The resource has no resourceType', ['resourceType']);
  if (rt !== type) throw badRequest(`resourceType ${rt.slice(0, 64)} does not match the URL type ${type}`, ['resourceType']);
  return body as Resource;
}

/** The request body as a JSON Patch document. */
export function patchBody(req: FastifyRequest): JsonPatchOp[] {
  const ct = contentType(req);
  if (ct !== PATCH_TYPE) throw notSupported(415, `PATCH requires Content-Type ${PATCH_TYPE}`);
  const body = req.body;
  if (!Array.isArray(body)) throw badRequest('A JSON Patch document must be an array of operations');
  body.forEach((op, i) => {
    const o = op as Record<string, unknown> | null;
    if (typeof o !== 'object' || o === null || Array.isArray(o) || typeof o.op !== 'string' || typeof o.path !== 'string') {
      throw badRequest(`JSON Patch operation ${i} must be an object with string "op" and "path"`);
    }
    if ('from' in o && typeof o.from !== 'string') throw badRequest(`JSON Patch operation ${i}: "from" must be a string`);
  });
  return body as JsonPatchOp[];
}

/** Search parameters carried in a form-encoded body (POST _search). */
export function formBody(req: FastifyRequest): [string, string][] {
  if (req.body === undefined || req.body === null) return [];
  if (contentType(req) !== FORM_TYPE) throw notSupported(415, `_search via POST requires Content-Type ${FORM_TYPE}`);
  return req.body as [string, string][];
}
