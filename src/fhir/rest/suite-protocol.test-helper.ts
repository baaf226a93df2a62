// metadata, content negotiation, compression, limits, routing errors, base URL, batch hook.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { FhirRepository } from '../store/repository.js';
import type { Resource } from '../types.js';
import { buildApp, Client, issueCode } from './harness.test-helper.js';

interface Capability extends Resource {
  fhirVersion: string;
  software: { name: string; version: string };
  implementation: { url: string };
  patchFormat: string[];
  rest: { mode: string; interaction: { code: string }[]; resource: { type: string; interaction: { code: string }[]; updateCreate: boolean; versioning: string; searchParam: { name: string; type: string; definition: string }[] }[] }[];
}

export function protocolTests(client: () => Client, repo: () => FhirRepository): void {
  describe('metadata', () => {
    it('CapabilityStatement reflecting the registry', async () => {
      const res = await client().call('GET', '/fhir/metadata');
      assert.equal(res.statusCode, 200);
      const cs = res.json() as Capability;
      assert.equal(cs.resourceType, 'CapabilityStatement');
      assert.equal(cs.fhirVersion, '4.0.1');
      assert.deepEqual(cs.software, { name: 'Huiyi', version: '0.0.0-test' });
      assert.match(cs.implementation.url, /\/fhir$/);
      assert.deepEqual(cs.patchFormat, ['application/json-patch+json']);
      const rest = cs.rest[0];
      assert.deepEqual(rest.interaction.map((i) => i.code).sort(), ['history-system', 'search-system']);
      const patient = rest.resource.find((r) => r.type === 'Patient')!;
      assert.ok(patient.updateCreate);
      assert.equal(patient.versioning, 'versioned-update');
      for (const code of ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type']) {
        assert.ok(patient.interaction.some((i) => i.code === code), code);
      }
      const name = patient.searchParam.find((p) => p.name === 'name');
      assert.equal(name?.type, 'string');
      assert.ok(name?.definition.startsWith('http'));
      assert.ok(rest.resource.length > 100);
    });
  });

  describe('content negotiation', () => {
    it('406 for non-JSON _format and Accept; JSON variants and */* accepted', async () => {
      const c = client();
      for (const f of ['xml', 'application/fhir+xml', 'text/turtle', 'html']) {
        const res = await c.call('GET', `/fhir/metadata?_format=${encodeURIComponent(f)}`);
        assert.equal(res.statusCode, 406, f);
        assert.equal(issueCode(res), 'not-supported');
      }
      for (const f of ['json', 'application/json', 'application/fhir+json', 'application/fhir%2Bjson', 'application/fhir+json;fhirVersion=4.0']) {
        assert.equal((await c.call('GET', `/fhir/metadata?_format=${f}`)).statusCode, 200, f);
      }
      for (const a of ['application/fhir+xml', 'application/xml, text/turtle', 'application/fhir+json;q=0']) {
        assert.equal((await c.call('GET', '/fhir/metadata', { headers: { accept: a } })).statusCode, 406, a);
      }
      for (const a of ['application/fhir+json', 'application/json', '*/*', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8']) {
        assert.equal((await c.call('GET', '/fhir/metadata', { headers: { accept: a } })).statusCode, 200, a);
      }
      // _format wins over Accept
      assert.equal((await c.call('GET', '/fhir/metadata?_format=json', { headers: { accept: 'application/fhir+xml' } })).statusCode, 200);
    });

    it('_pretty=true indents', async () => {
      const c = client();
      const p = await c.create({ resourceType: 'Patient' });
      const pretty = await c.call('GET', `/fhir/Patient/${p.id}?_pretty=true`);
      assert.match(pretty.body, /^\{\n {2}"resourceType"/);
      const plain = await c.call('GET', `/fhir/Patient/${p.id}`);
      assert.ok(!plain.body.includes('\n'));
    });

    it('gzip for large responses when asked, identity for small ones', async () => {
      const c = client();
      const big = await c.call('GET', '/fhir/metadata', { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(big.headers['content-encoding'], 'gzip');
      assert.equal((JSON.parse(gunzipSync(big.rawPayload).toString('utf8')) as Resource).resourceType, 'CapabilityStatement');
      const p = await c.create({ resourceType: 'Patient' });
      const small = await c.call('GET', `/fhir/Patient/${p.id}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(small.headers['content-encoding'], undefined);
      const deflate = await c.call('GET', '/fhir/metadata', { headers: { 'accept-encoding': 'deflate' } });
      assert.equal(deflate.headers['content-encoding'], 'deflate');
    });
  });

  describe('limits', () => {
    it('413 over the default 16 MiB', async () => {
      const huge = `{"resourceType":"Patient","text":{"div":"${'x'.repeat(17 * 1024 * 1024)}"}}`;
      const res = await client().call('POST', '/fhir/Patient', { raw: huge });
      assert.equal(res.statusCode, 413);
      assert.equal(issueCode(res), 'too-costly');
    });

    it('configurable maxBodyBytes and maxDepth', async () => {
      const app = await buildApp(repo(), { limits: { maxBodyBytes: 2048, maxDepth: 5 } });
      try {
        const c = new Client(app);
        const res = await c.call('POST', '/fhir/Patient', { body: { resourceType: 'Patient', text: { div: 'x'.repeat(4096) } } });
        assert.equal(res.statusCode, 413);
        const deep = await c.call('POST', '/fhir/Patient', { body: { resourceType: 'Patient', a: [[[[[1]]]]] } });
        assert.equal(deep.statusCode, 400);
        assert.equal((await c.call('POST', '/fhir/Patient', { body: { resourceType: 'Patient', name: [{ given: ['a'] }] } })).statusCode, 201);
      } finally {
        await app.close();
      }
    });
  });

  describe('routing', () => {
    it('405 with Allow for unsupported methods on known paths', async () => {
      const c = client();
      const cases: [string, string, string][] = [
        ['PATCH', '/fhir/metadata', 'GET, HEAD'],
        ['DELETE', '/fhir/metadata', 'GET, HEAD'],
        ['POST', '/fhir/Patient/1', 'GET, PUT, PATCH, DELETE, HEAD'],
        ['DELETE', '/fhir/_history', 'GET, HEAD'],
      ];
      for (const [m, url, allow] of cases) {
        const res = await c.call(m as 'PUT', url, { body: { resourceType: 'Patient' } });
        assert.equal(res.statusCode, 405, `${m} ${url}`);
        assert.equal(res.headers.allow, allow);
        assert.equal(issueCode(res), 'not-supported');
      }
    });

    it('404 OperationOutcome for unknown routes and operations', async () => {
      const c = client();
      for (const url of ['/fhir/Patient/1/_history/1/extra', '/fhir/$export', '/fhir/Patient/$everything']) {
        const res = await c.call('GET', url);
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().resourceType, 'OperationOutcome');
      }
    });

    it('HEAD on a resource: headers without a body', async () => {
      const c = client();
      const p = await c.create({ resourceType: 'Patient' });
      const res = await c.call('HEAD', `/fhir/Patient/${p.id}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, '');
      assert.equal(res.headers.etag, `W/"${p.meta!.versionId}"`);
    });
  });

  describe('base URL', () => {
    it('honours X-Forwarded-Proto / X-Forwarded-Host, and a configured baseUrl', async () => {
      const c = client();
      const res = await c.call('POST', '/fhir/Patient', { body: { resourceType: 'Patient' }, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'fhir.example.org' } });
      assert.match(String(res.headers.location), /^https:\/\/fhir\.example\.org\/fhir\/Patient\//);
      const app = await buildApp(repo(), { baseUrl: 'https://api.example.com/r4/' });
      try {
        const r2 = await new Client(app).call('POST', '/fhir/Patient', { body: { resourceType: 'Patient' } });
        assert.match(String(r2.headers.location), /^https:\/\/api\.example\.com\/r4\/Patient\//);
      } finally {
        await app.close();
      }
    });
  });

  describe('POST [base]', () => {
    it('501 until a batch handler is configured; then delegates', async () => {
      const res = await client().call('POST', '/fhir', { body: { resourceType: 'Bundle', type: 'batch' } });
      assert.equal(res.statusCode, 501);
      assert.equal(issueCode(res), 'not-supported');
      const app = await buildApp(repo(), {
        batch: { interactions: ['batch'], handle: async ({ bundle }) => ({ resourceType: 'Bundle', type: 'batch-response', id: String(bundle.type) }) },
      });
      try {
        const c = new Client(app);
        const ok = await c.call('POST', '/fhir', { body: { resourceType: 'Bundle', type: 'batch' } });
        assert.equal(ok.statusCode, 200);
        assert.equal(ok.json().type, 'batch-response');
        assert.equal((await c.call('POST', '/fhir', { body: { resourceType: 'Patient' } })).statusCode, 400);
        const cs = (await c.call('GET', '/fhir/metadata')).json() as Capability;
        assert.ok(cs.rest[0].interaction.some((i) => i.code === 'batch'));
      } finally {
        await app.close();
      }
    });
  });
}
