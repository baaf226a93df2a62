import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../errors.js';
import type { Resource } from '../types.js';

export function etag(versionId: string): string {
  return `W/"${versionId}"`;
}

export function httpDate(instant: string): string | undefined {
  const t = Date.parse(instant);
  return Number.isNaN(t) ? undefined : new Date(t).toUTCString();
}

/** ETag and Last-Modified for a single-resource response. */
export function setVersionHeaders(reply: FastifyReply, resource: Resource): void {
  const vid = resource.meta?.versionId;
  if (vid) reply.header('ETag', etag(vid));
  const lm = resource.meta?.lastUpdated ? httpDate(resource.meta.lastUpdated) : undefined;
  if (lm) reply.header('Last-Modified', lm);
}

/** A version id from an entity tag: accepts W/"3", "3" and 3. */
export function versionFromTag(tag: string): string {
  let t = tag.trim();
  if (t.startsWith('W/')) t = t.slice(2);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(t)) throw badRequest(`Invalid entity tag: ${tag.slice(0, 80)}`);
  return t;
}

export function ifMatch(req: FastifyRequest): string | undefined {
  const h = req.headers['if-match'];
  return h === undefined || h === '' ? undefined : versionFromTag(h);
}

/** true when the client's cached copy (If-None-Match / If-Modified-Since) is still current */
export function notModified(req: FastifyRequest, resource: Resource): boolean {
  const inm = req.headers['if-none-match'];
  const vid = resource.meta?.versionId;
  if (inm !== undefined) {
    // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2)
    return inm.split(',').some((t) => {
      const tag = t.trim();
      if (tag === '*') return true;
      try {
        return vid !== undefined && versionFromTag(tag) === vid;
      } catch {
        return false;
      }
    });
  }
  const ims = req.headers['if-modified-since'];
  const lu = resource.meta?.lastUpdated;
  if (ims === undefined || !lu) return false;
  const since = Date.parse(ims);
  const modified = Date.parse(lu);
  if (Number.isNaN(since) || Number.isNaN(modified)) return false;
  // HTTP dates have whole-second precision
  return Math.floor(modified / 1000) <= Math.floor(since / 1000);
}

export interface Prefer {
  return?: 'minimal' | 'representation' | 'OperationOutcome';
  handling?: 'strict' | 'lenient';
}

export function prefer(req: FastifyRequest): Prefer {
  const out: Prefer = {};
  const h = req.headers.prefer;
  if (!h) return out;
  for (const part of (Array.isArray(h) ? h.join(',') : h).split(/[,;]/)) {
    const [k, v = ''] = part.split('=').map((s) => s.trim());
    const value = v.replace(/^"|"$/g, '');
    if (k.toLowerCase() === 'return' && (value === 'minimal' || value === 'representation' || value === 'OperationOutcome')) out.return = value;
    if (k.toLowerCase() === 'handling' && (value === 'strict' || value === 'lenient')) out.handling = value;
  }
  return out;
}
