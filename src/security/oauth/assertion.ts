import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { Db } from '../../fhir/store/db.js';
import { ASSERTION_ALGS, type Client } from './clients.js';
import { invalidClient } from './errors.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MAX_LIFETIME = 300; // SMART Backend Services: exp no more than five minutes ahead
const LEEWAY = 30;

/** The client id an assertion claims to come from (unverified: only to find the client's keys). */
export function assertionIssuer(assertion: string): string | undefined {
  try {
    const part = assertion.split('.')[1];
    const payload = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as JWTPayload;
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * private_key_jwt (SMART Backend Services): signed with one of the client's keys (RS384/ES384),
 * iss = sub = client_id, aud = token endpoint, exp at most 5 minutes ahead, jti never seen before.
 */
export async function verifyClientAssertion(db: Db, client: Client, assertion: string, tokenUrl: string, now: number): Promise<void> {
  if (client.kind !== 'asymmetric' || !client.jwks) throw invalidClient('this client does not authenticate with private_key_jwt');
  let payload: JWTPayload;
  try {
    const alg = decodeProtectedHeader(assertion).alg;
    if (!alg || !ASSERTION_ALGS.includes(alg)) throw new Error(`algorithm ${alg ?? '(none)'} is not accepted (use ${ASSERTION_ALGS.join(' or ')})`);
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet(client.jwks), {
      algorithms: ASSERTION_ALGS,
      issuer: client.clientId,
      subject: client.clientId,
      audience: tokenUrl,
      clockTolerance: LEEWAY,
      currentDate: new Date(now),
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (e) {
    throw invalidClient(`client assertion rejected: ${(e as Error).message}`);
  }
  const exp = payload.exp as number;
  if (exp > now / 1000 + MAX_LIFETIME + LEEWAY) throw invalidClient('client assertion rejected: exp is more than 5 minutes ahead');
  if (typeof payload.jti !== 'string' || !payload.jti) throw invalidClient('client assertion rejected: jti missing');
  // Remember the jti while the assertion could still be accepted.
  const fresh = await db.run('INSERT INTO oauth_assertions (tenant, client_id, jti, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
    client.tenant,
    client.clientId,
    payload.jti,
    (exp + LEEWAY) * 1000,
  ]);
  if (fresh !== 1) throw invalidClient('client assertion rejected: jti already used');
}
