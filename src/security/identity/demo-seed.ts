// Seeding the demo accounts, and the production check that none of them is left active.
import type { Db } from '../../fhir/store/db.js';
import { DEMO_USERS } from './demo-users.js';
import type { ScryptParams } from './password.js';
import { UserStore } from './users.js';

/** Create the demo accounts missing in a tenant (existing ones, and their passwords, are left alone). */
export async function seedDemoUsers(db: Db, tenant: string, opts: { hash?: ScryptParams; now?: () => number } = {}): Promise<number> {
  const users = new UserStore(db, opts);
  let created = 0;
  for (const d of DEMO_USERS) {
    if (await users.findByUsername(tenant, d.username)) continue;
    try {
      await users.create(tenant, { username: d.username, password: d.password, roles: [d.role], displayName: d.displayName, fhirUser: d.fhirUser }, { allowDemoPassword: true });
      created++;
    } catch (e) {
      // Another process seeding at the same time.
      if ((e as { code?: string }).code !== 'username_taken') throw e;
    }
  }
  return created;
}

export class DemoPasswordError extends Error {
  constructor(readonly accounts: { tenant: string; username: string }[]) {
    super(
      `refusing to run in production: ${accounts.length} active account(s) still have a published demo password: ` +
        `${accounts.map((a) => `${a.username} (tenant ${a.tenant})`).join(', ')}. ` +
        'Reset their passwords (huiyi user reset-password NAME) or disable them (huiyi user disable NAME).',
    );
  }
}

/** Throw a DemoPasswordError listing every enabled account (any tenant) whose password is a demo password. */
export async function assertNoDemoPasswords(db: Db): Promise<void> {
  const rows = await db.all<{ tenant: string; username: string }>(
    'SELECT tenant, username FROM users WHERE demo_password = 1 AND disabled = 0 ORDER BY tenant, username_key',
  );
  if (rows.length) throw new DemoPasswordError(rows.map((r) => ({ tenant: String(r.tenant), username: String(r.username) })));
}
