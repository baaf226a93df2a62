import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clearSessionCookie, parseCookies, sessionCookie } from './cookies.js';

test('session cookie: HttpOnly, Secure, SameSite=Strict, Path=/, Max-Age', () => {
  const c = sessionCookie('abc', 12 * 3600_000);
  assert.equal(c, 'huiyi_session=abc; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=43200');
  assert.equal(sessionCookie('abc', 1000, { secure: false }), 'huiyi_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=1');
  assert.equal(clearSessionCookie(), 'huiyi_session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0');
});

test('parse a Cookie header', () => {
  const m = parseCookies('a=1; huiyi_session=xyz ; b="q"; huiyi_session=later; junk');
  assert.equal(m.get('huiyi_session'), 'xyz');
  assert.equal(m.get('b'), 'q');
  assert.equal(parseCookies(undefined).size, 0);
});
