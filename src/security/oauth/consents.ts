import type { Db } from '../../fhir/store/db.js';
import { randomToken, safeEqual, sha256 } from './util.js';

/** A validated authorization request waiting for the user's decision on the consent page. */
export interface PendingRequest {
  clientId: string;
  redirectUri: string;
  /** scopes that may be granted (requested ∩ allowed) */
  scope: string;
  state?: string;
  codeChallenge: string;
  nonce?: string;
  patient?: string;
  encounter?: string;
  /** standalone launch/patient: the user must pick a patient */
  needPatient: boolean;
}

/** Store the request; the id and CSRF token go into the consent form. */
export async function saveConsent(db: Db, tenant: string, userId: string, r: PendingRequest, now: number, lifetimeMs: number): Promise<{ id: string; csrf: string }> {
  const id = randomToken(18);
  const csrf = randomToken();
  await db.run('INSERT INTO oauth_consents (tenant, id, user_id, csrf_hash, request, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
    tenant,
    id,
    userId,
    sha256(csrf),
    JSON.stringify(r),
    now + lifetimeMs,
  ]);
  return { id, csrf };
}

/** Take (and delete) a pending request; only the same user with the right CSRF token gets it. */
export async function takeConsent(db: Db, tenant: string, id: string, userId: string, csrf: string, now: number): Promise<PendingRequest | undefined> {
  const row = await db.get<{ user_id: string; csrf_hash: string; request: string; expires_at: number }>(
    'SELECT user_id, csrf_hash, request, expires_at FROM oauth_consents WHERE tenant = ? AND id = ?',
    [tenant, id],
  );
  if (!row || row.user_id !== userId || !safeEqual(sha256(csrf), row.csrf_hash) || Number(row.expires_at) <= now) return undefined;
  if ((await db.run('DELETE FROM oauth_consents WHERE tenant = ? AND id = ?', [tenant, id])) !== 1) return undefined;
  return JSON.parse(row.request) as PendingRequest;
}
