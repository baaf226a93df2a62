// Web sessions: the browser holds a random id; the database holds only its SHA-256, so a leaked table
// (or backup) cannot be replayed as cookies.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../fhir/store/db.js';
import type { Role } from './roles.js';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
/** last_seen is written at most this often (not on every request), so idle expiry is this precise */
const TOUCH_MS = 60_000;

export interface ActiveSession {
  idHash: string;
  tenant: string;
  userId: string;
  csrfToken: string;
  /** logged in with a password only, to enrol TOTP (admins without a second factor) */
  enrollOnly: boolean;
  createdAt: number;
  lastSeenAt: number;
  /** when it ends if used continuously (absolute limit) */
  expiresAt: number;
  user: { username: string; displayName: string | null; roles: Role[]; fhirUser: string | null };
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

const token = () => randomBytes(32).toString('base64url');

export class SessionStore {
  constructor(
    private readonly db: Db,
    readonly policy: SessionPolicy = DEFAULT_SESSION,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session; the returned id goes into the cookie and is never stored. */
  async create(tenant: string, userId: string, opts: { enrollOnly?: boolean; ip?: string; userAgent?: string } = {}): Promise<{ id: string; csrfToken: string }> {
    const id = token();
    const csrfToken = token();
    const now = this.now();
    await this.db.run(
      'INSERT INTO user_sessions (id_hash, tenant, user_id, csrf_token, enroll_only, created_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [hashSessionId(id), tenant, userId, csrfToken, opts.enrollOnly ? 1 : 0, now, now, opts.ip ?? null, opts.userAgent?.slice(0, 300) ?? null],
    );
    return { id, csrfToken };
  }

  /** The live session for a cookie value, or null (unknown, expired, revoked, or its user disabled). */
  async resolve(id: string): Promise<ActiveSession | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
    const idHash = hashSessionId(id);
    const r = await this.db.get<Record<string, unknown>>(
      `SELECT s.tenant, s.user_id, s.csrf_token, s.enroll_only, s.created_at, s.last_seen_at,
              u.username, u.display_name, u.roles, u.fhir_user, u.disabled
       FROM user_sessions s JOIN users u ON u.id = s.user_id AND u.tenant = s.tenant WHERE s.id_hash = ?`,
      [idHash],
    );
    if (!r) return null;
    const now = this.now();
    const createdAt = Number(r.created_at);
    const lastSeenAt = Number(r.last_seen_at);
    if (Number(r.disabled) === 1 || now - lastSeenAt >= this.policy.idleMs || now - createdAt >= this.policy.absoluteMs) {
      await this.db.run('DELETE FROM user_sessions WHERE id_hash = ?', [idHash]);
      return null;
    }
    const touch = now - lastSeenAt >= Math.min(TOUCH_MS, this.policy.idleMs / 10);
    if (touch) await this.db.run('UPDATE user_sessions SET last_seen_at = ? WHERE id_hash = ?', [now, idHash]);
    return {
      idHash,
      tenant: String(r.tenant),
      userId: String(r.user_id),
      csrfToken: String(r.csrf_token),
      enrollOnly: Number(r.enroll_only) === 1,
      createdAt,
      lastSeenAt: touch ? now : lastSeenAt,
      expiresAt: createdAt + this.policy.absoluteMs,
      user: {
        username: String(r.username),
        displayName: (r.display_name as string | null) ?? null,
        roles: String(r.roles).split(' ').filter(Boolean) as Role[],
        fhirUser: (r.fhir_user as string | null) ?? null,
      },
    };
  }

  async revoke(idHash: string): Promise<void> {
    await this.db.run('DELETE FROM user_sessions WHERE id_hash = ?', [idHash]);
  }

  /** End every session of a user (password reset, disable), returns how many. */
  async revokeAll(userId: string): Promise<number> {
    return this.db.run('DELETE FROM user_sessions WHERE user_id = ?', [userId]);
  }

  /** Drop sessions idle or older than the limits (called now and then, e.g. at login). */
  async purgeExpired(): Promise<number> {
    const now = this.now();
    return this.db.run('DELETE FROM user_sessions WHERE last_seen_at <= ? OR created_at <= ?', [now - this.policy.idleMs, now - this.policy.absoluteMs]);
  }
}
