import { randomUUID } from 'node:crypto';
import type { Db } from '../../fhir/store/db.js';
import { invalidGrant } from './errors.js';
import { randomToken, sha256 } from './util.js';

/** One approval of a client by a user: the family of its code, refresh tokens and access tokens. */
export interface Grant {
  id: string;
  tenant: string;
  clientId: string;
  userId: string;
  scope: string;
  patient?: string;
  encounter?: string;
  fhirUser?: string;
}

interface GrantRow {
  id: string;
  tenant: string;
  client_id: string;
  user_id: string;
  scope: string;
  patient: string | null;
  encounter: string | null;
  fhir_user: string | null;
  revoked_at: number | null;
}

const GRANT_COLUMNS = 'g.id, g.tenant, g.client_id, g.user_id, g.scope, g.patient, g.encounter, g.fhir_user, g.revoked_at';

function fromRow(r: GrantRow): Grant {
  return {
    id: r.id,
    tenant: r.tenant,
    clientId: r.client_id,
    userId: r.user_id,
    scope: r.scope,
    patient: r.patient ?? undefined,
    encounter: r.encounter ?? undefined,
    fhirUser: r.fhir_user ?? undefined,
  };
}

export async function createGrant(db: Db, g: Omit<Grant, 'id'>, now: number, expiresAt: number): Promise<Grant> {
  const grant = { ...g, id: randomUUID() };
  await db.run(
    'INSERT INTO oauth_grants (id, tenant, client_id, user_id, scope, patient, encounter, fhir_user, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
    [grant.id, g.tenant, g.clientId, g.userId, g.scope, g.patient ?? null, g.encounter ?? null, g.fhirUser ?? null, now, expiresAt],
  );
  return grant;
}

/** Keep the grant row at least until `until`, so revoking it still reaches every token of the family. */
export async function extendGrant(db: Db, id: string, until: number): Promise<void> {
  await db.run('UPDATE oauth_grants SET expires_at = CASE WHEN expires_at < ? THEN ? ELSE expires_at END WHERE id = ?', [until, until, id]);
}

/** Revoke the whole family: its refresh tokens and access tokens stop working. */
export async function revokeGrant(db: Db, id: string, now: number): Promise<void> {
  await db.run('UPDATE oauth_grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]);
}

export async function issueRefreshToken(db: Db, grant: Grant, now: number, lifetimeMs: number): Promise<string> {
  const token = randomToken();
  const exp = now + lifetimeMs;
  await db.run('INSERT INTO oauth_refresh_tokens (token_hash, tenant, grant_id, client_id, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)', [
    sha256(token),
    grant.tenant,
    grant.id,
    grant.clientId,
    exp,
  ]);
  await extendGrant(db, grant.id, exp);
  return token;
}

interface RefreshRow extends GrantRow {
  r_client: string;
  r_exp: number;
  r_used: number | null;
}

async function findRefresh(db: Db, tenant: string, token: string): Promise<RefreshRow | undefined> {
  return db.get<RefreshRow>(
    `SELECT ${GRANT_COLUMNS}, r.client_id AS r_client, r.expires_at AS r_exp, r.used_at AS r_used
       FROM oauth_refresh_tokens r JOIN oauth_grants g ON g.id = r.grant_id WHERE r.token_hash = ? AND r.tenant = ?`,
    [sha256(token), tenant],
  );
}

/**
 * Spend a refresh token (rotation: each one works once). Presenting a spent token means two
 * parties hold it, so the whole family is revoked (OAuth 2.0 Security BCP §4.14).
 */
export async function useRefreshToken(db: Db, tenant: string, token: string, clientId: string, now: number, check?: (g: Grant) => void): Promise<Grant> {
  const row = await findRefresh(db, tenant, token);
  if (!row) throw invalidGrant('unknown refresh token');
  if (row.r_client !== clientId) {
    await revokeGrant(db, row.id, now);
    throw invalidGrant('refresh token was issued to another client');
  }
  if (row.revoked_at !== null) throw invalidGrant('the grant was revoked');
  if (row.r_used !== null) {
    await revokeGrant(db, row.id, now);
    throw invalidGrant('refresh token reused: the grant is revoked');
  }
  if (Number(row.r_exp) <= now) throw invalidGrant('refresh token expired');
  check?.(fromRow(row)); // a refused request (e.g. a wider scope) must not spend the token
  const n = await db.run('UPDATE oauth_refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL', [now, sha256(token)]);
  if (n !== 1) {
    await revokeGrant(db, row.id, now);
    throw invalidGrant('refresh token reused: the grant is revoked');
  }
  return fromRow(row);
}

/** The grant behind a refresh token, or undefined (introspection, revocation). */
export async function grantOfRefreshToken(db: Db, tenant: string, token: string, now: number): Promise<{ grant: Grant; active: boolean; exp: number } | undefined> {
  const row = await findRefresh(db, tenant, token);
  if (!row) return undefined;
  const active = row.revoked_at === null && row.r_used === null && Number(row.r_exp) > now;
  return { grant: fromRow(row), active, exp: Number(row.r_exp) };
}

export async function findGrant(db: Db, id: string): Promise<(Grant & { revoked: boolean }) | undefined> {
  const r = await db.get<GrantRow>(`SELECT ${GRANT_COLUMNS} FROM oauth_grants g WHERE g.id = ?`, [id]);
  return r && { ...fromRow(r), revoked: r.revoked_at !== null };
}
