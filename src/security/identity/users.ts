// User accounts per tenant: the users table behind a small typed store.
import { randomUUID } from 'node:crypto';
import type { Db, SqlValue } from '../../fhir/store/db.js';
import { isDemoPassword } from './demo-users.js';
import { CLEAR, type LockState } from './lockout.js';
import { DEFAULT_SCRYPT, hashPassword, passwordProblem, type ScryptParams } from './password.js';
import { checkFhirLink, parseRoles, type Role } from './roles.js';

export interface User {
  id: string;
  tenant: string;
  username: string;
  displayName: string | null;
  roles: Role[];
  fhirUser: string | null;
  disabled: boolean;
  passwordHash: string;
  demoPassword: boolean;
  passwordChangedAt: number;
  totpSecret: string | null;
  totpPending: string | null;
  totpLastStep: number | null;
  lock: LockState;
  createdAt: number;
  updatedAt: number;
}

export interface NewUser {
  username: string;
  password: string;
  roles: string | readonly string[];
  displayName?: string | null;
  fhirUser?: string | null;
}

/** An input the caller can fix (bad username, weak password, taken name …); `code` is stable for the UI. */
export class UserError extends Error {
  constructor(
    readonly code: 'invalid_username' | 'username_taken' | 'invalid_roles' | 'invalid_fhir_link' | 'weak_password' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

const USERNAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

/** Usernames compare case-insensitively (and width-insensitively: ｄｏｃｔｏｒ is doctor). */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}

/** Policy for a password chosen by a person: minimum length, not the username, not a published demo password. */
export function newPasswordProblem(password: string, username: string, roles: readonly Role[]): string | null {
  if (isDemoPassword(password)) return 'Demo passwords are public and cannot be chosen.';
  // Staff and device accounts open many records; patients' accounts open one.
  return passwordProblem({ password, username, staff: !roles.every((r) => r === 'patient') });
}

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toUser(r: Row): User {
  return {
    id: String(r.id),
    tenant: String(r.tenant),
    username: String(r.username),
    displayName: (r.display_name as string | null) ?? null,
    roles: String(r.roles).split(' ').filter(Boolean) as Role[],
    fhirUser: (r.fhir_user as string | null) ?? null,
    disabled: Number(r.disabled) === 1,
    passwordHash: String(r.password_hash),
    demoPassword: Number(r.demo_password) === 1,
    passwordChangedAt: Number(r.password_changed_at),
    totpSecret: (r.totp_secret as string | null) ?? null,
    totpPending: (r.totp_pending as string | null) ?? null,
    totpLastStep: num(r.totp_last_step),
    lock: { failed: Number(r.failed_count), lastAttempt: num(r.last_attempt_at), lockedUntil: num(r.locked_until) },
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export interface UserStoreOptions {
  hash?: ScryptParams;
  now?: () => number;
}

export class UserStore {
  readonly hash: ScryptParams;
  private readonly now: () => number;

  constructor(
    readonly db: Db,
    opts: UserStoreOptions = {},
  ) {
    this.hash = opts.hash ?? DEFAULT_SCRYPT;
    this.now = opts.now ?? Date.now;
  }

  /** Why `u` cannot be created (the same checks as create), or null. Writes nothing. */
  async problem(tenant: string, u: NewUser, opts: { allowDemoPassword?: boolean } = {}): Promise<UserError | null> {
    try {
      await this.checked(tenant, u, opts);
      return null;
    } catch (e) {
      if (e instanceof UserError) return e;
      throw e;
    }
  }

  private async checked(tenant: string, u: NewUser, opts: { allowDemoPassword?: boolean }) {
    const username = u.username.trim();
    if (!USERNAME.test(username)) throw new UserError('invalid_username', 'Username must be 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit.');
    let roles: Role[];
    let fhirUser: string | null;
    try {
      roles = parseRoles(u.roles);
    } catch (e) {
      throw new UserError('invalid_roles', (e as Error).message);
    }
    try {
      fhirUser = checkFhirLink(roles, u.fhirUser);
    } catch (e) {
      throw new UserError('invalid_fhir_link', (e as Error).message);
    }
    const demo = isDemoPassword(u.password);
    const problem = demo && opts.allowDemoPassword ? null : newPasswordProblem(u.password, username, roles);
    if (problem) throw new UserError('weak_password', problem);
    if (await this.findByUsername(tenant, username)) throw new UserError('username_taken', `user "${username}" already exists`);
    return { username, roles, fhirUser, demo };
  }

  /** Validate and create an account. `allowDemoPassword` is for the demo seed only. */
  async create(tenant: string, u: NewUser, opts: { allowDemoPassword?: boolean } = {}): Promise<User> {
    const { username, roles, fhirUser, demo } = await this.checked(tenant, u, opts);
    const now = this.now();
    const row: Record<string, SqlValue> = {
      id: randomUUID(), tenant, username, username_key: usernameKey(username), display_name: u.displayName?.trim() || null,
      roles: roles.join(' '), fhir_user: fhirUser, disabled: 0, password_hash: await hashPassword(u.password, this.hash),
      demo_password: demo ? 1 : 0, password_changed_at: now, failed_count: 0, created_at: now, updated_at: now,
    };
    const cols = Object.keys(row);
    try {
      await this.db.run(`INSERT INTO users (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, Object.values(row));
    } catch (e) {
      if (isUniqueViolation(e)) throw new UserError('username_taken', `user "${username}" already exists`);
      throw e;
    }
    return (await this.findById(tenant, row.id as string)) as User;
  }

  async findByUsername(tenant: string, username: string): Promise<User | null> {
    const r = await this.db.get<Row>('SELECT * FROM users WHERE tenant = ? AND username_key = ?', [tenant, usernameKey(username.trim())]);
    return r ? toUser(r) : null;
  }

  async findById(tenant: string, id: string): Promise<User | null> {
    const r = await this.db.get<Row>('SELECT * FROM users WHERE tenant = ? AND id = ?', [tenant, id]);
    return r ? toUser(r) : null;
  }

  async list(tenant: string): Promise<User[]> {
    return (await this.db.all<Row>('SELECT * FROM users WHERE tenant = ? ORDER BY username_key', [tenant])).map(toUser);
  }

  /** Set a new password (already checked against the policy by the caller) and clear any lockout. */
  async setPassword(user: User, password: string): Promise<void> {
    const now = this.now();
    const hash = await hashPassword(password, this.hash);
    await this.db.run(
      'UPDATE users SET password_hash = ?, demo_password = ?, password_changed_at = ?, failed_count = 0, last_attempt_at = NULL, locked_until = NULL, updated_at = ? WHERE id = ?',
      [hash, isDemoPassword(password) ? 1 : 0, now, now, user.id],
    );
  }

  /** Same password, stronger parameters (after a successful login). */
  async replaceHash(user: User, hash: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?', [hash, user.id, user.passwordHash]);
  }

  async setDisabled(user: User, disabled: boolean): Promise<void> {
    await this.db.run('UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?', [disabled ? 1 : 0, this.now(), user.id]);
  }

  /** Read-modify-write of the lock state in one transaction (row locked on PostgreSQL). */
  async updateLock(user: User, fn: (s: LockState) => LockState | null): Promise<LockState | null> {
    return this.db.tx(async (t) => {
      const forUpdate = t.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const r = await t.get<Row>(`SELECT failed_count, last_attempt_at, locked_until FROM users WHERE id = ?${forUpdate}`, [user.id]);
      if (!r) return null;
      const next = fn({ failed: Number(r.failed_count), lastAttempt: num(r.last_attempt_at), lockedUntil: num(r.locked_until) });
      if (next) await t.run('UPDATE users SET failed_count = ?, last_attempt_at = ?, locked_until = ? WHERE id = ?', [next.failed, next.lastAttempt, next.lockedUntil, user.id]);
      return next;
    });
  }

  async clearLock(user: User): Promise<void> {
    await this.updateLock(user, () => CLEAR);
  }

  async setTotpPending(user: User, secret: string | null): Promise<void> {
    await this.db.run('UPDATE users SET totp_pending = ?, updated_at = ? WHERE id = ?', [secret, this.now(), user.id]);
  }

  /** Make the pending secret the active one; `step` is the code just used to confirm it. */
  async activateTotp(user: User, secret: string, step: number): Promise<boolean> {
    const n = await this.db.run(
      'UPDATE users SET totp_secret = ?, totp_pending = NULL, totp_last_step = ?, updated_at = ? WHERE id = ? AND totp_pending = ?',
      [secret, step, this.now(), user.id, secret],
    );
    return n === 1;
  }

  async clearTotp(user: User): Promise<void> {
    await this.db.run('UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL, updated_at = ? WHERE id = ?', [this.now(), user.id]);
  }

  /** Record a TOTP step as used; false when it (or a later one) was used already, i.e. a replay. */
  async useTotpStep(user: User, step: number): Promise<boolean> {
    const n = await this.db.run('UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)', [step, user.id, step]);
    return n === 1;
  }
}
