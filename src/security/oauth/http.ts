import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError, invalidRequest } from './errors.js';
import { parseForm } from './util.js';

/** Form bodies (RFC 6749 uses application/x-www-form-urlencoded), within this plugin only. */
export function installFormParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (e) {
      done(invalidRequest((e as Error).message), undefined);
    }
  });
}

/** OAuth errors as RFC 6749 §5.2 JSON; anything else is a server_error without details. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    noStore(reply);
    if (err instanceof OAuthError) {
      if (err.basicChallenge) reply.header('www-authenticate', 'Basic realm="huiyi"');
      return reply.code(err.status).send({ error: err.error, error_description: err.description });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: 'invalid_request', error_description: err.message });
    }
    req.log.error(err);
    return reply.code(500).send({ error: 'server_error', error_description: 'internal error' });
  });
}

export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

/** Browser apps call these cross-origin without cookies, so a wildcard origin is safe. */
export function allowCors(app: FastifyInstance, paths: string[]): void {
  const cors = (reply: FastifyReply) =>
    reply
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'GET, POST, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600');
  app.addHook('onRequest', async (req, reply) => {
    if (paths.includes(req.routeOptions.url ?? '')) cors(reply);
  });
  for (const p of paths) app.options(p, async (_req, reply) => reply.code(204).send());
}

/** The body of a form POST as a string map (empty when there is none); other body types are refused. */
export function formBody(req: FastifyRequest): Record<string, string> {
  if (req.body === undefined || req.body === null) return Object.create(null) as Record<string, string>;
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) throw invalidRequest('send application/x-www-form-urlencoded');
  return req.body as Record<string, string>;
}

/** JSON-only admin endpoints: refusing forms keeps cross-site form posts out. */
export function requireJson(contentType: string | undefined): void {
  if (!/^application\/json\b/i.test(contentType ?? '')) throw new OAuthError('invalid_request', 'send application/json', 415);
}
