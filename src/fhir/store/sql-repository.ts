import { randomUUID } from 'node:crypto';
import jsonpatch from 'fast-json-patch';
import type { Db } from './db.js';
import type { Resource } from '../types.js';
import type {
  FhirRepository, HistoryPage, HistoryQuery, JsonPatchOp, RequestContext, SearchInput, SearchResult, WriteResult,
} from './repository.js';
import { FhirError, badRequest, gone, notFound, preconditionFailed, unprocessable } from '../errors.js';
import { extractIndex } from '../indexing/extract.js';
import { SearchParamRegistry, validateSearchParameter } from '../definitions/search-params.js';
import { deleteIndexRows, indexRows, writeIndexRows } from './index-rows.js';
import { TenantParams } from './tenant-params.js';
import type { ChangeEvent, EventBus } from '../events/bus.js';
import { readHistory } from './history.js';
import { executeSearch } from '../search/execute.js';
import { assertResourceShape } from './resource-checks.js';

interface CurrentRow {
  rid: number;
  version: number;
  deleted: number;
  content: string | null;
  last_updated: number;
}

/** FHIR semantics (versions, history, indexes, events) over the SQL port; identical on both databases. */
export class SqlRepository implements FhirRepository {
  readonly params: TenantParams;

  constructor(
    readonly db: Db,
    private readonly bus: EventBus,
  ) {
    this.params = new TenantParams(db);
    bus.subscribe((e) => {
      if (e.type === 'SearchParameter') this.params.invalidate(e.tenant);
    });
  }

  searchParams(ctx: RequestContext): Promise<SearchParamRegistry> {
    return this.params.get(ctx.tenant);
  }

  async create(ctx: RequestContext, resource: Resource): Promise<WriteResult> {
    const registry = await this.prepare(ctx, resource);
    const r = { ...resource, id: randomUUID() };
    const result = await this.db.tx((t) => this.insertNew(t, ctx, r, 1, registry));
    await this.committed(ctx, result, 'create');
    return result;
  }

  async read(ctx: RequestContext, type: string, id: string): Promise<Resource> {
    this.assertType(type);
    const row = await this.db.get<CurrentRow>(
      'SELECT rid, version, deleted, content, last_updated FROM resources WHERE tenant = ? AND type = ? AND id = ?',
      [ctx.tenant, type, id],
    );
    if (!row) throw notFound(`${type}/${id} is not known`);
    if (row.deleted) throw gone(`${type}/${id} was deleted (version ${row.version})`);
    return JSON.parse(row.content as string) as Resource;
  }

  async vread(ctx: RequestContext, type: string, id: string, versionId: string): Promise<Resource> {
    this.assertType(type);
    if (!/^[1-9][0-9]{0,9}$/.test(versionId)) throw notFound(`${type}/${id}/_history/${versionId} is not known`);
    const row = await this.db.get<{ deleted: number; content: string | null }>(
      `SELECT h.deleted, h.content FROM resource_history h JOIN resources r ON r.rid = h.rid
       WHERE r.tenant = ? AND r.type = ? AND r.id = ? AND h.version = ?`,
      [ctx.tenant, type, id, Number(versionId)],
    );
    if (!row) throw notFound(`${type}/${id}/_history/${versionId} is not known`);
    if (row.deleted) throw gone(`${type}/${id} version ${versionId} is a deletion`);
    return JSON.parse(row.content as string) as Resource;
  }

  async update(ctx: RequestContext, resource: Resource, opts: { ifMatch?: string } = {}): Promise<WriteResult> {
    const registry = await this.prepare(ctx, resource);
    if (!resource.id) throw badRequest('An update needs the resource id in the body', ['id']);
    const attempt = () =>
      this.db.tx(async (t) => {
        const cur = await this.current(t, ctx, resource.resourceType, resource.id as string);
        if (opts.ifMatch !== undefined) checkVersion(cur, opts.ifMatch, resource);
        if (!cur) return this.insertNew(t, ctx, resource, 1, registry);
        return this.writeVersion(t, ctx, cur, resource, registry, !!cur.deleted);
      });
    // A concurrent update-as-create of the same id may win the insert; the retry then updates it.
    const result = await attempt().catch((e) => (e instanceof CreateRace ? attempt() : Promise.reject(e)));
    await this.committed(ctx, result, result.created ? 'create' : 'update');
    return result;
  }

