// Closing the app while requests are in flight: they still record their audit events and answer.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';
import type { HuiyiModule } from '../../src/modules/module.js';

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
  });
}
