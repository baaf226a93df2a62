import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { Client } from 'fhir-kit-client';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';
import { seedDemo } from '../../src/cli/seed.js';

// A third-party FHIR client (fhir-kit-client) against the real server over HTTP, on the demo hospital.

for (const d of testDatabases()) {
  describe(`fhir-kit-client against the demo hospital on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let c: InstanceType<typeof Client>;
    before(async () => {
      store = await d.open();
      await seedDemo(store, { tenant: 'default' }, { patients: 40 });
      app = await testApp(store);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      c = new Client({ baseUrl: `http://127.0.0.1:${port}/fhir` });
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('seeding again writes no new versions', async () => {
      const before = await store.repo.history({ tenant: 'default' }, { count: 1 });
      await seedDemo(store, { tenant: 'default' }, { patients: 40 });
      const after = await store.repo.history({ tenant: 'default' }, { count: 1 });
      assert.equal(after.total, before.total);
    });

    test('capability, search with sort and include, CRUD, transaction, history', async () => {
      const meta = (await c.capabilityStatement()) as any;
      assert.equal(meta.fhirVersion, '4.0.1');
      const patientCap = meta.rest[0].resource.find((r: any) => r.type === 'Patient');
      assert.equal(patientCap.conditionalCreate, true);
      assert.equal(patientCap.conditionalDelete, 'multiple');
      assert.ok(patientCap.operation.some((o: any) => o.name === 'validate'));
      assert.deepEqual(meta.rest[0].interaction.map((i: any) => i.code).sort(), ['batch', 'history-system', 'search-system', 'transaction']);
      const pts = (await c.search({ resourceType: 'Patient', searchParams: { _count: 5, _sort: 'birthdate', _total: 'accurate' } })) as any;
      assert.equal(pts.total, 40);
      const dates = pts.entry.map((e: any) => e.resource.birthDate);
      assert.deepEqual(dates, [...dates].sort());
      const beds = (await c.search({ resourceType: 'Location', searchParams: { 'operational-status': 'O', _total: 'accurate' } })) as any;
      const inpatients = (await c.search({ resourceType: 'Encounter', searchParams: { class: 'IMP', status: 'in-progress', _include: 'Encounter:subject', _total: 'accurate' } })) as any;
      assert.ok(inpatients.total > 0);
      assert.equal(beds.total, inpatients.total, 'one occupied bed per current inpatient');
      assert.ok(inpatients.entry.some((e: any) => e.search.mode === 'include' && e.resource.resourceType === 'Patient'));

      const created = (await c.create({ resourceType: 'Patient', body: { resourceType: 'Patient', name: [{ text: '测试', family: '测', given: ['试'] }] } })) as any;
      const updated = (await c.update({ resourceType: 'Patient', id: created.id, body: { ...created, gender: 'female' } })) as any;
      assert.equal(updated.meta.versionId, '2');
      const tx = (await c.transaction({
        body: {
          resourceType: 'Bundle', type: 'transaction',
          entry: [
            { fullUrl: 'urn:uuid:e', resource: { resourceType: 'Encounter', status: 'planned', class: { code: 'AMB' }, subject: { reference: `Patient/${created.id}` } }, request: { method: 'POST', url: 'Encounter' } },
            { resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] }, subject: { reference: `Patient/${created.id}` }, encounter: { reference: 'urn:uuid:e' }, valueQuantity: { value: 37.2, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' } }, request: { method: 'POST', url: 'Observation' } },
          ],
        },
      })) as any;
      assert.deepEqual(tx.entry.map((e: any) => e.response.status), ['201 Created', '201 Created']);
      const temps = (await c.search({ resourceType: 'Observation', searchParams: { patient: created.id, 'encounter:missing': 'false', 'value-quantity': 'gt37' } })) as any;
      assert.equal(temps.entry.length, 1);
      const hist = (await c.resourceHistory({ resourceType: 'Patient', id: created.id })) as any;
      assert.deepEqual(hist.entry.map((e: any) => e.request.method), ['PUT', 'POST']);
      await c.delete({ resourceType: 'Patient', id: created.id });
      await assert.rejects(c.read({ resourceType: 'Patient', id: created.id }), (e: any) => e.response?.status === 410);
      await assert.rejects(c.search({ resourceType: 'Patient', searchParams: { birthdate: 'gt2020-13-01' } }), (e: any) => e.response?.status === 400);
    });
  });
}
