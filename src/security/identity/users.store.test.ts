import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import type { Store } from '../../fhir/store/open.js';
import { ensureIdentitySchema } from './schema.js';
import { UserError, UserStore } from './users.js';
import { verifyPassword } from './password.js';
import { FAST } from './identity.test-helper.js';

const rejectsCode = (p: Promise<unknown>, code: string) => assert.rejects(p, (e: unknown) => e instanceof UserError && e.code === code);

for (const d of testDatabases()) {
  describe(`users on ${d.name}`, () => {
    let store: Store;
    let users: UserStore;
    before(async () => {
      store = await d.open();
      await ensureIdentitySchema(store.db);
      await ensureIdentitySchema(store.db); // idempotent
      users = new UserStore(store.db, { hash: FAST, now: () => 1000 });
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('create stores every field; the password is hashed', async () => {
      const u = await users.create('t1', { username: 'Zhang.Wei', password: 'a-long-password', roles: 'doctor', displayName: '张伟', fhirUser: 'PractitionerRole/prole-001' });
      assert.match(u.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(
        { ...u, id: '', passwordHash: '' },
        {
          id: '', tenant: 't1', username: 'Zhang.Wei', displayName: '张伟', roles: ['doctor'], fhirUser: 'PractitionerRole/prole-001', disabled: false,
          passwordHash: '', demoPassword: false, passwordChangedAt: 1000, totpSecret: null, totpPending: null, totpLastStep: null,
          lock: { failed: 0, lastAttempt: null, lockedUntil: null }, createdAt: 1000, updatedAt: 1000,
        },
      );
      assert.ok(await verifyPassword('a-long-password', u.passwordHash));
    });

    test('usernames are unique per tenant, case-insensitively', async () => {
      await rejectsCode(users.create('t1', { username: 'zhang.wei', password: 'a-long-password', roles: 'nurse', fhirUser: 'Practitioner/p' }), 'username_taken');
      assert.equal((await users.findByUsername('t1', 'ZHANG.WEI'))?.username, 'Zhang.Wei');
      const other = await users.create('t2', { username: 'zhang.wei', password: 'a-long-password', roles: 'admin' });
      assert.equal(other.tenant, 't2');
      assert.equal(await users.findByUsername('t2', 'nobody'), null);
      assert.deepEqual((await users.list('t1')).map((u) => u.username), ['Zhang.Wei']);
    });

    test('invalid input is refused with a stable code', async () => {
      await rejectsCode(users.create('t1', { username: ' bad name', password: 'a-long-password', roles: 'admin' }), 'invalid_username');
      await rejectsCode(users.create('t1', { username: 'x', password: 'a-long-password', roles: 'chef' }), 'invalid_roles');
      await rejectsCode(users.create('t1', { username: 'x', password: 'a-long-password', roles: 'patient', fhirUser: 'Practitioner/1' }), 'invalid_fhir_link');
      await rejectsCode(users.create('t1', { username: 'x', password: 'short', roles: 'admin' }), 'weak_password');
      await rejectsCode(users.create('t1', { username: 'x', password: 'Huiyi-doctor-2026!', roles: 'admin' }), 'weak_password');
    });

    test('lock state, password, TOTP steps and disabling persist', async () => {
      const u = (await users.findByUsername('t1', 'zhang.wei'))!;
      await users.updateLock(u, (s) => ({ ...s, failed: s.failed + 2, lastAttempt: 5, lockedUntil: 99 }));
      assert.deepEqual((await users.findById('t1', u.id))!.lock, { failed: 2, lastAttempt: 5, lockedUntil: 99 });
      await users.setPassword(u, 'another-long-one');
      const after = (await users.findById('t1', u.id))!;
      assert.deepEqual(after.lock, { failed: 0, lastAttempt: null, lockedUntil: null }, 'a new password clears the lock');
      assert.ok(await verifyPassword('another-long-one', after.passwordHash));

      await users.setTotpPending(u, 'JBSWY3DPEHPK3PXP');
      assert.equal(await users.activateTotp(u, 'JBSWY3DPEHPK3PXP', 10), true);
      assert.equal(await users.useTotpStep(u, 10), false, 'step already used');
      assert.equal(await users.useTotpStep(u, 11), true);
      assert.equal(await users.useTotpStep(u, 11), false);
      await users.setDisabled(u, true);
      assert.equal((await users.findById('t1', u.id))!.disabled, true);
    });
  });
}
