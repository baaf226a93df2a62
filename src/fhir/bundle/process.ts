import { randomUUID } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { FhirError, badRequest, notFound, operationOutcome, preconditionFailed } from '../errors.js';
import type { Resource } from '../types.js';
import type { SqlRepository } from '../store/sql-repository.js';
import type { JsonPatchOp, RequestContext, WriteResult } from '../store/repository.js';
import { entryError, parseBundle, type Entry } from './entries.js';
import { conditionalReference, rewriteReferences, visitReferences } from './references.js';
import { runRead } from './reads.js';

export interface BundleOptions {
  /** absolute base URL of the FHIR API (to resolve absolute request URLs and fullUrls) */
  baseUrl: string;
  maxEntries: number;
  /** Prefer: return=… for the write entries (default minimal: status, location and etag only) */
  preferReturn?: 'minimal' | 'representation' | 'OperationOutcome';
}

interface ResponseEntry {
  resource?: Resource;
  response: { status: string; location?: string; etag?: string; lastModified?: string; outcome?: Resource };
}

// transaction processing order (http.html#trules): DELETE, POST, PUT/PATCH, then GET/HEAD
const ORDER: Record<Entry['method'], number> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };

/** POST [base] with a batch or transaction Bundle → the batch-response / transaction-response Bundle. */
export async function processBundle(repo: SqlRepository, ctx: RequestContext, bundle: Resource, opts: BundleOptions): Promise<Resource> {
  const { type, entries } = parseBundle(bundle, opts.maxEntries, opts.baseUrl);
  const out: ResponseEntry[] = new Array(entries.length);
  if (type === 'transaction') {
    await repo.inTransaction(async (tx) => {
      const map = await assignIds(tx, ctx, entries, opts);
      const order = [...entries].sort((a, b) => ORDER[a.method] - ORDER[b.method] || a.index - b.index);
      const bulk = order.filter((e) => isBulkWrite(e, map));
      const inBulk = new Set(bulk);
      let bulkDone = false;
      for (const e of order) {
        try {
          if (inBulk.has(e)) {
            // creates and plain updates are written together, in a few statements, where the first of them stands
            if (!bulkDone) await writeBulk(tx, ctx, bulk, map, out, opts);
            bulkDone = true;
            continue;
          }
          out[e.index] = await runEntry(tx, ctx, e, map, opts);
        } catch (err) {
          throw err instanceof FhirError ? entryError(e, err) : err;
        }
      }
    });
  } else {
    for (const e of entries) {
      try {
        out[e.index] = await repo.inTransaction(async (tx) => runEntry(tx, ctx, e, await assignIds(tx, ctx, [e], opts), opts));
      } catch (err) {
        if (!(err instanceof FhirError)) throw err;
        out[e.index] = { response: { status: statusLine(err.status), outcome: entryError(e, err).toOperationOutcome() } };
      }
    }
  }
  return { resourceType: 'Bundle', id: randomUUID(), type: `${type}-response`, ...(out.length ? { entry: out } : {}) };
}

interface IdMap {
  refs: Map<string, string>; // fullUrl / urn → Type/id
  ids: Map<number, { id: string; existing?: Resource }>; // entry index → target id (POST/PUT)
  conditional: Map<string, string>; // "Type?criteria" → Type/id
}

/**
 * Before any write: give every POST its id (or the match of its ifNoneExist), resolve conditional
 * PUT/PATCH/DELETE targets, and map each fullUrl to the Type/id it will have.
 */
