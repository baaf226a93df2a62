import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SCRYPT, dummyVerify, generatePassword, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.js';
import { FAST } from './identity.test-helper.js';

test('hash is self-describing scrypt$N$r$p$salt$hash and verifies', async () => {
  const h = await hashPassword('correct horse battery', FAST);
  assert.match(h, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(await verifyPassword('correct horse battery', h), true);
  assert.equal(await verifyPassword('correct horse batterY', h), false);
  assert.notEqual(await hashPassword('correct horse battery', FAST), h, 'salted');
});

test('the default parameters (N=2^15, r=8, p=1) work within Node memory limits', async () => {
  assert.deepEqual(DEFAULT_SCRYPT, { N: 32768, r: 8, p: 1 });
  const h = await hashPassword('Zq8-default-params');
  assert.ok(h.startsWith('scrypt$32768$8$1$'));
  assert.equal(await verifyPassword('Zq8-default-params', h), true);
});

test('malformed or hostile hashes verify as false, never throw', async () => {
  for (const h of ['', 'plain', 'bcrypt$x', 'scrypt$1000$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==', 'scrypt$4194304$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==']) {
    assert.equal(await verifyPassword('x', h), false, h);
  }
});

test('needsRehash when the parameters differ from the current ones', async () => {
  const weak = await hashPassword('some password', { N: 2 ** 9, r: 8, p: 1 });
  assert.equal(needsRehash(weak, FAST), true);
  assert.equal(needsRehash(await hashPassword('some password', FAST), FAST), false);
  assert.equal(needsRehash('garbage', FAST), true);
});

test('dummyVerify always fails', async () => {
  assert.equal(await dummyVerify('anything', FAST), false);
});

test('policy: length 10 for staff, 8 for patients, not the username', () => {
  assert.match(String(passwordProblem({ password: 'short1234', username: 'u', staff: true })), /at least 10/);
  assert.equal(passwordProblem({ password: 'short1234', username: 'u', staff: false }), null);
  assert.match(String(passwordProblem({ password: 'Zhang.Wei.2026', username: 'zhang.wei.2026', staff: true })), /username/);
  assert.match(String(passwordProblem({ password: 'aaaaaaaaaaaa', username: 'u', staff: true })), /different/);
  assert.equal(passwordProblem({ password: '慧医密码很长的一句话呀', username: 'u', staff: true }), null);
});

test('generated passwords are long, unambiguous and pass the policy', () => {
  const p = generatePassword();
  assert.match(p, /^([a-km-zA-HJ-NP-Z2-9]{5}-){3}[a-km-zA-HJ-NP-Z2-9]{5}$/);
  assert.equal(passwordProblem({ password: p, username: 'x', staff: true }), null);
  assert.notEqual(generatePassword(), p);
});
