// The reads' journal as the server uses it: on both databases by default, and HUIYI_AUDIT_JOURNAL=off.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';

for (const d of testDatabases()) {
  describe(`the reads' journal of a server on ${d.name}`, () => {
    let store: Store;
    let dir: string;
    before(async () => {
      store = await d.open();
      dir = mkdtempSync(join(tmpdir(), 'huiyi-journal-app-'));
      await store.repo.update({ tenant: 'default' }, { resourceType: 'Patient', id: 'p-jr', name: [{ family: '简' }] });
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    const chainedReads = async () =>
      Number((await store.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_ledger WHERE event LIKE '%Patient/p-jr/_history%' AND action = 'R'"))?.n);
    const journals = (data: string) => (existsSync(data) ? readdirSync(data).filter((f) => f.startsWith('audit-journal-')) : []);

    for (const mode of ['journal', 'off'] as const) {
      test(`${mode === 'off' ? 'HUIYI_AUDIT_JOURNAL=off: reads commit in groups' : 'by default: reads go through the journal'}; every read is chained by the next AuditEvent search`, async () => {
        const data = join(dir, mode);
        const app = await testApp(store, { HUIYI_DATA_DIR: data, ...(mode === 'off' ? { HUIYI_AUDIT_JOURNAL: 'off' } : {}) }, { audit: true });
        try {
          const before = await chainedReads();
          const reads = await Promise.all(Array.from({ length: 12 }, () => app.inject({ method: 'GET', url: '/fhir/Patient/p-jr' })));
          assert.deepEqual([...new Set(reads.map((r) => r.statusCode))], [200]);
          const pgJournal = d.name === 'postgres' && mode === 'journal';
          assert.equal(journals(data).length, pgJournal ? 1 : 0, 'PostgreSQL: the journal is in the data directory');
          if (pgJournal) {
            const lines = readFileSync(join(data, journals(data)[0]), 'utf8').trim().split('\n');
            assert.ok(lines.length >= 13, `the reads' lines are in the journal before they are answered (${lines.length})`);
          }
          const search = await app.inject({ method: 'GET', url: '/fhir/AuditEvent?patient=Patient/p-jr&_count=100' });
          assert.equal(search.statusCode, 200, search.body);
          assert.equal((await chainedReads()) - before, 12);
        } finally {
          await app.close();
        }
      });
    }
  });
}
