// REST-layer behaviour that depends on what the repository returns or receives, checked
// against the fake (the shared suite in rest-suite.test-helper.ts runs against any store).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { JsonPatchOp, RequestContext, SearchInput, SearchResult, WriteResult } from '../store/repository.js';
import type { Resource } from '../types.js';
import { FakeRepository } from './fake-repo.test-helper.js';
import { buildApp, Client, issueCode } from './harness.test-helper.js';
import { fhirRestPlugin } from './plugin.js';

class SpyRepository extends FakeRepository {
  searches: SearchInput[] = [];
  ifMatches: (string | undefined)[] = [];
  override async search(ctx: RequestContext, input: SearchInput): Promise<SearchResult> {
    this.searches.push(input);
    return super.search(ctx, input);
  }
  override async update(ctx: RequestContext, r: Resource, opts?: { ifMatch?: string }): Promise<WriteResult> {
    this.ifMatches.push(opts?.ifMatch);
    return super.update(ctx, r, opts);
  }
  override async patch(ctx: RequestContext, t: string, id: string, ops: JsonPatchOp[], opts?: { ifMatch?: string }): Promise<WriteResult> {
    this.ifMatches.push(opts?.ifMatch);
    return super.patch(ctx, t, id, ops, opts);
  }
}

describe('REST layer details (fake repository)', () => {
  const repo = new SpyRepository();
  let app: FastifyInstance;
  before(async () => {
    app = await buildApp(repo);
  });
  after(async () => {
    await app.close();
  });
  const last = () => repo.searches.at(-1)!;

  it('passes search parameters in order, without _format/_pretty, form-decoded (+ is a space)', async () => {
    const c = new Client(app);
    await c.call('GET', '/fhir/Patient?name=a&_format=json&_lastUpdated=gt2020-01-01T00:00:00+08:00&name=b&_pretty=true');
    assert.deepEqual(last().params, [['name', 'a'], ['_lastUpdated', 'gt2020-01-01T00:00:00 08:00'], ['name', 'b']]);
    assert.deepEqual(last().types, ['Patient']);
    assert.equal(last().strict, undefined);
  });

  it('POST _search: URL parameters first, then the form body (+ means space there)', async () => {
    const c = new Client(app);
    const res = await c.call('POST', '/fhir/Patient/_search?_count=5', { raw: 'name=li+na&_id=x%2Cy', contentType: 'application/x-www-form-urlencoded' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(last().params, [['_count', '5'], ['name', 'li na'], ['_id', 'x,y']]);
  });

  it('Prefer: handling=strict|lenient reaches SearchInput.strict', async () => {
    const c = new Client(app);
    const strict = await c.call('GET', '/fhir/Patient?bogus=1', { headers: { prefer: 'handling=strict' } });
    assert.equal(last().strict, true);
    assert.equal(strict.statusCode, 400);
    const lenient = await c.call('GET', '/fhir/Patient?bogus=1', { headers: { prefer: 'return=minimal, handling=lenient' } });
    assert.equal(last().strict, false);
    const b = lenient.json() as { entry: { resource: Resource; search: { mode: string } }[] };
    const outcome = b.entry.find((e) => e.search.mode === 'outcome');
    assert.equal(outcome?.resource.resourceType, 'OperationOutcome');
  });

  it('system and compartment search inputs', async () => {
    const c = new Client(app);
    await c.call('GET', '/fhir?_type=Patient,Observation&_count=3');
    assert.deepEqual(last().types, ['Patient', 'Observation']);
    assert.equal(last().compartment, undefined);
    await c.call('GET', '/fhir/_search');
    assert.equal(last().types, undefined);
    await c.call('GET', '/fhir/Patient/p1/Observation?code=x');
    assert.deepEqual(last().compartment, { type: 'Patient', id: 'p1' });
    assert.deepEqual(last().types, ['Observation']);
    await c.call('GET', '/fhir/Patient/p1/*');
    assert.equal(last().types, undefined);
  });

  it('previous link and link bases', async () => {
    const c = new Client(app);
    for (let i = 0; i < 3; i++) await c.create({ resourceType: 'Patient' });
    const b = (await c.call('GET', '/fhir/Patient?_count=1&_offset=1')).json() as { link: { relation: string; url: string }[] };
    const rel = Object.fromEntries(b.link.map((l) => [l.relation, l.url]));
    assert.match(rel.self, /\/fhir\/Patient\?_count=1&_offset=1$/);
    assert.match(rel.next, /_offset=2$/);
    assert.match(rel.previous, /\/fhir\/Patient\?_count=1$/);
  });

  it('If-Match reaches the repository as a bare version id', async () => {
    const c = new Client(app);
    const p = await c.create({ resourceType: 'Patient' });
    await c.call('PUT', `/fhir/Patient/${p.id}`, { body: p, headers: { 'if-match': 'W/"1"' } });
    await c.call('PATCH', `/fhir/Patient/${p.id}`, { body: [], contentType: 'application/json-patch+json', headers: { 'if-match': '"2"' } });
    await c.call('PUT', `/fhir/Patient/${p.id}`, { body: p });
    assert.deepEqual(repo.ifMatches.slice(-3), ['1', '2', undefined]);
  });

  it('custom search parameters appear in the CapabilityStatement', async () => {
    const cs = (await new Client(app).call('GET', '/fhir/metadata')).json() as { rest: { resource: { type: string; searchParam: { name: string; definition: string; type: string }[] }[] }[] };
    const race = cs.rest[0].resource.find((r) => r.type === 'Patient')!.searchParam.find((p) => p.name === 'race');
    assert.deepEqual(race, { name: 'race', definition: 'http://example.org/SearchParameter/patient-race', type: 'token' });
  });

  it('bad input: malformed percent-encoding, extreme nesting, hostile Host header', async () => {
    const c = new Client(app);
    assert.equal((await c.call('GET', '/fhir/Patient?name=%E0%A4%A')).statusCode, 400);
    const deep = await c.call('POST', '/fhir/Patient', { raw: '['.repeat(200_000) + ']'.repeat(200_000) });
    assert.equal(deep.statusCode, 400);
    const res = await c.call('POST', '/fhir/Patient', { body: { resourceType: 'Patient' }, headers: { host: 'evil.com/<script>' } });
    assert.match(String(res.headers.location), /^http:\/\/localhost\/fhir\//);
  });
});

describe('unexpected failures', () => {
  it('500 with a generic OperationOutcome, logged', async () => {
    const logs: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, cb) => (logs.push(String(chunk)), cb()) });
    const repo = new FakeRepository();
    repo.read = async () => {
      throw new Error('database exploded: secret details');
    };
    const app = Fastify({ logger: { level: 'error', stream } });
    await app.register(fhirRestPlugin({ repo, context: () => ({ tenant: 't' }), version: 'x' }), { prefix: '/fhir' });
    try {
      const res = await app.inject({ method: 'GET', url: '/fhir/Patient/1' });
      assert.equal(res.statusCode, 500);
      assert.equal(issueCode(res), 'exception');
      assert.ok(!res.body.includes('secret'));
      assert.ok(logs.some((l) => l.includes('database exploded')));
    } finally {
      await app.close();
    }
  });

  it('a FhirError from the context function is answered like any other', async () => {
    const { FhirError } = await import('../errors.js');
    const app = Fastify();
    await app.register(
      fhirRestPlugin({ repo: new FakeRepository(), context: () => { throw new FhirError(403, 'forbidden', 'no tenant'); }, version: 'x' }),
      { prefix: '/fhir' },
    );
    try {
      const res = await app.inject({ method: 'GET', url: '/fhir/Patient/1' });
      assert.equal(res.statusCode, 403);
      assert.equal(issueCode(res), 'forbidden');
    } finally {
      await app.close();
    }
  });
});
