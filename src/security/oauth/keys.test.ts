import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import type { Store } from '../../fhir/store/open.js';
import { TokenKeys } from './keys.js';
import { ensureOAuthSchema } from './schema.js';
import { TokenIssuer } from './tokens.js';
import { accessTokenVerifier } from './verify.js';

const ISSUER = 'http://localhost:8080';
const FHIR = 'http://localhost:8080/fhir';

for (const d of testDatabases()) {
  describe(`token keys on ${d.name}`, () => {
    let store: Store;
    const clock = { now: Date.now() };
    before(async () => {
      store = await d.open();
      await ensureOAuthSchema(store.db);
      await ensureOAuthSchema(store.db); // idempotent
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('the first start generates a key; the next start reuses it', async () => {
      const a = await TokenKeys.open(store.db, { alg: 'ES256', clock: () => clock.now });
      const b = await TokenKeys.open(store.db, { alg: 'ES256', clock: () => clock.now });
      assert.equal((await a.signingKey()).kid, (await b.signingKey()).kid);
      const jwks = await a.jwks();
      assert.equal(jwks.keys.length, 1);
      assert.equal(jwks.keys[0].kty, 'EC');
      assert.equal(jwks.keys[0].use, 'sig');
      assert.ok(!('d' in jwks.keys[0]), 'no private part is published');
    });

    test('rotation: new tokens use the new key, old ones verify until the old key is retired', async () => {
      const keys = await TokenKeys.open(store.db, { alg: 'ES256', retainSeconds: 3600, clock: () => clock.now });
      const other = await TokenKeys.open(store.db, { alg: 'ES256', retainSeconds: 3600, clock: () => clock.now }); // a second process
      const issuer = new TokenIssuer({ db: store.db, keys, issuer: ISSUER, audience: FHIR, clock: () => clock.now, accessTokenSeconds: 3600 });
      const verify = accessTokenVerifier({ db: store.db, keys: other, issuer: ISSUER, audience: FHIR, clock: () => clock.now });
      const claims = { tenant: 'default', sub: 'u1', clientId: 'c1', scope: 'patient/*.rs' };
      const oldKid = (await keys.signingKey()).kid;
      const old = await issuer.accessToken(store.db, claims);

      clock.now += 10_000;
      const newKid = await keys.rotate();
      assert.notEqual(newKid, oldKid);
      assert.equal((await keys.signingKey()).kid, newKid);
      const fresh = await issuer.accessToken(store.db, claims);
      assert.deepEqual((await keys.jwks()).keys.map((k) => k.kid).sort(), [oldKid, newKid].sort());

      // the other process learns the new kid on demand and still accepts the old one
      assert.equal((await verify(fresh.token)).sub, 'u1');
      assert.equal((await verify(old.token)).sub, 'u1');

      clock.now += 3605_000; // old key past its retention (and the old token expired)
      await keys.reload();
      assert.deepEqual((await keys.jwks()).keys.map((k) => k.kid), [newKid]);
      await assert.rejects(verify(old.token));
      assert.equal(await keys.prune(), 1);
    });
  });
}