async function assignIds(tx: SqlRepository, ctx: RequestContext, entries: Entry[], opts: BundleOptions): Promise<IdMap> {
  const map: IdMap = { refs: new Map(), ids: new Map(), conditional: new Map() };
  await tx.lockCriteria(ctx, entries.flatMap((e) => (e.ifNoneExist ? [`${e.type}?${e.ifNoneExist}`] : e.criteria && e.method === 'PUT' ? [`${e.type}?${e.criteria}`] : [])));
  for (const e of entries) {
    try {
      if (e.method === 'POST') {
        let target: { id: string; existing?: Resource } = { id: randomUUID() };
        if (e.ifNoneExist !== undefined) {
          const found = await tx.matchCriteria(ctx, e.type as string, stripQ(e.ifNoneExist));
          if (found.length > 1) throw preconditionFailed(`ifNoneExist ${e.ifNoneExist} matches more than one resource`);
          if (found.length === 1) target = { id: found[0].id as string, existing: found[0] };
        }
        map.ids.set(e.index, target);
        if (e.fullUrl) map.refs.set(e.fullUrl, `${e.type}/${target.id}`);
      } else if (e.method === 'PUT' || e.method === 'PATCH' || e.method === 'DELETE') {
        if (e.criteria !== undefined && e.method !== 'DELETE') {
          const found = await tx.matchCriteria(ctx, e.type as string, e.criteria);
          if (found.length > 1) throw preconditionFailed(`${e.type}?${e.criteria} matches more than one resource`);
          if (found.length === 1) e.id = found[0].id as string;
          else if (e.method === 'PATCH') throw notFound(`${e.type}?${e.criteria} matches no resource`);
          else e.id = (e.resource?.id as string | undefined) ?? randomUUID();
        }
        if (e.method === 'PUT' && e.id) {
          map.ids.set(e.index, { id: e.id });
          if (e.fullUrl) map.refs.set(e.fullUrl, `${e.type}/${e.id}`);
        }
      }
      if (e.fullUrl && !e.fullUrl.startsWith('urn:') && e.type && e.id) {
        // an absolute fullUrl of this server names the same resource
        map.refs.set(e.fullUrl, `${e.type}/${e.id}`);
      }
    } catch (err) {
      throw err instanceof FhirError ? entryError(e, err) : err;
    }
  }
  // conditional references (Patient?identifier=…), resolved once per bundle
  for (const e of entries) {
    if (!e.resource) continue;
    const pending: string[] = [];
    visitReferences(e.resource, (ref) => {
      if (conditionalReference(ref) && !map.refs.has(ref)) pending.push(ref);
    });
    for (const ref of pending) {
      if (map.refs.has(ref)) continue;
      const c = conditionalReference(ref) as { type: string; criteria: string };
      try {
        const found = await tx.matchCriteria(ctx, c.type, c.criteria);
        if (found.length !== 1) throw preconditionFailed(`conditional reference ${ref} matches ${found.length ? 'more than one resource' : 'no resource'}`);
        map.refs.set(ref, `${c.type}/${found[0].id}`);
      } catch (err) {
        throw err instanceof FhirError ? entryError(e, err) : err;
      }
    }
  }
  void opts;
  return map;
}

/** POSTs (not matched by ifNoneExist) and PUTs without preconditions can be written in bulk. */
function isBulkWrite(e: Entry, map: IdMap): boolean {
  if (e.method === 'POST') return !map.ids.get(e.index)?.existing;
  return e.method === 'PUT' && !e.ifMatch && e.criteria === undefined;
}

async function writeBulk(tx: SqlRepository, ctx: RequestContext, entries: Entry[], map: IdMap, out: ResponseEntry[], opts: BundleOptions): Promise<void> {
  const resources: Resource[] = [];
  for (const e of entries) {
    try {
      // a copy: a retried transaction must see the original references again
      const r = structuredClone(e.resource as Resource);
      const dangling = rewriteReferences(r, map.refs);
      if (dangling.length) throw badRequest(`reference ${dangling[0]} is not the fullUrl of any entry in this Bundle`);
      if (e.method === 'PUT' && r.id !== e.id) throw badRequest(`resource id ${String(r.id)} does not match request.url ${e.url}`, ['id']);
      r.id = e.method === 'POST' ? (map.ids.get(e.index) as { id: string }).id : e.id;
      resources.push(r);
    } catch (err) {
      throw err instanceof FhirError ? entryError(e, err) : err;
    }
  }
  let results: WriteResult[];
  try {
    results = await tx.writeMany(ctx, resources);
  } catch (err) {
    const i = (err as { index?: number }).index;
    throw err instanceof FhirError && i !== undefined ? entryError(entries[i], err) : err;
  }
  entries.forEach((e, i) => (out[e.index] = written(results[i], opts)));
}

