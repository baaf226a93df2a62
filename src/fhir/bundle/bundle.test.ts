import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.js';
import { testApp } from '../../../test/support/app.js';
import type { Store } from '../store/open.js';
import type { Resource } from '../types.js';

type Json = Record<string, any>;

for (const d of testDatabases()) {
  describe(`batch/transaction and conditional interactions on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    const post = async (body: unknown, headers: Record<string, string> = {}) => {
      const r = await app.inject({ method: 'POST', url: '/fhir', payload: body as object, headers: { 'content-type': 'application/fhir+json', ...headers } });
      return { status: r.statusCode, body: r.json() as Json };
    };
    const count = async (q: string) => ((await app.inject({ method: 'GET', url: `/fhir/${q}&_total=accurate&_count=0` })).json() as Json).total as number;
    before(async () => {
      store = await d.open();
      app = await testApp(store, { HUIYI_MAX_BUNDLE_ENTRIES: '50' });
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('transaction: urn:uuid references rewritten, circular ones too; GET sees the writes', async () => {
      const r = await post({
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          { request: { method: 'GET', url: 'Observation?subject.identifier=urn:t|1' } },
          { fullUrl: 'urn:uuid:11111111-1111-1111-1111-111111111111', resource: { resourceType: 'Patient', identifier: [{ system: 'urn:t', value: '1' }], link: [{ other: { reference: 'urn:uuid:33333333-3333-3333-3333-333333333333' }, type: 'seealso' }] }, request: { method: 'POST', url: 'Patient' } },
          { fullUrl: 'urn:uuid:22222222-2222-2222-2222-222222222222', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'urn:uuid:11111111-1111-1111-1111-111111111111' } }, request: { method: 'POST', url: 'Observation' } },
          { fullUrl: 'urn:uuid:33333333-3333-3333-3333-333333333333', resource: { resourceType: 'Patient', link: [{ other: { reference: 'urn:uuid:11111111-1111-1111-1111-111111111111' }, type: 'seealso' }] }, request: { method: 'POST', url: 'Patient' } },
        ],
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.type, 'transaction-response');
      const [get, p1, o, p3] = r.body.entry;
      assert.equal(p1.response.status, '201 Created');
      const pid = p1.response.location.split('/')[1];
      const p3id = p3.response.location.split('/')[1];
      const obs = (await app.inject({ method: 'GET', url: `/fhir/${o.response.location.split('/_history')[0]}` })).json();
      assert.equal(obs.subject.reference, `Patient/${pid}`);
      const pat = (await app.inject({ method: 'GET', url: `/fhir/Patient/${pid}` })).json();
      assert.equal(pat.link[0].other.reference, `Patient/${p3id}`);
      // the GET ran after the writes
      assert.equal(get.resource.resourceType, 'Bundle');
      assert.equal(get.resource.entry.length, 1);
    });

    test('transaction: conditional references and ifNoneExist; re-running creates no duplicates', async () => {
      const bundle = {
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:org', resource: { resourceType: 'Organization', identifier: [{ system: 'urn:org', value: 'A' }], name: 'A' }, request: { method: 'POST', url: 'Organization', ifNoneExist: 'identifier=urn:org|A' } },
          { resource: { resourceType: 'Patient', identifier: [{ system: 'urn:p', value: 'c1' }], managingOrganization: { reference: 'urn:uuid:org' } }, request: { method: 'PUT', url: 'Patient?identifier=urn:p|c1' } },
        ],
      };
      const a = await post(bundle);
      assert.equal(a.status, 200, JSON.stringify(a.body));
      assert.equal(a.body.entry[0].response.status, '201 Created');
      const b = await post(bundle);
      assert.equal(b.body.entry[0].response.status, '200 OK');
      assert.equal(await count('Organization?identifier=urn:org|A'), 1);
      assert.equal(await count('Patient?identifier=urn:p|c1'), 1);
      const ref = await post({
        resourceType: 'Bundle', type: 'transaction',
        entry: [{ resource: { resourceType: 'Patient', managingOrganization: { reference: 'Organization?identifier=urn:org|A' } }, request: { method: 'POST', url: 'Patient' } }],
      });
      const p = (await app.inject({ method: 'GET', url: `/fhir/${ref.body.entry[0].response.location}` })).json();
      assert.match(p.managingOrganization.reference, /^Organization\/[0-9a-f-]{36}$/);
      const miss = await post({
        resourceType: 'Bundle', type: 'transaction',
        entry: [{ resource: { resourceType: 'Patient', managingOrganization: { reference: 'Organization?identifier=urn:org|NOPE' } }, request: { method: 'POST', url: 'Patient' } }],
      });
      assert.equal(miss.status, 412);
      assert.match(miss.body.issue[0].diagnostics, /Bundle\.entry\[0\]/);
    });

    test('transaction is all-or-nothing: a failing entry in the middle rolls everything back', async () => {
      const events: string[] = [];
      const off = store.bus.subscribe((e) => void events.push(`${e.type}/${e.id}`));
      const before = await count('Patient?family=Atomic');
      const r = await post({
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          { resource: { resourceType: 'Patient', name: [{ family: 'Atomic' }] }, request: { method: 'POST', url: 'Patient' } },
          { resource: { resourceType: 'Patient', id: 'atomic-x', name: [{ family: 'Atomic' }] }, request: { method: 'PUT', url: 'Patient/atomic-x', ifMatch: 'W/"7"' } },
          { resource: { resourceType: 'Patient', name: [{ family: 'Atomic' }] }, request: { method: 'POST', url: 'Patient' } },
        ],
      });
      assert.equal(r.status, 412);
      assert.equal(r.body.resourceType, 'OperationOutcome');
      assert.match(r.body.issue[0].diagnostics, /Bundle\.entry\[1\]/);
      assert.deepEqual(r.body.issue[0].expression, ['Bundle.entry[1]']);
      assert.equal(await count('Patient?family=Atomic'), before);
      assert.deepEqual(events, [], 'no change events for a rolled-back transaction');
      const ok = await post({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient', name: [{ family: 'Evented' }] }, request: { method: 'POST', url: 'Patient' } }] });
      assert.equal(ok.status, 200);
      assert.equal(events.length, 1, 'one event after commit');
      off();
    });

    test('batch: entries succeed or fail on their own', async () => {
      const r = await post({
        resourceType: 'Bundle', type: 'batch',
        entry: [
          { resource: { resourceType: 'Patient', name: [{ family: 'Batchy' }] }, request: { method: 'POST', url: 'Patient' } },
          { request: { method: 'GET', url: 'Patient/does-not-exist' } },
          { resource: { resourceType: 'Patient', id: 'b1' }, request: { method: 'PUT', url: 'Patient/b1' } },
          { request: { method: 'DELETE', url: 'Patient/b1' } },
          { resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from(JSON.stringify([{ op: 'add', path: '/active', value: true }])).toString('base64') }, request: { method: 'PATCH', url: 'Patient/b1' } },
        ],
      });
      assert.equal(r.status, 200);
      assert.equal(r.body.type, 'batch-response');
      assert.deepEqual(r.body.entry.map((e: Json) => e.response.status), ['201 Created', '404 Not Found', '201 Created', '204 No Content', '410 Gone']);
      assert.equal(r.body.entry[1].response.outcome.resourceType, 'OperationOutcome');
      assert.equal(await count('Patient?family=Batchy'), 1);
    });

    test('transaction PATCH entry and conditional delete', async () => {
      await app.inject({ method: 'PUT', url: '/fhir/Patient/tp1', payload: { resourceType: 'Patient', id: 'tp1', gender: 'male' } });
      const r = await post({
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          { resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from(JSON.stringify([{ op: 'replace', path: '/gender', value: 'female' }])).toString('base64') }, request: { method: 'PATCH', url: 'Patient/tp1' } },
          { request: { method: 'DELETE', url: 'Patient?gender=unknown' } },
        ],
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal((await app.inject({ method: 'GET', url: '/fhir/Patient/tp1' })).json().gender, 'female');
    });

    test('bad bundles are 4xx OperationOutcomes, nothing written', async () => {
      const bad: [unknown, number, RegExp][] = [
        [{ resourceType: 'Bundle', type: 'collection', entry: [] }, 400, /batch or transaction/],
        [{ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient' } }] }, 400, /request/],
        [{ resourceType: 'Bundle', type: 'transaction', entry: {} }, 400, /array/],
        [{ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'FETCH', url: 'Patient' } }] }, 400, /method/],
        [{ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'POST', url: 'Patient' } }] }, 400, /needs a resource/],
        [{ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Observation' }, request: { method: 'POST', url: 'Patient' } }] }, 400, /does not match/],
        [{ resourceType: 'Bundle', type: 'transaction', entry: [
          { fullUrl: 'urn:uuid:dup', resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
          { fullUrl: 'urn:uuid:dup', resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
        ] }, 400, /repeats/],
        [{ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient', link: [{ other: { reference: 'urn:uuid:nowhere' }, type: 'seealso' }] }, request: { method: 'POST', url: 'Patient' } }] }, 400, /not the fullUrl/],
        [{ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'GET', url: 'http://elsewhere.example/Patient' } }] }, 400, /relative/],
        [{ resourceType: 'Bundle', type: 'transaction', entry: Array.from({ length: 51 }, () => ({ request: { method: 'GET', url: 'Patient' } })) }, 413, /limit is 50/],
        [{ resourceType: 'Patient' }, 400, /Bundle/],
      ];
      const patients = await count('Patient?_lastUpdated=gt2000');
      for (const [b, status, msg] of bad) {
        const r = await post(b);
        assert.equal(r.status, status, JSON.stringify(b).slice(0, 120));
        assert.equal(r.body.resourceType, 'OperationOutcome');
        assert.match(JSON.stringify(r.body.issue), msg);
      }
      assert.equal(await count('Patient?_lastUpdated=gt2000'), patients);
    });

    test('parallel identical transactions with ifNoneExist create one resource', async () => {
      const bundle = (i: number) => ({
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:o', resource: { resourceType: 'Organization', identifier: [{ system: 'urn:race', value: 'R' }] }, request: { method: 'POST', url: 'Organization', ifNoneExist: 'identifier=urn:race|R' } },
          { resource: { resourceType: 'Patient', identifier: [{ system: 'urn:race-p', value: String(i) }], managingOrganization: { reference: 'urn:uuid:o' } }, request: { method: 'POST', url: 'Patient' } },
        ],
      });
      const rs = await Promise.all(Array.from({ length: 12 }, (_, i) => post(bundle(i))));
      assert.ok(rs.every((r) => r.status === 200), JSON.stringify(rs.map((r) => r.status)));
      assert.equal(await count('Organization?identifier=urn:race|R'), 1);
      assert.equal(await count('Patient?organization.identifier=urn:race|R'), 12);
    });

    test('conditional create, update, delete over REST: 201/200/412', async () => {
      const headers = { 'content-type': 'application/fhir+json', 'if-none-exist': 'identifier=urn:cc|1' };
      const body: Resource = { resourceType: 'Patient', identifier: [{ system: 'urn:cc', value: '1' }] };
      const c1 = await app.inject({ method: 'POST', url: '/fhir/Patient', payload: body, headers });
      assert.equal(c1.statusCode, 201);
      const c2 = await app.inject({ method: 'POST', url: '/fhir/Patient', payload: body, headers });
      assert.equal(c2.statusCode, 200);
      assert.equal(c2.json().id, c1.json().id);
      const u = await app.inject({ method: 'PUT', url: '/fhir/Patient?identifier=urn:cc|1', payload: { ...body, gender: 'male' } });
      assert.equal(u.statusCode, 200);
      assert.equal(u.json().id, c1.json().id);
      const u2 = await app.inject({ method: 'PUT', url: '/fhir/Patient?identifier=urn:cc|2', payload: { resourceType: 'Patient', identifier: [{ system: 'urn:cc', value: '2' }] } });
      assert.equal(u2.statusCode, 201);
      await app.inject({ method: 'POST', url: '/fhir/Patient', payload: { resourceType: 'Patient', identifier: [{ system: 'urn:cc', value: '1' }] } });
      const dup = await app.inject({ method: 'POST', url: '/fhir/Patient', payload: body, headers });
      assert.equal(dup.statusCode, 412);
      const u3 = await app.inject({ method: 'PUT', url: '/fhir/Patient?identifier=urn:cc|1', payload: body });
      assert.equal(u3.statusCode, 412);
      const del = await app.inject({ method: 'DELETE', url: '/fhir/Patient?identifier=urn:cc|1' });
      assert.equal(del.statusCode, 200);
      assert.equal(await count('Patient?identifier=urn:cc|1'), 0);
      const junk = await app.inject({ method: 'DELETE', url: '/fhir/Patient?nonsense=1' });
      assert.equal(junk.statusCode, 400);
      const none = await app.inject({ method: 'PUT', url: '/fhir/Patient', payload: body });
      assert.equal(none.statusCode, 400);
    });
  });
}
