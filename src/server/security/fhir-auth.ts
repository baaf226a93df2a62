// Who is calling the FHIR API: a bearer token (SMART) or the web session; nobody → 401.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessToken } from '../../security/oauth/verify.js';
import { InvalidTokenError } from '../../security/oauth/verify.js';
import type { UserStore } from '../../security/identity/users.js';
import type { Caller } from '../../security/access/resolve.js';
import type { Principal } from '../../security/identity/principal.js';
import { operationOutcome } from '../../fhir/errors.js';

export interface AuthDeps {
  tenant: string;
  verify: (token: string) => Promise<AccessToken>;
  users: UserStore;
  /** HUIYI_DEV_OPEN_FHIR */
  open: boolean;
}

export class Unauthenticated extends Error {
  constructor(message: string, readonly bearerError?: 'invalid_token') {
    super(message);
  }
}

/** The caller of this request; undefined only when unauthenticated access is open (development). */
export async function authenticate(req: FastifyRequest, d: AuthDeps): Promise<Caller | undefined> {
  const net = { ip: req.ip, userAgent: req.headers['user-agent'] };
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(auth);
    if (!m) throw new Unauthenticated('The Authorization header must be "Bearer <access token>"', 'invalid_token');
    let t: AccessToken;
    try {
      t = await d.verify(m[1]);
    } catch (e) {
      if (e instanceof InvalidTokenError) throw new Unauthenticated(e.message, 'invalid_token');
      throw e;
    }
    if (t.tenant !== d.tenant) throw new Unauthenticated('The access token belongs to another tenant', 'invalid_token');
    const user = await d.users.findById(t.tenant, t.sub);
    if (user) {
      if (user.disabled) throw new Unauthenticated('The account behind this token is disabled', 'invalid_token');
      return {
        tenant: t.tenant, kind: 'user', userId: user.id, username: user.username, roles: [...user.roles], clientId: t.clientId,
        scopes: t.scopes, ...(user.fhirUser ? { fhirUser: user.fhirUser } : {}), ...(t.patient ? { patient: t.patient } : {}), ...net,
      };
    }
    // client credentials: the client acts for itself
    return { tenant: t.tenant, kind: 'client', clientId: t.clientId, roles: [], scopes: t.scopes, ...net };
  }
  if (req.user) return { ...callerOfUser(req.user), ...net };
  if (d.open) return undefined;
  throw new Unauthenticated('Authentication required: send a SMART access token (Authorization: Bearer …) or log in');
}

/** The web session's user as a caller (the role policy alone decides: no scopes). */
export function callerOfUser(u: Principal): Caller {
  return { tenant: u.tenant, kind: 'user', userId: u.userId, username: u.username, roles: [...u.roles], ...(u.fhirUser ? { fhirUser: u.fhirUser } : {}) };
}

export function sendUnauthenticated(reply: FastifyReply, e: Unauthenticated, resourceMetadata: string): FastifyReply {
  const challenge = e.bearerError ? `Bearer realm="huiyi", error="${e.bearerError}", error_description="${e.message.replace(/"/g, "'")}"` : 'Bearer realm="huiyi"';
  return reply
    .code(401)
    .header('www-authenticate', challenge)
    .header('link', `<${resourceMetadata}>; rel="smart-configuration"`)
    .type('application/fhir+json; charset=utf-8')
    .send(operationOutcome([{ severity: 'error', code: 'login', diagnostics: e.message }]));
}
