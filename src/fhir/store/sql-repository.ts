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
import { deleteIndexRows, indexRows, tableRows, writeIndexRows, type RowsByTable } from './index-rows.js';
import { TenantParams } from './tenant-params.js';
import type { ChangeEvent, EventBus } from '../events/bus.js';
import { readHistory } from './history.js';
import { executeSearch } from '../search/execute.js';
import { assertResourceShape } from './resource-checks.js';
import { CONTENT_JOIN } from './content.js';
import { TenantProfiles } from './tenant-profiles.js';
import { validateResource } from '../validation/validate.js';
import type { OperationOutcomeIssue } from '../types.js';
import { assertAllowed, forbidden, visibilitySql, visibleRids, type Interaction } from './access.js';
import { openResource, sealResource, type ContentCodec } from './content-codec.js';

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
  readonly profiles: TenantProfiles;

  /**
   * A repository bound to an open transaction defers its change events (and SearchParameter
   * reindexing) to `deferred`, which the outer repository publishes after COMMIT.
   */
  constructor(
    readonly db: Db,
    private readonly bus: EventBus,
    params?: TenantParams,
    profiles?: TenantProfiles,
    private readonly deferred?: { ctx: RequestContext; result: WriteResult; action: ChangeEvent['action'] }[],
    /** encryption of configured fields at rest */
    readonly codec?: ContentCodec,
  ) {
    this.params = params ?? new TenantParams(db);
    this.profiles = profiles ?? new TenantProfiles(db);
    if (!params) {
      bus.subscribe((e) => {
        if (e.type === 'SearchParameter') this.params.invalidate(e.tenant);
        if (e.type === 'StructureDefinition') this.profiles.invalidate(e.tenant);
      });
    }
  }

  /** Run fn with a repository whose every read and write is inside one database transaction. */
  async inTransaction<T>(fn: (repo: SqlRepository) => Promise<T>): Promise<T> {
    if (this.deferred) return fn(this);
    const deferred: NonNullable<SqlRepository['deferred']> = [];
    const result = await withRetry(() => {
      deferred.length = 0;
      return this.db.tx((t) => fn(new SqlRepository(t, this.bus, this.params, this.profiles, deferred, this.codec)));
    });
    for (const d of deferred) await this.committed(d.ctx, d.result, d.action);
    return result;
  }

  /**
   * Serialise conditional writes on the same criteria across transactions and API nodes, so two
   * concurrent conditional creates cannot both miss and both insert. SQLite has one writer anyway.
   */
  async lockCriteria(ctx: RequestContext, keys: readonly string[]): Promise<void> {
    if (this.db.dialect !== 'postgres') return;
    for (const k of [...new Set(keys)].sort()) {
      await this.db.get('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`${ctx.tenant}|${k}`]);
    }
  }

  /** Resources matching conditional criteria (`identifier=x&…`), inside this repository's transaction. */
  async matchCriteria(ctx: RequestContext, type: string, criteria: string, limit = 2): Promise<Resource[]> {
    const params = criteriaParams(criteria);
    const r = await this.search(ctx, { types: [type], params: [...params, ['_count', String(limit)]], strict: true });
    return r.matches;
  }

  async conditionalCreate(ctx: RequestContext, resource: Resource, criteria: string): Promise<WriteResult> {
    assertAllowed(ctx.access, resource?.resourceType, 'create');
    const registry = await this.prepare(ctx, resource);
    return this.inTransaction(async (tx) => {
      await tx.lockCriteria(ctx, [`${resource.resourceType}?${criteria}`]);
      const found = await tx.matchCriteria(ctx, resource.resourceType, criteria);
      if (found.length > 1) throw preconditionFailed(`If-None-Exist: ${resource.resourceType}?${criteria} matches more than one resource`);
      if (found.length === 1) return { resource: found[0], created: false, unchanged: true };
      const r = { ...resource, id: randomUUID() };
      const result = await tx.insertNew(tx.db, ctx, r, 1, registry);
      tx.deferCommitted(ctx, result, 'create');
      return result;
    });
  }

  async conditionalUpdate(ctx: RequestContext, type: string, criteria: string, resource: Resource, opts: { ifMatch?: string } = {}): Promise<WriteResult> {
    this.assertType(type);
    if (resource.resourceType !== type) throw badRequest(`resourceType ${resource.resourceType} does not match ${type}`);
    return this.inTransaction(async (tx) => {
      await tx.lockCriteria(ctx, [`${type}?${criteria}`]);
      const found = await tx.matchCriteria(ctx, type, criteria);
      if (found.length > 1) throw preconditionFailed(`${type}?${criteria} matches more than one resource`);
      if (found.length === 1) {
        if (resource.id !== undefined && resource.id !== found[0].id) {
          throw badRequest(`The resource id ${resource.id} does not match the resource the criteria found (${found[0].id})`, ['id']);
        }
        return tx.update(ctx, { ...resource, id: found[0].id }, opts);
      }
      return resource.id !== undefined ? tx.update(ctx, resource, opts) : tx.create(ctx, resource);
    });
  }

  async conditionalPatch(ctx: RequestContext, type: string, criteria: string, ops: JsonPatchOp[], opts: { ifMatch?: string } = {}): Promise<WriteResult> {
    this.assertType(type);
    return this.inTransaction(async (tx) => {
      const found = await tx.matchCriteria(ctx, type, criteria);
      if (found.length === 0) throw notFound(`${type}?${criteria} matches no resource`);
      if (found.length > 1) throw preconditionFailed(`${type}?${criteria} matches more than one resource`);
      return tx.patch(ctx, type, found[0].id as string, ops, opts);
    });
  }

  /** Delete every match (up to `max`); more matches than that is a 412 and deletes nothing. */
  async conditionalDelete(ctx: RequestContext, type: string, criteria: string, max = 100): Promise<WriteResult[]> {
    this.assertType(type);
    return this.inTransaction(async (tx) => {
      const found = await tx.matchCriteria(ctx, type, criteria, max + 1);
      if (found.length > max) throw preconditionFailed(`${type}?${criteria} matches more than ${max} resources; refine the criteria`);
      const out: WriteResult[] = [];
      for (const r of found) {
        const d = await tx.delete(ctx, type, r.id as string);
        if (d) out.push(d);
      }
      return out;
    });
  }

  searchParams(ctx: RequestContext): Promise<SearchParamRegistry> {
    return this.params.get(ctx.tenant);
  }

  create(ctx: RequestContext, resource: Resource): Promise<WriteResult> {
    return this.createWithId(ctx, { ...resource, id: randomUUID() });
  }

  /** create with an id the caller assigned (transactions assign ids before writing, to rewrite references) */
  async createWithId(ctx: RequestContext, resource: Resource): Promise<WriteResult> {
    assertAllowed(ctx.access, resource?.resourceType, 'create');
    const registry = await this.prepare(ctx, resource);
    const result = await this.db.tx((t) => this.insertNew(t, ctx, resource, 1, registry));
    await this.committed(ctx, result, 'create');
    return result;
  }

  async read(ctx: RequestContext, type: string, id: string): Promise<Resource> {
    this.assertType(type);
    assertAllowed(ctx.access, type, 'read');
    const vis = visibilitySql(ctx.access, ctx.tenant, 'r', [type], true);
    const row = await this.db.get<CurrentRow>(
      `SELECT r.rid, r.version, r.deleted, h.content, r.last_updated FROM resources r ${CONTENT_JOIN} WHERE r.tenant = ? AND r.type = ? AND r.id = ?${vis ? ` AND ${vis.sql}` : ''}`,
      [ctx.tenant, type, id, ...(vis?.params ?? [])],
    );
    // outside the caller's patients reads as unknown: existence is not disclosed
    if (!row) throw notFound(`${type}/${id} is not known`);
    if (row.deleted) throw gone(`${type}/${id} was deleted (version ${row.version})`);
    const resource = openResource(this.codec, JSON.parse(row.content as string) as Resource);
    ctx.observer?.read({ interaction: 'read', type, id, resources: [resource] });
    return resource;
  }

  async vread(ctx: RequestContext, type: string, id: string, versionId: string): Promise<Resource> {
    this.assertType(type);
    assertAllowed(ctx.access, type, 'vread');
    if (!/^[1-9][0-9]{0,9}$/.test(versionId)) throw notFound(`${type}/${id}/_history/${versionId} is not known`);
    const vis = visibilitySql(ctx.access, ctx.tenant, 'r', [type], true);
    const row = await this.db.get<{ deleted: number; content: string | null }>(
      `SELECT h.deleted, h.content FROM resource_history h JOIN resources r ON r.rid = h.rid
       WHERE r.tenant = ? AND r.type = ? AND r.id = ? AND h.version = ?${vis ? ` AND ${vis.sql}` : ''}`,
      [ctx.tenant, type, id, Number(versionId), ...(vis?.params ?? [])],
    );
    if (!row) throw notFound(`${type}/${id}/_history/${versionId} is not known`);
    if (row.deleted) throw gone(`${type}/${id} version ${versionId} is a deletion`);
    const resource = openResource(this.codec, JSON.parse(row.content as string) as Resource);
    ctx.observer?.read({ interaction: 'vread', type, id, resources: [resource] });
    return resource;
  }

  async update(ctx: RequestContext, resource: Resource, opts: { ifMatch?: string } = {}): Promise<WriteResult> {
    assertAllowed(ctx.access, resource?.resourceType, 'update');
    const registry = await this.prepare(ctx, resource);
    if (!resource.id) throw badRequest('An update needs the resource id in the body', ['id']);
    const attempt = () =>
      this.db.tx(async (t) => {
        const cur = await this.current(t, ctx, resource.resourceType, resource.id as string);
        if (opts.ifMatch !== undefined) checkVersion(cur, opts.ifMatch, resource);
        if (!cur) {
          assertAllowed(ctx.access, resource.resourceType, 'create');
          return this.insertNew(t, ctx, resource, 1, registry);
        }
        return this.writeVersion(t, ctx, cur, resource, registry, !!cur.deleted);
      });
    // A concurrent update-as-create of the same id may win the insert; the retry then updates it.
    const result = await attempt().catch((e) => (e instanceof CreateRace ? attempt() : Promise.reject(e)));
    if (!result.unchanged) await this.committed(ctx, result, result.created ? 'create' : 'update');
    return result;
  }

  async patch(ctx: RequestContext, type: string, id: string, ops: JsonPatchOp[], opts: { ifMatch?: string } = {}): Promise<WriteResult> {
    this.assertType(type);
    assertAllowed(ctx.access, type, 'patch');
    if (!Array.isArray(ops) || !ops.length) throw badRequest('A JSON Patch body must be a non-empty array of operations');
    const registry = await this.params.get(ctx.tenant);
    const result = await this.db.tx(async (t) => {
      const cur = await this.current(t, ctx, type, id);
      if (!cur) throw notFound(`${type}/${id} is not known`);
      if (cur.deleted) throw gone(`${type}/${id} was deleted`);
      if (opts.ifMatch !== undefined) checkVersion(cur, opts.ifMatch, { resourceType: type, id });
      const before = openResource(this.codec, JSON.parse(cur.content as string) as Resource);
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
      await this.assertValid(ctx, checked);
      return this.writeVersion(t, ctx, cur, checked, registry, false);
    });
    if (!result.unchanged) await this.committed(ctx, result, 'update');
    return result;
  }

  async delete(ctx: RequestContext, type: string, id: string): Promise<WriteResult | null> {
    this.assertType(type);
    assertAllowed(ctx.access, type, 'delete');
    const result = await this.db.tx(async (t) => {
      const cur = await this.current(t, ctx, type, id);
      if (!cur) return null;
      const last = cur.content ? openResource(this.codec, JSON.parse(cur.content) as Resource) : { resourceType: type, id };
      // deletion marker: the history row of the new version has no content
      if (cur.deleted) return { resource: last, created: false, unchanged: true };
      const version = cur.version + 1;
      const now = this.now(cur.last_updated);
      await t.run('UPDATE resources SET version = ?, last_updated = ?, deleted = 1 WHERE rid = ?', [version, now, cur.rid]);
      await t.run(
        'INSERT INTO resource_history (rid, tenant, type, id, version, last_updated, deleted, content) VALUES (?, ?, ?, ?, ?, ?, 1, NULL)',
        [cur.rid, ctx.tenant, type, id, version, now],
      );
      await deleteIndexRows(t, [cur.rid]);
      const resource = { ...last, meta: { ...(last.meta ?? {}), versionId: String(version), lastUpdated: new Date(now).toISOString() } };
      await ctx.observer?.written(t, { action: 'delete', resource });
      return { resource, created: false };
    });
    if (result && !result.unchanged) await this.committed(ctx, result, 'delete');
    return result;
  }

  async history(ctx: RequestContext, q: HistoryQuery): Promise<HistoryPage> {
    if (q.type) this.assertType(q.type);
    const access = ctx.access;
    let restrict: { sql: string; params: (string | number)[] } | undefined;
    if (access) {
      if (q.type) assertAllowed(access, q.type, 'history');
      const types = q.type ? [q.type] : this.permitted(ctx, 'history');
      const vis = visibilitySql(access, ctx.tenant, 'r', types, true);
      if (q.type && q.id) {
        // an instance's history: the resource as it is now must be visible
        if (vis && !(await this.db.get(`SELECT 1 AS ok FROM resources r WHERE r.tenant = ? AND r.type = ? AND r.id = ? AND ${vis.sql}`, [ctx.tenant, q.type, q.id, ...vis.params]))) {
          throw notFound(`${q.type}/${q.id} is not known`);
        }
      } else {
        const parts: string[] = [];
        const params: (string | number)[] = [];
        if (!q.type) {
          parts.push(`h.type IN (${types.map(() => '?').join(',')})`);
          params.push(...types);
        }
        if (vis) {
          parts.push(`EXISTS (SELECT 1 FROM resources r WHERE r.rid = h.rid AND ${vis.sql})`);
          params.push(...(vis.params as (string | number)[]));
        }
        if (parts.length) restrict = { sql: parts.join(' AND '), params };
      }
    }
    const page = await readHistory(this.db, ctx.tenant, q, restrict);
    if (this.codec) for (const e of page.entries) if (e.resource) e.resource = openResource(this.codec, e.resource);
    ctx.observer?.read({ interaction: 'history', type: q.type, id: q.id, resources: page.entries.flatMap((e) => (e.resource ? [e.resource] : [])) });
    return page;
  }

  async search(ctx: RequestContext, input: SearchInput): Promise<SearchResult> {
    for (const t of input.types ?? []) this.assertType(t);
    const access = ctx.access;
    if (access) {
      if (input.types?.length) for (const t of input.types) assertAllowed(access, t, 'search');
      else input = { ...input, types: this.permitted(ctx, 'search') };
    }
    const registry = await this.params.get(ctx.tenant);
    const result = await executeSearch(this.db, registry, ctx.tenant, input, access, this.codec);
    ctx.observer?.read({ interaction: 'search', type: input.types?.length === 1 ? input.types[0] : undefined, params: input.params, resources: [...result.matches, ...result.included] });
    return result;
  }

  /** the resource types the caller may do `interaction` on (403 when none) */
  private permitted(ctx: RequestContext, interaction: Interaction): string[] {
    const types = BASE_TYPES_LIST().filter((t) => ctx.access?.allows(t, interaction) ?? true);
    if (!types.length) throw forbidden(`Not permitted: ${interaction} on any resource type`);
    return types;
  }

  /** Re-extract the index rows of every live resource of the given types (after a SearchParameter change). */
  async reindex(ctx: RequestContext, types: readonly string[], batch = 500): Promise<number> {
    const registry = await this.params.get(ctx.tenant);
    let n = 0;
    for (const type of types) {
      let after = 0;
      for (;;) {
        const rows = await this.db.all<{ rid: number; content: string }>(
          `SELECT r.rid, h.content FROM resources r ${CONTENT_JOIN} WHERE r.tenant = ? AND r.type = ? AND r.deleted = 0 AND r.rid > ? ORDER BY r.rid LIMIT ?`,
          [ctx.tenant, type, after, batch],
        );
        if (!rows.length) break;
        await this.db.tx(async (t) => {
          await deleteIndexRows(t, rows.map((r) => r.rid));
          const out = new Map();
          for (const r of rows) indexRows(ctx.tenant, type, r.rid, extractIndex(JSON.parse(r.content) as Resource, registry), out); // sealed content indexes as stored
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
    await this.assertValid(ctx, resource);
    return registry;
  }

  /**
   * $validate: the issues of a resource against the R4 base definitions and the constraint profiles
   * this tenant has loaded (named in meta.profile, or given). Unknown profiles are a warning.
   */
  async validate(ctx: RequestContext, resource: unknown, profileUrls: readonly string[] = []): Promise<OperationOutcomeIssue[]> {
    const declared = (resource as Resource | null)?.meta?.profile;
    const urls = [...new Set([...(Array.isArray(declared) ? declared.filter((u): u is string => typeof u === 'string') : []), ...profileUrls])];
    const { found, missing } = await this.profiles.resolve(ctx.tenant, urls);
    const issues = validateResource(resource, { profiles: found });
    for (const u of missing) issues.push({ severity: 'warning', code: 'not-found', diagnostics: `Profile ${u} is not loaded on this server; not checked` });
    return issues;
  }

  private async assertValid(ctx: RequestContext, resource: Resource): Promise<void> {
    const issues = (await this.validate(ctx, resource)).filter((i) => i.severity === 'error' || i.severity === 'fatal');
    if (!issues.length) return;
    // malformed content (unknown elements, wrong JSON shapes, bad primitive formats) is a 400;
    // violations of rules (cardinality, bindings, invariants, profiles) are 422
    const structural = issues.every((i) => i.code === 'structure' || i.code === 'invalid' || i.code === 'value');
    const first = issues[0];
    throw new FhirError(
      structural ? 400 : 422,
      first.code,
      `${resource.resourceType} failed validation (${issues.length} error${issues.length > 1 ? 's' : ''}): ${first.diagnostics ?? ''}`,
      first.expression,
      issues.slice(1),
    );
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

  private async current(t: Db, ctx: RequestContext, type: string, id: string): Promise<CurrentRow | undefined> {
    const cur = await this.currentRow(t, ctx, type, id);
    if (cur && !cur.deleted && ctx.access?.patients && !(await visibleRids(t, ctx.access, ctx.tenant, [cur.rid], [type])).has(cur.rid)) {
      throw notFound(`${type}/${id} is not known`);
    }
    return cur;
  }

  private async currentRow(t: Db, ctx: RequestContext, type: string, id: string): Promise<CurrentRow | undefined> {
    if (t.dialect === 'postgres') {
      // Lock the resources row alone: FOR UPDATE over a join would re-check the join against the
      // stale history row after waiting, and miss a row that a concurrent writer just updated.
      const row = await t.get<Omit<CurrentRow, 'content'>>(
        'SELECT rid, version, deleted, last_updated FROM resources WHERE tenant = ? AND type = ? AND id = ? FOR UPDATE',
        [ctx.tenant, type, id],
      );
      if (!row) return undefined;
      const h = await t.get<{ content: string | null }>('SELECT content FROM resource_history WHERE rid = ? AND version = ?', [row.rid, row.version]);
      return { ...row, content: h?.content ?? null };
    }
    return t.get<CurrentRow>(
      `SELECT r.rid, r.version, r.deleted, h.content, r.last_updated FROM resources r ${CONTENT_JOIN} WHERE r.tenant = ? AND r.type = ? AND r.id = ?`,
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

  /**
   * Many creates (ids assigned by the caller) and updates in a handful of statements: one lookup of
   * the existing rows per type, multi-row inserts for new resources, their history and index rows.
   * Existing resources go through the one-by-one update path. Used by transactions and imports.
   */
  async writeMany(ctx: RequestContext, resources: Resource[]): Promise<WriteResult[]> {
    const registry = await this.params.get(ctx.tenant);
    for (const [i, r] of resources.entries()) {
      try {
        assertAllowed(ctx.access, r?.resourceType, 'create');
        this.prepareSync(registry, r);
        await this.assertValid(ctx, r);
      } catch (e) {
        // tell the caller which resource failed (transactions name the Bundle entry)
        throw Object.assign(e as Error, { index: i });
      }
    }
    return this.inTransaction((tx) => tx.writeManyInTx(ctx, resources, registry));
  }

  private async writeManyInTx(ctx: RequestContext, resources: Resource[], registry: SearchParamRegistry): Promise<WriteResult[]> {
    const t = this.db;
    {
      const existing = new Map<string, true>();
      const byType = new Map<string, string[]>();
      for (const r of resources) byType.set(r.resourceType, [...(byType.get(r.resourceType) ?? []), r.id as string]);
      for (const [type, ids] of byType) {
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          const rows = await t.all<{ id: string }>(`SELECT id FROM resources WHERE tenant = ? AND type = ? AND id IN (${chunk.map(() => '?').join(',')})`, [ctx.tenant, type, ...chunk]);
          for (const r of rows) existing.set(`${type}/${r.id}`, true);
        }
      }
      const results: WriteResult[] = new Array(resources.length);
      const fresh: number[] = [];
      const created = new Set<number>();
      const seen = new Set<string>();
      for (let i = 0; i < resources.length; i++) {
        const key = `${resources[i].resourceType}/${resources[i].id}`;
        if (existing.has(key) || seen.has(key)) continue;
        seen.add(key);
        fresh.push(i);
      }
      const now = this.now();
      const stored = fresh.map((i) => this.stamp(resources[i], 1, now));
      const rids = new Map<string, number>();
      for (let c = 0; c < stored.length; c += 500) {
        const chunk = stored.slice(c, c + 500);
        const rows = await t.all<{ rid: number; type: string; id: string }>(
          `INSERT INTO resources (tenant, type, id, version, last_updated, deleted) VALUES ${chunk.map(() => '(?, ?, ?, 1, ?, 0)').join(',')}
           ON CONFLICT (tenant, type, id) DO NOTHING RETURNING rid, type, id`,
          chunk.flatMap((r) => [ctx.tenant, r.resourceType, r.id as string, now]),
        );
        for (const r of rows) rids.set(`${r.type}/${r.id}`, Number(r.rid));
      }
      const history: (string | number | null)[][] = [];
      const index = new Map();
      fresh.forEach((i, k) => {
        const r = stored[k];
        const rid = rids.get(`${r.resourceType}/${r.id}`);
        if (rid === undefined) return; // created concurrently: handled below as an update
        const sealed = sealResource(this.codec, r);
        history.push([rid, ctx.tenant, r.resourceType, r.id as string, 1, now, 0, JSON.stringify(sealed)]);
        indexRows(ctx.tenant, r.resourceType, rid, extractIndex(sealed, registry), index);
        results[i] = { resource: r, created: true };
        created.add(i);
      });
      for (const i of created) await ctx.observer?.written(t, { action: 'create', resource: results[i].resource });
      await t.insertTables([{ table: 'resource_history', columns: HISTORY_COLUMNS, rows: history }, ...tableRows(index)]);
      if (ctx.access?.patients) {
        const all = [...rids.values()];
        const visible = await visibleRids(t, ctx.access, ctx.tenant, all);
        if (visible.size < all.length) throw forbidden('Not permitted: a resource would be outside the records of the patients you may access');
      }
      for (const i of created) await this.committed(ctx, results[i], 'create');
      // everything else (existing resources, repeats, lost races) one by one, in order
      for (let i = 0; i < resources.length; i++) {
        if (!results[i]) results[i] = await this.update(ctx, resources[i]);
      }
      return results;
    }
  }

  private async insertNew(t: Db, ctx: RequestContext, resource: Resource, version: number, registry: SearchParamRegistry): Promise<WriteResult> {
    const now = this.now();
    const stored = this.stamp(resource, version, now);
    const sealed = sealResource(this.codec, stored);
    const json = JSON.stringify(sealed);
    const row = await t.get<{ rid: number }>(
      `INSERT INTO resources (tenant, type, id, version, last_updated, deleted) VALUES (?, ?, ?, ?, ?, 0)
       ON CONFLICT (tenant, type, id) DO NOTHING RETURNING rid`,
      [ctx.tenant, stored.resourceType, stored.id as string, version, now],
    );
    // Lost a race with a concurrent update-as-create of the same id.
    if (!row) throw new CreateRace(`${stored.resourceType}/${stored.id} was created concurrently; retry`);
    // the observer first: rows it inserts with insertWithNext go with the write's own (one round trip)
    await ctx.observer?.written(t, { action: 'create', resource: stored });
    await writeRows(t, [row.rid, ctx.tenant, stored.resourceType, stored.id as string, version, now, 0, json], indexRows(ctx.tenant, stored.resourceType, row.rid, extractIndex(sealed, registry)));
    await this.assertWritable(t, ctx, row.rid, stored.resourceType);
    return { resource: stored, created: true };
  }

  private async writeVersion(t: Db, ctx: RequestContext, cur: CurrentRow, resource: Resource, registry: SearchParamRegistry, created: boolean): Promise<WriteResult> {
    if (!cur.deleted && cur.content !== null) {
      // A no-op update (same content) keeps the current version: re-imports add no history.
      const same = this.stamp(resource, cur.version, cur.last_updated);
      if (JSON.stringify(sealResource(this.codec, same)) === cur.content) return { resource: same, created: false, unchanged: true };
    }
    const version = cur.version + 1;
    const now = this.now(cur.last_updated);
    const stored = this.stamp(resource, version, now);
    const sealed = sealResource(this.codec, stored);
    const json = JSON.stringify(sealed);
    await t.run('UPDATE resources SET version = ?, last_updated = ?, deleted = 0 WHERE rid = ?', [version, now, cur.rid]);
    await deleteIndexRows(t, [cur.rid]);
    await ctx.observer?.written(t, { action: created ? 'create' : 'update', resource: stored });
    await writeRows(t, [cur.rid, ctx.tenant, stored.resourceType, stored.id as string, version, now, 0, json], indexRows(ctx.tenant, stored.resourceType, cur.rid, extractIndex(sealed, registry)));
    await this.assertWritable(t, ctx, cur.rid, stored.resourceType);
    return { resource: stored, created };
  }

  /** after a write, inside its transaction: the result must stay within the caller's patients (else all rolls back) */
  private async assertWritable(t: Db, ctx: RequestContext, rid: number, type: string): Promise<void> {
    if (!ctx.access?.patients) return;
    if (!(await visibleRids(t, ctx.access, ctx.tenant, [rid], [type])).has(rid)) {
      throw forbidden(`Not permitted: this ${type} would be outside the records of the patients you may access`);
    }
  }

  private deferCommitted(ctx: RequestContext, result: WriteResult, action: ChangeEvent['action']): void {
    this.deferred?.push({ ctx, result, action });
  }

  private async committed(ctx: RequestContext, r: WriteResult, action: ChangeEvent['action']): Promise<void> {
    if (this.deferred) {
      this.deferred.push({ ctx, result: r, action });
      return;
    }
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
const BASE_TYPES_LIST = () => [...BASE_TYPES()];

/** PostgreSQL deadlock (40P01) or serialization failure (40001): the whole transaction may be retried. */
async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw e;
    }
  }
}

/** Conditional criteria as search pairs; result parameters make no sense there. */
export function criteriaParams(criteria: string): [string, string][] {
  const pairs = [...new URLSearchParams(criteria)] as [string, string][];
  if (!pairs.length) throw badRequest('Conditional criteria are empty');
  for (const [k] of pairs) {
    if (['_count', '_sort', '_include', '_revinclude', '_summary', '_elements', '_total', '_cursor', '_offset'].includes(k.split(':')[0])) {
      throw badRequest(`${k} is not allowed in conditional criteria`);
    }
  }
  return pairs;
}

const HISTORY_COLUMNS = ['rid', 'tenant', 'type', 'id', 'version', 'last_updated', 'deleted', 'content'];

/** The history row of a new version and its index rows, in one round trip where the database allows. */
function writeRows(t: Db, history: (string | number)[], index: RowsByTable): Promise<void> {
  return t.insertTables([{ table: 'resource_history', columns: HISTORY_COLUMNS, rows: [history] }, ...tableRows(index)]);
}

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
