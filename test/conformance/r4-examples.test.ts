import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../support/databases.js';
import { testdata } from '../support/shared.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';
import type { Resource } from '../../src/fhir/types.js';
import { extractIndex } from '../../src/fhir/indexing/extract.js';
import { SearchParamRegistry } from '../../src/fhir/definitions/search-params.js';
import type { IndexEntry } from '../../src/fhir/indexing/entry.js';
import { KNOWN_BAD_EXAMPLES } from '../../src/fhir/validation/known-bad-examples.js';

// Every official R4 example that is not a Bundle: PUT it, read it back unchanged (but meta),
// and find it by _id and by one of its other search parameters.

const dir = testdata('fhir-r4-examples');

const esc = (s: string) => s.replace(/[\\,|$]/g, (m) => `\\${m}`);

/** A query (name, value) that must find the resource, built from one of its own index entries. */
function queryFor(e: IndexEntry): [string, string] | undefined {
  switch (e.type) {
    case 'token':
      if (e.code === null) return undefined;
      return [e.param, e.system ? `${esc(e.system)}|${esc(e.code)}` : esc(e.code)];
    case 'string':
      return [`${e.param}:exact`, esc(e.exact)];
    case 'reference':
      if (e.targetType && e.targetId) return [e.param, `${e.targetType}/${e.targetId}`];
      return e.url ? [e.param, esc(e.url)] : undefined;
    case 'uri':
      return [e.param, esc(e.value)];
    default:
      return undefined;
  }
}

function withoutMeta(r: Resource): Resource {
  const { meta: _meta, ...rest } = r;
  return rest as Resource;
}

if (dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const examples = files
    .map((f) => ({ file: f, resource: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Resource }))
    .filter((e) => e.resource.resourceType !== 'Bundle' && typeof e.resource.id === 'string');
  // AuditEvents live in the append-only audit ledger: they are POSTed (their ids are the ledger's), not PUT
  const auditEvents = examples.filter((e) => e.resource.resourceType === 'AuditEvent');
  examples.splice(0, examples.length, ...examples.filter((e) => e.resource.resourceType !== 'AuditEvent'));

  for (const d of testDatabases()) {
    describe(`R4 examples on ${d.name}`, () => {
      let store: Store;
      let app: FastifyInstance;
      before(async () => {
        store = await d.open();
        app = await testApp(store);
      });
      after(async () => {
        await app?.close();
        await store?.close();
        await d.cleanup();
      });

      test(`${auditEvents.length} AuditEvent examples: POST into the ledger, read back`, async () => {
        for (const { file, resource } of auditEvents) {
          const post = await app.inject({ method: 'POST', url: '/fhir/AuditEvent', payload: resource, headers: { 'content-type': 'application/fhir+json' } });
          assert.equal(post.statusCode, 201, `${file}: ${post.body.slice(0, 300)}`);
          const id = post.json().id as string;
          const back = await app.inject({ method: 'GET', url: `/fhir/AuditEvent/${id}` });
          assert.equal(back.statusCode, 200, file);
          assert.deepEqual(back.json().agent, resource.agent, file);
        }
      });

      test(`${examples.length} examples: PUT, read back, find by _id and another parameter`, async () => {
        const registry = SearchParamRegistry.base();
        const failures: string[] = [];
        let searched = 0;
        for (const { file, resource } of examples) {
          const path = `/fhir/${resource.resourceType}/${resource.id}`;
          const put = await app.inject({ method: 'PUT', url: path, payload: resource, headers: { 'content-type': 'application/fhir+json' } });
          if (KNOWN_BAD_EXAMPLES.has(file) && put.statusCode >= 400) {
            // an example that is itself invalid (listed with the reason) may be refused, but only with a 4xx OperationOutcome
            if (put.statusCode >= 500 || put.json().resourceType !== 'OperationOutcome') failures.push(`${file}: PUT ${put.statusCode}`);
            continue;
          }
          if (put.statusCode !== 201 && put.statusCode !== 200) {
            failures.push(`${file}: PUT ${put.statusCode} ${put.body.slice(0, 200)}`);
            continue;
          }
          const got = await app.inject({ method: 'GET', url: path });
          if (got.statusCode !== 200) {
            failures.push(`${file}: GET ${got.statusCode}`);
            continue;
          }
          try {
            assert.deepEqual(withoutMeta(got.json()), withoutMeta(resource));
          } catch {
            failures.push(`${file}: read back differs`);
          }
          const byId = await app.inject({ method: 'GET', url: `/fhir/${resource.resourceType}?_id=${encodeURIComponent(resource.id as string)}` });
          if (byId.json().entry?.[0]?.resource?.id !== resource.id) failures.push(`${file}: not found by _id`);
          const q = extractIndex(resource, registry).map(queryFor).find((x) => x !== undefined);
          if (q) {
            searched++;
            const res = await app.inject({ method: 'GET', url: `/fhir/${resource.resourceType}?${new URLSearchParams([q, ['_count', '1000']])}` });
            const found = res.statusCode === 200 && (res.json().entry ?? []).some((e: { resource: Resource }) => e.resource.id === resource.id);
            if (!found) failures.push(`${file}: not found by ${q[0]}=${q[1]} (${res.statusCode})`);
          }
        }
        assert.deepEqual(failures, []);
        assert.ok(searched > examples.length * 0.9, `searched by a parameter: ${searched} of ${examples.length}`);
      });
    });
  }
} else {
  test('R4 examples', { skip: '../shared/testdata/fhir-r4-examples is absent' }, () => {});
}
