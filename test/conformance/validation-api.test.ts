import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';

// Writes are validated (base R4 + loaded profiles); $validate answers without storing.

const profile = {
  resourceType: 'StructureDefinition', id: 'cn-patient', url: 'https://huiyi.dev/fhir/StructureDefinition/cn-patient', name: 'CnPatient',
  status: 'active', kind: 'resource', abstract: false, type: 'Patient', derivation: 'constraint',
  baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
  differential: { element: [{ id: 'Patient.identifier', path: 'Patient.identifier', min: 1 }, { id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1 }] },
};

for (const d of testDatabases()) {
  describe(`validation over REST on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    const put = (url: string, payload: object) => app.inject({ method: 'PUT', url, payload, headers: { 'content-type': 'application/fhir+json' } });
    before(async () => {
      store = await d.open();
      app = await testApp(store);
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('bad resources are refused with issues and expression paths; nothing is written', async () => {
      const cases: [object, number, string][] = [
        [{ resourceType: 'Patient', id: 'v1', gender: 'mail' }, 422, 'Patient.gender'],
        [{ resourceType: 'Patient', id: 'v1', birthDate: '1990-02-30' }, 400, 'Patient.birthDate'],
        [{ resourceType: 'Patient', id: 'v1', nickname: 'x' }, 400, 'Patient'],
        [{ resourceType: 'Observation', id: 'v1', status: 'done', code: { text: 'x' } }, 422, 'Observation.status'],
        [{ resourceType: 'Observation', id: 'v1', status: 'final' }, 422, 'Observation'],
        [{ resourceType: 'Patient', id: 'v1', name: { family: 'not-an-array' } }, 400, 'Patient.name'],
      ];
      for (const [body, status, path] of cases) {
        const url = `/fhir/${(body as { resourceType: string }).resourceType}/v1`;
        const r = await put(url, body);
        assert.equal(r.statusCode, status, `${JSON.stringify(body)} → ${r.body.slice(0, 300)}`);
        const oo = r.json();
        assert.equal(oo.resourceType, 'OperationOutcome');
        assert.ok(oo.issue.some((i: { expression?: string[] }) => i.expression?.some((e) => e.startsWith(path))), `${path} in ${JSON.stringify(oo.issue)}`);
        assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404);
      }
    });

    test('$validate: type and instance level, Parameters form, never stores', async () => {
      const bad = await app.inject({ method: 'POST', url: '/fhir/Patient/$validate', payload: { resourceType: 'Patient', gender: 'mail' } });
      assert.equal(bad.statusCode, 200);
      assert.ok(bad.json().issue.some((i: { severity: string }) => i.severity === 'error'));
      const good = await app.inject({ method: 'POST', url: '/fhir/Patient/$validate', payload: { resourceType: 'Patient', gender: 'male' } });
      assert.deepEqual(good.json().issue.map((i: { severity: string }) => i.severity), ['information']);
      const params = await app.inject({
        method: 'POST', url: '/fhir/Patient/$validate',
        payload: { resourceType: 'Parameters', parameter: [{ name: 'resource', resource: { resourceType: 'Patient', birthDate: 'tomorrow' } }] },
      });
      assert.ok(params.json().issue.some((i: { expression?: string[] }) => i.expression?.[0] === 'Patient.birthDate'));
      const count = await app.inject({ method: 'GET', url: '/fhir/Patient?_summary=count' });
      assert.equal(count.json().total, 0);
      await put('/fhir/Patient/vi', { resourceType: 'Patient', id: 'vi' });
      const inst = await app.inject({ method: 'GET', url: '/fhir/Patient/vi/$validate' });
      assert.equal(inst.statusCode, 200);
      const mismatch = await app.inject({ method: 'POST', url: '/fhir/Patient/vi/$validate', payload: { resourceType: 'Patient', id: 'other' } });
      assert.equal(mismatch.statusCode, 400);
    });

    test('a loaded profile named in meta.profile is enforced; an unknown profile is only a warning', async () => {
      assert.ok([200, 201].includes((await put('/fhir/StructureDefinition/cn-patient', profile)).statusCode));
      const meta = { profile: [profile.url] };
      const missing = await put('/fhir/Patient/pp1', { resourceType: 'Patient', id: 'pp1', meta });
      assert.equal(missing.statusCode, 422, missing.body);
      assert.match(JSON.stringify(missing.json().issue), /identifier/);
      assert.match(JSON.stringify(missing.json().issue), /birthDate/);
      const ok = await put('/fhir/Patient/pp1', { resourceType: 'Patient', id: 'pp1', meta, birthDate: '1990-01-01', identifier: [{ value: '1' }] });
      assert.equal(ok.statusCode, 201, ok.body);
      const unknown = await app.inject({ method: 'POST', url: '/fhir/Patient/$validate', payload: { resourceType: 'Patient', meta: { profile: ['http://example.org/nope'] } } });
      assert.deepEqual(unknown.json().issue.map((i: { severity: string }) => i.severity), ['warning']);
      const stored = await put('/fhir/Patient/pp2', { resourceType: 'Patient', id: 'pp2', meta: { profile: ['http://example.org/nope'] } });
      assert.equal(stored.statusCode, 201);
    });
  });
}
