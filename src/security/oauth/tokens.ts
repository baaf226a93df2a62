import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../fhir/store/db.js';
import type { TokenKeys } from './keys.js';

/** What an access token says about who may do what for whom. */
export interface TokenClaims {
  tenant: string;
  /** user id, or the client id for client_credentials */
  sub: string;
  clientId: string;
  scope: string;
  patient?: string;
  encounter?: string;
  fhirUser?: string;
  /** the grant (refresh family) the token belongs to; revoking it revokes the token */
  grantId?: string;
}

export interface IssuerOptions {
  db: Db;
  keys: TokenKeys;
  issuer: string;
  audience: string;
  clock: () => number;
  accessTokenSeconds: number;
}

/** Signs access tokens (RFC 9068 `at+jwt`) and OpenID Connect id tokens with the current server key. */
export class TokenIssuer {
  constructor(private readonly o: IssuerOptions) {}

  /** Sign an access token and record its jti (revocation works on that record). */
  async accessToken(db: Db, c: TokenClaims): Promise<{ token: string; jti: string; expiresIn: number; expiresAt: number }> {
    const key = await this.o.keys.signingKey();
    const now = Math.floor(this.o.clock() / 1000);
    const exp = now + this.o.accessTokenSeconds;
    const jti = randomUUID();
    const claims: Record<string, unknown> = { client_id: c.clientId, scope: c.scope, tenant: c.tenant };
    if (c.patient) claims.patient = c.patient;
    if (c.encounter) claims.encounter = c.encounter;
    if (c.fhirUser) claims.fhirUser = c.fhirUser;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
      .setIssuer(this.o.issuer)
      .setSubject(c.sub)
      .setAudience(this.o.audience)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(key.privateKey);
    await db.run('INSERT INTO oauth_access_tokens (jti, tenant, grant_id, client_id, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      jti,
      c.tenant,
      c.grantId ?? null,
      c.clientId,
      exp * 1000,
    ]);
    return { token, jti, expiresIn: this.o.accessTokenSeconds, expiresAt: exp * 1000 };
  }

  /** An OpenID Connect id token for the client (aud = client_id). */
  async idToken(c: { sub: string; clientId: string; nonce?: string; fhirUser?: string }): Promise<string> {
    const key = await this.o.keys.signingKey();
    const now = Math.floor(this.o.clock() / 1000);
    const claims: Record<string, unknown> = {};
    if (c.fhirUser) claims.fhirUser = c.fhirUser;
    if (c.nonce) claims.nonce = c.nonce;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuer(this.o.issuer)
      .setSubject(c.sub)
      .setAudience(c.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + this.o.accessTokenSeconds)
      .sign(key.privateKey);
  }
}
