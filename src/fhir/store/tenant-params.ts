import type { Db } from './db.js';
import type { Resource } from '../types.js';
import { SearchParamRegistry } from '../definitions/search-params.js';
import { CONTENT_JOIN } from './content.js';

/**
 * Per-tenant search parameters: the R4 base set plus the tenant's stored SearchParameter
 * resources. Cached; invalidated when a SearchParameter is written (via change events, so
 * every API node sharing the bus sees it).
 */
export class TenantParams {
  private readonly cache = new Map<string, Promise<SearchParamRegistry>>();

  constructor(private readonly db: Db) {}

  get(tenant: string): Promise<SearchParamRegistry> {
    let r = this.cache.get(tenant);
    if (!r) {
      r = this.load(tenant);
      this.cache.set(tenant, r);
      r.catch(() => this.cache.delete(tenant));
    }
    return r;
  }

  invalidate(tenant: string): void {
    this.cache.delete(tenant);
  }

  private async load(tenant: string): Promise<SearchParamRegistry> {
    const rows = await this.db.all<{ content: string }>(
      `SELECT h.content FROM resources r ${CONTENT_JOIN} WHERE r.tenant = ? AND r.type = 'SearchParameter' AND r.deleted = 0`,
      [tenant],
    );
    if (!rows.length) return SearchParamRegistry.base();
    return SearchParamRegistry.base().withCustom(rows.map((r) => JSON.parse(r.content) as Resource));
  }
}
