// Policies per tenant and role: the admin's saved version, else the default. Cached; a save clears the cache.
import type { Db } from '../../fhir/store/db.js';
import { DEFAULT_POLICIES } from './default-policies.js';
import type { AccessPolicy } from './policy.js';

export interface StoredPolicy extends AccessPolicy {
  /** absent for defaults */
  updated?: string;
  updatedBy?: string;
}

export class PolicyStore {
  private cache = new Map<string, Map<string, StoredPolicy>>();

  constructor(private readonly db: Db) {}

  async all(tenant: string): Promise<Map<string, StoredPolicy>> {
    let m = this.cache.get(tenant);
    if (!m) {
      m = new Map(DEFAULT_POLICIES.map((p) => [p.role, p]));
      const rows = await this.db.all<{ role: string; policy: string; updated: number; updated_by: string }>(
        'SELECT role, policy, updated, updated_by FROM access_policy WHERE tenant = ?',
        [tenant],
      );
      for (const r of rows) m.set(r.role, { ...(JSON.parse(r.policy) as AccessPolicy), role: r.role, updated: new Date(Number(r.updated)).toISOString(), updatedBy: r.updated_by });
      this.cache.set(tenant, m);
    }
    return m;
  }

  async get(tenant: string, role: string): Promise<StoredPolicy | undefined> {
    return (await this.all(tenant)).get(role);
  }

  /** Save (replace) a role's policy; `t` lets the caller commit it with its audit event. */
  async put(t: Db, tenant: string, policy: AccessPolicy, by: string): Promise<void> {
    const json = JSON.stringify({ ...policy, role: policy.role });
    await t.run(
      `INSERT INTO access_policy (tenant, role, policy, updated, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant, role) DO UPDATE SET policy = excluded.policy, updated = excluded.updated, updated_by = excluded.updated_by`,
      [tenant, policy.role, json, Date.now(), by],
    );
    this.cache.delete(tenant);
  }

  /** Back to the default policy. */
  async reset(t: Db, tenant: string, role: string): Promise<void> {
    await t.run('DELETE FROM access_policy WHERE tenant = ? AND role = ?', [tenant, role]);
    this.cache.delete(tenant);
  }

  invalidate(): void {
    this.cache.clear();
  }
}
