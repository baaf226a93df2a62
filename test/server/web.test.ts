// The web app served by the server: index, hashed assets, the SPA fallback for browser navigations, and the
// APIs' own 404s left alone; without a build, the landing page says how to build it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Store } from '../../src/fhir/store/open.js';
import { testDatabases } from '../support/databases.js';

const d = testDatabases()[0]!;
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

async function app(store: Store, webDir: string | null): Promise<FastifyInstance> {
  const env = { HUIYI_TENANT: 'default', HUIYI_DATA_DIR: mkdtempSync(join(tmpdir(), 'huiyi-web-')), HUIYI_ENV: 'test' };
  const a = await buildApp({ config: loadConfig({}, env), store, logger: false, env, webDir });
  await a.ready();
  return a;
}

describe('web app serving', () => {
  let store: Store;
  let dir: string;
  let built: FastifyInstance;
  let bare: FastifyInstance;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huiyi-webdist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")');
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync('console.log("app")'));
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    store = await d.open();
    built = await app(store, dir);
    bare = await app(store, join(dir, 'missing'));
  });
  after(async () => {
    await built?.close();
    await bare?.close();
    await store?.close();
    await d.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('/ is the app: index.html, revalidated every time, under the CSP (no inline scripts)', async () => {
    const r = await built.inject({ method: 'GET', url: '/', headers: HTML });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^text\/html/);
    assert.equal(r.body, INDEX);
    assert.equal(r.headers['cache-control'], 'no-cache');
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    assert.match(csp, /style-src[^;]*'unsafe-inline'/, 'Ant Design injects its styles at run time');
  });

  test('hashed assets are cached for good; other files are revalidated', async () => {
    const a = await built.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    assert.equal(a.statusCode, 200);
    assert.match(String(a.headers['content-type']), /javascript/);
    assert.equal(a.headers['cache-control'], 'public, max-age=31536000, immutable');
    const br = await built.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(br.headers['content-encoding'], 'br', 'the build pre-compresses assets');
    assert.match(String(br.headers['content-type']), /javascript/);
    const f = await built.inject({ method: 'GET', url: '/favicon.svg' });
    assert.equal(f.statusCode, 200);
    assert.equal(f.headers['cache-control'], 'no-cache');
    const missing = await built.inject({ method: 'GET', url: '/assets/gone-1234.js', headers: HTML });
    assert.equal(missing.statusCode, 404, 'a missing asset is a 404, not the app');
  });

  test('a browser navigation to an app route gets index.html (SPA fallback)', async () => {
    for (const url of ['/patients', '/admin-x', '/chart/pat-0001?tab=vitals', '/a/b/c']) {
      const r = await built.inject({ method: 'GET', url, headers: HTML });
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.body, INDEX, url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
    }
    // not for other methods, nor for clients that do not ask for HTML
    assert.equal((await built.inject({ method: 'POST', url: '/patients', headers: { ...HTML, 'content-type': 'application/json' }, payload: {} })).statusCode, 404);
    assert.equal((await built.inject({ method: 'GET', url: '/patients', headers: { accept: 'application/json' } })).statusCode, 404);
  });

  test('server paths keep their own answers: API 404s are OperationOutcomes, never the app', async () => {
    const fhir = await built.inject({ method: 'GET', url: '/fhir/NoSuchType/1', headers: HTML });
    assert.notEqual(fhir.body, INDEX);
    // unauthenticated first: /fhir and /api demand a login before anything else
    assert.equal(fhir.statusCode, 401);
    assert.equal(JSON.parse(fhir.body).resourceType, 'OperationOutcome');
    const api = await built.inject({ method: 'GET', url: '/api/no-such-module/x', headers: HTML });
    assert.equal(api.statusCode, 401);
    assert.equal(JSON.parse(api.body).resourceType, 'OperationOutcome');
    for (const url of ['/auth/nothing', '/oauth/nothing', '/admin/nothing', '/.well-known/nothing', '/healthz/x']) {
      const r = await built.inject({ method: 'GET', url, headers: HTML });
      assert.equal(r.statusCode, 404, url);
      assert.notEqual(r.body, INDEX, url);
    }
    assert.equal((await built.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    const login = await built.inject({ method: 'GET', url: '/login?returnTo=%2Foauth%2Fauthorize%3Fx%3D1', headers: HTML });
    assert.equal(login.statusCode, 200);
    assert.equal(login.body, INDEX, 'the app signs people in, for the OAuth authorize flow too');
  });

  test('with an open FHIR API, an unknown /api path is a 404 OperationOutcome', async () => {
    const env = { HUIYI_TENANT: 'default', HUIYI_DATA_DIR: mkdtempSync(join(tmpdir(), 'huiyi-web-')), HUIYI_ENV: 'test', HUIYI_DEV_OPEN_FHIR: '1' };
    const open = await buildApp({ config: loadConfig({}, env), store, logger: false, env, webDir: dir });
    try {
      const r = await open.inject({ method: 'GET', url: '/api/no-such-module/x', headers: HTML });
      assert.equal(r.statusCode, 404);
      const oo = JSON.parse(r.body);
      assert.equal(oo.resourceType, 'OperationOutcome');
      assert.equal(oo.issue[0].code, 'not-found');
    } finally {
      await open.close();
    }
  });

  test('without a build, / is the landing page saying to run npm run build', async () => {
    const r = await bare.inject({ method: 'GET', url: '/', headers: HTML });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /npm run build/);
    const nav = await bare.inject({ method: 'GET', url: '/patients', headers: HTML });
    assert.equal(nav.statusCode, 404);
    const login = await bare.inject({ method: 'GET', url: '/login', headers: HTML });
    assert.equal(login.statusCode, 200);
    assert.match(login.body, /<form id="f"/, 'a plain sign-in form still serves the OAuth authorize flow');
  });
});
