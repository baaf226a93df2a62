import { badRequest } from '../errors.js';
import type { Resource } from '../types.js';
import type { SqlRepository } from '../store/sql-repository.js';
import type { RequestContext } from '../store/repository.js';
import { searchsetBundle, historyBundle, linkUrl } from '../rest/bundle.js';
import { applySubsetting, parseSubsetting } from '../rest/elements.js';
import { parseHistoryQuery, CURSOR_PARAM } from '../rest/routes-history.js';
import type { Entry } from './entries.js';

/** GET / HEAD entries: read, vread, search, history — after the writes, so they see them. */
export async function runRead(tx: SqlRepository, ctx: RequestContext, e: Entry, base: string): Promise<{ resource?: Resource; response: { status: string; etag?: string; lastModified?: string; location?: string } }> {
  const pairs = e.query ? ([...new URLSearchParams(e.query)] as [string, string][]) : [];
  const head = e.method === 'HEAD';
  const sub = parseSubsetting(pairs);
  if (e.type && e.id && !e.url.includes('/_history') ) {
    const r = await tx.read(ctx, e.type, e.id);
    return readResponse(r, e, head, applySubsetting(r, sub));
  }
  if (e.type && e.id && e.vid) {
    const r = await tx.vread(ctx, e.type, e.id, e.vid);
    return readResponse(r, e, head, applySubsetting(r, sub));
  }
  if (/\/_history(\?|$)/.test(e.url) || e.url.startsWith('_history')) {
    const q = parseHistoryQuery(pairs);
    const page = await tx.history(ctx, { ...q, type: e.type, id: e.id });
    const path = [e.type, e.id, '_history'].filter(Boolean).join('/');
    const next = page.nextCursor ? linkUrl(base, path, `${CURSOR_PARAM}=${page.nextCursor}`) : undefined;
    const b = historyBundle(page, base, linkUrl(base, path, e.query ?? ''), next);
    return { ...(head ? {} : { resource: b }), response: { status: '200 OK' } };
  }
  if (e.url.startsWith('$') || e.url.includes('/$')) throw badRequest('Operations are not supported in Bundle entries');
  const result = await tx.search(ctx, { types: e.type ? [e.type] : undefined, params: pairs });
  const b = searchsetBundle(result, base, e.type ?? '', { summary: result.summary ?? sub.summary, elements: result.elements ?? sub.elements });
  return { ...(head ? {} : { resource: b }), response: { status: '200 OK' } };
}

function readResponse(r: Resource, e: Entry, head: boolean, body: Resource) {
  const v = r.meta?.versionId;
  const etag = v ? `W/"${v}"` : undefined;
  const lastModified = r.meta?.lastUpdated;
  if (e.ifNoneMatch && etag && (e.ifNoneMatch === '*' || e.ifNoneMatch.replace(/^W\//, '') === etag.replace(/^W\//, ''))) {
    return { response: { status: '304 Not Modified', etag, lastModified } };
  }
  if (e.ifModifiedSince && lastModified && Date.parse(e.ifModifiedSince) >= Math.floor(Date.parse(lastModified) / 1000) * 1000) {
    return { response: { status: '304 Not Modified', etag, lastModified } };
  }
  return { ...(head ? {} : { resource: body }), response: { status: '200 OK', ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) } };
}
