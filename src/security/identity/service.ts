// Login, logout, password change and TOTP enrolment: the rules, independent of HTTP.
import type { Db } from '../../fhir/store/db.js';
import { AuthError, invalidCredentials } from './errors.js';
import { DEFAULT_LOCKOUT, PhantomLockouts, afterFailure, release, reserve, type LockState, type LockoutPolicy } from './lockout.js';
import { dummyVerify, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password.js';
import { MemoryRateLimiter, type RateLimiter, type WindowLimit } from './rate-limit.js';
import type { Role } from './roles.js';
import { DEFAULT_SESSION, SessionStore, type ActiveSession, type SessionPolicy } from './sessions.js';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp.js';
import { UserStore, newPasswordProblem, usernameKey, type User } from './users.js';

export interface IdentityConfig {
  db: Db;
  /** clock (tests inject one) */
  now?: () => number;
  hash?: ScryptParams;
  lockout?: Partial<LockoutPolicy>;
  session?: Partial<SessionPolicy>;
  /** login attempts per client IP (failures and attempts in flight; successes are given back) */
  ipLimit?: Partial<WindowLimit>;
  /** shared limiter for several instances; default in memory */
  ipLimiter?: RateLimiter;
  /** roles that must log in with TOTP (default admin) */
  totpRequiredFor?: readonly Role[];
  /** issuer shown by authenticator apps */
  issuer?: string;
}

export const DEFAULT_IP_LIMIT: WindowLimit = { max: 30, windowMs: 15 * 60_000 };

export interface ClientInfo {
  tenant: string;
  ip: string;
  userAgent?: string;
}

export interface NewSession {
  sessionId: string;
  csrfToken: string;
  /** the session may only enrol TOTP */
  enrollOnly: boolean;
  user: User;
}

const str = (v: unknown, name: string, max = 1024): string => {
  if (typeof v !== 'string' || !v || v.length > max) throw new AuthError('invalid_request', 400, `${name} must be a non-empty string.`);
  return v;
};

/** A reserved login attempt against an account or a name without one. */
interface Attempt {
  fail(): Promise<void>;
  succeed(): Promise<void>;
  release(): Promise<void>;
}

export class IdentityService {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly now: () => number;
  private readonly lockout: LockoutPolicy;
  private readonly ipLimiter: RateLimiter;
  private readonly phantoms = new PhantomLockouts();
  private readonly totpRoles: readonly Role[];
  private readonly issuer: string;
  private logins = 0;

  constructor(cfg: IdentityConfig) {
    this.now = cfg.now ?? Date.now;
    this.users = new UserStore(cfg.db, { hash: cfg.hash, now: this.now });
    this.sessions = new SessionStore(cfg.db, { ...DEFAULT_SESSION, ...cfg.session }, this.now);
    this.lockout = { ...DEFAULT_LOCKOUT, ...cfg.lockout };
    this.ipLimiter = cfg.ipLimiter ?? new MemoryRateLimiter({ ...DEFAULT_IP_LIMIT, ...cfg.ipLimit });
    this.totpRoles = cfg.totpRequiredFor ?? ['admin'];
    this.issuer = cfg.issuer ?? 'Huiyi';
  }

  /** True when the user must use TOTP but has not enrolled yet. */
  needsTotpEnrollment(user: Pick<User, 'roles' | 'totpSecret'>): boolean {
    return !user.totpSecret && user.roles.some((r) => this.totpRoles.includes(r));
  }

  async login(body: { username?: unknown; password?: unknown; totp?: unknown }, client: ClientInfo): Promise<NewSession> {
    const username = str(body.username, 'username', 256).trim();
    const password = str(body.password, 'password');
    const totp = body.totp === undefined || body.totp === null || body.totp === '' ? null : str(String(body.totp), 'totp', 16);

    const wait = await this.ipLimiter.hit(`ip:${client.ip}`, this.now());
    if (wait > 0) throw new AuthError('too_many_requests', 429, 'Too many login attempts from this address; try again later.', wait);

    const user = await this.users.findByUsername(client.tenant, username);
    const attempt = await this.reserve(client.tenant, username, user);

    if (!user) {
      await dummyVerify(password, this.users.hash);
      await attempt.fail();
      throw invalidCredentials();
    }
    const ok = await verifyPassword(password, user.passwordHash);
    if (!ok || user.disabled) {
      await attempt.fail();
      throw invalidCredentials();
    }
    if (user.totpSecret) {
      if (!totp) {
        await attempt.release();
        throw new AuthError('totp_required', 401, 'Enter the code from your authenticator app.');
      }
      const step = verifyTotp(user.totpSecret, totp, this.now(), user.totpLastStep);
      if (step === null || !(await this.users.useTotpStep(user, step))) {
        await attempt.fail();
        throw new AuthError('invalid_totp', 401, 'The authenticator code is wrong or was used already.');
      }
    }
    await attempt.succeed();
    await this.ipLimiter.refund(`ip:${client.ip}`, this.now());
    if (needsRehash(user.passwordHash, this.users.hash)) await this.users.replaceHash(user, await hashPassword(password, this.users.hash));
    if (++this.logins % 100 === 0) await this.sessions.purgeExpired();
    return this.openSession(user, client);
  }

  async logout(session: ActiveSession): Promise<void> {
    await this.sessions.revoke(session.idHash);
  }

  /** Change one's own password: every session ends, a fresh one replaces the current. */
  async changePassword(session: ActiveSession, body: { currentPassword?: unknown; newPassword?: unknown }, client: ClientInfo): Promise<NewSession> {
    const current = str(body.currentPassword, 'currentPassword');
    const next = str(body.newPassword, 'newPassword');
    const user = await this.sessionUser(session);
    const attempt = await this.reserve(user.tenant, user.username, user);
    if (!(await verifyPassword(current, user.passwordHash))) {
      await attempt.fail();
      throw new AuthError('invalid_credentials', 401, 'The current password is wrong.');
    }
    await attempt.succeed();
    const problem = newPasswordProblem(next, user.username, user.roles);
    if (problem) throw new AuthError('weak_password', 400, problem);
    if (next === current) throw new AuthError('weak_password', 400, 'The new password must differ from the current one.');
    await this.users.setPassword(user, next);
    await this.sessions.revokeAll(user.id);
    return this.openSession(user, client);
  }

  /** Start (or restart) TOTP enrolment: a new secret, active once confirmed with a code. */
  async startTotpEnrollment(session: ActiveSession): Promise<{ secret: string; uri: string }> {
    const user = await this.sessionUser(session);
    const secret = generateTotpSecret();
    await this.users.setTotpPending(user, secret);
    return { secret, uri: otpauthUri(secret, `${user.username}@${user.tenant}`, this.issuer) };
  }

  /** Confirm enrolment with a first code; an enrol-only session is replaced by a full one. */
  async confirmTotp(session: ActiveSession, body: { code?: unknown }, client: ClientInfo): Promise<NewSession | null> {
    const code = str(typeof body.code === 'number' ? String(body.code) : body.code, 'code', 16);
    const user = await this.sessionUser(session);
    if (!user.totpPending) throw new AuthError('totp_not_pending', 409, 'Start the enrolment first.');
    const step = verifyTotp(user.totpPending, code, this.now());
    if (step === null) throw new AuthError('invalid_totp', 400, 'The authenticator code is wrong; check the device clock.');
    if (!(await this.users.activateTotp(user, user.totpPending, step))) throw new AuthError('totp_not_pending', 409, 'The enrolment was restarted elsewhere.');
    if (!session.enrollOnly) return null;
    await this.sessions.revoke(session.idHash);
    return this.openSession({ ...user, totpSecret: user.totpPending }, client);
  }

  /** Administrative reset (CLI): new password, lockout cleared, every session ended. */
  async resetPassword(user: User, password: string): Promise<void> {
    await this.users.setPassword(user, password);
    await this.sessions.revokeAll(user.id);
  }

  async setDisabled(user: User, disabled: boolean): Promise<void> {
    await this.users.setDisabled(user, disabled);
    if (disabled) await this.sessions.revokeAll(user.id);
  }

  private async openSession(user: User, client: ClientInfo): Promise<NewSession> {
    const enrollOnly = this.needsTotpEnrollment(user);
    const s = await this.sessions.create(user.tenant, user.id, { enrollOnly, ip: client.ip, userAgent: client.userAgent });
    return { sessionId: s.id, csrfToken: s.csrfToken, enrollOnly, user };
  }

  private async sessionUser(session: ActiveSession): Promise<User> {
    const user = await this.users.findById(session.tenant, session.userId);
    if (!user || user.disabled) throw new AuthError('unauthenticated', 401, 'Log in first.');
    return user;
  }

  private async reserve(tenant: string, username: string, user: User | null): Promise<Attempt> {
    const policy = this.lockout;
    const now = this.now();
    let denied = 0;
    const step = (s: LockState): LockState | null => {
      const r = reserve(s, now, policy);
      if (r.ok) return r.state;
      denied = r.retryAfterMs;
      return null;
    };
    let update: (fn: (s: LockState) => LockState) => Promise<void>;
    if (user) {
      await this.users.updateLock(user, step);
      update = async (fn) => void (await this.users.updateLock(user, fn));
    } else {
      const key = `${tenant}\n${usernameKey(username)}`;
      const next = step(this.phantoms.get(key));
      if (next) this.phantoms.set(key, next);
      update = async (fn) => this.phantoms.set(key, fn(this.phantoms.get(key)));
    }
    if (denied) throw new AuthError('account_locked', 423, 'Too many failed logins for this account; try again later.', denied);
    return {
      fail: () => update((s) => afterFailure(s, this.now(), policy)),
      succeed: () => update(() => ({ failed: 0, lastAttempt: null, lockedUntil: null })),
      release: () => update(release),
    };
  }
}
