// The admin API for user accounts: list, create (linked to an existing FHIR resource), disable/enable,
// reset password (and TOTP); admins only, errors name the field, every change audited; on both databases.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';
import { asRole, buildWorld, PASSWORD, type World } from './fixtures.js';

const login = (app: FastifyInstance, username: string, password: string) =>
  app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload: { username, password } });

for (const d of testDatabases()) {
  describe(`admin users API on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('only administrators may use it', async () => {
      for (const role of ['doctor', 'nurse', 'manager'] as const) {
        const r = await asRole(app, world, role)('GET', '/admin/users');
        assert.equal(r.statusCode, 403, role);
        assert.equal(JSON.parse(r.body).error, 'forbidden');
      }
      assert.equal((await app.inject({ method: 'GET', url: '/admin/users' })).statusCode, 401);
      const noCsrf = await app.inject({ method: 'POST', url: '/admin/users', headers: { cookie: world.users.get('admin')!.cookie, 'content-type': 'application/json' }, payload: '{}' });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal(JSON.parse(noCsrf.body).error, 'csrf_failed');
    });

    test('the list shows every account without secrets', async () => {
      const r = await asRole(app, world, 'admin')('GET', '/admin/users');
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['cache-control'], 'no-store');
      const { users } = JSON.parse(r.body);
      assert.ok(users.length >= 9);
      const doctor = users.find((u: { username: string }) => u.username === 'doctor-user');
      assert.deepEqual(doctor.roles, ['doctor']);
      assert.equal(doctor.fhirUser, 'PractitionerRole/role-dr');
      assert.equal(doctor.disabled, false);
      assert.doesNotMatch(r.body, /passwordHash|password_hash|totpSecret|scrypt/);
    });

    test('create: a generated password shown once, the link checked against the FHIR store, errors per field', async () => {
      const admin = asRole(app, world, 'admin');
      const created = await admin('POST', '/admin/users', { username: 'dr.wang', displayName: '王医生', roles: ['doctor'], fhirUser: 'Practitioner/dr-1' });
      assert.equal(created.statusCode, 201, created.body);
      const body = JSON.parse(created.body);
      assert.equal(body.user.username, 'dr.wang');
      assert.match(body.password, /^[\w]{5}(-[\w]{5}){3}$/);
      assert.equal((await login(app, 'dr.wang', body.password)).statusCode, 200);

      const chosen = await admin('POST', '/admin/users', { username: 'rn.li', roles: 'nurse', fhirUser: 'PractitionerRole/role-rn', password: 'Lotus-pond-2031' });
      assert.equal(chosen.statusCode, 201);
      assert.equal(JSON.parse(chosen.body).password, undefined, 'a chosen password is not echoed');

      const cases: [unknown, number, string, string][] = [
        [{ username: 'dr.wang', roles: ['doctor'], fhirUser: 'Practitioner/dr-1' }, 409, 'username_taken', 'username'],
        [{ username: '-bad name', roles: ['doctor'], fhirUser: 'Practitioner/dr-1' }, 400, 'invalid_username', 'username'],
        [{ username: 'x1', roles: ['surgeon'] }, 400, 'invalid_roles', 'roles'],
        [{ username: 'x2', roles: ['doctor'] }, 400, 'invalid_fhir_link', 'fhirUser'],
        [{ username: 'x3', roles: ['doctor'], fhirUser: 'Patient/pat-own' }, 400, 'invalid_fhir_link', 'fhirUser'],
        [{ username: 'x4', roles: ['doctor'], fhirUser: 'Practitioner/nobody' }, 400, 'invalid_fhir_link', 'fhirUser'],
        [{ username: 'x5', roles: ['doctor'], fhirUser: 'Practitioner/dr-1', password: 'short' }, 400, 'weak_password', 'password'],
        [{ username: 'x6', roles: ['doctor'], fhirUser: 'Practitioner/dr-1', password: 'Huiyi-doctor-2026!' }, 400, 'weak_password', 'password'],
      ];
      for (const [payload, status, error, field] of cases) {
        const r = await admin('POST', '/admin/users', payload);
        assert.equal(r.statusCode, status, JSON.stringify(payload));
        const b = JSON.parse(r.body);
        assert.equal(b.error, error, JSON.stringify(payload));
        assert.equal(b.field, field, JSON.stringify(payload));
        assert.ok(b.message);
      }
      const { users } = JSON.parse((await admin('GET', '/admin/users')).body);
      assert.equal(users.filter((u: { username: string }) => /^x\d$/.test(u.username)).length, 0, 'nothing half-created');
    });

    test('disable ends the sessions and blocks login; enable restores it; an admin cannot disable themselves', async () => {
      const admin = asRole(app, world, 'admin');
      const { user, password } = JSON.parse((await admin('POST', '/admin/users', { username: 'tech.zhao', roles: ['technician'], fhirUser: 'Practitioner/dr-1' })).body);
      const session = await login(app, 'tech.zhao', password);
      const cookie = String(session.headers['set-cookie']).split(';')[0]!;
      const off = await admin('POST', `/admin/users/${user.id}/disable`);
      assert.equal(off.statusCode, 200);
      assert.equal(JSON.parse(off.body).disabled, true);
      assert.equal((await app.inject({ method: 'GET', url: '/auth/me', headers: { cookie } })).statusCode, 401, 'its session ended');
      assert.equal((await login(app, 'tech.zhao', password)).statusCode, 401);
      const on = await admin('POST', `/admin/users/${user.id}/enable`);
      assert.equal(JSON.parse(on.body).disabled, false);
      assert.equal((await login(app, 'tech.zhao', password)).statusCode, 200);

      const self = await admin('POST', `/admin/users/${world.users.get('admin')!.id}/disable`);
      assert.equal(self.statusCode, 400);
      assert.equal((await admin('POST', '/admin/users/no-such-id/enable')).statusCode, 404);
    });

    test('reset password (generated or chosen) and TOTP; the old password stops working', async () => {
      const admin = asRole(app, world, 'admin');
      const { user } = JSON.parse((await admin('POST', '/admin/users', { username: 'pharm.sun', roles: ['pharmacist'], fhirUser: 'Practitioner/dr-1', password: 'First-choice-77' })).body);
      const r = await admin('POST', `/admin/users/${user.id}/reset-password`, {});
      assert.equal(r.statusCode, 200);
      const { password } = JSON.parse(r.body);
      assert.equal((await login(app, 'pharm.sun', 'First-choice-77')).statusCode, 401);
      assert.equal((await login(app, 'pharm.sun', password)).statusCode, 200);
      const weak = await admin('POST', `/admin/users/${user.id}/reset-password`, { password: 'pharm.sun' });
      assert.equal(weak.statusCode, 400);
      assert.equal(JSON.parse(weak.body).field, 'password');
      const chosen = await admin('POST', `/admin/users/${user.id}/reset-password`, { password: 'Second-choice-88', resetTotp: true });
      assert.equal(chosen.statusCode, 200);
      assert.equal(JSON.parse(chosen.body).password, undefined);
      assert.equal((await login(app, 'pharm.sun', 'Second-choice-88')).statusCode, 200);
      assert.equal((await login(app, 'pharm.sun', PASSWORD)).statusCode, 401);
    });

    test('every change is an AuditEvent the admin can find; no password in it', async () => {
      const r = await asRole(app, world, 'admin')('GET', '/fhir/AuditEvent?_count=200');
      assert.equal(r.statusCode, 200);
      const events = (JSON.parse(r.body).entry ?? []).map((e: { resource: unknown }) => e.resource) as { subtype?: { code: string }[]; entity?: { name?: string }[] }[];
      const changes = events.filter((e) => e.subtype?.some((s) => s.code.startsWith('user-')));
      const codes = new Set(changes.flatMap((e) => e.subtype!.map((s) => s.code)));
      for (const c of ['user-create', 'user-disable', 'user-enable', 'user-reset-password', 'user-reset-totp']) assert.ok(codes.has(c), c);
      assert.ok(changes.some((e) => e.entity?.[0]?.name === 'dr.wang'));
      assert.doesNotMatch(JSON.stringify(changes), /Second-choice-88|Lotus-pond-2031/);
    });

    test('OAuth client registration and disabling need the CSRF header and are audited, without the secret', async () => {
      const admin = asRole(app, world, 'admin');
      const body = { client_name: 'Lab analyser bridge', scope: 'user/Observation.rs', token_endpoint_auth_method: 'client_secret_basic', redirect_uris: ['https://lab.example/cb'] };
      const noCsrf = await app.inject({ method: 'POST', url: '/oauth/clients', headers: { cookie: world.users.get('admin')!.cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      assert.equal(noCsrf.statusCode, 403);
      const made = await admin('POST', '/oauth/clients', body);
      assert.equal(made.statusCode, 201, made.body);
      const { client_id: id, client_secret: secret } = JSON.parse(made.body) as { client_id: string; client_secret: string };
      assert.ok(secret);
      assert.equal((await admin('DELETE', `/oauth/clients/${id}`)).statusCode, 204);
      const found = await admin('GET', '/fhir/AuditEvent?subtype=client-register,client-disable&_count=50');
      const events = (JSON.parse(found.body).entry ?? []).map((e: { resource: unknown }) => e.resource) as { subtype: { code: string }[]; entity: { name: string }[] }[];
      assert.deepEqual(events.map((e) => e.subtype[0].code).sort(), ['client-disable', 'client-register']);
      assert.ok(events.every((e) => e.entity[0].name === id));
      assert.ok(!JSON.stringify(events).includes(secret), 'no secret in the ledger');
    });
  });
}
