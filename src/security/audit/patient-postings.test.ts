import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../fhir/store/open.js';
import { appendAll } from './append.js';
import { AuditChainer } from './chainer.js';
import { AuditEventStore } from './search.js';
import { count, pipelineDatabases, readOf } from './pipeline-fixtures.test.js';
import { mergePatientPostings } from './patient-postings.js';

for (const d of pipelineDatabases()) {
  describe(`audit patient postings on ${d.name}`, () => {
    let store: Store;
    before(async () => {
      store = await d.openPipeline();
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });
    const staged = (tenant: string) => count(store.db, 'SELECT COUNT(*) AS n FROM audit_patient_new WHERE tenant = ?', [tenant]);
    const merged = (tenant: string) => count(store.db, 'SELECT COUNT(*) AS n FROM audit_patient WHERE tenant = ?', [tenant]);

    test('appends stage postings; a search by patient merges them first and finds every event', async () => {
      const events = [readOf('pp-1', Date.UTC(2025, 0, 1)), readOf('pp-2', Date.UTC(2025, 0, 2)), readOf('pp-1', Date.UTC(2025, 0, 3))];
      await appendAll(store.db, 'pp', events);
      const sqlite = store.db.dialect === 'sqlite';
      assert.deepEqual([await staged('pp'), await merged('pp')], sqlite ? [3, 0] : [0, 3], 'staged on SQLite, direct on PostgreSQL');
      const found = await new AuditEventStore(store.db).search('pp', [['patient', 'Patient/pp-1']]);
      assert.deepEqual(found.matches.map((e) => e.id), [events[2].id, events[0].id], 'newest first, both events of pp-1');
      assert.deepEqual([await staged('pp'), await merged('pp')], [0, 3]);
    });

    test('a patient-restricted read sees a staged posting', async () => {
      const [e] = [readOf('pr-1', Date.UTC(2025, 1, 1))];
      await appendAll(store.db, 'pr', [e]);
      const got = await new AuditEventStore(store.db).read('pr', e.id as string, { patients: ['pr-1'] });
      assert.equal(got.id, e.id);
      await assert.rejects(new AuditEventStore(store.db).read('pr', e.id as string, { patients: ['pr-2'] }), /not known/);
    });

    test('merging in batches keeps every posting once; concurrent merges neither fail nor duplicate', async () => {
      // more than one merge transaction (5,000 rows each); staged as SQLite's appends stage them, on both databases
      const events = Array.from({ length: 6200 }, (_, i) => readOf(`mb-${i % 37}`, Date.UTC(2025, 2, 1) + i));
      await appendAll(store.db, 'mb', events);
      await store.db.run("INSERT INTO audit_patient_new (tenant, patient_id, recorded, seq) SELECT tenant, patient_id, recorded, seq FROM audit_patient WHERE tenant = 'mb'");
      await store.db.run("DELETE FROM audit_patient WHERE tenant = 'mb'");
      // one posting merged already (a merge that another node finished): kept once
      await store.db.run("INSERT INTO audit_patient (tenant, patient_id, recorded, seq) SELECT tenant, patient_id, recorded, seq FROM audit_patient_new WHERE tenant = 'mb' AND seq = 1");
      const moved = await Promise.all([mergePatientPostings(store.db), mergePatientPostings(store.db), mergePatientPostings(store.db)]);
      assert.equal(moved.reduce((a, b) => a + b, 0), 6200, 'each staged row deleted once');
      assert.deepEqual([await staged('mb'), await merged('mb')], [0, 6200]);
      assert.equal(await mergePatientPostings(store.db), 0, 'nothing left to merge');
      const p7 = await count(store.db, "SELECT COUNT(*) AS n FROM audit_patient WHERE tenant = 'mb' AND patient_id = 'mb-7'");
      assert.equal(p7, events.filter((_, i) => i % 37 === 7).length);
    });

    test('the chainer merges on its interval and when it stops', async (t) => {
      if (store.db.dialect !== 'sqlite') return t.skip('only SQLite stages postings');
      await appendAll(store.db, 'ci', [readOf('ci-1', Date.UTC(2025, 3, 1))]);
      const chainer = new AuditChainer(store.db, { mergeSeconds: 3600 });
      await chainer.drain();
      assert.equal(await staged('ci'), 1, 'not due yet');
      await chainer.stop();
      assert.deepEqual([await staged('ci'), await merged('ci')], [0, 1], 'stop merges');
      await appendAll(store.db, 'ci', [readOf('ci-2', Date.UTC(2025, 3, 2))]);
      await new AuditChainer(store.db, { mergeSeconds: 0 }).drain();
      assert.deepEqual([await staged('ci'), await merged('ci')], [0, 2], 'due at once with mergeSeconds 0');
    });
  });
}
