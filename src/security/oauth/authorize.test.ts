import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import { authorizeCode, authorizeUrl, consentFields, exchange, FHIR, harness, pkce, REDIRECT, redirectParams, type Harness } from './oauth.test-helper.js';

for (const d of testDatabases()) {
  describe(`authorization code flow on ${d.name}`, () => {
    let h: Harness;
    let app: string; // a public client
    before(async () => {
      h = await harness(d);
      app = (await h.client({})).clientId;
    });
    after(async () => h?.close());

    const start = (p: Record<string, string | undefined>, user = 'doctor') => {
      const { challenge } = pkce();
      return h.get(
        authorizeUrl({ response_type: 'code', client_id: app, redirect_uri: REDIRECT, scope: 'patient/*.rs', state: 's1', aud: FHIR, code_challenge: challenge, code_challenge_method: 'S256', ...p }),
        user,
      );
    };

    test('consent page: bilingual, lists scopes, CSRF token, not cacheable or frameable', async () => {
      const res = await start({ scope: 'launch/patient openid fhirUser patient/Observation.rs' });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.match(res.body, /授权请求/);
      assert.match(res.body, /Authorization request/);
      assert.match(res.body, /读取、搜索当前患者的Observation/);
      assert.match(res.body, /read, search the patient&#39;s Observation/);
      assert.match(res.body, /name="patient"/, 'a doctor picks the patient');
      consentFields(res.body);
    });

    test('full flow with PKCE: code, state echoed, tokens with context', async () => {
      const { code, verifier, state } = await authorizeCode(h, { clientId: app, patient: 'p42', nonce: 'n-1', state: 'xyz' });
      assert.equal(state, 'xyz');
      const res = await exchange(h, app, code, verifier);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['cache-control'], 'no-store');
      const body = res.json();
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 3600);
      assert.equal(body.scope, 'launch/patient openid fhirUser offline_access patient/*.rs');
      assert.equal(body.patient, 'p42');
      assert.equal(body.fhirUser, 'Practitioner/pr1');
      assert.ok(body.refresh_token);
      const id = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString());
      assert.equal(id.aud, app);
      assert.equal(id.nonce, 'n-1');
      assert.equal(id.fhirUser, 'Practitioner/pr1');
      const t = await h.verify(body.access_token);
      assert.equal(t.patient, 'p42');
      assert.equal(t.sub, 'u-doc');
      assert.equal(t.clientId, app);
    });

    test('wrong verifier, wrong redirect_uri or another client are rejected; reuse revokes the first tokens', async () => {
      const { code, verifier } = await authorizeCode(h, { clientId: app, patient: 'p1' });
      const other = (await h.client({})).clientId;
      const bad = await exchange(h, app, code, pkce().verifier);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error, 'invalid_grant');
      const wrongUri = await h.form('/oauth/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: 'https://app.example.org/other', client_id: app });
      assert.equal(wrongUri.json().error, 'invalid_grant');
      assert.equal((await exchange(h, other, code, verifier)).json().error, 'invalid_grant');
      assert.equal((await exchange(h, app, code, undefined as unknown as string)).json().error, 'invalid_grant');

      const ok = await exchange(h, app, code, verifier);
      assert.equal(ok.statusCode, 200);
      await h.verify(ok.json().access_token);
      const again = await exchange(h, app, code, verifier);
      assert.equal(again.statusCode, 400);
      assert.equal(again.json().error, 'invalid_grant');
      await assert.rejects(h.verify(ok.json().access_token), 'tokens from a replayed code are revoked');
      const refresh = await h.form('/oauth/token', { grant_type: 'refresh_token', refresh_token: ok.json().refresh_token, client_id: app });
      assert.equal(refresh.json().error, 'invalid_grant');
    });

    test('codes live 60 seconds', async () => {
      const { code, verifier } = await authorizeCode(h, { clientId: app, patient: 'p1' });
      h.clock.now += 61_000;
      assert.equal((await exchange(h, app, code, verifier)).json().error, 'invalid_grant');
    });

    test('request errors: bad client or redirect URI show a page; the rest redirect with state', async () => {
      for (const p of [{ client_id: 'nope' }, { redirect_uri: 'https://evil.example/cb' }, { client_id: undefined }]) {
        const res = await start(p);
        assert.equal(res.statusCode, 400);
        assert.equal(res.headers.location, undefined);
      }
      const cases: [Record<string, string | undefined>, string][] = [
        [{ code_challenge: undefined }, 'invalid_request'],
        [{ code_challenge_method: 'plain' }, 'invalid_request'],
        [{ aud: 'https://other.example/fhir' }, 'invalid_request'],
        [{ aud: undefined }, 'invalid_request'],
        [{ response_type: 'token' }, 'unsupported_response_type'],
        [{ scope: 'system/*.cruds' }, 'invalid_scope'],
        [{ launch: 'nope', scope: 'patient/*.rs' }, 'invalid_scope'],
      ];
      for (const [p, error] of cases) {
        const q = redirectParams(await start(p));
        assert.equal(q.get('error'), error, JSON.stringify(p));
        assert.equal(q.get('state'), 's1');
        assert.equal(new URL((await start(p)).headers.location as string).origin, 'https://app.example.org');
      }
    });

    test('repeated parameters are refused', async () => {
      const res = await h.get(`/oauth/authorize?client_id=${app}&client_id=${app}`, 'doctor');
      assert.equal(res.statusCode, 400);
    });

    test('no session: the browser is sent to the login page and comes back to the request', async () => {
      const res = await start({}, '');
      assert.equal(res.statusCode, 302);
      const loc = new URL(res.headers.location as string, 'http://x');
      assert.equal(loc.pathname, '/login');
      assert.match(loc.searchParams.get('returnTo') ?? '', /^\/oauth\/authorize\?.*client_id=/);
    });

    test('deny returns access_denied with state', async () => {
      const page = await start({});
      const q = redirectParams(await h.form('/oauth/authorize/decision', { ...consentFields(page.body), decision: 'deny' }, { 'x-user': 'doctor' }));
      assert.equal(q.get('error'), 'access_denied');
      assert.equal(q.get('state'), 's1');
    });

    test('the consent form needs its CSRF token, the same user, and works once', async () => {
      const fields = consentFields((await start({ scope: 'user/*.rs' })).body);
      const post = (f: Record<string, string>, user = 'doctor') => h.form('/oauth/authorize/decision', { ...f, decision: 'approve' }, { 'x-user': user });
      assert.equal((await post({ ...fields, csrf: 'forged' })).statusCode, 400);
      assert.equal((await post(fields, 'patient')).statusCode, 400);
      assert.equal((await post(fields, '')).statusCode, 401);
      assert.ok(redirectParams(await post(fields)).get('code'));
      assert.equal((await post(fields)).statusCode, 400, 'single use');
    });

    test('authorize-post: the request may be a form POST', async () => {
      const { challenge } = pkce();
      const res = await h.form(
        '/oauth/authorize',
        { response_type: 'code', client_id: app, redirect_uri: REDIRECT, scope: 'user/*.rs', state: 's', aud: FHIR, code_challenge: challenge, code_challenge_method: 'S256' },
        { 'x-user': 'doctor' },
      );
      assert.equal(res.statusCode, 200);
      consentFields(res.body);
    });

    test('EHR launch: the launch context becomes the token context', async () => {
      const l = await h.json('POST', '/oauth/launch', { patient: 'Patient/p7', encounter: 'e9' }, 'doctor');
      assert.equal(l.statusCode, 201, l.body);
      const launch = l.json().launch as string;
      const page = await start({ launch, scope: 'launch patient/*.rs' });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /name="patient"/);
      const { code, verifier } = await authorizeCode(h, { clientId: app, launch, scope: 'launch openid fhirUser patient/*.rs' });
      const body = (await exchange(h, app, code, verifier)).json();
      assert.equal(body.patient, 'p7');
      assert.equal(body.encounter, 'e9');
      assert.equal(body.scope, 'launch openid fhirUser patient/*.rs');
      // another user cannot use it
      assert.equal(redirectParams(await start({ launch, scope: 'launch patient/*.rs' }, 'patient')).get('error'), 'invalid_request');
      assert.equal((await h.json('POST', '/oauth/launch', { patient: 'p7' })).statusCode, 401);
      assert.equal((await h.json('POST', '/oauth/launch', { patient: 'x/../y' }, 'doctor')).statusCode, 400);
    });

    test('standalone launch by a patient: their own record, no choice', async () => {
      const page = await start({ scope: 'launch/patient patient/*.rs' }, 'patient');
      assert.doesNotMatch(page.body, /name="patient"/);
      const { code, verifier } = await authorizeCode(h, { clientId: app, user: 'patient', patient: 'p999' });
      const body = (await exchange(h, app, code, verifier)).json();
      assert.equal(body.patient, 'p1');
      assert.equal(body.fhirUser, 'Patient/p1');
      assert.equal((await h.json('POST', '/oauth/launch', { patient: 'p2' }, 'patient')).statusCode, 403);
    });

    test('a doctor must pick a valid patient', async () => {
      const fields = consentFields((await start({ scope: 'launch/patient patient/*.rs' })).body);
      const res = await h.form('/oauth/authorize/decision', { ...fields, decision: 'approve', patient: 'bad id!' }, { 'x-user': 'doctor' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Choose an existing patient/);
      consentFields(res.body); // a fresh form to try again
    });

    test('scope escalation: only requested ∩ allowed is granted', async () => {
      const narrow = (await h.client({ scope: 'openid patient/Observation.rs' })).clientId;
      const { code, verifier } = await authorizeCode(h, { clientId: narrow, scope: 'openid offline_access user/*.cruds system/*.cruds patient/*.cruds', patient: 'p1' });
      const body = (await exchange(h, narrow, code, verifier)).json();
      assert.equal(body.scope, 'openid patient/Observation.rs');
      assert.equal(body.refresh_token, undefined);
      const t = await h.verify(body.access_token);
      assert.equal(t.scope, 'openid patient/Observation.rs');
    });

    test('a confidential symmetric client authenticates with client_secret_basic', async () => {
      const { clientId, secret } = await h.client({ secret: true });
      assert.ok(secret);
      const { code, verifier } = await authorizeCode(h, { clientId, patient: 'p1' });
      const none = await exchange(h, clientId, code, verifier);
      assert.equal(none.statusCode, 401);
      assert.equal(none.json().error, 'invalid_client');
      const wrong = await exchange(h, clientId, code, verifier, { authorization: `Basic ${Buffer.from(`${clientId}:nope`).toString('base64')}` });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.headers['www-authenticate'] as string, /^Basic/);
      const post = await h.form('/oauth/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: clientId, client_secret: secret });
      assert.equal(post.statusCode, 401, 'client_secret_post is not offered');
      const ok = await exchange(h, clientId, code, verifier, { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` });
      assert.equal(ok.statusCode, 200, ok.body);
      const row = await h.store.db.get<{ secret_hash: string }>('SELECT secret_hash FROM oauth_clients WHERE client_id = ?', [clientId]);
      assert.notEqual(row?.secret_hash, secret, 'only a hash is stored');
    });
  });
}
