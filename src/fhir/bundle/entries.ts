import { FhirError, badRequest } from '../errors.js';
import type { Resource } from '../types.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS = new Set<Method>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** One Bundle.entry as the processor needs it. */
export interface Entry {
  index: number;
  fullUrl?: string;
  method: Method;
  url: string;
  /** parsed request.url: type, id, version, criteria (query string) */
  type?: string;
  id?: string;
  vid?: string;
  criteria?: string;
  /** the query string of a GET, including result parameters */
  query?: string;
  resource?: Resource;
  ifNoneExist?: string;
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

export const at = (i: number) => `Bundle.entry[${i}]`;

export function entryError(e: Pick<Entry, 'index' | 'method' | 'url'>, err: FhirError): FhirError {
  return new FhirError(err.status, err.code, `Bundle.entry[${e.index}] (${e.method} ${e.url}): ${err.message}`, err.expression ?? [at(e.index)]);
}

const TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Check the Bundle's shape and parse each entry's request; everything here is a 400 before any write. */
export function parseBundle(bundle: Resource, maxEntries: number, base: string): { type: 'batch' | 'transaction'; entries: Entry[] } {
  const type = bundle.type;
  if (type !== 'batch' && type !== 'transaction') {
    throw badRequest(`Bundle.type must be batch or transaction to be processed, got ${JSON.stringify(type ?? null)}`, ['Bundle.type']);
  }
  const raw = bundle.entry ?? [];
  if (!Array.isArray(raw)) throw badRequest('Bundle.entry must be an array', ['Bundle.entry']);
  if (raw.length > maxEntries) throw new FhirError(413, 'too-costly', `The Bundle has ${raw.length} entries; the limit is ${maxEntries}`, ['Bundle.entry']);
  const seen = new Map<string, number>();
  const entries = raw.map((e, i) => parseEntry(e, i, base));
  for (const e of entries) {
    if (!e.fullUrl) continue;
    const prev = seen.get(e.fullUrl);
    if (prev !== undefined) throw badRequest(`Bundle.entry[${e.index}].fullUrl ${e.fullUrl} repeats Bundle.entry[${prev}].fullUrl`, [`${at(e.index)}.fullUrl`]);
    seen.set(e.fullUrl, e.index);
  }
  return { type, entries };
}

function parseEntry(raw: unknown, i: number, base: string): Entry {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest(`${at(i)} must be an object`, [at(i)]);
  const e = raw as { fullUrl?: unknown; request?: Record<string, unknown>; resource?: unknown };
  const req = e.request;
  if (!req || typeof req !== 'object') throw badRequest(`${at(i)} has no request`, [`${at(i)}.request`]);
  const method = req.method;
  if (typeof method !== 'string' || !METHODS.has(method as Method)) throw badRequest(`${at(i)}.request.method must be one of ${[...METHODS].join(', ')}`, [`${at(i)}.request.method`]);
  if (typeof req.url !== 'string' || !req.url) throw badRequest(`${at(i)}.request.url is missing`, [`${at(i)}.request.url`]);
  if (e.fullUrl !== undefined && (typeof e.fullUrl !== 'string' || !e.fullUrl)) throw badRequest(`${at(i)}.fullUrl must be a string`, [`${at(i)}.fullUrl`]);
  const entry: Entry = { index: i, method: method as Method, url: req.url, fullUrl: e.fullUrl as string | undefined };
  for (const k of ['ifNoneExist', 'ifMatch', 'ifNoneMatch', 'ifModifiedSince'] as const) {
    if (req[k] !== undefined) {
      if (typeof req[k] !== 'string') throw badRequest(`${at(i)}.request.${k} must be a string`, [`${at(i)}.request.${k}`]);
      entry[k] = req[k] as string;
    }
  }
  if (e.resource !== undefined) {
    if (!e.resource || typeof e.resource !== 'object' || Array.isArray(e.resource) || typeof (e.resource as Resource).resourceType !== 'string') {
      throw badRequest(`${at(i)}.resource must be a FHIR resource`, [`${at(i)}.resource`]);
    }
    entry.resource = e.resource as Resource;
  }
  parseUrl(entry, base);
  if ((entry.method === 'POST' || entry.method === 'PUT' || entry.method === 'PATCH') && !entry.resource) {
    throw badRequest(`${at(i)}: ${entry.method} needs a resource`, [`${at(i)}.resource`]);
  }
  if (entry.resource && entry.type && entry.method !== 'PATCH' && entry.resource.resourceType !== entry.type) {
    throw badRequest(`${at(i)}: resource type ${entry.resource.resourceType} does not match request.url ${entry.url}`, [`${at(i)}.resource.resourceType`]);
  }
  return entry;
}

function parseUrl(e: Entry, base: string): void {
  let url = e.url;
  if (url.startsWith(base + '/')) url = url.slice(base.length + 1);
  else if (/^[a-z]+:/i.test(url)) throw badRequest(`${at(e.index)}.request.url must be relative to this server: ${url.slice(0, 100)}`, [`${at(e.index)}.request.url`]);
  url = url.replace(/^\//, '');
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? undefined : url.slice(q + 1);
  const parts = path.split('/').filter(Boolean);
  const bad = () => badRequest(`${at(e.index)}.request.url "${e.url.slice(0, 100)}" is not a valid ${e.method} URL`, [`${at(e.index)}.request.url`]);
  if (parts.length && !TYPE.test(parts[0]) && !parts[0].startsWith('_') && !parts[0].startsWith('$')) throw bad();
  e.type = parts[0] && TYPE.test(parts[0]) ? parts[0] : undefined;
  switch (e.method) {
    case 'POST':
      if (parts.length !== 1 || !e.type) throw bad();
      if (query) throw bad();
      return;
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
      if (!e.type) throw bad();
      if (parts.length === 2 && ID.test(parts[1]) && !query) {
        e.id = parts[1];
        return;
      }
      if (parts.length === 1 && query) {
        e.criteria = query;
        return;
      }
      throw bad();
    default:
      // GET / HEAD: read, vread, search, history
      e.query = query;
      if (parts.length >= 2 && parts[1] !== '_history' && parts[1] !== '_search') {
        if (!ID.test(parts[1])) throw bad();
        e.id = parts[1];
        if (parts.length === 4 && parts[2] === '_history') e.vid = parts[3];
        else if (parts.length === 3 && parts[2] === '_history') return;
        else if (parts.length !== 2) throw bad();
      }
  }
}
