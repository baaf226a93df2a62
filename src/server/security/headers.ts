// Response headers every page and API answer carries, and the CORS policy for browser apps on other origins.
import type { FastifyInstance } from 'fastify';

const API = /^\/(fhir|auth|oauth|admin|api)(\/|$|\?)/;

export function securityHeaders(app: FastifyInstance, opts: { https: boolean }): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    }
    if (opts.https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // patient data never sits in shared or browser caches
    if (API.test(req.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

const ALLOW_HEADERS = 'authorization, content-type, accept, if-match, if-none-match, if-none-exist, if-modified-since, prefer';
const EXPOSE_HEADERS = 'location, etag, last-modified, content-location, www-authenticate';

/**
 * CORS for /fhir: only listed origins, never with credentials (browser apps use bearer tokens; the
 * session cookie stays same-site). Without a list, no cross-origin access at all.
 */
export function fhirCors(app: FastifyInstance, origins: readonly string[]): void {
  if (!origins.length) return;
  const any = origins.includes('*');
  const allowed = (o: string | undefined): o is string => !!o && (any || origins.includes(o));
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/fhir')) return;
    const origin = req.headers.origin;
    reply.header('vary', 'Origin');
    if (!allowed(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', EXPOSE_HEADERS);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      reply.header('access-control-allow-methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
      reply.header('access-control-allow-headers', ALLOW_HEADERS);
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
  });
}
