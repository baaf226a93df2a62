import type { FastifyRequest } from 'fastify';
import type { Db } from '../../fhir/store/db.js';
import { assertionIssuer, JWT_BEARER, verifyClientAssertion } from './assertion.js';
import { findClient, type Client } from './clients.js';
import { invalidClient, invalidRequest } from './errors.js';
import { safeEqual, sha256 } from './util.js';

export interface ClientAuthDeps {
  db: Db;
  tenant: string;
  tokenUrl: string;
  clock: () => number;
}

function basicCredentials(req: FastifyRequest): { id: string; secret: string } | undefined {
  const h = req.headers.authorization;
  if (!h || !/^basic /i.test(h)) return undefined;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) throw invalidClient('malformed Basic credentials', true);
  // RFC 6749 §2.3.1: both parts are form-urlencoded before base64
  const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { id: dec(decoded.slice(0, i)), secret: dec(decoded.slice(i + 1)) };
  } catch {
    throw invalidClient('malformed Basic credentials', true);
  }
}

/**
 * Identify the client of a token, introspection or revocation request: client_secret_basic,
 * private_key_jwt, or (public clients only) a bare client_id. Exactly one method is allowed.
 */
export async function authenticateClient(d: ClientAuthDeps, req: FastifyRequest, body: Record<string, string>): Promise<Client> {
  const basic = basicCredentials(req);
  const assertion = body.client_assertion;
  if (body.client_secret !== undefined) throw invalidClient('client_secret_post is not supported: use HTTP Basic');
  if (basic && assertion) throw invalidRequest('use one client authentication method');
  const now = d.clock();
  if (basic) {
    if (body.client_id !== undefined && body.client_id !== basic.id) throw invalidClient('client_id does not match the credentials', true);
    const client = await findClient(d.db, d.tenant, basic.id);
    if (!client || client.kind !== 'symmetric' || !client.secretHash || !safeEqual(sha256(basic.secret), client.secretHash)) {
      throw invalidClient('client authentication failed', true);
    }
    return client;
  }
  if (assertion !== undefined) {
    if (body.client_assertion_type !== JWT_BEARER) throw invalidClient(`client_assertion_type must be ${JWT_BEARER}`);
    const id = body.client_id ?? assertionIssuer(assertion);
    if (body.client_id !== undefined && assertionIssuer(assertion) !== body.client_id) throw invalidClient('client_id does not match the assertion');
    const client = id ? await findClient(d.db, d.tenant, id) : undefined;
    if (!client) throw invalidClient('client authentication failed');
    await verifyClientAssertion(d.db, client, assertion, d.tokenUrl, now);
    return client;
  }
  if (body.client_id) {
    const client = await findClient(d.db, d.tenant, body.client_id);
    if (!client) throw invalidClient('unknown client');
    if (client.kind !== 'public') throw invalidClient('this client must authenticate');
    return client;
  }
  throw invalidClient('client authentication is required');
}
