import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import { capabilitySecurity } from './discovery.js';
import { assertion, authorizeCode, clientKeys, exchange, harness, ISSUER, REDIRECT, type Harness } from './oauth.test-helper.js';

describe('CapabilityStatement security', () => {
  test('oauth-uris extension and SMART service', () => {
    const s = capabilitySecurity(`${ISSUER}/`);
    assert.equal(s.service[0].coding[0].code, 'SMART-on-FHIR');
    const ext = s.extension[0];
    assert.equal(ext.url, 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
    assert.deepEqual(Object.fromEntries(ext.extension.map((e) => [e.url, e.valueUri])), {
      authorize: `${ISSUER}/oauth/authorize`,
      token: `${ISSUER}/oauth/token`,
      introspect: `${ISSUER}/oauth/introspect`,
      revoke: `${ISSUER}/oauth/revoke`,
    });
  });
});

for (const d of testDatabases()) {
  describe(`discovery and client registry on ${d.name}`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(d);
    });
    after(async () => h?.close());

    test('smart-configuration lists endpoints, methods and capabilities', async () => {
      const res = await h.get('/.well-known/smart-configuration');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      const c = res.json();
      assert.equal(c.issuer, ISSUER);
      assert.equal(c.authorization_endpoint, `${ISSUER}/oauth/authorize`);
      assert.equal(c.token_endpoint, `${ISSUER}/oauth/token`);
      assert.equal(c.introspection_endpoint, `${ISSUER}/oauth/introspect`);
      assert.equal(c.revocation_endpoint, `${ISSUER}/oauth/revoke`);
      assert.equal(c.jwks_uri, `${ISSUER}/.well-known/jwks.json`);
      assert.deepEqual(c.token_endpoint_auth_methods_supported, ['private_key_jwt', 'client_secret_basic']);
      assert.deepEqual(c.grant_types_supported, ['authorization_code', 'client_credentials', 'refresh_token']);
      assert.deepEqual(c.response_types_supported, ['code']);
      assert.deepEqual(c.code_challenge_methods_supported, ['S256']);
      for (const s of ['openid', 'fhirUser', 'launch', 'launch/patient', 'offline_access', 'patient/*.rs', 'user/*.cruds', 'system/*.rs']) assert.ok(c.scopes_supported.includes(s), s);
      for (const cap of [
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'client-confidential-symmetric',
        'client-confidential-asymmetric',
        'context-ehr-patient',
        'context-standalone-patient',
        'permission-v2',
        'permission-patient',
        'permission-user',
        'sso-openid-connect',
        'authorize-post',
      ]) {
        assert.ok(c.capabilities.includes(cap), cap);
      }
      const oidc = (await h.get('/.well-known/openid-configuration')).json();
      assert.equal(oidc.issuer, ISSUER);
      assert.equal(oidc.jwks_uri, c.jwks_uri);
    });

    test('JWKS publishes the public signing key; CORS preflight is answered', async () => {
      const jwks = (await h.get('/.well-known/jwks.json')).json();
      assert.equal(jwks.keys.length, 1);
      assert.equal(jwks.keys[0].kid, (await h.keys.signingKey()).kid);
      assert.ok(!('d' in jwks.keys[0]));
      const pre = await h.app.inject({ method: 'OPTIONS', url: '/oauth/token', headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' } });
      assert.equal(pre.statusCode, 204);
      assert.equal(pre.headers['access-control-allow-origin'], '*');
      assert.equal((await h.get('/oauth/authorize')).headers['access-control-allow-origin'], undefined);
    });

    test('only admins manage clients', async () => {
      const body = { client_name: 'x', scope: 'patient/*.rs', redirect_uris: [REDIRECT] };
      assert.equal((await h.json('POST', '/oauth/clients', body)).statusCode, 403);
      assert.equal((await h.json('POST', '/oauth/clients', body, 'doctor')).statusCode, 403);
      assert.equal((await h.get('/oauth/clients', 'doctor')).statusCode, 403);
      assert.equal((await h.app.inject({ method: 'DELETE', url: '/oauth/clients/x', headers: { 'x-user': 'doctor' } })).statusCode, 403);
    });

    test('register public, symmetric and asymmetric clients', async () => {
      const pub = await h.json('POST', '/oauth/clients', { client_name: '随访 App', scope: 'launch/patient patient/*.rs', redirect_uris: [REDIRECT] }, 'admin');
      assert.equal(pub.statusCode, 201, pub.body);
      assert.equal(pub.json().token_endpoint_auth_method, 'none');
      assert.equal(pub.json().client_secret, undefined);
      const sym = await h.json('POST', '/oauth/clients', { client_name: 'Portal', scope: 'user/*.rs', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_basic' }, 'admin');
      assert.equal(sym.json().client_type, 'confidential-symmetric');
      assert.ok(sym.json().client_secret.length >= 40);
      const key = await clientKeys();
      const asym = await h.json('POST', '/oauth/clients', { client_name: 'Lab sync', scope: 'system/Observation.cruds', jwks: key.jwks }, 'admin');
      assert.equal(asym.statusCode, 201, asym.body);
      assert.equal(asym.json().token_endpoint_auth_method, 'private_key_jwt');
      const list = (await h.get('/oauth/clients', 'admin')).json() as { client_id: string; client_secret?: string }[];
      assert.ok(list.some((c) => c.client_id === asym.json().client_id));
      assert.ok(list.every((c) => !c.client_secret));
      const token = await h.form('/oauth/token', {
        grant_type: 'client_credentials',
        scope: 'system/Observation.rs',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await assertion(key, asym.json().client_id, h.clock.now),
      });
      assert.equal(token.json().scope, 'system/Observation.rs');
    });

    test('bad registrations are refused', async () => {
      const { privateKey } = await clientKeys();
      const { exportJWK } = await import('jose');
      const bad: Record<string, unknown>[] = [
        { client_name: 'x', scope: 'patient/*.rs' }, // no redirect URI
        { client_name: 'x', scope: 'patient/*.rs', redirect_uris: ['http://app.example.org/cb'] },
        { client_name: 'x', scope: 'patient/*.rs', redirect_uris: ['https://app.example.org/cb#frag'] },
        { client_name: 'x', scope: 'patient/*.rs admin', redirect_uris: [REDIRECT] },
        { client_name: '', scope: 'patient/*.rs', redirect_uris: [REDIRECT] },
        { client_name: 'x', scope: 'system/*.rs', jwks: { keys: [await exportJWK(privateKey)] } },
        { client_name: 'x', scope: 'system/*.rs', jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } },
        { client_name: 'x', scope: 'system/*.rs', token_endpoint_auth_method: 'private_key_jwt' },
      ];
      for (const b of bad) {
        const res = await h.json('POST', '/oauth/clients', b, 'admin');
        assert.equal(res.statusCode, 400, JSON.stringify(b));
        assert.equal(res.json().error, 'invalid_client_metadata');
      }
      const form = await h.form('/oauth/clients', { client_name: 'x', scope: 'patient/*.rs' }, { 'x-user': 'admin' });
      assert.equal(form.statusCode, 415);
    });

    test('deleting a client revokes its tokens', async () => {
      const { clientId } = await h.client({});
      const { code, verifier } = await authorizeCode(h, { clientId, patient: 'p1' });
      const t = (await exchange(h, clientId, code, verifier)).json();
      await h.verify(t.access_token);
      const del = await h.app.inject({ method: 'DELETE', url: `/oauth/clients/${clientId}`, headers: { 'x-user': 'admin' } });
      assert.equal(del.statusCode, 204);
      await assert.rejects(h.verify(t.access_token));
      assert.equal((await h.form('/oauth/token', { grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: clientId })).statusCode, 401);
    });
  });
}