async function runEntry(tx: SqlRepository, ctx: RequestContext, e: Entry, map: IdMap, opts: BundleOptions): Promise<ResponseEntry> {
  if (e.resource && e.method !== 'PATCH') {
    e.resource = structuredClone(e.resource);
    const dangling = rewriteReferences(e.resource, map.refs);
    if (dangling.length) throw badRequest(`reference ${dangling[0]} is not the fullUrl of any entry in this Bundle`);
  }
  switch (e.method) {
    case 'POST': {
      const target = map.ids.get(e.index) as { id: string; existing?: Resource };
      if (target.existing) return written({ resource: target.existing, created: false, unchanged: true }, opts, '200 OK');
      return written(await tx.createWithId(ctx, { ...(e.resource as Resource), id: target.id }), opts);
    }
    case 'PUT': {
      const r = { ...(e.resource as Resource) };
      if (e.criteria === undefined && r.id !== e.id) throw badRequest(`resource id ${String(r.id)} does not match request.url ${e.url}`, ['id']);
      r.id = e.id;
      return written(await tx.update(ctx, r, e.ifMatch ? { ifMatch: versionOf(e.ifMatch) } : {}), opts);
    }
    case 'PATCH':
      return written(await tx.patch(ctx, e.type as string, e.id as string, patchOps(e.resource as Resource), e.ifMatch ? { ifMatch: versionOf(e.ifMatch) } : {}), opts);
    case 'DELETE': {
      if (e.criteria !== undefined) {
        const n = (await tx.conditionalDelete(ctx, e.type as string, e.criteria)).length;
        return { response: { status: n ? '204 No Content' : '404 Not Found' } };
      }
      const d = await tx.delete(ctx, e.type as string, e.id as string);
      return { response: { status: d ? '204 No Content' : '404 Not Found' } };
    }
    default:
      return runRead(tx, ctx, e, opts.baseUrl);
  }
}

function written(r: WriteResult, opts: BundleOptions, status?: string): ResponseEntry {
  const res = r.resource;
  const v = res.meta?.versionId;
  const response: ResponseEntry['response'] = {
    status: status ?? (r.created ? '201 Created' : '200 OK'),
    location: `${res.resourceType}/${res.id}${v ? `/_history/${v}` : ''}`,
    ...(v ? { etag: `W/"${v}"` } : {}),
    ...(res.meta?.lastUpdated ? { lastModified: res.meta.lastUpdated } : {}),
  };
  if (opts.preferReturn === 'representation') return { resource: res, response };
  if (opts.preferReturn === 'OperationOutcome') {
    response.outcome = operationOutcome([{ severity: 'information', code: 'informational', diagnostics: `${response.status}: ${response.location}` }]);
  }
  return { response };
}

function versionOf(tag: string): string {
  return tag.replace(/^W\//, '').replace(/"/g, '').trim();
}

function stripQ(s: string): string {
  const q = s.indexOf('?');
  return q >= 0 ? s.slice(q + 1) : s;
}

/** PATCH entries carry a JSON Patch as a Binary (contentType application/json-patch+json). */
function patchOps(r: Resource): JsonPatchOp[] {
  if (r.resourceType !== 'Binary' || r.contentType !== 'application/json-patch+json' || typeof r.data !== 'string') {
    throw badRequest('A PATCH entry needs a Binary resource with contentType application/json-patch+json (FHIRPath Patch is not supported)');
  }
  try {
    const ops = JSON.parse(Buffer.from(r.data, 'base64').toString('utf8')) as unknown;
    if (!Array.isArray(ops)) throw new Error('not an array');
    return ops as JsonPatchOp[];
  } catch (e) {
    throw badRequest(`The PATCH entry's JSON Patch is malformed: ${(e as Error).message}`);
  }
}

const REASON: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 304: 'Not Modified', 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed', 413: 'Payload Too Large', 422: 'Unprocessable Entity', 500: 'Internal Server Error', 501: 'Not Implemented' };

export function statusLine(status: number): string {
  return `${status} ${REASON[status] ?? ''}`.trim();
}