  async patch(ctx: RequestContext, type: string, id: string, ops: JsonPatchOp[], opts: { ifMatch?: string } = {}): Promise<WriteResult> {
    this.assertType(type);
    if (!Array.isArray(ops) || !ops.length) throw badRequest('A JSON Patch body must be a non-empty array of operations');
    const registry = await this.params.get(ctx.tenant);
    const result = await this.db.tx(async (t) => {
      const cur = await this.current(t, ctx, type, id);
      if (!cur) throw notFound(`${type}/${id} is not known`);
      if (cur.deleted) throw gone(`${type}/${id} was deleted`);
      if (opts.ifMatch !== undefined) checkVersion(cur, opts.ifMatch, { resourceType: type, id });
      const before = JSON.parse(cur.content as string) as Resource;
      let after: Resource;
      try {
        const err = jsonpatch.validate(ops as jsonpatch.Operation[], before);
        if (err) throw err;
        after = jsonpatch.applyPatch(before, ops as jsonpatch.Operation[], false, false).newDocument as Resource;
      } catch (e) {
        if (e instanceof FhirError) throw e;
        throw unprocessable(`JSON Patch could not be applied: ${(e as Error).message.split('\n')[0]}`);
      }
      if (!after || typeof after !== 'object' || after.resourceType !== type || after.id !== id) {
        throw unprocessable('A patch may not change resourceType or id');
      }
      const checked = this.prepareSync(registry, after);
      return this.writeVersion(t, ctx, cur, checked, registry, false);
    });
    await this.committed(ctx, result, 'update');
    return result;
  }

  async delete(ctx: RequestContext, type: string, id: string): Promise<WriteResult | null> {
    this.assertType(type);
    const result = await this.db.tx(async (t) => {
      const cur = await this.current(t, ctx, type, id);
      if (!cur) return null;
      const last = cur.content ? (JSON.parse(cur.content) as Resource) : { resourceType: type, id };
      if (cur.deleted) return { resource: last, created: false, unchanged: true };
      const version = cur.version + 1;
      const now = this.now(cur.last_updated);
      await t.run('UPDATE resources SET version = ?, last_updated = ?, deleted = 1, content = NULL WHERE rid = ?', [version, now, cur.rid]);
      await t.run(
        'INSERT INTO resource_history (rid, tenant, type, id, version, last_updated, deleted, content) VALUES (?, ?, ?, ?, ?, ?, 1, NULL)',
        [cur.rid, ctx.tenant, type, id, version, now],
      );
      await deleteIndexRows(t, [cur.rid]);
      const resource = { ...last, meta: { ...(last.meta ?? {}), versionId: String(version), lastUpdated: new Date(now).toISOString() } };
      return { resource, created: false };
    });
    if (result && !result.unchanged) await this.committed(ctx, result, 'delete');
    return result;
  }

  history(ctx: RequestContext, q: HistoryQuery): Promise<HistoryPage> {
    if (q.type) this.assertType(q.type);
    return readHistory(this.db, ctx.tenant, q);
  }

  async search(ctx: RequestContext, input: SearchInput): Promise<SearchResult> {
    for (const t of input.types ?? []) this.assertType(t);
    const registry = await this.params.get(ctx.tenant);
    return executeSearch(this.db, registry, ctx.tenant, input);
  }

  /** Re-extract the index rows of every live resource of the given types (after a SearchParameter change). */
  async reindex(ctx: RequestContext, types: readonly string[], batch = 500): Promise<number> {
    const registry = await this.params.get(ctx.tenant);
    let n = 0;
    for (const type of types) {
      let after = 0;
      for (;;) {
        const rows = await this.db.all<{ rid: number; content: string }>(
          'SELECT rid, content FROM resources WHERE tenant = ? AND type = ? AND deleted = 0 AND rid > ? ORDER BY rid LIMIT ?',
          [ctx.tenant, type, after, batch],
        );
        if (!rows.length) break;
        await this.db.tx(async (t) => {
          await deleteIndexRows(t, rows.map((r) => r.rid));
          const out = new Map();
          for (const r of rows) indexRows(ctx.tenant, type, r.rid, extractIndex(JSON.parse(r.content) as Resource, registry), out);
          await writeIndexRows(t, out);
        });
        n += rows.length;
        after = rows[rows.length - 1].rid;
      }
    }
    return n;
  }

  // ---- internals ----

  private assertType(type: string): void {
    if (!this.knownType(type)) throw new FhirError(404, 'not-supported', `Resource type "${type}" is not supported`);
  }

  private knownType(type: string): boolean {
    return typeof type === 'string' && BASE_TYPES().has(type);
  }

  private async prepare(ctx: RequestContext, resource: Resource): Promise<SearchParamRegistry> {
    const registry = await this.params.get(ctx.tenant);
    this.prepareSync(registry, resource);
    return registry;
  }

