import { randomUUID } from 'node:crypto';
import { operationOutcome } from '../errors.js';
import type { HistoryEntry, HistoryPage, SearchResult } from '../store/repository.js';
import type { Resource } from '../types.js';
import { applySubsetting, type Subsetting } from './elements.js';
import { etag } from './headers.js';

type Link = { relation: string; url: string };

function bundle(type: 'searchset' | 'history', total: number | undefined, link: Link[], entry: unknown[]): Resource {
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type,
    ...(total !== undefined ? { total } : {}),
    link,
    // FHIR forbids empty arrays: a count-only or empty result has no entry element
    ...(entry.length ? { entry } : {}),
  };
}

/** `<base>/<path>?<query>`; path '' addresses the system level. */
export function linkUrl(base: string, path: string, query: string): string {
  const p = path ? `${base}/${path}` : base;
  return query ? `${p}?${query}` : p;
}

export function searchsetBundle(result: SearchResult, base: string, path: string, sub: Subsetting): Resource {
  const link: Link[] = [{ relation: 'self', url: linkUrl(base, path, result.selfQuery) }];
  if (result.nextQuery !== undefined) link.push({ relation: 'next', url: linkUrl(base, path, result.nextQuery) });
  if (result.previousQuery !== undefined) link.push({ relation: 'previous', url: linkUrl(base, path, result.previousQuery) });
  const entry: unknown[] = [];
  if (result.issues.length) {
    entry.push({ fullUrl: `urn:uuid:${randomUUID()}`, resource: operationOutcome(result.issues), search: { mode: 'outcome' } });
  }
  if (sub.summary !== 'count') {
    const add = (r: Resource, mode: 'match' | 'include') =>
      entry.push({ fullUrl: `${base}/${r.resourceType}/${r.id}`, resource: applySubsetting(r, sub), search: { mode } });
    for (const r of result.matches) add(r, 'match');
    for (const r of result.included) add(r, 'include');
  }
  return bundle('searchset', result.total, link, entry);
}

const STATUS = { POST: '201 Created', PUT: '200 OK', DELETE: '204 No Content' } as const;

function historyEntry(e: HistoryEntry, base: string): unknown {
  return {
    fullUrl: `${base}/${e.resourceType}/${e.id}`,
    ...(e.resource ? { resource: e.resource } : {}),
    request: { method: e.method, url: e.method === 'POST' ? e.resourceType : `${e.resourceType}/${e.id}` },
    response: { status: STATUS[e.method], etag: etag(e.versionId), lastModified: e.lastUpdated },
  };
}

export function historyBundle(page: HistoryPage, base: string, selfUrl: string, nextUrl: string | undefined): Resource {
  const link: Link[] = [{ relation: 'self', url: selfUrl }];
  if (nextUrl) link.push({ relation: 'next', url: nextUrl });
  return bundle('history', page.total, link, page.entries.map((e) => historyEntry(e, base)));
}
