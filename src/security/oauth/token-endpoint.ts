import type { FastifyInstance } from 'fastify';
import { authenticateClient } from './client-auth.js';
import type { Client } from './clients.js';
import { redeemCode } from './codes.js';
import type { OAuthContext } from './context.js';
import { OAuthError, invalidGrant, invalidRequest, invalidScope } from './errors.js';
import { extendGrant, issueRefreshToken, useRefreshToken, type Grant } from './grants.js';
import { formBody, noStore } from './http.js';
import { formatScopes, grantScopes, hasScope, parseScopes, type Scope } from './scopes.js';
import { purgeExpired } from './schema.js';

const PURGE_EVERY = 10 * 60_000;

/** The grant's scopes as the client may have them now (its allowed scopes can shrink), optionally narrowed. */
function grantedScopes(client: Client, grant: Grant, requested?: string): Scope[] {
  const scopes = grantScopes(parseScopes(grant.scope), client.scopes, ['patient', 'user']);
  if (!scopes.length) throw invalidGrant('the client may no longer hold any scope of this grant');
  if (requested === undefined) return scopes;
  const asked = parseScopes(requested);
  const narrowed = grantScopes(asked, scopes, ['patient', 'user']);
  // every requested scope must survive, possibly narrowed (RFC 6749 §6)
  if (!narrowed.length || asked.some((a) => !grantScopes([a], scopes, ['patient', 'user']).length)) {
    throw invalidScope('the requested scope exceeds the original grant');
  }
  return narrowed;
}

/** Tokens for a user's grant: access token, and refresh / id token when their scopes were granted. */
async function grantTokens(c: OAuthContext, client: Client, grant: Grant, opts: { nonce?: string; scope?: string } = {}) {
  const scopes = grantedScopes(client, grant, opts.scope);
  const scope = formatScopes(scopes);
  const now = c.clock();
  const at = await c.tokens.accessToken(c.db, {
    tenant: grant.tenant,
    sub: grant.userId,
    clientId: grant.clientId,
    scope,
    patient: grant.patient,
    encounter: grant.encounter,
    fhirUser: grant.fhirUser,
    grantId: grant.id,
  });
  await extendGrant(c.db, grant.id, at.expiresAt);
  const body: Record<string, unknown> = { access_token: at.token, token_type: 'Bearer', expires_in: at.expiresIn, scope };
  const offline = hasScope(scopes, 'offline_access');
  if (offline || hasScope(scopes, 'online_access')) {
    body.refresh_token = await issueRefreshToken(c.db, grant, now, (offline ? c.life.offlineRefresh : c.life.onlineRefresh) * 1000);
  }
  if (hasScope(scopes, 'openid')) {
    body.id_token = await c.tokens.idToken({ sub: grant.userId, clientId: grant.clientId, nonce: opts.nonce, fhirUser: hasScope(scopes, 'fhirUser') ? grant.fhirUser : undefined });
  }
  if (grant.patient) body.patient = grant.patient;
  if (grant.encounter) body.encounter = grant.encounter;
  if (grant.fhirUser && hasScope(scopes, 'fhirUser')) body.fhirUser = grant.fhirUser;
  return body;
}

/** SMART Backend Services: system scopes only, and only for clients with registered keys. */
async function clientCredentials(c: OAuthContext, client: Client, scope: string | undefined) {
  if (client.kind !== 'asymmetric') throw new OAuthError('unauthorized_client', 'client_credentials needs a private_key_jwt client');
  const scopes = grantScopes(parseScopes(scope), client.scopes, ['system']);
  if (!scopes.length) throw invalidScope('none of the requested system scopes may be granted to this client');
  const granted = formatScopes(scopes);
  const at = await c.tokens.accessToken(c.db, { tenant: client.tenant, sub: client.clientId, clientId: client.clientId, scope: granted });
  return { access_token: at.token, token_type: 'Bearer', expires_in: at.expiresIn, scope: granted };
}

export function registerTokenRoute(app: FastifyInstance, c: OAuthContext): void {
  let purgedAt = 0;
  app.post('/oauth/token', async (req, reply) => {
    const now = c.clock();
    if (now - purgedAt > PURGE_EVERY) {
      purgedAt = now;
      purgeExpired(c.db, now).catch((e: unknown) => req.log.warn({ err: e }, 'oauth purge failed'));
    }
    const body = formBody(req);
    const client = await authenticateClient({ db: c.db, tenant: c.tenant, tokenUrl: c.urls.token, clock: c.clock }, req, body);
    let out: Record<string, unknown>;
    switch (body.grant_type) {
      case 'authorization_code': {
        if (!body.code) throw invalidRequest('code is required');
        const { grant, nonce } = await redeemCode(
          c.db,
          { tenant: c.tenant, code: body.code, clientId: client.clientId, redirectUri: body.redirect_uri, codeVerifier: body.code_verifier },
          now,
        );
        out = await grantTokens(c, client, grant, { nonce });
        break;
      }
      case 'refresh_token': {
        if (!body.refresh_token) throw invalidRequest('refresh_token is required');
        const grant = await useRefreshToken(c.db, c.tenant, body.refresh_token, client.clientId, now, (g) => grantedScopes(client, g, body.scope));
        out = await grantTokens(c, client, grant, { scope: body.scope });
        break;
      }
      case 'client_credentials':
        out = await clientCredentials(c, client, body.scope);
        break;
      default:
        throw new OAuthError('unsupported_grant_type', 'grant_type must be authorization_code, refresh_token or client_credentials');
    }
    return noStore(reply).send(out);
  });
}
