// Admin API for user accounts (the web app's user management; the CLI's `huiyi user …` does the same):
//   GET  /admin/users                      list
//   POST /admin/users                      create {username, roles, displayName?, fhirUser?, password?} → {user, password?}
//   POST /admin/users/:id/disable|enable   (an admin cannot disable themselves)
//   POST /admin/users/:id/reset-password   {password?, resetTotp?} → {user, password?}
// Administrators only; every change is audited in the same transaction. Errors: { error, message, field? }.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../fhir/store/db.js';
import type { FhirRepository } from '../../fhir/store/repository.js';
import type { Resource } from '../../fhir/types.js';
import { requireUser } from '../../security/identity/plugin.js';
import type { IdentityService } from '../../security/identity/service.js';
import { generatePassword } from '../../security/identity/password.js';
import { UserError, UserStore, newPasswordProblem, type User } from '../../security/identity/users.js';
import { userChangeEvent, type Actor } from '../../security/audit/events.js';

export interface AdminUserDeps {
  db: Db;
  /** the store's repository without policies: only to check that a linked resource exists */
  repo: FhirRepository;
  identity: IdentityService;
  recordInTx: (t: Db, tenant: string, events: Resource[]) => Promise<void>;
  actorOf: (req: FastifyRequest) => Actor;
}

/** What the admin sees of an account: never the password hash or TOTP secret. */
export function adminView(u: User, now: number, identity: IdentityService) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    fhirUser: u.fhirUser,
    disabled: u.disabled,
    lockedUntil: u.lock.lockedUntil && u.lock.lockedUntil > now ? iso(u.lock.lockedUntil) : null,
    totpEnrolled: !!u.totpSecret,
    totpRequired: !u.totpSecret && identity.needsTotpEnrollment(u),
    demoPassword: u.demoPassword,
    passwordChangedAt: iso(u.passwordChangedAt),
    createdAt: iso(u.createdAt),
  };
}

const FIELD: Record<UserError['code'], string | undefined> = {
  invalid_username: 'username', username_taken: 'username', invalid_roles: 'roles', invalid_fhir_link: 'fhirUser', weak_password: 'password', not_found: undefined,
};

const fail = (reply: FastifyReply, status: number, error: string, message: string, field?: string) =>
  reply.code(status).send({ error, message, ...(field ? { field } : {}) });

function userError(reply: FastifyReply, e: UserError): FastifyReply {
  const status = e.code === 'not_found' ? 404 : e.code === 'username_taken' ? 409 : 400;
  return fail(reply, status, e.code, e.message, FIELD[e.code]);
}

const obj = (b: unknown): Record<string, unknown> => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {});
const optString = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

export function registerAdminUserRoutes(app: FastifyInstance, d: AdminUserDeps): void {
  const guard = requireUser('admin');
  // documentation only (the page at /api/docs); the handlers check their input themselves
  const admin = (summary: string) => ({ preHandler: guard, schema: { tags: ['admin'], summary } });
  const storeIn = (t: Db) => new UserStore(t, { hash: d.identity.users.hash, now: d.identity.now });
  const view = (u: User) => adminView(u, d.identity.now(), d.identity);

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof UserError) return userError(reply, err);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return fail(reply, status, 'invalid_request', (err as Error).message);
    req.log.error({ err }, 'admin users route failed');
    return fail(reply, 500, 'internal_error', 'Internal error.');
  });

  async function mustFind(tenant: string, id: string): Promise<User> {
    const u = await d.identity.users.findById(tenant, id);
    if (!u) throw new UserError('not_found', `no user with id "${id}"`);
    return u;
  }

  async function linkExists(tenant: string, ref: string | undefined): Promise<boolean> {
    const m = ref && /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(ref.trim());
    if (!m) return true; // the role check reports the format
    if (m[1] === 'Device') return true; // devices may be registered after their account
    return d.repo.read({ tenant }, m[1]!, m[2]!).then(() => true, () => false);
  }

  app.get('/admin/users', admin('List the user accounts (no secrets)'), async (req) => ({ users: (await d.identity.users.list(req.user!.tenant)).map(view) }));

  app.get<{ Params: { id: string } }>('/admin/users/:id', admin('One user account'), async (req) => view(await mustFind(req.user!.tenant, req.params.id)));

  app.post('/admin/users', admin('Create an account {username, roles, displayName?, fhirUser?, password?}; a generated password is returned once'), async (req, reply) => {
    const tenant = req.user!.tenant;
    const b = obj(req.body);
    const username = typeof b.username === 'string' ? b.username : '';
    const roles = Array.isArray(b.roles) ? b.roles.map(String) : typeof b.roles === 'string' ? b.roles : '';
    const fhirUser = optString(b.fhirUser);
    const given = optString(b.password);
    const password = given ?? generatePassword();
    if (fhirUser && !(await linkExists(tenant, fhirUser))) {
      return fail(reply, 400, 'invalid_fhir_link', `${fhirUser.trim()} does not exist`, 'fhirUser');
    }
    const user = await d.db.tx(async (t) => {
      const u = await storeIn(t).create(tenant, { username, password, roles, displayName: optString(b.displayName) ?? null, fhirUser: fhirUser ?? null });
      await d.recordInTx(t, tenant, [userChangeEvent(d.actorOf(req), { change: 'create', username: u.username, userId: u.id, after: { roles: u.roles, fhirUser: u.fhirUser, displayName: u.displayName } })]);
      return u;
    });
    return reply.code(201).send({ user: view(user), ...(given ? {} : { password }) });
  });

  for (const action of ['disable', 'enable'] as const) {
    app.post<{ Params: { id: string } }>(`/admin/users/:id/${action}`, admin(`${action === 'disable' ? 'Disable an account and end its sessions' : 'Enable an account'}`), async (req, reply) => {
      const tenant = req.user!.tenant;
      const user = await mustFind(tenant, req.params.id);
      if (action === 'disable' && user.id === req.user!.userId) return fail(reply, 400, 'invalid_request', 'You cannot disable your own account.');
      await d.db.tx(async (t) => {
        await storeIn(t).setDisabled(user, action === 'disable');
        await d.recordInTx(t, tenant, [userChangeEvent(d.actorOf(req), { change: action, username: user.username, userId: user.id, before: { disabled: user.disabled }, after: { disabled: action === 'disable' } })]);
      });
      if (action === 'disable') await d.identity.sessions.revokeAll(user.id);
      return view(await mustFind(tenant, user.id));
    });
  }

  app.post<{ Params: { id: string } }>('/admin/users/:id/reset-password', admin('Reset the password {password?, resetTotp?}; a generated password is returned once; sessions end'), async (req) => {
    const tenant = req.user!.tenant;
    const b = obj(req.body);
    const user = await mustFind(tenant, req.params.id);
    const given = optString(b.password);
    const password = given ?? generatePassword();
    const problem = newPasswordProblem(password, user.username, user.roles);
    if (problem) throw new UserError('weak_password', problem);
    const resetTotp = b.resetTotp === true;
    await d.db.tx(async (t) => {
      const users = storeIn(t);
      await users.setPassword(user, password);
      if (resetTotp) await users.clearTotp(user);
      const actor = d.actorOf(req);
      await d.recordInTx(t, tenant, [
        userChangeEvent(actor, { change: 'reset-password', username: user.username, userId: user.id }),
        ...(resetTotp ? [userChangeEvent(actor, { change: 'reset-totp', username: user.username, userId: user.id })] : []),
      ]);
    });
    await d.identity.sessions.revokeAll(user.id);
    return { user: view(await mustFind(tenant, user.id)), ...(given ? {} : { password }) };
  });
}
