import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import { JWT_BEARER } from './assertion.js';
import { assertion, authorizeCode, basic, clientKeys, exchange, FHIR, harness, ISSUER, type Harness } from './oauth.test-helper.js';

for (const d of testDatabases()) {
  describe(`introspection and revocation on ${d.name}`, () => {
    let h: Harness;
    let app: string;
    let rs: { clientId: string; secret?: string }; // a resource server
    before(async () => {
      h = await harness(d);
      app = (await h.client({})).clientId;
      rs = await h.client({ secret: true, scope: 'user/*.r' });
    });
    after(async () => h?.close());

    const tokens = async () => {
      const { code, verifier } = await authorizeCode(h, { clientId: app, patient: 'p3' });
      return (await exchange(h, app, code, verifier)).json() as { access_token: string; refresh_token: string };
    };
    const introspect = (token: string, auth = basic(rs.clientId, rs.secret as string)) => h.form('/oauth/introspect', { token }, auth);

    test('an active access token is described (RFC 7662)', async () => {
      const t = await tokens();
      const res = await introspect(t.access_token);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.active, true);
      assert.equal(body.client_id, app);
      assert.equal(body.sub, 'u-doc');
      assert.equal(body.patient, 'p3');
      assert.equal(body.iss, ISSUER);
      assert.equal(body.aud, FHIR);
      assert.match(body.scope, /patient\/\*\.rs/);
      assert.equal(typeof body.exp, 'number');
    });

    test('introspection needs an authenticated confidential client', async () => {
      const t = await tokens();
      assert.equal((await h.form('/oauth/introspect', { token: t.access_token })).statusCode, 401);
      assert.equal((await h.form('/oauth/introspect', { token: t.access_token, client_id: app })).statusCode, 401);
      assert.equal((await introspect(t.access_token, basic(rs.clientId, 'wrong'))).statusCode, 401);
      const key = await clientKeys();
      const backend = (await h.client({ scope: 'system/*.rs', jwks: key.jwks, redirectUris: [] })).clientId;
      const res = await h.form('/oauth/introspect', { token: t.access_token, client_assertion_type: JWT_BEARER, client_assertion: await assertion(key, backend, h.clock.now) });
      assert.equal(res.json().active, true);
    });

    test('garbage, expired and revoked tokens are inactive', async () => {
      assert.deepEqual((await introspect('nonsense')).json(), { active: false });
      assert.deepEqual((await introspect('a.b.c')).json(), { active: false });
      const t = await tokens();
      const saved = h.clock.now;
      h.clock.now += 2 * 3600_000;
      assert.deepEqual((await introspect(t.access_token)).json(), { active: false });
      h.clock.now = saved;
    });

    test('refresh tokens are described only to the client holding them', async () => {
      const t = await tokens();
      assert.deepEqual((await introspect(t.refresh_token)).json(), { active: false });
      const { clientId, secret } = await h.client({ secret: true });
      const { code, verifier } = await authorizeCode(h, { clientId, patient: 'p3' });
      const own = (await exchange(h, clientId, code, verifier, basic(clientId, secret as string))).json();
      const res = await introspect(own.refresh_token, basic(clientId, secret as string));
      assert.equal(res.json().active, true);
      assert.equal(res.json().token_type, 'refresh_token');
    });

    test('revoking an access token (RFC 7009)', async () => {
      const t = await tokens();
      const res = await h.form('/oauth/revoke', { token: t.access_token, client_id: app });
      assert.equal(res.statusCode, 200);
      await assert.rejects(h.verify(t.access_token));
      assert.equal((await introspect(t.access_token)).json().active, false);
      // the refresh token still works
      const r = await h.form('/oauth/token', { grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: app });
      assert.equal(r.statusCode, 200);
    });

    test('revoking a refresh token ends the grant, access tokens included', async () => {
      const t = await tokens();
      assert.equal((await h.form('/oauth/revoke', { token: t.refresh_token, client_id: app, token_type_hint: 'refresh_token' })).statusCode, 200);
      await assert.rejects(h.verify(t.access_token));
      const r = await h.form('/oauth/token', { grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: app });
      assert.equal(r.json().error, 'invalid_grant');
    });

    test('a client cannot revoke another client\'s tokens; unknown tokens still get 200', async () => {
      const t = await tokens();
      const other = (await h.client({})).clientId;
      assert.equal((await h.form('/oauth/revoke', { token: t.access_token, client_id: other })).statusCode, 200);
      assert.equal((await h.form('/oauth/revoke', { token: t.refresh_token, client_id: other })).statusCode, 200);
      await h.verify(t.access_token);
      assert.equal((await h.form('/oauth/revoke', { token: 'unknown', client_id: app })).statusCode, 200);
      assert.equal((await h.form('/oauth/revoke', { token: 'unknown' })).statusCode, 401);
    });
  });
}
