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
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** a promise and the function that settles it */
function latch(): { done: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const done = new Promise<void>((r) => (fire = r));
  return { done, fire };
}

/** Once the request is held at `reached`, start closing the app, then let the request go on; its answer. */
async function closeWhileHeld(app: FastifyInstance, answer: Promise<LightMyRequestResponse>, reached: Promise<void>, release: () => void): Promise<LightMyRequestResponse> {
  await reached;
  const closed = app.close();
  await new Promise((r) => setTimeout(r, 50));
  release();
  const r = await answer;
  await closed;
  return r;
}

/** audit ledger and queue rows whose stored event contains every needle */
async function auditRows(store: Store, ...needles: string[]): Promise<number> {
  const where = needles.map(() => 'event LIKE ?').join(' AND ');
  const args = needles.map((n) => `%${n}%`);
  const n = await store.db.get<{ n: number }>(`SELECT (SELECT COUNT(*) FROM audit_ledger WHERE ${where}) + (SELECT COUNT(*) FROM audit_queue WHERE ${where}) AS n`, [...args, ...args]);
  return Number(n?.n);
}

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
      const inRoute = latch();
      const gate = latch();
      // a module route that reads a Patient once the test lets it (the read is audited like any other)
      const slow: HuiyiModule = {
        name: 'slow',
        async register(app, deps) {
          app.get('/:id', async (req) => {
            inRoute.fire();
            await gate.done;
            return deps.repo.read(deps.context(req), 'Patient', (req.params as { id: string }).id);
          });
        },
      };
      const app = await testApp(store, {}, { audit: true, modules: [slow] });
      const r = await closeWhileHeld(app, app.inject({ method: 'GET', url: '/api/slow/p-shut' }), inRoute.done, gate.fire);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().id, 'p-shut');
      assert.ok((await auditRows(store, 'Patient/p-shut')) >= 1, 'the read is in the audit trail');
    });

    test('a request still resolving its session when close() starts is recorded and answered', async () => {
      await migrate(store.db, undefined, SECURITY_MIGRATIONS);
      const user = await new UserStore(store.db, { hash: { N: 1024, r: 8, p: 1 } }).create('default', {
        username: 'shut-doctor', password: 'Shut-doctor-2026!x', roles: 'doctor', fhirUser: 'Practitioner/shut-doctor',
      });
      const session = await new SessionStore(store.db).create('default', user.id, {});
      const app = await testApp(store, {}, { audit: true });
      // hold the session lookup (on PostgreSQL a round trip) until close() has begun
      const inLookup = latch();
      const gate = latch();
      const get = store.db.get.bind(store.db);
      store.db.get = (async (sql: string, params?: readonly SqlValue[]) => {
        if (sql.includes('FROM user_sessions')) {
          inLookup.fire();
          await gate.done;
        }
        return get(sql, params);
      }) as typeof store.db.get;
      try {
        const answer = app.inject({ method: 'GET', url: '/fhir/Patient/p-shut', headers: { cookie: `huiyi_session=${session.id}` } });
        const r = await closeWhileHeld(app, answer, inLookup.done, gate.fire);
        assert.equal(r.statusCode, 200, r.body);
      } finally {
        store.db.get = get;
      }
      assert.ok((await auditRows(store, 'Patient/p-shut', 'shut-doctor')) >= 1, "the doctor's read is in the audit trail");
    });
  });
}