  private prepareSync(registry: SearchParamRegistry, resource: Resource): Resource {
    assertResourceShape(resource);
    this.assertType(resource.resourceType);
    if (resource.resourceType === 'SearchParameter') {
      const errors = validateSearchParameter(resource, registry);
      if (errors.length) throw unprocessable(`Invalid SearchParameter: ${errors.join('; ')}`);
    }
    return resource;
  }

  private current(t: Db, ctx: RequestContext, type: string, id: string): Promise<CurrentRow | undefined> {
    const lock = t.dialect === 'postgres' ? ' FOR UPDATE' : '';
    return t.get<CurrentRow>(
      `SELECT rid, version, deleted, content, last_updated FROM resources WHERE tenant = ? AND type = ? AND id = ?${lock}`,
      [ctx.tenant, type, id],
    );
  }

  /** Strictly increasing per resource, so history order and _since stay meaningful. */
  private now(previous = 0): number {
    const n = Date.now();
    return n > previous ? n : previous + 1;
  }

  private stamp(resource: Resource, version: number, now: number): Resource {
    const meta = { ...(resource.meta ?? {}) };
    delete meta.versionId;
    delete meta.lastUpdated;
    return { ...resource, meta: { versionId: String(version), lastUpdated: new Date(now).toISOString(), ...meta } };
  }

  private async insertNew(t: Db, ctx: RequestContext, resource: Resource, version: number, registry: SearchParamRegistry): Promise<WriteResult> {
    const now = this.now();
    const stored = this.stamp(resource, version, now);
    const json = JSON.stringify(stored);
    const row = await t.get<{ rid: number }>(
      `INSERT INTO resources (tenant, type, id, version, last_updated, deleted, content) VALUES (?, ?, ?, ?, ?, 0, ?)
       ON CONFLICT (tenant, type, id) DO NOTHING RETURNING rid`,
      [ctx.tenant, stored.resourceType, stored.id as string, version, now, json],
    );
    // Lost a race with a concurrent update-as-create of the same id.
    if (!row) throw new CreateRace(`${stored.resourceType}/${stored.id} was created concurrently; retry`);
    await t.run(
      'INSERT INTO resource_history (rid, tenant, type, id, version, last_updated, deleted, content) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
      [row.rid, ctx.tenant, stored.resourceType, stored.id as string, version, now, json],
    );
    await writeIndexRows(t, indexRows(ctx.tenant, stored.resourceType, row.rid, extractIndex(stored, registry)));
    return { resource: stored, created: true };
  }

  private async writeVersion(t: Db, ctx: RequestContext, cur: CurrentRow, resource: Resource, registry: SearchParamRegistry, created: boolean): Promise<WriteResult> {
    const version = cur.version + 1;
    const now = this.now(cur.last_updated);
    const stored = this.stamp(resource, version, now);
    const json = JSON.stringify(stored);
    await t.run('UPDATE resources SET version = ?, last_updated = ?, deleted = 0, content = ? WHERE rid = ?', [version, now, json, cur.rid]);
    await t.run(
      'INSERT INTO resource_history (rid, tenant, type, id, version, last_updated, deleted, content) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
      [cur.rid, ctx.tenant, stored.resourceType, stored.id as string, version, now, json],
    );
    await deleteIndexRows(t, [cur.rid]);
    await writeIndexRows(t, indexRows(ctx.tenant, stored.resourceType, cur.rid, extractIndex(stored, registry)));
    return { resource: stored, created };
  }

  private async committed(ctx: RequestContext, r: WriteResult, action: ChangeEvent['action']): Promise<void> {
    const res = r.resource;
    if (res.resourceType === 'SearchParameter') {
      this.params.invalidate(ctx.tenant);
      const base = (res as { base?: string[] }).base ?? [];
      await this.reindex(ctx, base.filter((b) => this.knownType(b)));
    }
    await this.bus.publish([
      {
        tenant: ctx.tenant,
        type: res.resourceType,
        id: res.id as string,
        versionId: res.meta?.versionId as string,
        lastUpdated: res.meta?.lastUpdated as string,
        action,
      },
    ]);
  }
}

let baseTypes: Set<string> | undefined;
const BASE_TYPES = () => (baseTypes ??= new Set(SearchParamRegistry.base().resourceTypes()));

class CreateRace extends FhirError {
  constructor(msg: string) {
    super(409, 'conflict', msg);
  }
}

function checkVersion(cur: CurrentRow | undefined, ifMatch: string, r: Pick<Resource, 'resourceType' | 'id'>): void {
  if (!cur || cur.deleted) throw preconditionFailed(`If-Match: ${r.resourceType}/${r.id} has no current version`);
  if (String(cur.version) !== ifMatch) {
    throw preconditionFailed(`If-Match: version ${ifMatch} is not the current version (${cur.version}) of ${r.resourceType}/${r.id}`);
  }
}
