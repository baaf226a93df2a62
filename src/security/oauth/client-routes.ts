import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ClientError, describeClient, disableClient, listClients, registerClient, type NewClient } from './clients.js';
import type { OAuthContext } from './context.js';
import { OAuthError, invalidRequest } from './errors.js';
import { noStore, requireJson } from './http.js';

/** Accepts RFC 7591 field names (client_name, redirect_uris, token_endpoint_auth_method) or the CLI's. */
export function newClientFromJson(b: Record<string, unknown>): NewClient {
  const method = b.token_endpoint_auth_method;
  if (method !== undefined && !['none', 'client_secret_basic', 'private_key_jwt'].includes(method as string)) {
    throw new ClientError('token_endpoint_auth_method must be none, client_secret_basic or private_key_jwt');
  }
  if (method === 'private_key_jwt' && b.jwks === undefined) throw new ClientError('private_key_jwt needs jwks');
  const redirect = b.redirect_uris ?? b.redirectUris;
  if (redirect !== undefined && (!Array.isArray(redirect) || redirect.some((u) => typeof u !== 'string'))) throw new ClientError('redirect_uris must be an array of strings');
  return {
    name: String(b.client_name ?? b.name ?? ''),
    scope: String(b.scope ?? ''),
    redirectUris: redirect as string[] | undefined,
    jwks: b.jwks,
    secret: method === 'client_secret_basic' || b.secret === true,
  };
}

/** Admin-only client registry: POST (register), GET (list), DELETE (disable and revoke). */
export function registerClientRoutes(app: FastifyInstance, c: OAuthContext): void {
  const guard = async (req: FastifyRequest) => {
    if (!(await c.isAdmin(req))) throw new OAuthError('access_denied', 'administrators only', 403);
  };

  app.post('/oauth/clients', async (req, reply) => {
    await guard(req);
    requireJson(req.headers['content-type']);
    if (!req.body || typeof req.body !== 'object') throw invalidRequest('send a JSON object');
    try {
      const { client, secret } = await registerClient(c.db, c.tenant, newClientFromJson(req.body as Record<string, unknown>), c.clock());
      const described = describeClient(client);
      await c.clientChanged(req, { change: 'register', clientId: client.clientId, client: described });
      return noStore(reply)
        .code(201)
        .send({ ...described, ...(secret ? { client_secret: secret } : {}) });
    } catch (e) {
      if (e instanceof ClientError) throw new OAuthError('invalid_client_metadata', e.message);
      throw e;
    }
  });

  app.get('/oauth/clients', async (req, reply) => {
    await guard(req);
    return noStore(reply).send((await listClients(c.db, c.tenant)).map(describeClient));
  });

  app.delete<{ Params: { id: string } }>('/oauth/clients/:id', async (req, reply) => {
    await guard(req);
    if (!(await disableClient(c.db, c.tenant, req.params.id, c.clock()))) throw new OAuthError('not_found', 'no such client', 404);
    await c.clientChanged(req, { change: 'disable', clientId: req.params.id });
    return reply.code(204).send();
  });
}
