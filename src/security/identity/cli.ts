// Handlers of `huiyi user …`: add, list, disable, enable, reset-password.
import { loadConfig } from '../../config/config.js';
import { openStore } from '../../fhir/store/open.js';
import { generatePassword } from './password.js';
import { ensureIdentitySchema } from './schema.js';
import { IdentityService } from './service.js';
import { UserError, newPasswordProblem, type User } from './users.js';

interface DbOpts {
  db?: string;
}

async function withIdentity<T>(opts: DbOpts, fn: (svc: IdentityService, tenant: string) => Promise<T>): Promise<T> {
  const config = loadConfig(opts);
  const store = await openStore(config.databaseUrl, { poolSize: 2 });
  try {
    await ensureIdentitySchema(store.db);
    return await fn(new IdentityService({ db: store.db }), config.tenant);
  } finally {
    await store.close();
  }
}

async function mustFind(svc: IdentityService, tenant: string, username: string): Promise<User> {
  const user = await svc.users.findByUsername(tenant, username);
  if (!user) throw new UserError('not_found', `no user "${username}" in tenant ${tenant}`);
  return user;
}

export async function userAddCommand(
  username: string,
  opts: DbOpts & { role: string; name?: string; fhir?: string; password?: string },
): Promise<{ user: User; password: string }> {
  return withIdentity(opts, async (svc, tenant) => {
    const password = opts.password ?? generatePassword();
    const user = await svc.users.create(tenant, { username, password, roles: opts.role, displayName: opts.name, fhirUser: opts.fhir });
    console.log(`created user ${user.username} (${user.roles.join(', ')}) in tenant ${tenant}${user.fhirUser ? `, linked to ${user.fhirUser}` : ''}`);
    if (!opts.password) console.log(`password: ${password}`);
    if (svc.needsTotpEnrollment(user)) console.log('this account must enrol an authenticator app (TOTP) at its first login');
    return { user, password };
  });
}

export async function userListCommand(opts: DbOpts): Promise<User[]> {
  return withIdentity(opts, async (svc, tenant) => {
    const users = await svc.users.list(tenant);
    const now = svc.now();
    const rows = users.map((u) => [
      u.username,
      u.roles.join(','),
      u.disabled ? 'disabled' : u.lock.lockedUntil && u.lock.lockedUntil > now ? 'locked' : 'active',
      u.totpSecret ? 'yes' : 'no',
      u.fhirUser ?? '-',
      u.displayName ?? '',
    ]);
    const table = [['USERNAME', 'ROLES', 'STATUS', 'TOTP', 'FHIR', 'NAME'], ...rows];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    for (const r of table) console.log(r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  '));
    console.log(`${users.length} user(s) in tenant ${tenant}`);
    return users;
  });
}

export async function userDisableCommand(username: string, opts: DbOpts): Promise<void> {
  await withIdentity(opts, async (svc, tenant) => {
    await svc.setDisabled(await mustFind(svc, tenant, username), true);
    console.log(`disabled user ${username}; its sessions are ended`);
  });
}

export async function userEnableCommand(username: string, opts: DbOpts): Promise<void> {
  await withIdentity(opts, async (svc, tenant) => {
    await svc.setDisabled(await mustFind(svc, tenant, username), false);
    console.log(`enabled user ${username}`);
  });
}

/** New password (printed unless given), lockout cleared, sessions ended; `resetTotp` for a lost authenticator. */
export async function userResetPasswordCommand(username: string, opts: DbOpts & { password?: string; resetTotp?: boolean }): Promise<string> {
  return withIdentity(opts, async (svc, tenant) => {
    const user = await mustFind(svc, tenant, username);
    const password = opts.password ?? generatePassword();
    const problem = newPasswordProblem(password, user.username, user.roles);
    if (problem) throw new UserError('weak_password', problem);
    await svc.resetPassword(user, password);
    if (opts.resetTotp) await svc.users.clearTotp(user);
    console.log(`reset the password of ${user.username}; its sessions are ended${opts.resetTotp ? ' and its authenticator removed' : ''}`);
    if (!opts.password) console.log(`password: ${password}`);
    return password;
  });
}
