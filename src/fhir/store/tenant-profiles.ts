import type { Db } from './db.js';
import type { Resource } from '../types.js';
import { CONTENT_JOIN } from './content.js';

/**
 * The constraint profiles (StructureDefinitions) a tenant has loaded, by canonical url (and url|version).
 * Cached; invalidated when a StructureDefinition is written (via change events, like search parameters).
 */
export class TenantProfiles {
  private readonly cache = new Map<string, Promise<Map<string, Resource>>>();

  constructor(private readonly db: Db) {}

  async resolve(tenant: string, urls: readonly string[]): Promise<{ found: Resource[]; missing: string[] }> {
    const all = await this.get(tenant);
    const found: Resource[] = [];
    const missing: string[] = [];
    for (const u of urls) {
      const sd = all.get(u);
      if (sd) found.push(sd);
      else missing.push(u);
    }
    return { found, missing };
  }

  invalidate(tenant: string): void {
    this.cache.delete(tenant);
  }

  private get(tenant: string): Promise<Map<string, Resource>> {
    let p = this.cache.get(tenant);
    if (!p) {
      p = this.load(tenant);
      this.cache.set(tenant, p);
      p.catch(() => this.cache.delete(tenant));
    }
    return p;
  }

  private async load(tenant: string): Promise<Map<string, Resource>> {
    const rows = await this.db.all<{ content: string }>(
      `SELECT h.content FROM resources r ${CONTENT_JOIN} WHERE r.tenant = ? AND r.type = 'StructureDefinition' AND r.deleted = 0`,
      [tenant],
    );
    const m = new Map<string, Resource>();
    for (const { content } of rows) {
      const sd = JSON.parse(content) as Resource;
      if (sd.derivation !== 'constraint' || typeof sd.url !== 'string') continue;
      m.set(sd.url, sd);
      if (typeof sd.version === 'string') m.set(`${sd.url}|${sd.version}`, sd);
    }
    return m;
  }
}
