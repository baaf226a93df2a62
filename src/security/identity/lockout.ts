// Account lockout against password guessing. An attempt is reserved *before* the password is checked, so
// parallel guesses cannot all slip past the counter; a failure after `maxFailures` reserved attempts locks
// the name for `lockMs`. The same rules apply to names that do not exist (kept in memory), so a lockout
// does not reveal which accounts are real.

export interface LockoutPolicy {
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

export interface LockState {
  /** failed attempts plus attempts in flight */
  failed: number;
  lastAttempt: number | null;
  lockedUntil: number | null;
}

export const CLEAR: LockState = { failed: 0, lastAttempt: null, lockedUntil: null };

export type Reservation = { ok: true; state: LockState } | { ok: false; retryAfterMs: number };

export function reserve(s: LockState, now: number, policy: LockoutPolicy): Reservation {
  if (s.lockedUntil !== null && s.lockedUntil > now) return { ok: false, retryAfterMs: s.lockedUntil - now };
  // Failures spread over more than a lock window are forgiven.
  const stale = s.lastAttempt === null || now - s.lastAttempt >= policy.lockMs || s.lockedUntil !== null;
  const failed = stale ? 0 : s.failed;
  // The other attempts still in flight will decide; ask the client to retry shortly.
  if (failed >= policy.maxFailures) return { ok: false, retryAfterMs: 1000 };
  return { ok: true, state: { failed: failed + 1, lastAttempt: now, lockedUntil: null } };
}

export function afterFailure(s: LockState, now: number, policy: LockoutPolicy): LockState {
  if (s.failed >= policy.maxFailures) return { failed: 0, lastAttempt: now, lockedUntil: now + policy.lockMs };
  return s;
}

/** Give back a reserved attempt that was neither a success nor a failure (TOTP code still to come). */
export function release(s: LockState): LockState {
  return { ...s, failed: Math.max(0, s.failed - 1) };
}

/** Lock states of names without an account; bounded, least recently used forgotten first. */
export class PhantomLockouts {
  private readonly states = new Map<string, LockState>();
  constructor(private readonly maxKeys = 100_000) {}

  get(key: string): LockState {
    return this.states.get(key) ?? CLEAR;
  }

  set(key: string, s: LockState): void {
    this.states.delete(key);
    if (s.failed === 0 && s.lockedUntil === null) return;
    this.states.set(key, s);
    while (this.states.size > this.maxKeys) this.states.delete(this.states.keys().next().value as string);
  }
}
