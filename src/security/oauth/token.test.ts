import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import { assertion, authorizeCode, basic, clientKeys, exchange, harness, type Harness } from './oauth.test-helper.js';
import { JWT_BEARER } from './assertion.js';

for (const d of testDatabases()) {
  describe(`token endpoint on ${d.name}`, () => {
    let h: Harness;
    let app: string;
    before(async () => {
      h = await harness(d);
      app = (await h.client({})).clientId;
    });
    after(async () => h?.close());

    const refresh = (token: string, extra: Record<string, string> = {}) => h.form('/oauth/token', { grant_type: 'refresh_token', refresh_token: token, client_id: app, ...extra });

    test('refresh rotation: each refresh token works once and yields a new one with the same context', async () => {
      const { code, verifier } = await authorizeCode(h, { clientId: app, patient: 'p5' });
      const first = (await exchange(h, app, code, verifier)).json();
      const r1 = await refresh(first.refresh_token);
      assert.equal(r1.statusCode, 200, r1.body);
      const second = r1.json();
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.equal(second.patient, 'p5');
      assert.equal(second.scope, first.scope);
      assert.equal((await h.verify(second.access_token)).patient, 'p5');
      const r2 = await refresh(second.refresh_token);
      assert.equal(r2.statusCode, 200);
      await h.verify(r2.json().access_token);
    });

    test('replaying a spent refresh token revokes the whole family', async () => {
      const { code, verifier } = await authorizeCode(h, { clientId: app, patient: 'p5' });
      const first = (await exchange(h, app, code, verifier)).json();
      const second = (await refresh(first.refresh_token)).json();
      const replay = await refresh(first.refresh_token);
      assert.equal(replay.statusCode, 400);
      assert.equal(replay.json().error, 'invalid_grant');
      // the legitimate holder's newer tokens are dead too
      assert.equal((await refresh(second.refresh_token)).json().error, 'invalid_grant');
      await assert.rejects(h.verify(second.access_token));
      await assert.rejects(h.verify(first.access_token));
    });

    test('a refresh token is bound to its client; narrowing the scope works, widening does not', async () => {
      const { code, verifier } = await authorizeCode(h, { clientId: app, patient: 'p5', scope: 'launch/patient offline_access patient/Observation.rs' });
      const first = (await exchange(h, app, code, verifier)).json();
      const wider = await refresh(first.refresh_token, { scope: 'user/*.cruds' });
      assert.equal(wider.json().error, 'invalid_scope');
      const narrower = await refresh(first.refresh_token, { scope: 'offline_access patient/Observation.r' });
      assert.equal(narrower.statusCode, 200, narrower.body);
      assert.equal(narrower.json().scope, 'offline_access patient/Observation.r');
      const other = (await h.client({})).clientId;
      const stolen = await h.form('/oauth/token', { grant_type: 'refresh_token', refresh_token: narrower.json().refresh_token, client_id: other });
      assert.equal(stolen.json().error, 'invalid_grant');
      assert.equal((await refresh('not-a-token')).json().error, 'invalid_grant');
    });

    test('refresh tokens expire', async () => {
      const { code, verifier } = await authorizeCode(h, { clientId: app, patient: 'p5' });
      const first = (await exchange(h, app, code, verifier)).json();
      const saved = h.clock.now;
      h.clock.now += 31 * 24 * 3600_000;
      try {
        assert.equal((await refresh(first.refresh_token)).json().error, 'invalid_grant');
      } finally {
        h.clock.now = saved;
      }
    });

    test('unsupported grant types and missing client authentication', async () => {
      assert.equal((await h.form('/oauth/token', { grant_type: 'password', client_id: app })).json().error, 'unsupported_grant_type');
      const anon = await h.form('/oauth/token', { grant_type: 'client_credentials' });
      assert.equal(anon.statusCode, 401);
      assert.equal(anon.json().error, 'invalid_client');
      const json = await h.json('POST', '/oauth/token', { grant_type: 'client_credentials' });
      assert.equal(json.json().error, 'invalid_request');
    });

    describe('client_credentials with private_key_jwt', () => {
      let backend: string;
      let key: Awaited<ReturnType<typeof clientKeys>>;
      before(async () => {
        key = await clientKeys('ES384');
        backend = (await h.client({ scope: 'system/Patient.rs system/Observation.rs', jwks: key.jwks, redirectUris: [] })).clientId;
      });
      const request = async (a: string, scope = 'system/*.rs', extra: Record<string, string> = {}) =>
        h.form('/oauth/token', { grant_type: 'client_credentials', scope, client_assertion_type: JWT_BEARER, client_assertion: a, ...extra });

      test('a valid assertion gets a system token limited to the allowed scopes', async () => {
        const res = await request(await assertion(key, backend, h.clock.now), 'system/*.rs system/*.cruds user/*.rs');
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.equal(body.scope, 'system/Patient.rs system/Observation.rs');
        assert.equal(body.refresh_token, undefined);
        const t = await h.verify(body.access_token);
        assert.equal(t.sub, backend);
        assert.equal(t.clientId, backend);
      });

      test('RS384 keys work too', async () => {
        const rsa = await clientKeys('RS384');
        const id = (await h.client({ scope: 'system/*.rs', jwks: rsa.jwks, redirectUris: [] })).clientId;
        const res = await request(await assertion(rsa, id, h.clock.now, { alg: 'RS384' }));
        assert.equal(res.statusCode, 200, res.body);
      });

      test('wrong key, expired, too long-lived, reused jti, wrong aud or iss, wrong alg are rejected', async () => {
        const stranger = await clientKeys('ES384');
        const now = h.clock.now;
        const bad = [
          await assertion({ ...stranger, kid: key.kid }, backend, now),
          await assertion(key, backend, now, { expIn: -120 }),
          await assertion(key, backend, now, { expIn: 600 }),
          await assertion(key, backend, now, { aud: 'http://localhost:8080/fhir' }),
          await assertion(key, backend, now, { iss: 'someone-else' }),
        ];
        for (const a of bad) {
          const res = await request(a);
          assert.equal(res.statusCode, 401, res.body);
          assert.equal(res.json().error, 'invalid_client');
        }
        const once = await assertion(key, backend, now, { jti: 'jti-1' });
        assert.equal((await request(once)).statusCode, 200);
        assert.equal((await request(once)).json().error, 'invalid_client', 'jti reuse');
        assert.equal((await request(await assertion(key, backend, now, { jti: 'jti-1' }))).statusCode, 401);
        const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${(await assertion(key, backend, now)).split('.')[1]}.`;
        assert.equal((await request(unsigned)).statusCode, 401);
        assert.equal((await request(await assertion(key, backend, now), 'system/*.rs', { client_assertion_type: 'urn:other' })).statusCode, 401);
      });

      test('only scopes the client may have; only asymmetric clients', async () => {
        const res = await request(await assertion(key, backend, h.clock.now), 'system/Condition.rs');
        assert.equal(res.json().error, 'invalid_scope');
        const { clientId, secret } = await h.client({ secret: true, scope: 'system/*.rs' });
        const sym = await h.form('/oauth/token', { grant_type: 'client_credentials', scope: 'system/*.rs' }, basic(clientId, secret as string));
        assert.equal(sym.json().error, 'unauthorized_client');
        const pub = await h.form('/oauth/token', { grant_type: 'client_credentials', scope: 'system/*.rs', client_id: app });
        assert.equal(pub.json().error, 'unauthorized_client');
      });
    });
  });
}
