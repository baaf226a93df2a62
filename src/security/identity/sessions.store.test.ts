import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import type { Store } from '../../fhir/store/open.js';
import { ensureIdentitySchema } from './schema.js';
import { hashSessionId, SessionStore } from './sessions.js';
import { UserStore, type User } from './users.js';
import { Clock, FAST } from './identity.test-helper.js';

const MIN = 60_000;

for (const d of testDatabases()) {
  describe(`sessions on ${d.name}`, () => {
    let store: Store;
    let user: User;
    let users: UserStore;
    const clock = new Clock();
    let sessions: SessionStore;
    before(async () => {
      store = await d.open();
      await ensureIdentitySchema(store.db);
      users = new UserStore(store.db, { hash: FAST, now: clock.now });
      user = await users.create('t1', { username: 'li', password: 'a-long-password', roles: 'nurse', fhirUser: 'Practitioner/p1' });
      sessions = new SessionStore(store.db, { idleMs: 30 * MIN, absoluteMs: 12 * 60 * MIN }, clock.now);
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('only the SHA-256 of the id is stored', async () => {
      const { id, csrfToken } = await sessions.create('t1', user.id);
      assert.match(id, /^[A-Za-z0-9_-]{43}$/);
      const rows = await store.db.all<{ id_hash: string }>('SELECT id_hash FROM user_sessions');
      assert.ok(rows.some((r) => r.id_hash === hashSessionId(id)));
      assert.ok(!rows.some((r) => r.id_hash === id));
      const s = await sessions.resolve(id);
      assert.equal(s?.csrfToken, csrfToken);
      assert.deepEqual(s?.user, { username: 'li', displayName: null, roles: ['nurse'], fhirUser: 'Practitioner/p1' });
      assert.equal(await sessions.resolve('not-a-session-id-at-all-000'), null);
    });

    test('idle expiry: 30 minutes without a request', async () => {
      const { id } = await sessions.create('t1', user.id);
      clock.advance(29 * MIN);
      assert.ok(await sessions.resolve(id), 'a request within the idle window keeps it alive');
      clock.advance(29 * MIN);
      assert.ok(await sessions.resolve(id));
      clock.advance(30 * MIN);
      assert.equal(await sessions.resolve(id), null);
      clock.advance(-30 * MIN);
      assert.equal(await sessions.resolve(id), null, 'an expired session is deleted');
    });

    test('absolute expiry: 12 hours however active', async () => {
      const { id } = await sessions.create('t1', user.id);
      for (let i = 0; i < 47; i++) {
        clock.advance(15 * MIN);
        assert.ok(await sessions.resolve(id), `after ${(i + 1) * 15} min`);
      }
      clock.advance(15 * MIN);
      assert.equal(await sessions.resolve(id), null);
    });

    test('revoke, revoke all of a user, disabled users, purge', async () => {
      const a = await sessions.create('t1', user.id);
      const b = await sessions.create('t1', user.id);
      await sessions.revoke(hashSessionId(a.id));
      assert.equal(await sessions.resolve(a.id), null);
      assert.ok(await sessions.resolve(b.id));
      const c = await sessions.create('t1', user.id);
      assert.ok((await sessions.revokeAll(user.id)) >= 2);
      assert.equal(await sessions.resolve(c.id), null);
      const e = await sessions.create('t1', user.id);
      await users.setDisabled(user, true);
      assert.equal(await sessions.resolve(e.id), null);
      await users.setDisabled(user, false);
      await sessions.create('t1', user.id);
      clock.advance(31 * MIN);
      assert.ok((await sessions.purgeExpired()) >= 1);
      assert.equal((await store.db.all('SELECT id_hash FROM user_sessions')).length, 0);
    });
  });
}
