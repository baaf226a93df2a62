// SMART access tokens against the FHIR API: scopes narrow what the role allows, patient/ scopes pin one
// patient, and forged, expired, foreign or mis-addressed tokens are refused with 401.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { SignJWT, generateKeyPair } from 'jose';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';
import { TokenKeys } from '../../src/security/oauth/keys.js';
import { TokenIssuer } from '../../src/security/oauth/tokens.js';
import { buildWorld, FHIR, ISSUER, withToken, type World } from './fixtures.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

for (const d of testDatabases()) {
  describe(`SMART tokens on the FHIR API on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('patient/Observation.rs with a launch patient: only that patient, only Observations', async () => {
      const doctor = world.users.get('doctor')!.id;
      const api = withToken(app, await world.token({ sub: doctor, scope: 'launch/patient patient/Observation.rs', patient: 'pat-own' }));
      assert.equal((await api('GET', '/fhir/Observation/obs-own')).statusCode, 200);
      assert.equal((await api('GET', '/fhir/Observation/obs-other')).statusCode, 404);
      assert.equal((await api('GET', '/fhir/Patient/pat-own')).statusCode, 403, 'no Patient scope');
      const s = JSON.parse((await api('GET', '/fhir/Observation?_include=Observation:subject')).body);
      assert.deepEqual(s.entry.map((e: { resource: { id: string } }) => e.resource.id), ['obs-own'], 'the included Patient is out of scope');
      // scope escalation: no write scope, no write
      const w = await api('PUT', '/fhir/Observation/obs-own', { resourceType: 'Observation', id: 'obs-own', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/pat-own' } });
      assert.equal(w.statusCode, 403);
    });

    test('user/ scopes act with the user\'s policy: a nurse token sees the ward only', async () => {
      const nurse = world.users.get('nurse')!.id;
      const api = withToken(app, await world.token({ sub: nurse, scope: 'openid fhirUser user/*.rs' }));
      assert.equal((await api('GET', '/fhir/Observation/obs-own')).statusCode, 200);
      assert.equal((await api('GET', '/fhir/Observation/obs-other')).statusCode, 404);
      assert.equal((await api('DELETE', '/fhir/Observation/obs-own')).statusCode, 403);
      // a token with only openid/fhirUser grants no data
      const none = withToken(app, await world.token({ sub: nurse, scope: 'openid fhirUser' }));
      assert.equal((await none('GET', '/fhir/Observation/obs-own')).statusCode, 403);
    });

    test('system/ scopes (backend service): the whole tenant for the granted types, never another tenant', async () => {
      const api = withToken(app, await world.token({ sub: 'backend-client', scope: 'system/Observation.rs' }));
      const all = JSON.parse((await api('GET', '/fhir/Observation?_summary=count')).body);
      assert.ok(all.total >= 2);
      assert.equal((await api('GET', '/fhir/Observation/obs-tenant')).statusCode, 404);
      assert.equal((await api('GET', '/fhir/Patient/pat-own')).statusCode, 403);
    });

    test('token attacks: expired, alg none, wrong signature, wrong audience, other tenant, garbage → 401', async () => {
      const doctor = world.users.get('doctor')!.id;
      const keys = await TokenKeys.open(store.db);
      const issue = (o: { clock?: () => number; audience?: string; issuer?: string; tenant?: string }) =>
        new TokenIssuer({ db: store.db, keys, issuer: o.issuer ?? ISSUER, audience: o.audience ?? FHIR, clock: o.clock ?? Date.now, accessTokenSeconds: 600 })
          .accessToken(store.db, { tenant: o.tenant ?? 'default', sub: doctor, clientId: 'x', scope: 'user/*.rs' }).then((t) => t.token);
      const good = await world.token({ sub: doctor, scope: 'user/*.rs' });
      const [h, p] = good.split('.');
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT(JSON.parse(Buffer.from(p, 'base64url').toString())).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: JSON.parse(Buffer.from(h, 'base64url').toString()).kid }).sign(privateKey);
      const cases: Record<string, string> = {
        expired: await issue({ clock: () => Date.now() - 3600_000 }),
        'alg none': `${b64({ alg: 'none', typ: 'at+jwt' })}.${p}.`,
        'wrong signature': forged,
        'tampered payload': `${h}.${b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), scope: 'user/*.cruds' })}.${good.split('.')[2]}`,
        'wrong audience': await issue({ audience: 'https://other.example.org/fhir' }),
        'wrong issuer': await issue({ issuer: 'https://evil.example.org' }),
        'other tenant': await issue({ tenant: 'other' }),
        garbage: 'not-a-token',
      };
      assert.equal((await withToken(app, good)('GET', '/fhir/Observation/obs-own')).statusCode, 200);
      for (const [name, token] of Object.entries(cases)) {
        const r = await withToken(app, token)('GET', '/fhir/Observation/obs-own');
        assert.equal(r.statusCode, 401, `${name}: ${r.body}`);
        assert.match(r.headers['www-authenticate'] as string, /invalid_token/, name);
        assert.ok(!r.body.includes('"id":"obs-own"'), name);
      }
    });
  });
}
