import { FhirError } from '../errors.js';
// An in-memory FhirRepository with just enough search to exercise the REST layer.
// Not a model of the real store's search semantics.
import { randomUUID } from 'node:crypto';
import jsonpatch from 'fast-json-patch';
import { resourceTypes } from '../definitions/definitions.js';
import type { SearchParamDef } from '../definitions/search-param-def.js';
import { badRequest, gone, notFound, preconditionFailed, unprocessable } from '../errors.js';
import type { FhirRepository, HistoryEntry, HistoryPage, HistoryQuery, JsonPatchOp, RequestContext, SearchInput, SearchResult, WriteResult } from '../store/repository.js';
import type { OperationOutcomeIssue, Resource } from '../types.js';
import type { Registry } from './options.js';
import { encodePairs } from './query.js';

interface Version extends HistoryEntry {
  deleted: boolean;
}

const def = (code: string, type: SearchParamDef['type'], base: string, extra: Partial<SearchParamDef> = {}): SearchParamDef => ({
  code, type, base: [base], url: `http://hl7.org/fhir/SearchParameter/${base}-${code}`, ...extra,
});

const COMMON = [def('_id', 'token', 'Resource'), def('_lastUpdated', 'date', 'Resource')];
const BY_TYPE: Record<string, SearchParamDef[]> = {
  Patient: [def('name', 'string', 'Patient'), def('race', 'token', 'Patient', { url: 'http://example.org/SearchParameter/patient-race', custom: true })],
  Observation: [def('subject', 'reference', 'Observation'), def('patient', 'reference', 'Observation')],
};
const CONTROL = new Set(['_count', '_offset', '_include', '_summary', '_elements', '_total', '_type', '_sort']);

export function fakeRegistry(): Registry {
  const types = resourceTypes();
  return {
    resourceTypes: () => [...types],
    forType: (type: string) => new Map([...COMMON, ...(BY_TYPE[type] ?? [])].map((d) => [d.code, d])),
  } as unknown as Registry;
}

const clone = <T>(v: T): T => structuredClone(v);

export class FakeRepository implements FhirRepository {
  private readonly log = new Map<string, Version[]>(); // per tenant, in write order
  private readonly registry = fakeRegistry();
  private clock = 0;

  private versions(ctx: RequestContext): Version[] {
    let l = this.log.get(ctx.tenant);
    if (!l) this.log.set(ctx.tenant, (l = []));
    return l;
  }

  private chain(ctx: RequestContext, type: string, id: string): Version[] {
    return this.versions(ctx).filter((v) => v.resourceType === type && v.id === id);
  }

  private write(ctx: RequestContext, resource: Resource, method: Version['method'], deleted = false): Resource {
    const prev = this.chain(ctx, resource.resourceType, resource.id!);
    this.clock = Math.max(Date.now(), this.clock + 1);
    const versionId = String(prev.length + 1);
    const lastUpdated = new Date(this.clock).toISOString();
    const stored = { ...clone(resource), meta: { ...resource.meta, versionId, lastUpdated } };
    this.versions(ctx).push({ resourceType: stored.resourceType, id: stored.id!, versionId, lastUpdated, method, deleted, ...(deleted ? {} : { resource: stored }) });
    return clone(stored);
  }

  private current(ctx: RequestContext, type: string, id: string): Version | undefined {
    return this.chain(ctx, type, id).at(-1);
  }

  async create(ctx: RequestContext, resource: Resource): Promise<WriteResult> {
    return { resource: this.write(ctx, { ...resource, id: randomUUID() }, 'POST'), created: true };
  }

  async read(ctx: RequestContext, type: string, id: string): Promise<Resource> {
    const cur = this.current(ctx, type, id);
    if (!cur) throw notFound(`${type}/${id} not found`);
    if (cur.deleted) throw gone(`${type}/${id} was deleted`);
    return clone(cur.resource!);
  }

  async vread(ctx: RequestContext, type: string, id: string, versionId: string): Promise<Resource> {
    const v = this.chain(ctx, type, id).find((x) => x.versionId === versionId);
    if (!v) throw notFound(`${type}/${id}/_history/${versionId} not found`);
    if (v.deleted) throw gone(`${type}/${id}/_history/${versionId} is a deletion`);
    return clone(v.resource!);
  }

  async update(ctx: RequestContext, resource: Resource, opts?: { ifMatch?: string }): Promise<WriteResult> {
    const cur = this.current(ctx, resource.resourceType, resource.id!);
    const live = cur && !cur.deleted;
    if (opts?.ifMatch !== undefined && (!live || cur.versionId !== opts.ifMatch)) {
      throw preconditionFailed(`Version mismatch: expected ${opts.ifMatch}, current ${cur?.versionId ?? 'none'}`);
    }
    return { resource: this.write(ctx, resource, live ? 'PUT' : 'POST'), created: !live };
  }

