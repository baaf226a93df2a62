// A SMART standalone launch as an app does it, over real HTTP: authorize → sign in → consent → code →
// token (PKCE, client_secret_basic) → a third-party FHIR client (fhir-kit-client) with the token.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Client } from 'fhir-kit-client';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';
import { registerClient } from '../../src/security/oauth/clients.js';
import { buildWorld, PASSWORD } from './fixtures.js';

const d = testDatabases()[0];

describe('SMART standalone launch over HTTP with a third-party FHIR client', () => {
  let store: Store;
  let app: FastifyInstance;
  let base = '';
  before(async () => {
    store = await d.open();
    await buildWorld(store);
    app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '', HUIYI_PUBLIC_URL: 'http://127.0.0.1:0' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    // the issuer must be the URL the app really uses: rebuild with the bound port
    await app.close();
    app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '', HUIYI_PUBLIC_URL: `http://127.0.0.1:${port}` });
    await app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await app?.close();
    await store?.close();
    await d.cleanup();
  });

  test('patient signs in, approves, and the app reads only that patient', async () => {
    const { client, secret } = await registerClient(store.db, 'default', { name: 'Portal app', scope: 'launch/patient openid fhirUser patient/*.rs', redirectUris: ['http://localhost:9999/cb'], secret: true }, Date.now());
    const verifier = randomBytes(32).toString('base64url');
    const q = new URLSearchParams({
      response_type: 'code', client_id: client.clientId, redirect_uri: 'http://localhost:9999/cb', scope: 'launch/patient openid fhirUser patient/*.rs',
      state: 'st-1', aud: `${base}/fhir`, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    });
    const first = await fetch(`${base}/oauth/authorize?${q}`, { redirect: 'manual' });
    assert.equal(first.status, 302);
    assert.match(first.headers.get('location') ?? '', /^\/login\?returnTo=%2Foauth%2Fauthorize/);
    const page = await fetch(`${base}${first.headers.get('location')}`);
    // the web app's sign-in page (or, without a build, the plain form)
    assert.match(await page.text(), /登录 Sign in|<div id="root">/);
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'patient-user', password: PASSWORD }) });
    assert.equal(login.status, 200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const consent = await fetch(`${base}/oauth/authorize?${q}`, { headers: { cookie } });
    const html = await consent.text();
    assert.equal(consent.status, 200);
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) form.set(m[1], m[2].replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_x, c: string) => String.fromCharCode(Number(c))));
    const approve = /<button[^>]*name="([^"]+)"[^>]*value="([^"]+)"/.exec(html);
    if (approve) form.set(approve[1], approve[2]);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
    const decided = await fetch(`${base}${action}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual' });
    const back = new URL(decided.headers.get('location') ?? '');
    assert.equal(back.searchParams.get('state'), 'st-1');
    const tokenRes = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: 'http://localhost:9999/cb', code_verifier: verifier }),
    });
    const token = (await tokenRes.json()) as { access_token: string; patient: string; scope: string };
    assert.equal(tokenRes.status, 200);
    assert.equal(token.patient, 'pat-own');

    const fhir = new Client({ baseUrl: `${base}/fhir`, bearerToken: token.access_token });
    const me = (await fhir.read({ resourceType: 'Patient', id: token.patient })) as unknown as { id: string };
    assert.equal(me.id, 'pat-own');
    const patients = (await fhir.search({ resourceType: 'Patient', searchParams: { _summary: 'count' } })) as unknown as { total: number };
    assert.equal(patients.total, 1);
    await assert.rejects(() => fhir.read({ resourceType: 'Observation', id: 'obs-other' }), (e: { response?: { status: number } }) => e.response?.status === 404);
    // and the patient can see who opened their record
    const audit = (await fhir.search({ resourceType: 'AuditEvent', searchParams: { patient: 'pat-own' } })) as unknown as { entry?: unknown[] };
    assert.ok((audit.entry?.length ?? 0) >= 1);
  });
});
