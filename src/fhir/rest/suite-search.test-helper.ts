// search (type, system, compartment, POST _search) and history bundles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Resource } from '../types.js';
import { Client, issueCode, pathOf } from './harness.test-helper.js';

interface Bundle extends Resource {
  type: string;
  total?: number;
  link: { relation: string; url: string }[];
  entry?: { fullUrl?: string; resource?: Resource; search?: { mode: string }; request?: { method: string; url: string }; response?: { status: string; etag?: string; lastModified?: string } }[];
}

const link = (b: Bundle, rel: string) => b.link.find((l) => l.relation === rel)?.url;
const ids = (b: Bundle, mode = 'match') => (b.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource!.id!).sort();

async function seed(c: Client) {
  const p1 = await c.create({ resourceType: 'Patient', name: [{ family: 'Alpha' }] });
  const p2 = await c.create({ resourceType: 'Patient', name: [{ family: 'Beta' }] });
  const o1 = await c.create({ resourceType: 'Observation', status: 'final', code: { text: 'hr' }, subject: { reference: `Patient/${p1.id}` } });
  return { p1, p2, o1 };
}

export function searchTests(client: () => Client): void {
  describe('search', () => {
    it('type search → searchset with total, self link and fullUrls', async () => {
      const c = client();
      const { p1, p2 } = await seed(c);
      const res = await c.call('GET', '/fhir/Patient');
      assert.equal(res.statusCode, 200);
      const b = res.json() as Bundle;
      assert.equal(b.resourceType, 'Bundle');
      assert.equal(b.type, 'searchset');
      assert.equal(b.total, 2);
      assert.deepEqual(ids(b), [p1.id, p2.id].sort());
      assert.match(link(b, 'self')!, /^http:\/\/localhost(:80)?\/fhir\/Patient/);
      for (const e of b.entry!) assert.equal(e.fullUrl, `${link(b, 'self')!.split('/fhir/')[0]}/fhir/Patient/${e.resource!.id}`);
    });

    it('paging: next/previous links that work', async () => {
      const c = client();
      await seed(c);
      const first = (await c.call('GET', '/fhir/Patient?_count=1')).json() as Bundle;
      assert.equal(first.entry!.length, 1);
      assert.ok(link(first, 'next'));
      const second = (await c.call('GET', pathOf(link(first, 'next')!))).json() as Bundle;
      assert.equal(second.entry!.length, 1);
      assert.notEqual(second.entry![0].resource!.id, first.entry![0].resource!.id);
      assert.ok(!link(second, 'next'));
    });

    it('_id search and _include', async () => {
      const c = client();
      const { p1, o1 } = await seed(c);
      const b = (await c.call('GET', `/fhir/Observation?_id=${o1.id}&_include=Observation:subject`)).json() as Bundle;
      assert.deepEqual(ids(b), [o1.id]);
      assert.deepEqual(ids(b, 'include'), [p1.id]);
    });

    it('GET and POST /Type/_search; POST merges form and URL parameters', async () => {
      const c = client();
      const { p1, p2 } = await seed(c);
      const get = (await c.call('GET', `/fhir/Patient/_search?_id=${p1.id}`)).json() as Bundle;
      assert.deepEqual(ids(get), [p1.id]);
      const post = await c.call('POST', `/fhir/Patient/_search?_count=10`, { raw: `_id=${p1.id},${p2.id}`, contentType: 'application/x-www-form-urlencoded' });
      assert.equal(post.statusCode, 200, post.body);
      assert.deepEqual(ids(post.json() as Bundle), [p1.id, p2.id].sort());
      const wrong = await c.call('POST', '/fhir/Patient/_search', { body: { resourceType: 'Parameters' } });
      assert.equal(wrong.statusCode, 415);
    });

    it('system search with _type, GET /fhir/_search', async () => {
      const c = client();
      const { p1, p2, o1 } = await seed(c);
      const b = (await c.call('GET', '/fhir?_type=Patient,Observation')).json() as Bundle;
      assert.deepEqual(ids(b), [p1.id, p2.id, o1.id].sort());
      assert.match(link(b, 'self')!, /\/fhir\?/);
      const only = (await c.call('GET', '/fhir/_search?_type=Observation')).json() as Bundle;
      assert.deepEqual(ids(only), [o1.id]);
      assert.equal((await c.call('GET', '/fhir?_type=Spaceship')).statusCode, 400);
    });

    it('compartment search, for one type and for *', async () => {
      const c = client();
      const { p1, o1 } = await seed(c);
      const obs = await c.call('GET', `/fhir/Patient/${p1.id}/Observation`);
      assert.equal(obs.statusCode, 200, obs.body);
      assert.deepEqual(ids(obs.json() as Bundle), [o1.id]);
      const all = (await c.call('GET', `/fhir/Patient/${p1.id}/*`)).json() as Bundle;
      assert.ok(ids(all).includes(o1.id!));
      assert.equal((await c.call('GET', `/fhir/Observation/${o1.id}/Patient`)).statusCode, 404);
      assert.equal((await c.call('GET', `/fhir/Patient/${p1.id}/Spaceship`)).statusCode, 404);
    });

    it('_summary=count → total only; _summary=true and _elements subset entries', async () => {
      const c = client();
      await seed(c);
      const count = (await c.call('GET', '/fhir/Patient?_summary=count')).json() as Bundle;
      assert.equal(count.total, 2);
      assert.equal((count.entry ?? []).filter((e) => e.search?.mode === 'match').length, 0);
      const el = (await c.call('GET', '/fhir/Observation?_elements=status')).json() as Bundle;
      const r = el.entry!.find((e) => e.search?.mode === 'match')!.resource!;
      assert.equal(r.status, 'final');
      assert.equal(r.subject, undefined);
      assert.ok(r.meta?.tag?.some((t) => t.code === 'SUBSETTED'));
    });

    it('unknown type → 404 not-supported', async () => {
      const res = await client().call('GET', '/fhir/Spaceship?name=x');
      assert.equal(res.statusCode, 404);
      assert.equal(issueCode(res), 'not-supported');
    });
  });

  describe('history', () => {
    it('instance history: newest first, request/response, deletes without resource', async () => {
      const c = client();
      const p = await c.create({ resourceType: 'Patient' });
      await c.call('PUT', `/fhir/Patient/${p.id}`, { body: { ...p, gender: 'male' } });
      await c.call('DELETE', `/fhir/Patient/${p.id}`);
      const res = await c.call('GET', `/fhir/Patient/${p.id}/_history`);
      assert.equal(res.statusCode, 200);
      const b = res.json() as Bundle;
      assert.equal(b.type, 'history');
      assert.equal(b.entry!.length, 3);
      assert.deepEqual(b.entry!.map((e) => e.request!.method), ['DELETE', 'PUT', 'POST']);
      const [del, put, post] = b.entry!;
      assert.equal(del.resource, undefined);
      assert.equal(del.request!.url, `Patient/${p.id}`);
      assert.equal(put.resource!.gender, 'male');
      assert.equal(post.request!.url, 'Patient');
      assert.equal(post.response!.etag, `W/"${p.meta!.versionId}"`);
      assert.ok(post.response!.status.startsWith('201'));
      assert.ok(post.response!.lastModified);
      assert.ok(post.fullUrl!.endsWith(`/fhir/Patient/${p.id}`));
    });

    it('type and system history with _count paging via the next link', async () => {
      const c = client();
      await seed(c);
      const type = (await c.call('GET', '/fhir/Patient/_history')).json() as Bundle;
      assert.equal(type.entry!.length, 2);
      const sys1 = (await c.call('GET', '/fhir/_history?_count=2')).json() as Bundle;
      assert.equal(sys1.entry!.length, 2);
      const next = link(sys1, 'next');
      assert.ok(next);
      const sys2 = (await c.call('GET', pathOf(next))).json() as Bundle;
      assert.equal(sys2.entry!.length, 1);
      assert.equal(sys2.entry![0].resource!.resourceType, 'Patient');
    });

    it('_since filters; bad _since / _count → 400', async () => {
      const c = client();
      await seed(c);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const b = (await c.call('GET', `/fhir/_history?_since=${encodeURIComponent(future)}`)).json() as Bundle;
      assert.equal((b.entry ?? []).length, 0);
      const past = (await c.call('GET', '/fhir/_history?_since=2000-01-01T00:00:00Z')).json() as Bundle;
      assert.equal(past.entry!.length, 3);
      assert.equal((await c.call('GET', '/fhir/_history?_since=yesterday')).statusCode, 400);
      assert.equal((await c.call('GET', '/fhir/_history?_count=-1')).statusCode, 400);
    });

    it('404 for the history of an unknown type', async () => {
      assert.equal((await client().call('GET', '/fhir/Spaceship/_history')).statusCode, 404);
    });
  });
}
