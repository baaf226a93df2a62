// create / read / vread / update / patch / delete, with headers and preconditions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Resource } from '../types.js';
import { Client, issueCode } from './harness.test-helper.js';

const patient = (extra: Record<string, unknown> = {}): Resource => ({ resourceType: 'Patient', name: [{ family: 'Zhang', given: ['Wei'] }], ...extra });

export function instanceTests(client: () => Client): void {
  describe('create', () => {
    it('201 with Location, ETag, Last-Modified and a server-assigned id', async () => {
      const c = client();
      const res = await c.call('POST', '/fhir/Patient', { body: patient({ id: 'client-chosen' }) });
      assert.equal(res.statusCode, 201);
      const body = res.json() as Resource;
      assert.equal(body.resourceType, 'Patient');
      assert.ok(body.id && body.id !== 'client-chosen');
      assert.equal(res.headers.etag, `W/"${body.meta?.versionId}"`);
      assert.equal(res.headers['last-modified'], new Date(body.meta!.lastUpdated!).toUTCString());
      assert.match(String(res.headers.location), new RegExp(`^http://localhost(:80)?/fhir/Patient/${body.id}/_history/${body.meta?.versionId}$`));
      assert.equal(res.headers['content-type'], 'application/fhir+json; charset=utf-8');
    });

    it('accepts application/json too', async () => {
      const res = await client().call('POST', '/fhir/Patient', { body: patient(), contentType: 'application/json; charset=utf-8' });
      assert.equal(res.statusCode, 201);
    });

    it('Prefer: return=minimal → empty body; return=OperationOutcome → outcome', async () => {
      const c = client();
      const min = await c.call('POST', '/fhir/Patient', { body: patient(), headers: { prefer: 'return=minimal' } });
      assert.equal(min.statusCode, 201);
      assert.equal(min.body, '');
      assert.ok(min.headers.location);
      const oo = await c.call('POST', '/fhir/Patient', { body: patient(), headers: { prefer: 'return=OperationOutcome' } });
      assert.equal(oo.statusCode, 201);
      assert.equal(issueCode(oo), 'informational');
      const rep = await c.call('POST', '/fhir/Patient', { body: patient(), headers: { prefer: 'return=representation' } });
      assert.equal((rep.json() as Resource).resourceType, 'Patient');
    });

    it('400 for wrong, missing resourceType and non-object bodies', async () => {
      const c = client();
      for (const body of [{ resourceType: 'Observation' }, { name: [] }, [patient()], 'Patient', 42, null]) {
        const res = await c.call('POST', '/fhir/Patient', { body });
        assert.equal(res.statusCode, 400, JSON.stringify(body));
        assert.equal(issueCode(res), 'invalid');
      }
    });

    it('400 for malformed JSON and an empty body', async () => {
      const c = client();
      for (const raw of ['{"resourceType": "Patient",', '{resourceType: Patient}', '']) {
        const res = await c.call('POST', '/fhir/Patient', { raw, contentType: 'application/fhir+json' });
        assert.equal(res.statusCode, 400, raw);
        assert.equal(issueCode(res), 'invalid');
      }
    });

    it('400 for nesting deeper than the limit', async () => {
      const deep = `{"resourceType":"Patient","extension":${'['.repeat(100)}${']'.repeat(100)}}`;
      const res = await client().call('POST', '/fhir/Patient', { raw: deep });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /nesting/);
      // brackets inside strings do not count
      const ok = await client().call('POST', '/fhir/Patient', { body: patient({ gender: 'unknown', name: [{ text: '['.repeat(200) }] }) });
      assert.equal(ok.statusCode, 201);
    });

    it('400 for __proto__ keys', async () => {
      const res = await client().call('POST', '/fhir/Patient', { raw: '{"resourceType":"Patient","__proto__":{"x":1}}' });
      assert.equal(res.statusCode, 400);
    });

    it('415 for unsupported content types', async () => {
      const c = client();
      for (const ct of ['application/fhir+xml', 'text/plain', 'application/x-www-form-urlencoded', 'application/json-patch+json']) {
        const res = await c.call('POST', '/fhir/Patient', { raw: '{"resourceType":"Patient"}', contentType: ct });
        assert.equal(res.statusCode, 415, ct);
        assert.equal(issueCode(res), 'not-supported');
      }
    });

    it('404 not-supported for an unknown resource type', async () => {
      const res = await client().call('POST', '/fhir/Spaceship', { body: { resourceType: 'Spaceship' } });
      assert.equal(res.statusCode, 404);
      assert.equal(issueCode(res), 'not-supported');
    });
  });

  describe('read / vread', () => {
    it('200 with ETag and Last-Modified; vread of each version', async () => {
      const c = client();
      const p = await c.create(patient());
      const res = await c.call('GET', `/fhir/Patient/${p.id}`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), p);
      assert.equal(res.headers.etag, `W/"${p.meta?.versionId}"`);
      assert.ok(res.headers['last-modified']);
      await c.call('PUT', `/fhir/Patient/${p.id}`, { body: { ...p, gender: 'female' } });
      const v1 = await c.call('GET', `/fhir/Patient/${p.id}/_history/${p.meta?.versionId}`);
      assert.equal(v1.statusCode, 200);
      assert.equal((v1.json() as Resource).gender, undefined);
      assert.equal(v1.headers.etag, `W/"${p.meta?.versionId}"`);
      const missing = await c.call('GET', `/fhir/Patient/${p.id}/_history/999`);
      assert.equal(missing.statusCode, 404);
    });

    it('404 for unknown ids, 410 after delete, 400 for invalid ids', async () => {
      const c = client();
      assert.equal((await c.call('GET', '/fhir/Patient/does-not-exist')).statusCode, 404);
      const p = await c.create(patient());
      await c.call('DELETE', `/fhir/Patient/${p.id}`);
      const res = await c.call('GET', `/fhir/Patient/${p.id}`);
      assert.equal(res.statusCode, 410);
      assert.equal(issueCode(res), 'deleted');
      assert.equal((await c.call('GET', '/fhir/Patient/bad_id!')).statusCode, 400);
    });

    it('304 for a matching If-None-Match in any tag form, 200 otherwise', async () => {
      const c = client();
      const p = await c.create(patient());
      const v = p.meta!.versionId!;
      for (const tag of [`W/"${v}"`, `"${v}"`, v, '*']) {
        const res = await c.call('GET', `/fhir/Patient/${p.id}`, { headers: { 'if-none-match': tag } });
        assert.equal(res.statusCode, 304, tag);
        assert.equal(res.body, '');
        assert.equal(res.headers.etag, `W/"${v}"`);
      }
      const stale = await c.call('GET', `/fhir/Patient/${p.id}`, { headers: { 'if-none-match': 'W/"999"' } });
      assert.equal(stale.statusCode, 200);
    });

    it('304 when not modified since, 200 when modified', async () => {
      const c = client();
      const p = await c.create(patient());
      const later = new Date(Date.parse(p.meta!.lastUpdated!) + 60_000).toUTCString();
      const earlier = new Date(Date.parse(p.meta!.lastUpdated!) - 60_000).toUTCString();
      assert.equal((await c.call('GET', `/fhir/Patient/${p.id}`, { headers: { 'if-modified-since': later } })).statusCode, 304);
      assert.equal((await c.call('GET', `/fhir/Patient/${p.id}`, { headers: { 'if-modified-since': earlier } })).statusCode, 200);
    });

    it('_summary and _elements on read', async () => {
      const c = client();
      const p = await c.create(patient({
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Zhang Wei</div>' },
        birthDate: '1980-01-02',
        photo: [{ contentType: 'image/png', data: 'AAAA' }],
      }));
      const url = `/fhir/Patient/${p.id}`;
      const subsetted = (r: Resource) => r.meta?.tag?.some((t) => t.code === 'SUBSETTED' && t.system === 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue');

      const sum = (await c.call('GET', `${url}?_summary=true`)).json() as Resource;
      assert.ok(sum.name && sum.birthDate && sum.id && !sum.text && !sum.photo);
      assert.ok(subsetted(sum));
      const text = (await c.call('GET', `${url}?_summary=text`)).json() as Resource;
      assert.ok(text.text && text.id && text.meta && !text.name && !text.birthDate);
      const data = (await c.call('GET', `${url}?_summary=data`)).json() as Resource;
      assert.ok(!data.text && data.name && data.photo);
      const full = (await c.call('GET', `${url}?_summary=false`)).json() as Resource;
      assert.ok(full.text && full.photo && !subsetted(full));
      const el = (await c.call('GET', `${url}?_elements=birthDate`)).json() as Resource;
      assert.deepEqual(Object.keys(el).sort(), ['birthDate', 'id', 'meta', 'resourceType']);
      assert.ok(subsetted(el));
      assert.equal((await c.call('GET', `${url}?_summary=bogus`)).statusCode, 400);
    });
  });

  describe('update', () => {
    it('200 with Content-Location and a new version', async () => {
      const c = client();
      const p = await c.create(patient());
      const res = await c.call('PUT', `/fhir/Patient/${p.id}`, { body: { ...p, gender: 'male' } });
      assert.equal(res.statusCode, 200);
      const body = res.json() as Resource;
      assert.equal(body.gender, 'male');
      assert.notEqual(body.meta?.versionId, p.meta?.versionId);
      assert.equal(res.headers.etag, `W/"${body.meta?.versionId}"`);
      assert.match(String(res.headers['content-location']), new RegExp(`/fhir/Patient/${p.id}/_history/${body.meta?.versionId}$`));
    });

    it('update-as-create → 201 with Location', async () => {
      const res = await client().call('PUT', '/fhir/Patient/chosen-id-1', { body: patient({ id: 'chosen-id-1' }) });
      assert.equal(res.statusCode, 201);
      assert.match(String(res.headers.location), /\/fhir\/Patient\/chosen-id-1\/_history\/\w+$/);
      assert.equal((res.json() as Resource).id, 'chosen-id-1');
    });

    it('400 when the body id is missing or differs from the URL id', async () => {
      const c = client();
      const p = await c.create(patient());
      assert.equal((await c.call('PUT', `/fhir/Patient/${p.id}`, { body: patient() })).statusCode, 400);
      assert.equal((await c.call('PUT', `/fhir/Patient/${p.id}`, { body: patient({ id: 'other' }) })).statusCode, 400);
      assert.equal((await c.call('PUT', `/fhir/Patient/${p.id}`, { body: { ...p, resourceType: 'Observation' } })).statusCode, 400);
    });

    it('If-Match in every tag form; a stale version → 412', async () => {
      const c = client();
      let p = await c.create(patient());
      let n = 0;
      for (const form of [(v: string) => `W/"${v}"`, (v: string) => `"${v}"`, (v: string) => v]) {
        // change the content each time: an unchanged update is a no-op that keeps the version
        const body = { ...p, multipleBirthInteger: ++n };
        const res = await c.call('PUT', `/fhir/Patient/${p.id}`, { body, headers: { 'if-match': form(p.meta!.versionId!) } });
        assert.equal(res.statusCode, 200, res.body);
        p = res.json() as Resource;
      }
      const stale = await c.call('PUT', `/fhir/Patient/${p.id}`, { body: { ...p, active: false }, headers: { 'if-match': 'W/"1"' } });
      assert.equal(stale.statusCode, 412);
      assert.equal(stale.json().resourceType, 'OperationOutcome');
      assert.equal((await c.call('PUT', `/fhir/Patient/${p.id}`, { body: p, headers: { 'if-match': 'W/"a b"' } })).statusCode, 400);
    });

    it('Prefer: return=minimal and return=OperationOutcome', async () => {
      const c = client();
      const p = await c.create(patient());
      const min = await c.call('PUT', `/fhir/Patient/${p.id}`, { body: p, headers: { prefer: 'return=minimal' } });
      assert.equal(min.statusCode, 200);
      assert.equal(min.body, '');
      assert.ok(min.headers.etag);
      const oo = await c.call('PUT', `/fhir/Patient/${p.id}`, { body: p, headers: { prefer: 'return=OperationOutcome' } });
      assert.equal(issueCode(oo), 'informational');
    });
  });

  describe('patch', () => {
    it('applies a JSON Patch', async () => {
      const c = client();
      const p = await c.create(patient());
      const ops = [{ op: 'add', path: '/gender', value: 'female' }];
      const res = await c.call('PATCH', `/fhir/Patient/${p.id}`, { body: ops, contentType: 'application/json-patch+json' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((res.json() as Resource).gender, 'female');
      assert.ok(res.headers.etag);
    });

    it('415 for other content types, 400 for a malformed patch document', async () => {
      const c = client();
      const p = await c.create(patient());
      const url = `/fhir/Patient/${p.id}`;
      assert.equal((await c.call('PATCH', url, { body: [{ op: 'add', path: '/gender', value: 'male' }] })).statusCode, 415);
      for (const body of [{ op: 'add' }, [{ op: 'add' }], [1], [{ op: 'add', path: 5 }]]) {
        const res = await c.call('PATCH', url, { body, contentType: 'application/json-patch+json' });
        assert.equal(res.statusCode, 400, JSON.stringify(body));
      }
    });

    it('412 on a stale If-Match; Prefer: return=minimal', async () => {
      const c = client();
      const p = await c.create(patient());
      const ops = [{ op: 'replace', path: '/name/0/family', value: 'Wang' }];
      const stale = await c.call('PATCH', `/fhir/Patient/${p.id}`, { body: ops, contentType: 'application/json-patch+json', headers: { 'if-match': 'W/"999"' } });
      assert.equal(stale.statusCode, 412);
      const min = await c.call('PATCH', `/fhir/Patient/${p.id}`, { body: ops, contentType: 'application/json-patch+json', headers: { prefer: 'return=minimal' } });
      assert.equal(min.statusCode, 200);
      assert.equal(min.body, '');
    });
  });

  describe('delete', () => {
    it('200 with an OperationOutcome, or 204 with return=minimal; repeat and unknown are not errors', async () => {
      const c = client();
      const p = await c.create(patient());
      const res = await c.call('DELETE', `/fhir/Patient/${p.id}`);
      assert.equal(res.statusCode, 200);
      assert.equal(issueCode(res), 'informational');
      assert.equal((await c.call('DELETE', `/fhir/Patient/${p.id}`)).statusCode, 200);
      assert.equal((await c.call('DELETE', '/fhir/Patient/never-existed')).statusCode, 200);
      const p2 = await c.create(patient());
      const min = await c.call('DELETE', `/fhir/Patient/${p2.id}`, { headers: { prefer: 'return=minimal' } });
      assert.equal(min.statusCode, 204);
      assert.equal(min.body, '');
    });
  });
}
