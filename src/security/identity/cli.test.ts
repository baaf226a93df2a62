import { describe, test, after, before, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../fhir/store/open.js';
import { userAddCommand, userDisableCommand, userEnableCommand, userListCommand, userResetPasswordCommand } from './cli.js';
import { IdentityService } from './service.js';
import { verifyPassword } from './password.js';

describe('huiyi user … on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-cli-'));
  const db = `sqlite:${join(dir, 'cli.db')}`;
  const saved = process.env.HUIYI_TENANT;
  before(() => {
    process.env.HUIYI_TENANT = 'cli-test';
  });
  after(() => {
    if (saved === undefined) delete process.env.HUIYI_TENANT;
    else process.env.HUIYI_TENANT = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const printed = (t: TestContext) => {
    const log = t.mock.method(console, 'log', () => undefined);
    return () => log.mock.calls.map((c) => String(c.arguments[0])).join('\n');
  };

  async function withService<T>(fn: (s: IdentityService) => Promise<T>): Promise<T> {
    const store = await openStore(db);
    try {
      return await fn(new IdentityService({ db: store.db }));
    } finally {
      await store.close();
    }
  }

  test('add generates and prints a strong password when none is given', async (t) => {
    const out = printed(t);
    const { user, password } = await userAddCommand('Wang.Fang', { db, role: 'nurse', name: '王芳', fhir: 'PractitionerRole/prole-004' });
    assert.equal(user.tenant, 'cli-test');
    assert.match(out(), new RegExp(`password: ${password}`));
    assert.ok(await verifyPassword(password, user.passwordHash));
    await assert.rejects(userAddCommand('wang.fang', { db, role: 'nurse', fhir: 'Practitioner/x' }), /already exists/);
    await assert.rejects(userAddCommand('bad', { db, role: 'patient', fhir: 'Practitioner/x' }), /expected Patient or RelatedPerson/);
    await assert.rejects(userAddCommand('short', { db, role: 'admin', password: 'short' }), /at least 10/);
  });

  test('add with a given password does not print it; admins are told about TOTP', async (t) => {
    const out = printed(t);
    await userAddCommand('root', { db, role: 'admin', password: 'given-long-password' });
    assert.doesNotMatch(out(), /given-long-password/);
    assert.match(out(), /authenticator/);
  });

  test('list shows every user of the tenant', async (t) => {
    const out = printed(t);
    const users = await userListCommand({ db });
    assert.deepEqual(users.map((u) => u.username), ['root', 'Wang.Fang']);
    assert.match(out(), /^USERNAME\s+ROLES\s+STATUS\s+TOTP\s+FHIR\s+NAME$/m);
    assert.match(out(), /^Wang\.Fang\s+nurse\s+active\s+no\s+PractitionerRole\/prole-004\s+王芳$/m);
  });

  test('disable ends sessions and blocks login; enable restores it', async (t) => {
    printed(t);
    const sid = await withService(async (s) => (await s.sessions.create('cli-test', (await s.users.findByUsername('cli-test', 'root'))!.id)).id);
    await userDisableCommand('ROOT', { db });
    await withService(async (s) => {
      assert.equal(await s.sessions.resolve(sid), null);
      assert.equal((await s.users.findByUsername('cli-test', 'root'))!.disabled, true);
    });
    await userEnableCommand('root', { db });
    await withService(async (s) => assert.equal((await s.users.findByUsername('cli-test', 'root'))!.disabled, false));
    await assert.rejects(userDisableCommand('ghost', { db }), /no user "ghost"/);
  });

  test('reset-password prints the new password and revokes sessions', async (t) => {
    const out = printed(t);
    const sid = await withService(async (s) => (await s.sessions.create('cli-test', (await s.users.findByUsername('cli-test', 'wang.fang'))!.id)).id);
    const password = await userResetPasswordCommand('wang.fang', { db });
    assert.match(out(), new RegExp(`password: ${password}`));
    await withService(async (s) => {
      assert.equal(await s.sessions.resolve(sid), null);
      assert.ok(await verifyPassword(password, (await s.users.findByUsername('cli-test', 'wang.fang'))!.passwordHash));
    });
    await assert.rejects(userResetPasswordCommand('wang.fang', { db, password: 'Huiyi-nurse-2026!' }), /Demo passwords/);
  });
});
