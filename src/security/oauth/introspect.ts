import type { FastifyInstance } from 'fastify';
import { authenticateClient } from './client-auth.js';
import type { OAuthContext } from './context.js';
import { invalidClient, invalidRequest } from './errors.js';
import { grantOfRefreshToken, revokeGrant } from './grants.js';
import { formBody, noStore } from './http.js';

const looksLikeJwt = (t: string) => t.split('.').length === 3;

/** RFC 7662 introspection (confidential clients) and RFC 7009 revocation (any client, its own tokens). */
export function registerIntrospectionRoutes(app: FastifyInstance, c: OAuthContext): void {
  const auth = (req: Parameters<typeof authenticateClient>[1], body: Record<string, string>) =>
    authenticateClient({ db: c.db, tenant: c.tenant, tokenUrl: c.urls.token, clock: c.clock }, req, body);

  app.post('/oauth/introspect', async (req, reply) => {
    const body = formBody(req);
    const client = await auth(req, body);
    if (client.kind === 'public') throw invalidClient('introspection needs an authenticated (confidential) client');
    if (!body.token) throw invalidRequest('token is required');
    noStore(reply);
    if (looksLikeJwt(body.token)) {
      try {
        const t = await c.verify(body.token);
        if (t.tenant !== c.tenant) return { active: false };
        return {
          active: true,
          scope: t.scope,
          client_id: t.clientId,
          sub: t.sub,
          exp: t.exp,
          iat: t.iat,
          iss: c.issuer,
          aud: c.audience,
          jti: t.jti,
          token_type: 'Bearer',
          ...(t.patient ? { patient: t.patient } : {}),
          ...(t.encounter ? { encounter: t.encounter } : {}),
          ...(t.fhirUser ? { fhirUser: t.fhirUser } : {}),
        };
      } catch {
        return { active: false };
      }
    }
    // Refresh tokens are only described to the client that holds them.
    const r = await grantOfRefreshToken(c.db, c.tenant, body.token, c.clock());
    if (!r || !r.active || r.grant.clientId !== client.clientId) return { active: false };
    return { active: true, scope: r.grant.scope, client_id: r.grant.clientId, sub: r.grant.userId, exp: Math.floor(r.exp / 1000), token_type: 'refresh_token' };
  });

  app.post('/oauth/revoke', async (req, reply) => {
    const body = formBody(req);
    const client = await auth(req, body);
    if (!body.token) throw invalidRequest('token is required');
    const now = c.clock();
    noStore(reply);
    // Unknown, expired or foreign tokens get the same 200 (RFC 7009 §2.2): nothing is revealed.
    if (looksLikeJwt(body.token)) {
      try {
        const t = await c.verify(body.token);
        if (t.clientId === client.clientId && t.tenant === c.tenant) await c.db.run('UPDATE oauth_access_tokens SET revoked_at = ? WHERE jti = ? AND revoked_at IS NULL', [now, t.jti]);
      } catch {
        // already invalid
      }
      return reply.code(200).send();
    }
    const r = await grantOfRefreshToken(c.db, c.tenant, body.token, now);
    if (r && r.grant.clientId === client.clientId) await revokeGrant(c.db, r.grant.id, now);
    return reply.code(200).send();
  });
}

