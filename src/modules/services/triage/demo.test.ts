// The demo's ED arrivals, on both databases: triaged by the module's own rules, once.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../../test/support/databases.js';
import type { Store } from '../../../fhir/store/open.js';
import { generateDemoHospital } from '../../../demo/generate.js';
import { processBundle } from '../../../fhir/bundle/process.js';
import { seedDemoTriage } from './demo.js';

for (const db of testDatabases()) {
  describe(`demo ED arrivals on ${db.name}`, () => {
    let store: Store;
    const ctx = { tenant: 'default' };
    before(async () => {
      store = await db.open();
      const resources = generateDemoHospital({ patients: 0 });
      const entry = resources.map((r) => ({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } }));
      await processBundle(store.repo, ctx, { resourceType: 'Bundle', type: 'transaction', entry }, { baseUrl: 'http://localhost/fhir', maxEntries: 10_000 });
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });

    test('four arrivals with the levels their entries give; a second start adds none', async () => {
      const now = new Date('2026-11-27T10:00:00+08:00');
      const added = await seedDemoTriage(store, ctx, now);
      // chest pain with sweating and pain 7/10 → Ⅱ; a child with fever, one resource → Ⅳ; pain 5/10 → Ⅲ; a cut, one resource → Ⅳ
      assert.deepEqual(added.map((a) => a.level), [2, 4, 3, 4]);
      const waiting = await store.repo.search(ctx, { types: ['Encounter'], params: [['class', 'EMER'], ['status', 'triaged'], ['_count', '50']] });
      assert.equal(waiting.matches.length, 4);
      const starts = waiting.matches.map((e) => (e.period as { start: string }).start).sort();
      assert.equal(starts[0], new Date(now.getTime() - 70 * 60_000).toISOString());
      assert.deepEqual(await seedDemoTriage(store, ctx, now), []);
    });
  });
}
