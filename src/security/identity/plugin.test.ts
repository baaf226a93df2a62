import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { testDatabases } from '../../../test/support/databases.js';
import type { Store } from '../../fhir/store/open.js';
import { ensureIdentitySchema } from './schema.js';
import { identityPlugin } from './plugin.js';
import { base32Decode, totpAt } from './totp.js';
import { UserStore } from './users.js';
import { FAST, login, loginOk, sessionIdOf, testApp, type TestApp } from './identity.test-helper.js';

const MIN = 60_000;

for (const d of testDatabases()) {
  describe(`identity plugin on ${d.name}`, () => {
    let store: Store;
    let t: TestApp;
    const add = (username: string, roles: string, fhirUser?: string, password = 'a-long-password') =>
      t.service.users.create('t1', { username, password, roles, fhirUser });

    before(async () => {
      store = await d.open();
      await ensureIdentitySchema(store.db);
      t = await testApp(store.db, { lockout: { maxFailures: 5, lockMs: 15 * MIN } });
      await add('doctor1', 'doctor', 'PractitionerRole/prole-001');
      await add('patient1', 'patient', 'Patient/pat-0001');
    });
    after(async () => {
      await t?.app.close();
      await store?.close();
      await d.cleanup();
    });

    test('login sets the session cookie; /auth/me and request.user follow it; logout revokes it', async () => {
      const res = await login(t.app, 'DOCTOR1', 'a-long-password');
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['set-cookie']), /^huiyi_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
      assert.equal(res.headers['cache-control'], 'no-store');
      const body = res.json();
      assert.equal(body.user.username, 'doctor1');
      assert.equal(body.totpEnrollmentRequired, false);
      const cookie = `huiyi_session=${sessionIdOf(res)}`;

      const me = await t.app.inject({ url: '/auth/me', headers: { cookie } });
      assert.equal(me.statusCode, 200);
      assert.deepEqual(me.json().user.roles, ['doctor']);
      assert.equal(me.json().csrfToken, body.csrfToken);
      const probe = await t.app.inject({ url: '/probe', headers: { cookie } });
      assert.deepEqual(probe.json().user, { tenant: 't1', userId: body.user.id, username: 'doctor1', roles: ['doctor'], fhirUser: 'PractitionerRole/prole-001' });

      const out = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie, 'x-csrf-token': body.csrfToken } });
      assert.equal(out.statusCode, 204);
      assert.match(String(out.headers['set-cookie']), /^huiyi_session=; .*Max-Age=0$/);
      assert.equal((await t.app.inject({ url: '/auth/me', headers: { cookie } })).json().error, 'unauthenticated');
      assert.equal((await t.app.inject({ url: '/probe', headers: { cookie } })).json().user, null);
    });

    test('the cookie is Secure by default', async () => {
      const app = Fastify({ logger: false });
      await app.register(identityPlugin({ db: store.db, service: t.service, tenant: 't1' }));
      const res = await login(app, 'doctor1', 'a-long-password');
      assert.match(String(res.headers['set-cookie']), /; Secure; SameSite=Strict;/);
      await app.close();
    });

    test('CSRF: state-changing requests with the session cookie need the token', async () => {
      const s = await loginOk(t.app, 'doctor1', 'a-long-password');
      const none = await t.app.inject({ method: 'POST', url: '/probe', headers: { cookie: s.cookie } });
      assert.equal(none.statusCode, 403);
      assert.deepEqual(none.json(), { error: 'csrf_failed', message: 'Missing or wrong x-csrf-token header.' });
      const wrong = await t.app.inject({ method: 'POST', url: '/probe', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf.replace(/^./, 'A') + 'x' } });
      assert.equal(wrong.statusCode, 403);
      const ok = await t.app.inject({ method: 'POST', url: '/probe', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
      assert.equal(ok.json().user.username, 'doctor1');
      assert.equal((await t.app.inject({ url: '/probe', headers: { cookie: s.cookie } })).statusCode, 200, 'GET needs no token');
      assert.equal((await t.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: s.cookie } })).statusCode, 403);
      const bearer = await t.app.inject({ method: 'POST', url: '/probe', headers: { cookie: s.cookie, authorization: 'Bearer x' } });
      assert.equal(bearer.json().user, null, 'with a bearer token the cookie is ignored (the token decides)');

      const exempt = await testApp(store.db, { csrfExempt: (req) => req.url.startsWith('/probe') });
      assert.equal((await exempt.app.inject({ method: 'POST', url: '/probe', headers: { cookie: s.cookie } })).json().user.username, 'doctor1');
      await exempt.app.close();
    });

    test('lockout after 5 failures, even for the right password; unlocked after 15 minutes', async () => {
      await add('nurse1', 'nurse', 'Practitioner/prac-004');
      for (let i = 0; i < 5; i++) assert.equal((await login(t.app, 'nurse1', `wrong-${i}`, {}, `10.1.0.${i}`)).json().error, 'invalid_credentials');
      const locked = await login(t.app, 'nurse1', 'a-long-password', {}, '10.1.0.9');
      assert.equal(locked.statusCode, 423);
      assert.equal(locked.json().error, 'account_locked');
      assert.equal(locked.headers['retry-after'], '900');
      t.clock.advance(14 * MIN);
      assert.equal((await login(t.app, 'nurse1', 'a-long-password', {}, '10.1.0.9')).statusCode, 423);
      t.clock.advance(MIN);
      assert.equal((await login(t.app, 'nurse1', 'a-long-password', {}, '10.1.0.9')).statusCode, 200);
    });

    test('an unknown user is indistinguishable: same answer, same lockout', async () => {
      const known = await login(t.app, 'doctor1', 'not-the-password', {}, '10.2.0.1');
      const unknown = await login(t.app, 'nobody-here', 'not-the-password', {}, '10.2.0.1');
      assert.equal(unknown.statusCode, known.statusCode);
      assert.deepEqual(unknown.json(), known.json());
      assert.deepEqual(unknown.json(), { error: 'invalid_credentials', message: 'Invalid username or password.' });

      // Both paths pay for one scrypt (service.ts dummyVerify); timing itself belongs in a benchmark, not here.
      for (let i = 0; i < 4; i++) await login(t.app, 'nobody-here', 'x-wrong-password', {}, `10.4.0.${i}`);
      const ghost = await login(t.app, 'NOBODY-HERE', 'x-wrong-password', {}, '10.4.1.1');
      assert.equal(ghost.statusCode, 423, 'unknown names lock like real ones');
      assert.equal(ghost.headers['retry-after'], '900');
    });

    test('per-IP sliding window: 429 with Retry-After; successes do not count', async () => {
      const limited = await testApp(store.db, { ipLimit: { max: 3, windowMs: 10 * MIN } });
      for (let i = 0; i < 5; i++) assert.equal((await login(limited.app, 'doctor1', 'a-long-password', {}, '10.9.9.9')).statusCode, 200);
      for (let i = 0; i < 3; i++) assert.equal((await login(limited.app, `spray-${i}`, 'guess-guess', {}, '10.9.9.9')).statusCode, 401);
      const res = await login(limited.app, 'doctor1', 'a-long-password', {}, '10.9.9.9');
      assert.equal(res.statusCode, 429);
      assert.equal(res.json().error, 'too_many_requests');
      assert.equal(res.headers['retry-after'], '600');
      assert.equal((await login(limited.app, 'doctor1', 'a-long-password', {}, '10.9.9.8')).statusCode, 200, 'other addresses unaffected');
      limited.clock.advance(10 * MIN);
      assert.equal((await login(limited.app, 'doctor1', 'a-long-password', {}, '10.9.9.9')).statusCode, 200);
      await limited.app.close();
    });

    test('admin must enrol TOTP: enrol-only session, confirm, then codes are required and not replayable', async () => {
      const admin = await add('admin1', 'admin');
      const first = await loginOk(t.app, 'admin1', 'a-long-password');
      assert.equal(first.body.totpEnrollmentRequired, true);
      const h = { cookie: first.cookie, 'x-csrf-token': first.csrf };
      assert.equal((await t.app.inject({ url: '/probe', headers: h })).json().user, null, 'no principal before enrolment');
      assert.equal((await t.app.inject({ url: '/auth/me', headers: h })).json().totpEnrollmentRequired, true);
      const pw = await t.app.inject({ method: 'POST', url: '/auth/password', headers: h, payload: { currentPassword: 'a-long-password', newPassword: 'b-long-password' } });
      assert.equal(pw.json().error, 'totp_enrollment_required');
      assert.equal((await t.app.inject({ method: 'POST', url: '/auth/totp/confirm', headers: h, payload: { code: '123456' } })).json().error, 'totp_not_pending');

      const enrol = await t.app.inject({ method: 'POST', url: '/auth/totp/enroll', headers: h });
      const { secret, uri } = enrol.json();
      assert.match(uri, /^otpauth:\/\/totp\/Huiyi:admin1%40t1\?secret=[A-Z2-7]{32}&issuer=Huiyi/);
      const key = base32Decode(secret);
      const bad = await t.app.inject({ method: 'POST', url: '/auth/totp/confirm', headers: h, payload: { code: '000000' === totpAt(key, t.clock.t) ? '111111' : '000000' } });
      assert.equal(bad.json().error, 'invalid_totp');
      const confirmCode = totpAt(key, t.clock.t);
      const ok = await t.app.inject({ method: 'POST', url: '/auth/totp/confirm', headers: h, payload: { code: confirmCode } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().totpEnrollmentRequired, false);
      const full = `huiyi_session=${sessionIdOf(ok)}`;
      assert.equal((await t.app.inject({ url: '/auth/me', headers: { cookie: first.cookie } })).statusCode, 401, 'the enrol-only session is replaced');
      assert.deepEqual((await t.app.inject({ url: '/probe', headers: { cookie: full } })).json().user.roles, ['admin']);
      assert.equal((await t.app.inject({ url: '/auth/me', headers: { cookie: full } })).json().user.totpEnrolled, true);

      assert.equal((await login(t.app, 'admin1', 'a-long-password')).json().error, 'totp_required');
      assert.equal((await login(t.app, 'admin1', 'a-long-password', { totp: confirmCode })).json().error, 'invalid_totp', 'the confirmation code is spent');
      t.clock.advance(30_000);
      const code = totpAt(key, t.clock.t);
      assert.equal((await login(t.app, 'admin1', 'a-long-password', { totp: code })).statusCode, 200);
      const replay = await login(t.app, 'admin1', 'a-long-password', { totp: code });
      assert.equal(replay.statusCode, 401);
      assert.equal(replay.json().error, 'invalid_totp');
      assert.equal((await login(t.app, 'admin1', 'wrong-password', { totp: totpAt(key, t.clock.t + 30_000) })).json().error, 'invalid_credentials');
      await t.service.users.clearLock(admin);
    });

    test('changing the password ends every session and opens a new one', async () => {
      await add('pharm1', 'pharmacist', 'PractitionerRole/prole-064');
      const a = await loginOk(t.app, 'pharm1', 'a-long-password');
      const b = await loginOk(t.app, 'pharm1', 'a-long-password');
      const h = { cookie: a.cookie, 'x-csrf-token': a.csrf };
      const change = (currentPassword: string, newPassword: string) => t.app.inject({ method: 'POST', url: '/auth/password', headers: h, payload: { currentPassword, newPassword } });
      assert.equal((await change('wrong-current', 'c-long-password')).json().error, 'invalid_credentials');
      assert.equal((await change('a-long-password', 'short')).json().error, 'weak_password');
      assert.equal((await change('a-long-password', 'Huiyi-nurse-2026!')).json().error, 'weak_password');
      const ok = await change('a-long-password', 'c-long-password');
      assert.equal(ok.statusCode, 200);
      for (const s of [a, b]) assert.equal((await t.app.inject({ url: '/auth/me', headers: { cookie: s.cookie } })).statusCode, 401);
      assert.equal((await t.app.inject({ url: '/auth/me', headers: { cookie: `huiyi_session=${sessionIdOf(ok)}` } })).statusCode, 200);
      assert.equal((await login(t.app, 'pharm1', 'a-long-password')).statusCode, 401);
      assert.equal((await login(t.app, 'pharm1', 'c-long-password')).statusCode, 200);
    });

    test('an administrative reset or disabling ends the sessions', async () => {
      const u = await add('tech1', 'technician', 'PractitionerRole/prole-059');
      const a = await loginOk(t.app, 'tech1', 'a-long-password');
      await t.service.resetPassword(u, 'reset-long-password');
      assert.equal((await t.app.inject({ url: '/auth/me', headers: { cookie: a.cookie } })).statusCode, 401);
      const b = await loginOk(t.app, 'tech1', 'reset-long-password');
      await t.service.setDisabled(u, true);
      assert.equal((await t.app.inject({ url: '/auth/me', headers: { cookie: b.cookie } })).statusCode, 401);
      assert.deepEqual((await login(t.app, 'tech1', 'reset-long-password')).json().error, 'invalid_credentials');
    });

    test('a hash with old parameters is upgraded at login', async () => {
      const old = new UserStore(store.db, { hash: { N: 2 ** 9, r: 8, p: 1 } });
      await old.create('t1', { username: 'legacy', password: 'a-long-password', roles: 'manager' });
      assert.match((await old.findByUsername('t1', 'legacy'))!.passwordHash, /^scrypt\$512\$/);
      await loginOk(t.app, 'legacy', 'a-long-password');
      assert.match((await old.findByUsername('t1', 'legacy'))!.passwordHash, new RegExp(`^scrypt\\$${FAST.N}\\$`));
      await loginOk(t.app, 'legacy', 'a-long-password');
    });

    test('requireUser guards routes by role; sessions of another tenant do not count', async () => {
      assert.equal((await t.app.inject({ url: '/staff-only' })).json().error, 'unauthenticated');
      const p = await loginOk(t.app, 'patient1', 'a-long-password');
      const forbidden = await t.app.inject({ url: '/staff-only', headers: { cookie: p.cookie } });
      assert.equal(forbidden.statusCode, 403);
      assert.equal(forbidden.json().error, 'forbidden');
      const doc = await loginOk(t.app, 'doctor1', 'a-long-password');
      assert.equal((await t.app.inject({ url: '/staff-only', headers: { cookie: doc.cookie } })).statusCode, 200);

      const other = await testApp(store.db, { tenant: 't2' });
      assert.equal((await other.app.inject({ url: '/probe', headers: { cookie: doc.cookie } })).json().user, null);
      assert.equal((await login(other.app, 'doctor1', 'a-long-password')).statusCode, 401);
      await other.app.close();
    });

    test('bad requests get { error, message }', async () => {
      const notJson = await t.app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload: '{oops' });
      assert.equal(notJson.statusCode, 400);
      assert.equal(notJson.json().error, 'invalid_request');
      const missing = await t.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'doctor1' } });
      assert.deepEqual(missing.json(), { error: 'invalid_request', message: 'password must be a non-empty string.' });
    });
  });
}
