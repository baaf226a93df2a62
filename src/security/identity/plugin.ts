// identityPlugin: the session cookie → request.user for every route (with CSRF checks on writes), and the
// /auth routes. The hook runs at the root (skip-override, as fastify-plugin does) so that every route,
// /fhir included, sees request.user; the routes get their own context for their JSON error format.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parseCookies, SESSION_COOKIE, type CookieOptions } from './cookies.js';
import { AuthError, sendAuthError } from './errors.js';
import { principalOf, type Principal } from './principal.js';
import type { Role } from './roles.js';
import { registerAuthRoutes } from './routes.js';
import { IdentityService, type IdentityConfig } from './service.js';

export interface IdentityPluginOptions extends IdentityConfig {
  /** the request's tenant (default 'default'); a session only counts in its own tenant */
  tenant?: string | ((req: FastifyRequest) => string);
  /** session cookie attributes; set secure: false only for local http */
  cookie?: CookieOptions;
  /** where the routes live (default /auth) */
  prefix?: string;
  /** share one service (e.g. with the CLI or another plugin); built from the options otherwise */
  service?: IdentityService;
  /** routes that check their own CSRF token (e.g. the OAuth consent form): no x-csrf-token needed */
  csrfExempt?: (req: FastifyRequest) => boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function identityPlugin(opts: IdentityPluginOptions): FastifyPluginAsync {
  const service = opts.service ?? new IdentityService(opts);
  const prefix = opts.prefix ?? '/auth';
  const tenantOf = typeof opts.tenant === 'function' ? opts.tenant : () => (opts.tenant as string | undefined) ?? 'default';
  const loginUrl = `${prefix}/login`;

  const plugin = async (app: FastifyInstance) => {
    app.decorateRequest('user', null);
    app.decorateRequest('identitySession', null);
    app.addHook('onRequest', async (req, reply) => {
      // A request carries a bearer token or a session cookie; the token (checked elsewhere) wins.
      if (req.headers.authorization) return;
      const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
      if (!id) return;
      const s = await service.sessions.resolve(id);
      if (!s || s.tenant !== tenantOf(req)) return;
      // Login is exempt: its body is JSON (a cross-site form cannot send it) and it replaces the session.
      const exempt = SAFE_METHODS.has(req.method) || req.routeOptions.url === loginUrl || opts.csrfExempt?.(req) === true;
      if (!exempt && !sameToken(req.headers[CSRF_HEADER], s.csrfToken)) {
        return sendAuthError(reply, new AuthError('csrf_failed', 403, `Missing or wrong ${CSRF_HEADER} header.`));
      }
      req.identitySession = s;
      if (!s.enrollOnly) req.user = principalOf(s);
    });
    await app.register(async (child) => registerAuthRoutes(child, { service, cookie: opts.cookie ?? {}, tenantOf }), { prefix });
  };
  // Escape encapsulation so the decorators and hook apply to the whole app.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'huiyi-identity' });
  return plugin;
}

/** For modules that ask "who is logged in?" (e.g. the OAuth authorization server's UserAuthenticator). */
export async function currentUser(req: FastifyRequest): Promise<Principal | undefined> {
  return req.user ?? undefined;
}

/** preHandler for other routes: 401 without a user, 403 unless the user has one of the roles (if any given). */
export function requireUser(...roles: Role[]) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.user) {
      if (req.identitySession?.enrollOnly) return sendAuthError(reply, new AuthError('totp_enrollment_required', 403, 'Enrol an authenticator app first.'));
      return sendAuthError(reply, new AuthError('unauthenticated', 401, 'Log in first.'));
    }
    if (roles.length && !req.user.roles.some((r) => roles.includes(r))) return sendAuthError(reply, new AuthError('forbidden', 403, 'Your role may not do this.'));
  };
}
