import type { Resource, OperationOutcomeIssue } from '../types.js';
import type { SearchParamRegistry } from '../definitions/search-params.js';
import type { AccessControl, AccessObserver } from './access.js';

/** On behalf of which tenant, with what access, watched by whom (the security layer fills the last two). */
export interface RequestContext {
  tenant: string;
  /** absent: unrestricted (server-internal work, or the development flag) */
  access?: AccessControl;
  observer?: AccessObserver;
}

export interface WriteResult {
  resource: Resource;       // as stored (meta.versionId / meta.lastUpdated set); for deletes, the last live version
  created: boolean;         // true when a new resource was created (201)
  /** true when nothing was written (e.g. delete of an already-deleted resource, conditional create that matched) */
  unchanged?: boolean;
}

export interface HistoryQuery {
  type?: string;
  id?: string;
  since?: string;   // FHIR instant
  at?: string;      // FHIR date/dateTime
  count?: number;
  /** opaque cursor from a previous page's `next` */
  cursor?: string;
}

export interface HistoryEntry {
  resourceType: string;
  id: string;
  versionId: string;
  lastUpdated: string;
  method: 'POST' | 'PUT' | 'DELETE';
  resource?: Resource; // absent for deletes
}

export interface HistoryPage {
  entries: HistoryEntry[];
  total?: number;
  nextCursor?: string;
}

/** Raw search input: the query parameters as given (name, value) pairs, in order. */
export interface SearchInput {
  /** one type for type-level search; several (or none = all) for system-level search with _type */
  types?: string[];
  params: [string, string][];
  /** compartment search, e.g. Patient/123/Observation */
  compartment?: { type: string; id: string };
  /** Prefer: handling=strict */
  strict?: boolean;
}

export interface SearchResult {
  matches: Resource[];
  included: Resource[];
  total?: number;
  /** canonical query strings (without leading '?') for the bundle links */
  selfQuery: string;
  nextQuery?: string;
  previousQuery?: string;
  /** warnings, e.g. unknown parameters ignored */
  issues: OperationOutcomeIssue[];
  /** _summary / _elements as requested, for the REST layer to apply to each resource */
  summary?: 'true' | 'text' | 'data' | 'count' | 'false';
  elements?: string[];
}

export type JsonPatchOp = { op: string; path: string; value?: unknown; from?: string };

/** The FHIR repository: the only way anything reaches stored resources. */
export interface FhirRepository {
  create(ctx: RequestContext, resource: Resource): Promise<WriteResult>;
  read(ctx: RequestContext, type: string, id: string): Promise<Resource>; // 404 / 410 as FhirError
  vread(ctx: RequestContext, type: string, id: string, versionId: string): Promise<Resource>;
  /** update, or update-as-create when the id does not exist. ifMatch is a versionId (W/"…" already stripped). */
  update(ctx: RequestContext, resource: Resource, opts?: { ifMatch?: string }): Promise<WriteResult>;
  patch(ctx: RequestContext, type: string, id: string, ops: JsonPatchOp[], opts?: { ifMatch?: string }): Promise<WriteResult>;
  delete(ctx: RequestContext, type: string, id: string): Promise<WriteResult | null>;
  history(ctx: RequestContext, q: HistoryQuery): Promise<HistoryPage>;
  search(ctx: RequestContext, input: SearchInput): Promise<SearchResult>;
  /** If-None-Exist: create unless exactly one resource matches (then return it, unchanged); several → 412 */
  conditionalCreate(ctx: RequestContext, resource: Resource, criteria: string): Promise<WriteResult>;
  /** PUT Type?criteria: update the one match, create when none, 412 when several */
  conditionalUpdate(ctx: RequestContext, type: string, criteria: string, resource: Resource, opts?: { ifMatch?: string }): Promise<WriteResult>;
  conditionalPatch(ctx: RequestContext, type: string, criteria: string, ops: JsonPatchOp[], opts?: { ifMatch?: string }): Promise<WriteResult>;
  /** DELETE Type?criteria: delete every match (412 when more than the server's limit) */
  conditionalDelete(ctx: RequestContext, type: string, criteria: string): Promise<WriteResult[]>;
  /** $validate: issues against the R4 base and the tenant's loaded profiles (meta.profile and `profiles`); nothing stored */
  validate(ctx: RequestContext, resource: unknown, profiles?: readonly string[]): Promise<OperationOutcomeIssue[]>;
  /** the search parameters in force for this tenant (base R4 + the tenant's custom SearchParameters) */
  searchParams(ctx: RequestContext): Promise<SearchParamRegistry>;
}
