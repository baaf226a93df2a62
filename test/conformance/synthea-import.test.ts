import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { testDatabases } from '../support/databases.js';
import { testdata } from '../support/shared.js';
import type { Store } from '../../src/fhir/store/open.js';
import { planImport } from '../../src/fhir/import/plan.js';
import { importFiles } from '../../src/fhir/import/run.js';
import { visitReferences } from '../../src/fhir/bundle/references.js';
import type { Resource } from '../../src/fhir/types.js';

// A Synthea subset (hospital and practitioner batches + 4 patients) imports completely, every reference
// resolves to a stored resource, and importing it again writes nothing.

const dir = testdata('synthea');

if (dir) {
  const all = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const shared = all.filter((f) => f.startsWith('hospitalInformation') || f.startsWith('practitionerInformation'));
  const patients = all.filter((f) => !shared.includes(f)).slice(0, 4);
  const files = [...patients, ...shared].map((f) => join(dir, f)); // deliberately out of order: the plan sorts

  for (const d of testDatabases()) {
    describe(`Synthea import on ${d.name}`, () => {
      let store: Store;
      const ctx = { tenant: 'synthea' };
      before(async () => {
        store = await d.open();
      });
      after(async () => {
        await store?.close();
        await d.cleanup();
      });

      test('imports completely with every reference resolved; re-import adds nothing', async () => {
        const plan = planImport(files);
        assert.ok(plan[0].path.includes('hospitalInformation') || plan[0].path.includes('practitionerInformation'), 'shared bundles first');
        const s = await importFiles(store.repo, ctx, plan, { concurrency: 2 });
        assert.deepEqual(s.failed, []);
        assert.equal(s.resourcesDone, s.resourcesTotal);

        const rows = await store.db.all<{ type: string; id: string; content: string }>(
          `SELECT r.type, r.id, h.content FROM resources r JOIN resource_history h ON h.rid = r.rid AND h.version = r.version WHERE r.tenant = ? AND r.deleted = 0`,
          [ctx.tenant],
        );
        assert.ok(rows.length > 1000, `${rows.length} resources`);
        const keys = new Set(rows.map((r) => `${r.type}/${r.id}`));
        const dangling = new Set<string>();
        let refs = 0;
        for (const r of rows) {
          visitReferences(JSON.parse(r.content) as Resource, (ref) => {
            if (ref.startsWith('#')) return;
            refs++;
            if (!keys.has(ref)) dangling.add(`${r.type}/${r.id} → ${ref}`);
          });
        }
        assert.ok(refs > 1000);
        assert.deepEqual([...dangling].slice(0, 5), [], `${dangling.size} unresolved references`);

        const versions = async () => Number((await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM resource_history WHERE tenant = ?', [ctx.tenant]))?.n);
        const before = await versions();
        const again = await importFiles(store.repo, ctx, planImport(files), { concurrency: 2 });
        assert.deepEqual(again.failed, []);
        assert.equal(await versions(), before, 'a re-import writes no new versions');
        assert.equal((await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM resources WHERE tenant = ?', [ctx.tenant]))?.n, rows.length);
      });
    });
  }
} else {
  test('Synthea import', { skip: '../shared/testdata/synthea is absent' }, () => {});
}
