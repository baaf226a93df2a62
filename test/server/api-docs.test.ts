import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../../src/fhir/store/open.js';
import { testApp } from '../support/app.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('OpenAPI page at /api/docs', () => {
  let store: Store;
  let app: FastifyInstance;
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-docs-'));
  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'docs.db')}`);
    app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
  });
  after(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the description is public and lists module, auth and admin endpoints, not the FHIR routes', async () => {
    const r = await app.inject({ url: '/api/docs/json' });
    assert.equal(r.statusCode, 200);
    const spec = r.json() as { openapi: string; paths: Record<string, unknown> };
    assert.match(spec.openapi, /^3\./);
    const paths = Object.keys(spec.paths);
    assert.ok(paths.includes('/auth/login'), paths.join(' '));
    assert.ok(paths.some((p) => p.startsWith('/admin/')), 'admin endpoints');
    assert.ok(!paths.some((p) => p.startsWith('/fhir')), 'FHIR routes are described by /fhir/metadata');
    assert.ok(Object.values(spec.paths).every((ops) => !('options' in (ops as object))), 'no CORS preflights');
  });

  test('the page itself loads without a login and its script is a file (the CSP forbids inline scripts)', async () => {
    const r = await app.inject({ url: '/api/docs/' });
    assert.equal(r.statusCode, 200);
    assert.match(r.headers['content-type'] as string, /html/);
    assert.doesNotMatch(r.body, /<script>(?!\s*<\/script>)[^<]+<\/script>/, 'no inline script');
  });

  test('other /api paths still need a login', async () => {
    const r = await app.inject({ url: '/api/emr/nothing' });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().resourceType, 'OperationOutcome');
  });
});
