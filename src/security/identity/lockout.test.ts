import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAR, PhantomLockouts, afterFailure, release, reserve, type LockState } from './lockout.js';

const policy = { maxFailures: 3, lockMs: 1000 };

function failOnce(s: LockState, now: number): LockState {
  const r = reserve(s, now, policy);
  assert.ok(r.ok);
  return afterFailure(r.state, now, policy);
}

test('locks after maxFailures failures, for lockMs', () => {
  let s = CLEAR;
  s = failOnce(s, 0);
  s = failOnce(s, 1);
  assert.equal(s.lockedUntil, null);
  s = failOnce(s, 2);
  assert.equal(s.lockedUntil, 1002);
  assert.deepEqual(reserve(s, 500, policy), { ok: false, retryAfterMs: 502 });
  assert.ok(reserve(s, 1002, policy).ok, 'unlocked after the window');
});

test('attempts in flight count: parallel guesses cannot exceed maxFailures', () => {
  let s = CLEAR;
  for (let i = 0; i < 3; i++) {
    const r = reserve(s, 0, policy);
    assert.ok(r.ok);
    s = r.state;
  }
  assert.equal(reserve(s, 0, policy).ok, false);
  assert.equal(release(s).failed, 2);
});

test('old failures are forgiven after a lock window; phantom states are bounded', () => {
  let s = failOnce(failOnce(CLEAR, 0), 1);
  s = failOnce(s, 5000);
  assert.equal(s.failed, 1);
  const p = new PhantomLockouts(1);
  p.set('a', s);
  p.set('b', s);
  assert.deepEqual(p.get('a'), CLEAR);
  assert.deepEqual(p.get('b'), s);
});
