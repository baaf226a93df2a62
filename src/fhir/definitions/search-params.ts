// The search parameters in force: the R4 base set, optionally extended by a tenant's custom
// SearchParameter resources. Registries are immutable; the store builds one per tenant.
import type { Resource, SearchParamType } from '../types.js';
import type { SearchParamDef } from './search-param-def.js';
import { loadR4Json, resourceTypes, typeDefinition } from './definitions.js';
import { validateSearchParameterWith, type UrlLookup } from './validate-search-param.js';

/** Params the store keeps as columns on the resource table instead of index rows. */
const COLUMN_PARAMS = new Set(['_id', '_lastUpdated']);

export function isColumnParam(code: string): boolean {
  return COLUMN_PARAMS.has(code);
}

// Resource-level params the spec defines outside the SearchParameter bundle; no expression.
const EXTRA_RESOURCE_PARAMS: SearchParamDef[] = [
  { code: '_list', url: 'http://hl7.org/fhir/SearchParameter/Resource-list', type: 'special', base: ['Resource'] },
  { code: '_has', url: 'http://hl7.org/fhir/SearchParameter/Resource-has', type: 'special', base: ['Resource'] },
  { code: '_type', url: 'http://hl7.org/fhir/SearchParameter/Resource-type', type: 'token', base: ['Resource'] },
];

export interface RejectedSearchParameter {
  resource: Resource;
  errors: string[];
}

/** Concrete types a declared base covers: Resource → all, DomainResource → all but Bundle/Binary/Parameters. */
export function expandBase(base: string): string[] {
  if (base === 'Resource') return [...resourceTypes()];
  if (base === 'DomainResource') return resourceTypes().filter((t) => typeDefinition(t)?.baseType === 'DomainResource');
  return [base];
}

/** Turns a SearchParameter resource into a frozen def with its base expanded to concrete types. */
export function toSearchParamDef(sp: any, custom: boolean): SearchParamDef {
  const base = [...new Set<string>((sp.base ?? []).flatMap((b: string) => expandBase(b)))];
  const def: SearchParamDef = { code: sp.code, url: sp.url, type: sp.type as SearchParamType, base: Object.freeze(base) as string[] };
  if (sp.expression) def.expression = sp.expression;
  if (sp.target?.length) def.target = Object.freeze([...sp.target]) as string[];
  if (sp.component?.length) {
    def.components = Object.freeze(sp.component.map((c: any) => Object.freeze({ definition: c.definition, expression: c.expression }))) as SearchParamDef['components'];
  }
  if (custom) def.custom = true;
  return Object.freeze(def);
}

/** The canonical URL without a `|version` suffix. */
const stripVersion = (url: string): string => {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
};

export class SearchParamRegistry {
  private static baseRegistry: SearchParamRegistry | undefined;
  private readonly sortedCache = new Map<string, readonly SearchParamDef[]>();

  private constructor(
    private readonly types: ReadonlyMap<string, ReadonlyMap<string, SearchParamDef>>,
    private readonly urls: ReadonlyMap<string, SearchParamDef>,
    /** custom SearchParameters given to withCustom() that were not accepted, with the reasons */
    readonly rejected: readonly RejectedSearchParameter[] = [],
  ) {}

  /** The R4 base set (cached singleton). */
  static base(): SearchParamRegistry {
    if (!this.baseRegistry) {
      const bundle = loadR4Json('search-parameters.json');
      const defs = bundle.entry.map((e: any) => toSearchParamDef(e.resource, false)) as SearchParamDef[];
      defs.push(...EXTRA_RESOURCE_PARAMS.map((d) => toSearchParamDef(d, false)));
      this.baseRegistry = SearchParamRegistry.build(new Map(), new Map(), defs);
    }
    return this.baseRegistry;
  }

  private static build(types: Map<string, Map<string, SearchParamDef>>, urls: Map<string, SearchParamDef>, defs: SearchParamDef[], rejected: RejectedSearchParameter[] = []): SearchParamRegistry {
    for (const def of defs) {
      if (def.url) urls.set(def.url, def);
      for (const t of def.base) {
        let m = types.get(t);
        if (!m) { m = new Map(); types.set(t, m); }
        m.set(def.code, def);
      }
    }
    return new SearchParamRegistry(types, urls, Object.freeze(rejected));
  }

  /**
   * A new registry: this one plus the given SearchParameter resources (retired ones ignored).
   * A custom param with the same base type and code replaces the existing one. Invalid
   * SearchParameters are left out and listed in `rejected`.
   */
  withCustom(params: Resource[]): SearchParamRegistry {
    const candidates = params.filter((r) => r.resourceType === 'SearchParameter' && r.status !== 'retired');
    const pending = new Map<string, SearchParamDef>();
    for (const sp of candidates) {
      if (typeof sp.url === 'string' && Array.isArray(sp.base)) pending.set(stripVersion(sp.url), toSearchParamDef(sp, true));
    }
    // Components may point at other custom params of the same batch.
    const lookup = (url: string): SearchParamDef | undefined => pending.get(stripVersion(url)) ?? this.byUrl(url);
    const accepted: SearchParamDef[] = [];
    const rejected: RejectedSearchParameter[] = [];
    for (const sp of candidates) {
      const errors = validateSearchParameterWith(sp, lookup);
      if (errors.length) {
        rejected.push({ resource: sp, errors });
        pending.delete(stripVersion(String(sp.url)));
      } else accepted.push(toSearchParamDef(sp, true));
    }
    // A composite over a rejected custom param cannot be evaluated either.
    const ok = accepted.filter((def) => {
      const missing = (def.components ?? []).filter((c) => !lookup(c.definition));
      if (missing.length) rejected.push({ resource: candidates.find((r) => r.url === def.url)!, errors: missing.map((c) => `component definition ${c.definition} was rejected`) });
      return missing.length === 0;
    });
    const types = new Map<string, Map<string, SearchParamDef>>();
    for (const [t, m] of this.types) types.set(t, new Map(m));
    return SearchParamRegistry.build(types, new Map(this.urls), ok, rejected);
  }

  /** Code → def for one resource type (empty for unknown types). */
  forType(type: string): ReadonlyMap<string, SearchParamDef> {
    return this.types.get(type) ?? EMPTY;
  }

  get(type: string, code: string): SearchParamDef | undefined {
    return this.types.get(type)?.get(code);
  }

  /** By canonical URL (a `|version` suffix is ignored). */
  byUrl(url: string): SearchParamDef | undefined {
    return this.urls.get(stripVersion(url));
  }

  /** Resource types having at least one search parameter, sorted. */
  resourceTypes(): string[] {
    return [...this.types.keys()].sort();
  }

  /** The defs of a type, sorted by code. */
  paramsForType(type: string): readonly SearchParamDef[] {
    let list = this.sortedCache.get(type);
    if (!list) {
      list = Object.freeze([...this.forType(type).values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
      this.sortedCache.set(type, list);
    }
    return list;
  }
}

const EMPTY: ReadonlyMap<string, SearchParamDef> = new Map();

/**
 * Errors that keep a SearchParameter resource out of a registry; empty when it is usable.
 * Composite components are resolved against `known` (default: the R4 base set).
 */
export function validateSearchParameter(sp: Resource, known: SearchParamRegistry | UrlLookup = SearchParamRegistry.base()): string[] {
  const lookup: UrlLookup = typeof known === 'function' ? known : (url) => known.byUrl(url);
  return validateSearchParameterWith(sp, lookup);
}