  async patch(ctx: RequestContext, type: string, id: string, ops: JsonPatchOp[], opts?: { ifMatch?: string }): Promise<WriteResult> {
    const cur = await this.read(ctx, type, id);
    if (opts?.ifMatch !== undefined && cur.meta?.versionId !== opts.ifMatch) throw preconditionFailed('Version mismatch');
    let next: Resource;
    try {
      next = jsonpatch.applyPatch(cur, ops as jsonpatch.Operation[], true, false).newDocument;
    } catch (err) {
      throw unprocessable(`Patch failed: ${(err as Error).message}`);
    }
    if (next.resourceType !== type || next.id !== id) throw unprocessable('Patch must not change resourceType or id');
    return { resource: this.write(ctx, next, 'PUT'), created: false };
  }

  async delete(ctx: RequestContext, type: string, id: string): Promise<WriteResult | null> {
    const chain = this.chain(ctx, type, id);
    const lastLive = chain.filter((v) => !v.deleted).at(-1);
    if (!lastLive) return null;
    if (chain.at(-1)!.deleted) return { resource: clone(lastLive.resource!), created: false, unchanged: true };
    this.write(ctx, { resourceType: type, id }, 'DELETE', true);
    return { resource: clone(lastLive.resource!), created: false };
  }

  async history(ctx: RequestContext, q: HistoryQuery): Promise<HistoryPage> {
    if (q.id && !this.chain(ctx, q.type!, q.id).length) throw notFound(`${q.type}/${q.id} not found`);
    let all = this.versions(ctx).filter((v) => (!q.type || v.resourceType === q.type) && (!q.id || v.id === q.id));
    if (q.since) all = all.filter((v) => v.lastUpdated >= new Date(q.since!).toISOString());
    all = all.reverse();
    const start = q.cursor ? Number(q.cursor) : 0;
    const count = q.count ?? 50;
    const entries = all.slice(start, start + count).map(({ deleted: _d, ...e }) => clone(e));
    return { entries, total: all.length, nextCursor: start + count < all.length ? String(start + count) : undefined };
  }

  async search(ctx: RequestContext, input: SearchInput): Promise<SearchResult> {
    const issues: OperationOutcomeIssue[] = [];
    const get = (n: string) => input.params.find(([k]) => k === n)?.[1];
    const live = new Map<string, Resource>();
    for (const v of this.versions(ctx)) {
      const key = `${v.resourceType}/${v.id}`;
      if (v.deleted) live.delete(key);
      else live.set(key, v.resource!);
    }
    let matches = [...live.values()].filter((r) => !input.types?.length || input.types.includes(r.resourceType));
    for (const [name, value] of input.params) {
      if (CONTROL.has(name)) continue;
      if (name === '_id') matches = matches.filter((r) => value.split(',').includes(r.id!));
      else if (name === 'name') matches = matches.filter((r) => JSON.stringify(r.name ?? '').toLowerCase().includes(value.toLowerCase()));
      else if (name === 'subject' || name === 'patient') matches = matches.filter((r) => refOf(r) === value);
      else if (input.strict) throw badRequest(`Unknown search parameter ${name}`);
      else issues.push({ severity: 'warning', code: 'not-supported', diagnostics: `Unknown search parameter ${name} ignored` });
    }
    if (input.compartment) {
      const ref = `${input.compartment.type}/${input.compartment.id}`;
      matches = matches.filter((r) => `${r.resourceType}/${r.id}` === ref || refOf(r) === ref);
    }
    const count = Number(get('_count') ?? 50);
    const offset = Number(get('_offset') ?? 0);
    const page = matches.slice(offset, offset + count);
    const included = get('_include') ? page.map(refOf).filter((r): r is string => !!r).map((r) => live.get(r)).filter((r): r is Resource => !!r) : [];
    const rest = input.params.filter(([n]) => n !== '_offset');
    const q = (o: number) => encodePairs(o ? [...rest, ['_offset', String(o)]] : rest);
    return {
      matches: page.map(clone),
      included: [...new Set(included)].map(clone),
      total: matches.length,
      selfQuery: q(offset),
      nextQuery: offset + count < matches.length ? q(offset + count) : undefined,
      previousQuery: offset > 0 ? q(Math.max(0, offset - count)) : undefined,
      issues,
      summary: get('_summary') as SearchResult['summary'],
      elements: get('_elements')?.split(','),
    };
  }

  async validate(): Promise<OperationOutcomeIssue[]> {
    return [];
  }
  async conditionalCreate(): Promise<WriteResult> {
    throw new FhirError(501, 'not-supported', 'not in the fake');
  }
  async conditionalUpdate(): Promise<WriteResult> {
    throw new FhirError(501, 'not-supported', 'not in the fake');
  }
  async conditionalPatch(): Promise<WriteResult> {
    throw new FhirError(501, 'not-supported', 'not in the fake');
  }
  async conditionalDelete(): Promise<WriteResult[]> {
    throw new FhirError(501, 'not-supported', 'not in the fake');
  }

  async searchParams(): Promise<Registry> {
    return this.registry;
  }
}

function refOf(r: Resource): string | undefined {
  const ref = (r.subject ?? r.patient) as { reference?: string } | undefined;
  return ref?.reference;
}
