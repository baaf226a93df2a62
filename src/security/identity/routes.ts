// The /auth routes. Errors are JSON { error, message } with a stable code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clearSessionCookie, sessionCookie, type CookieOptions } from './cookies.js';
import { AuthError, sendAuthError } from './errors.js';
import type { IdentityService, NewSession } from './service.js';
import type { ActiveSession } from './sessions.js';
import type { User } from './users.js';

interface RouteDeps {
  service: IdentityService;
  cookie: CookieOptions;
  tenantOf: (req: FastifyRequest) => string;
}

export function publicUser(u: Pick<User, 'id' | 'username' | 'displayName' | 'roles' | 'fhirUser' | 'totpSecret'>) {
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, fhirUser: u.fhirUser, totpEnrolled: !!u.totpSecret };
}

const body = (req: FastifyRequest): Record<string, unknown> => {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) throw new AuthError('invalid_request', 400, 'Send a JSON object.');
  return req.body as Record<string, unknown>;
};

function session(req: FastifyRequest, opts: { allowEnrollOnly?: boolean } = {}): ActiveSession {
  const s = req.identitySession;
  if (!s) throw new AuthError('unauthenticated', 401, 'Log in first.');
  if (s.enrollOnly && !opts.allowEnrollOnly) throw new AuthError('totp_enrollment_required', 403, 'Enrol an authenticator app first.');
  return s;
}

export function registerAuthRoutes(app: FastifyInstance, { service, cookie, tenantOf }: RouteDeps): void {
  const policy = service.sessions.policy;
  const client = (req: FastifyRequest) => ({ tenant: tenantOf(req), ip: req.ip, userAgent: req.headers['user-agent'] });
  const started = (reply: FastifyReply, s: NewSession) => {
    reply.header('set-cookie', sessionCookie(s.sessionId, policy.absoluteMs, cookie));
    return {
      user: publicUser(s.user),
      csrfToken: s.csrfToken,
      totpEnrollmentRequired: s.enrollOnly,
      expiresAt: new Date(service.now() + policy.absoluteMs).toISOString(),
    };
  };

  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AuthError) return sendAuthError(reply, err);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return sendAuthError(reply, new AuthError('invalid_request', status, (err as Error).message));
    req.log.error({ err }, 'identity route failed');
    return reply.code(500).send({ error: 'internal_error', message: 'Internal error.' });
  });

  app.post('/login', async (req, reply) => {
    const s = await service.login(body(req), client(req));
    if (req.identitySession) await service.logout(req.identitySession);
    return started(reply, s);
  });

  app.post('/logout', async (req, reply) => {
    if (req.identitySession) await service.logout(req.identitySession);
    return reply.header('set-cookie', clearSessionCookie(cookie)).code(204).send();
  });

  app.get('/me', async (req) => {
    const s = session(req, { allowEnrollOnly: true });
    const user = await service.users.findById(s.tenant, s.userId);
    if (!user) throw new AuthError('unauthenticated', 401, 'Log in first.');
    return {
      tenant: s.tenant,
      user: publicUser(user),
      csrfToken: s.csrfToken,
      totpEnrollmentRequired: s.enrollOnly,
      expiresAt: new Date(Math.min(s.expiresAt, s.lastSeenAt + policy.idleMs)).toISOString(),
    };
  });

  app.post('/totp/enroll', async (req) => service.startTotpEnrollment(session(req, { allowEnrollOnly: true })));

  app.post('/totp/confirm', async (req, reply) => {
    const s = await service.confirmTotp(session(req, { allowEnrollOnly: true }), body(req), client(req));
    return s ? started(reply, s) : { totpEnrolled: true };
  });

  app.post('/password', async (req, reply) => started(reply, await service.changePassword(session(req), body(req), client(req))));
}
