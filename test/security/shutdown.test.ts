// Closing the app while requests are in flight: they still record their audit events and answer.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';
import type { HuiyiModule } from '../../src/modules/module.js';
import type { SqlValue } from '../../src/fhir/store/db.js';
import { UserStore } from '../../src/security/identity/users.js';
import { SessionStore } from '../../src/security/identity/sessions.js';
import { migrate } from '../../src/fhir/store/migrations.js';
import { SECURITY_MIGRATIONS } from '../../src/security/migrations.js';

for (const d of testDatabases()) {
  describe(`shutdown with requests in flight on ${d.name}`, () => {
    let store: Store;
    before(async () => {
      store = await d.open();
      await store.repo.update({ tenant: 'default' }, { resourceType: 'Patient', id: 'p-shut', name: [{ family: '关' }] });
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('a read in flight when close() starts is recorded and answered', async () => {
      let started!: () => void;
      const inRoute = new Promise<void>((r) => (started = r));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      // a module route that reads a Patient once the test lets it (the read is audited like any other)
      const slow: HuiyiModule = {
        name: 'slow',
        async register(app, deps) {
          app.get('/:id', async (req) => {
            started();
            await gate;
            return deps.repo.read(deps.context(req), 'Patient', (req.params as { id: string }).id);
          });
        },
      };
      const app = await testApp(store, {}, { audit: true, modules: [slow] });
      const answer = app.inject({ method: 'GET', url: '/api/slow/p-shut' });
      await inRoute;
      const closed = app.close();
      await new Promise((r) => setTimeout(r, 50));
      release();
      const r = await answer;
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().id, 'p-shut');
      await closed;
      const n = await store.db.get<{ n: number }>(
        "SELECT (SELECT COUNT(*) FROM audit_ledger WHERE event LIKE '%Patient/p-shut%') + (SELECT COUNT(*) FROM audit_queue WHERE event LIKE '%Patient/p-shut%') AS n",
      );
      assert.ok(Number(n?.n) >= 1, 'the read is in the audit trail');
    });

    test('a request still resolving its session when close() starts is recorded and answered', async () => {
      await migrate(store.db, undefined, SECURITY_MIGRATIONS);
      const user = await new UserStore(store.db, { hash: { N: 1024, r: 8, p: 1 } }).create('default', {
        username: 'shut-doctor', password: 'Shut-doctor-2026!x', roles: 'doctor', fhirUser: 'Practitioner/shut-doctor',
      });
      const session = await new SessionStore(store.db).create('default', user.id, {});
      const app = await testApp(store, {}, { audit: true });
      // hold the session lookup (on PostgreSQL a round trip) until close() has begun
      let inLookup!: () => void;
      const looking = new Promise<void>((r) => (inLookup = r));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const get = store.db.get.bind(store.db);
      store.db.get = (async (sql: string, params?: readonly SqlValue[]) => {
        if (sql.includes('FROM user_sessions')) {
          inLookup();
          await gate;
        }
        return get(sql, params);
      }) as typeof store.db.get;
      try {
        const answer = app.inject({ method: 'GET', url: '/fhir/Patient/p-shut', headers: { cookie: `huiyi_session=${session.id}` } });
        await looking;
        const closed = app.close();
        await new Promise((r) => setTimeout(r, 50));
        release();
        const r = await answer;
        assert.equal(r.statusCode, 200, r.body);
        await closed;
      } finally {
        store.db.get = get;
      }
      const n = await store.db.get<{ n: number }>(
        "SELECT (SELECT COUNT(*) FROM audit_ledger WHERE event LIKE '%Patient/p-shut%' AND event LIKE '%shut-doctor%') + (SELECT COUNT(*) FROM audit_queue WHERE event LIKE '%Patient/p-shut%' AND event LIKE '%shut-doctor%') AS n",
      );
      assert.ok(Number(n?.n) >= 1, "the doctor's read is in the audit trail");
    });
  });
}
