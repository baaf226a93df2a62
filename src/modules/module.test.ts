// What the composition root promises a module, on both databases: public routes run without sign-in but their own
// context can neither read nor write; elevated() writes and is audited as the caller; accounts.problem writes nothing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../test/support/databases.js';
import { testApp } from '../../test/support/app.js';
import { asRole, buildWorld, PASSWORD, type World } from '../../test/security/fixtures.js';
import type { Store } from '../fhir/store/open.js';
import type { HuiyiModule, ModuleDeps } from './module.js';
import { FhirError } from '../fhir/errors.js';

let deps: ModuleDeps | undefined;
const probe: HuiyiModule = {
  name: 'probe',
  async register(app, d) {
    deps = d;
    app.post('/open', { config: { public: true } }, async (req) => {
      const ctx = d.context(req);
      const read = await d.repo.search(ctx, { types: ['Patient'], params: [] }).then((b) => `ok ${b.matches.length}`, (e: Error) => `refused ${(e as FhirError).status ?? e.message}`);
      const write = await d.repo.create(ctx, { resourceType: 'Patient', name: [{ text: 'direct' }] }).then(() => 'ok', (e: Error) => `refused ${(e as FhirError).status ?? e.message}`);
      const elevated = await d.repo.create(d.elevated(ctx), { resourceType: 'Patient', name: [{ text: 'via elevated' }] });
      return { read, write, elevated: elevated.resource.id };
    });
    app.get('/closed', async () => ({ ok: true }));
  },
};

for (const db of testDatabases()) {
  describe(`module contract on ${db.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    before(async () => {
      store = await db.open();
      world = await buildWorld(store);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' }, { modules: [probe] });
    });
    after(async () => {
      await app.close();
      await store.close();
      await db.cleanup();
    });

    test('a route without config.public needs sign-in', async () => {
      assert.equal((await app.inject({ method: 'GET', url: '/api/probe/closed' })).statusCode, 401);
      assert.equal((await asRole(app, world, 'doctor')('GET', '/api/probe/closed')).statusCode, 200);
    });

    test('a public route runs anonymously: its context can do nothing, elevated() writes, audited as anonymous', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/probe/open', headers: { 'content-type': 'application/json' }, payload: '{}' });
      assert.equal(r.statusCode, 200, r.body);
      const out = JSON.parse(r.body) as { read: string; write: string; elevated: string };
      assert.match(out.read, /^refused 403$|^ok 0$/, 'the anonymous context sees no patient');
      assert.equal(out.write, 'refused 403');
      const stored = await store.repo.read({ tenant: 'default' }, 'Patient', out.elevated);
      assert.equal((stored.name as { text: string }[])[0]?.text, 'via elevated');
      const audit = JSON.parse((await asRole(app, world, 'admin')('GET', '/fhir/AuditEvent?_count=200')).body) as { entry?: { resource: Record<string, any> }[] };
      const created = (audit.entry ?? []).map((e) => e.resource).find((e) => JSON.stringify(e.entity ?? []).includes(`Patient/${out.elevated}`));
      assert.ok(created, 'the elevated write is in the ledger');
      assert.ok(JSON.stringify(created.agent).includes('anonymous'));
    });

    test('accounts.problem names the problem and writes nothing; create makes a patient account', async () => {
      const d = deps!;
      const weak = await d.accounts.problem('default', { username: 'li.lei', password: 'short', roles: ['patient'], fhirUser: 'Patient/pat-own' });
      assert.equal(weak?.code, 'weak_password');
      const taken = await d.accounts.problem('default', { username: 'doctor-user', password: PASSWORD, roles: ['patient'], fhirUser: 'Patient/pat-own' });
      assert.equal(taken?.code, 'username_taken');
      assert.equal(await d.accounts.problem('default', { username: 'li.lei', password: PASSWORD, roles: ['patient'], fhirUser: 'Patient/pat-own' }), null);
      const login = () => app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'li.lei', password: PASSWORD }) });
      assert.equal((await login()).statusCode, 401, 'problem() created nothing');
      await d.accounts.create('default', { username: 'li.lei', password: PASSWORD, roles: ['patient'], fhirUser: 'Patient/pat-own' });
      assert.equal((await login()).statusCode, 200);
    });
  });
}
