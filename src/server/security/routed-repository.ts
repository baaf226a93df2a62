// The repository the REST API talks to: every type goes to the FHIR store, except AuditEvent, which
// lives in the audit ledger (append-only: search, read and create, nothing else).
import type {
  FhirRepository, HistoryPage, HistoryQuery, JsonPatchOp, RequestContext, SearchInput, SearchResult, WriteResult,
} from '../../fhir/store/repository.js';
import type { Resource, OperationOutcomeIssue } from '../../fhir/types.js';
import { FhirError } from '../../fhir/errors.js';
import { assertAllowed } from '../../fhir/store/access.js';
import type { SearchParamRegistry } from '../../fhir/definitions/search-params.js';

/** What the ledger offers for AuditEvent (AuditEventStore fits). */
export interface AuditEventSource {
  search(tenant: string, params: [string, string][], opts: { patients?: readonly string[]; patientEventsOnly?: boolean }): Promise<{ matches: Resource[]; total?: number; nextCursor?: string }>;
  read(tenant: string, id: string, opts: { patients?: readonly string[]; patientEventsOnly?: boolean }): Promise<Resource>;
  create(tenant: string, event: Resource): Promise<Resource>;
}

const AE = 'AuditEvent';
/**
 * Whose events the caller sees: the security officer (a policy naming AuditEvent) every event; others
 * only events about patients they may see (logins, policy changes and the like are not theirs to read).
 */
const auditScope = (ctx: RequestContext) => {
  if (!ctx.access || (ctx.access as { auditAll?: boolean }).auditAll) return {};
  return { patients: ctx.access.patients, patientEventsOnly: true };
};
const appendOnly = () => new FhirError(405, 'not-supported', 'The audit ledger is append-only: AuditEvents cannot be updated, patched, deleted or versioned');

export class RoutedRepository implements FhirRepository {
  constructor(private readonly store: FhirRepository, private readonly audit: AuditEventSource) {}

  create(ctx: RequestContext, resource: Resource): Promise<WriteResult> {
    if (resource?.resourceType !== AE) return this.store.create(ctx, resource);
    assertAllowed(ctx.access, AE, 'create');
    return this.audit.create(ctx.tenant, resource).then((r) => ({ resource: r, created: true }));
  }

  async read(ctx: RequestContext, type: string, id: string): Promise<Resource> {
    if (type !== AE) return this.store.read(ctx, type, id);
    assertAllowed(ctx.access, AE, 'read');
    const r = await this.audit.read(ctx.tenant, id, auditScope(ctx));
    ctx.observer?.read({ interaction: 'read', type, id, resources: [r] });
    return r;
  }

  vread(ctx: RequestContext, type: string, id: string, versionId: string): Promise<Resource> {
    if (type !== AE) return this.store.vread(ctx, type, id, versionId);
    if (versionId !== '1') return Promise.reject(appendOnly());
    return this.read(ctx, type, id);
  }

  update(ctx: RequestContext, resource: Resource, opts?: { ifMatch?: string }): Promise<WriteResult> {
    return resource?.resourceType === AE ? Promise.reject(appendOnly()) : this.store.update(ctx, resource, opts);
  }

  patch(ctx: RequestContext, type: string, id: string, ops: JsonPatchOp[], opts?: { ifMatch?: string }): Promise<WriteResult> {
    return type === AE ? Promise.reject(appendOnly()) : this.store.patch(ctx, type, id, ops, opts);
  }

  delete(ctx: RequestContext, type: string, id: string): Promise<WriteResult | null> {
    return type === AE ? Promise.reject(appendOnly()) : this.store.delete(ctx, type, id);
  }

  history(ctx: RequestContext, q: HistoryQuery): Promise<HistoryPage> {
    return q.type === AE ? Promise.reject(appendOnly()) : this.store.history(ctx, q);
  }

  async search(ctx: RequestContext, input: SearchInput): Promise<SearchResult> {
    if (input.types?.length !== 1 || input.types[0] !== AE || input.compartment) return this.store.search(ctx, input);
    assertAllowed(ctx.access, AE, 'search');
    const r = await this.audit.search(ctx.tenant, input.params, auditScope(ctx));
    ctx.observer?.read({ interaction: 'search', type: AE, params: input.params, resources: r.matches });
    const echo = input.params.filter(([k]) => k !== '_cursor').map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    return {
      matches: r.matches,
      included: [],
      total: r.total,
      selfQuery: echo.join('&'),
      nextQuery: r.nextCursor ? [...echo, `_cursor=${encodeURIComponent(r.nextCursor)}`].join('&') : undefined,
      issues: [],
    };
  }

  conditionalCreate(ctx: RequestContext, resource: Resource, criteria: string): Promise<WriteResult> {
    return resource?.resourceType === AE ? Promise.reject(appendOnly()) : this.store.conditionalCreate(ctx, resource, criteria);
  }

  conditionalUpdate(ctx: RequestContext, type: string, criteria: string, resource: Resource, opts?: { ifMatch?: string }): Promise<WriteResult> {
    return type === AE ? Promise.reject(appendOnly()) : this.store.conditionalUpdate(ctx, type, criteria, resource, opts);
  }

  conditionalPatch(ctx: RequestContext, type: string, criteria: string, ops: JsonPatchOp[], opts?: { ifMatch?: string }): Promise<WriteResult> {
    return type === AE ? Promise.reject(appendOnly()) : this.store.conditionalPatch(ctx, type, criteria, ops, opts);
  }

  conditionalDelete(ctx: RequestContext, type: string, criteria: string): Promise<WriteResult[]> {
    return type === AE ? Promise.reject(appendOnly()) : this.store.conditionalDelete(ctx, type, criteria);
  }

  validate(ctx: RequestContext, resource: unknown, profiles?: readonly string[]): Promise<OperationOutcomeIssue[]> {
    return this.store.validate(ctx, resource, profiles);
  }

  searchParams(ctx: RequestContext): Promise<SearchParamRegistry> {
    return this.store.searchParams(ctx);
  }
}
