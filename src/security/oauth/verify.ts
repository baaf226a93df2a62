import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { Db } from '../../fhir/store/db.js';
import { SIGNING_ALGS, type TokenKeys } from './keys.js';
import { parseScopes, type Scope } from './scopes.js';

/** A verified access token. */
export interface AccessToken {
  jti: string;
  tenant: string;
  sub: string;
  clientId: string;
  scope: string;
  scopes: Scope[];
  patient?: string;
  encounter?: string;
  fhirUser?: string;
  /** epoch seconds */
  iat: number;
  exp: number;
}

/** The token is not acceptable; answer 401 with `WWW-Authenticate: Bearer error="invalid_token"`. */
export class InvalidTokenError extends Error {
  readonly error = 'invalid_token';
}

export interface VerifierOptions {
  db: Db;
  keys: TokenKeys;
  issuer: string;
  /** the FHIR base URL */
  audience: string;
  clock?: () => number;
  leewaySeconds?: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Build `verifyAccessToken(token)`: signature (current and previous keys), typ, iss, aud, exp/nbf/iat, revocation. */
export function accessTokenVerifier(o: VerifierOptions): (token: string) => Promise<AccessToken> {
  const clock = o.clock ?? Date.now;
  const leeway = o.leewaySeconds ?? 30;
  return async (token) => {
    let payload: JWTPayload;
    try {
      // The allow-list also rules out `none` and HMAC algorithms keyed with a public key.
      const alg = decodeProtectedHeader(token).alg;
      if (!alg || !(SIGNING_ALGS as readonly string[]).includes(alg)) throw new Error(`algorithm ${alg ?? '(none)'} is not accepted`);
      ({ payload } = await jwtVerify(token, await o.keys.keyResolver(), {
        algorithms: [...SIGNING_ALGS],
        issuer: o.issuer,
        audience: o.audience,
        typ: 'at+jwt',
        clockTolerance: leeway,
        currentDate: new Date(clock()),
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      }));
    } catch (e) {
      throw new InvalidTokenError(`invalid access token: ${(e as Error).message}`);
    }
    const now = clock() / 1000;
    const jti = str(payload.jti);
    const tenant = str(payload.tenant);
    const clientId = str(payload.client_id);
    const scope = typeof payload.scope === 'string' ? payload.scope : undefined;
    if (!jti || !tenant || !clientId || scope === undefined || !payload.sub) throw new InvalidTokenError('invalid access token: claims missing');
    if ((payload.iat as number) > now + leeway) throw new InvalidTokenError('invalid access token: issued in the future');
    const row = await o.db.get<{ ar: number | null; gr: number | null }>(
      'SELECT a.revoked_at AS ar, g.revoked_at AS gr FROM oauth_access_tokens a LEFT JOIN oauth_grants g ON g.id = a.grant_id WHERE a.jti = ? AND a.tenant = ?',
      [jti, tenant],
    );
    if (!row || row.ar !== null || row.gr !== null) throw new InvalidTokenError('access token revoked');
    return {
      jti,
      tenant,
      sub: payload.sub,
      clientId,
      scope,
      scopes: parseScopes(scope),
      patient: str(payload.patient),
      encounter: str(payload.encounter),
      fhirUser: str(payload.fhirUser),
      iat: payload.iat as number,
      exp: payload.exp as number,
    };
  };
}
