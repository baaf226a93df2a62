import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { testDatabases } from '../../../test/support/databases.js';
import type { Store } from '../../fhir/store/open.js';
import { TokenKeys } from './keys.js';
import { ensureOAuthSchema, purgeExpired } from './schema.js';
import { TokenIssuer, type TokenClaims } from './tokens.js';
import { accessTokenVerifier, InvalidTokenError } from './verify.js';

const ISSUER = 'http://localhost:8080';
const FHIR = 'http://localhost:8080/fhir';
const claims: TokenClaims = { tenant: 'default', sub: 'u1', clientId: 'c1', scope: 'patient/*.rs', patient: 'p1' };

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const parts = (t: string) => t.split('.');
const payloadOf = (t: string) => JSON.parse(Buffer.from(parts(t)[1], 'base64url').toString()) as Record<string, unknown>;

for (const d of testDatabases()) {
  describe(`access token verification on ${d.name}`, () => {
    let store: Store;
    let keys: TokenKeys;
    let issuer: TokenIssuer;
    let verify: (t: string) => Promise<unknown>;
    const clock = { now: Date.now() };
    const rejected = (t: string) => assert.rejects(verify(t), InvalidTokenError);

    before(async () => {
      store = await d.open();
      await ensureOAuthSchema(store.db);
      keys = await TokenKeys.open(store.db, { alg: 'ES256', clock: () => clock.now });
      issuer = new TokenIssuer({ db: store.db, keys, issuer: ISSUER, audience: FHIR, clock: () => clock.now, accessTokenSeconds: 3600 });
      verify = accessTokenVerifier({ db: store.db, keys, issuer: ISSUER, audience: FHIR, clock: () => clock.now });
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('a genuine token verifies and carries its claims', async () => {
      const { token } = await issuer.accessToken(store.db, claims);
      const header = JSON.parse(Buffer.from(parts(token)[0], 'base64url').toString()) as Record<string, unknown>;
      assert.equal(header.alg, 'ES256');
      assert.equal(header.typ, 'at+jwt');
      assert.equal(header.kid, (await keys.signingKey()).kid);
      const p = payloadOf(token);
      for (const k of ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id', 'scope', 'patient']) assert.ok(k in p, k);
      const t = (await verify(token)) as { sub: string; patient: string; scopes: unknown[] };
      assert.equal(t.sub, 'u1');
      assert.equal(t.patient, 'p1');
      assert.equal(t.scopes.length, 1);
    });

    test('expired tokens are refused (after a small leeway)', async () => {
      const { token } = await issuer.accessToken(store.db, claims);
      const saved = clock.now;
      try {
        clock.now += 3600_000 + 10_000;
        await verify(token); // within the 30 s leeway
        clock.now += 60_000;
        await rejected(token);
      } finally {
        clock.now = saved;
      }
    });

    test('a token signed by another key with the same kid is refused', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const p = payloadOf((await issuer.accessToken(store.db, claims)).token);
      const forged = await new SignJWT(p).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: (await keys.signingKey()).kid }).sign(privateKey);
      await rejected(forged);
    });

    test('wrong audience or issuer is refused', async () => {
      const other = new TokenIssuer({ db: store.db, keys, issuer: ISSUER, audience: 'https://elsewhere.example/fhir', clock: () => clock.now, accessTokenSeconds: 3600 });
      await rejected((await other.accessToken(store.db, claims)).token);
      const evil = new TokenIssuer({ db: store.db, keys, issuer: 'https://evil.example', audience: FHIR, clock: () => clock.now, accessTokenSeconds: 3600 });
      await rejected((await evil.accessToken(store.db, claims)).token);
    });

    test('alg none is refused', async () => {
      const { token } = await issuer.accessToken(store.db, claims);
      await rejected(`${b64({ alg: 'none', typ: 'at+jwt' })}.${parts(token)[1]}.`);
      await rejected(`${b64({ alg: 'none', typ: 'at+jwt', kid: (await keys.signingKey()).kid })}.${parts(token)[1]}.`);
    });

    test('HS256 keyed with the public key is refused', async () => {
      const { token } = await issuer.accessToken(store.db, claims);
      const jwk = (await keys.jwks()).keys[0];
      const pem = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
      for (const secret of [pem, JSON.stringify(jwk)]) {
        const forged = await new SignJWT(payloadOf(token)).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: jwk.kid }).sign(new TextEncoder().encode(secret));
        await rejected(forged);
      }
    });

    test('a tampered payload is refused', async () => {
      const { token } = await issuer.accessToken(store.db, claims);
      const [h, , s] = parts(token);
      await rejected(`${h}.${b64({ ...payloadOf(token), scope: 'user/*.cruds' })}.${s}`);
    });

    test('a correctly signed token of another type, or one never recorded, is refused', async () => {
      const key = await keys.signingKey();
      const p = payloadOf((await issuer.accessToken(store.db, claims)).token);
      await rejected(await new SignJWT(p).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey));
      await rejected(await new SignJWT({ ...p, jti: 'never-issued' }).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' }).sign(key.privateKey));
      const idToken = await issuer.idToken({ sub: 'u1', clientId: 'c1' });
      await rejected(idToken);
    });

    test('revoked tokens are refused', async () => {
      const { token, jti } = await issuer.accessToken(store.db, claims);
      await verify(token);
      await store.db.run('UPDATE oauth_access_tokens SET revoked_at = ? WHERE jti = ?', [clock.now, jti]);
      await rejected(token);
    });

    test('purgeExpired drops expired token records and keeps live ones', async () => {
      const live = await issuer.accessToken(store.db, claims);
      const dead = await issuer.accessToken(store.db, claims);
      await store.db.run('UPDATE oauth_access_tokens SET expires_at = ? WHERE jti = ?', [clock.now - 3600_000, dead.jti]);
      await purgeExpired(store.db, clock.now);
      const left = await store.db.all<{ jti: string }>('SELECT jti FROM oauth_access_tokens WHERE jti IN (?, ?)', [live.jti, dead.jti]);
      assert.deepEqual(left.map((r) => r.jti), [live.jti]);
    });

    test('garbage is refused with InvalidTokenError', async () => {
      for (const t of ['', 'abc', 'a.b.c', `${b64({ alg: 'ES256' })}.e30.`]) await rejected(t);
    });
  });
}
