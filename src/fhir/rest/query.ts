import type { FastifyRequest } from 'fastify';
import { badRequest } from '../errors.js';

/**
 * The query string as ordered (name, value) pairs, form-decoded ('+' is a space) as clients
 * such as URLSearchParams encode it. An unencoded '+' of a timezone offset thus arrives as
 * a space; the date parsers of search and history accept that.
 */
export function queryPairs(req: FastifyRequest): [string, string][] {
  const url = req.raw.url ?? req.url;
  const q = url.indexOf('?');
  return q < 0 ? [] : decodePairs(url.slice(q + 1), true);
}

export function decodePairs(query: string, plusIsSpace: boolean): [string, string][] {
  const out: [string, string][] = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    out.push([decode(name, plusIsSpace), decode(value, plusIsSpace)]);
  }
  return out;
}

function decode(s: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? s.replace(/\+/g, ' ') : s);
  } catch {
    throw badRequest(`Malformed percent-encoding in parameter: ${s.slice(0, 100)}`);
  }
}

export function firstValue(pairs: [string, string][], name: string): string | undefined {
  for (const [n, v] of pairs) if (n === name) return v;
  return undefined;
}

export function encodePairs(pairs: [string, string][]): string {
  return pairs.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');
}

/** parameters only the REST layer looks at; never passed to the repository */
export const REST_ONLY_PARAMS = new Set(['_format', '_pretty']);
