import type { Db } from '../../fhir/store/db.js';
import { invalidGrant } from './errors.js';
import { findGrant, revokeGrant, type Grant } from './grants.js';
import { randomToken, safeEqual, sha256 } from './util.js';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface NewCode {
  grant: Grant;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
}

/** An authorization code bound to client, redirect URI and PKCE challenge; stored hashed. */
export async function createCode(db: Db, c: NewCode, now: number, lifetimeMs: number): Promise<string> {
  const code = randomToken();
  await db.run(
    'INSERT INTO oauth_codes (code_hash, tenant, grant_id, client_id, redirect_uri, code_challenge, nonce, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)',
    [sha256(code), c.grant.tenant, c.grant.id, c.grant.clientId, c.redirectUri, c.codeChallenge, c.nonce ?? null, now + lifetimeMs],
  );
  return code;
}

interface CodeRow {
  grant_id: string;
  client_id: string;
  redirect_uri: string;
  code_challenge: string;
  nonce: string | null;
  expires_at: number;
  used_at: number | null;
}

/**
 * Exchange a code once. A second use revokes what the first one produced (RFC 6749 §4.1.2);
 * a failed check does not spend the code.
 */
export async function redeemCode(
  db: Db,
  r: { tenant: string; code: string; clientId: string; redirectUri?: string; codeVerifier?: string },
  now: number,
): Promise<{ grant: Grant; nonce?: string }> {
  const hash = sha256(r.code);
  const row = await db.get<CodeRow>(
    'SELECT grant_id, client_id, redirect_uri, code_challenge, nonce, expires_at, used_at FROM oauth_codes WHERE code_hash = ? AND tenant = ?',
    [hash, r.tenant],
  );
  if (!row || row.client_id !== r.clientId) throw invalidGrant('unknown authorization code');
  if (row.used_at !== null) {
    await revokeGrant(db, row.grant_id, now);
    throw invalidGrant('authorization code already used: tokens issued with it are revoked');
  }
  if (Number(row.expires_at) <= now) throw invalidGrant('authorization code expired');
  if (r.redirectUri !== row.redirect_uri) throw invalidGrant('redirect_uri does not match the authorization request');
  if (!r.codeVerifier || !VERIFIER.test(r.codeVerifier) || !safeEqual(sha256(r.codeVerifier), row.code_challenge)) {
    throw invalidGrant('code_verifier does not match the code_challenge');
  }
  if ((await db.run('UPDATE oauth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL', [now, hash])) !== 1) {
    await revokeGrant(db, row.grant_id, now);
    throw invalidGrant('authorization code already used: tokens issued with it are revoked');
  }
  const grant = await findGrant(db, row.grant_id);
  if (!grant || grant.revoked) throw invalidGrant('the grant was revoked');
  return { grant, nonce: row.nonce ?? undefined };
}
