import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import type { Store } from '../../fhir/store/open.js';
import { generateDemoHospital } from '../../demo/generate.js';
import { DEMO_USERS, isDemoPassword } from './demo-users.js';
import { assertNoDemoPasswords, DemoPasswordError, seedDemoUsers } from './demo-seed.js';
import { ROLES, checkFhirLink } from './roles.js';
import { ensureIdentitySchema } from './schema.js';
import { UserStore } from './users.js';
import { verifyPassword } from './password.js';
import { FAST } from './identity.test-helper.js';

test('one demo user per role (named after it) plus the ED triage nurse, each linked to a fitting resource of the demo hospital', () => {
  assert.deepEqual(DEMO_USERS.filter((u) => u.username === u.role).map((u) => u.role), [...ROLES]);
  assert.deepEqual(DEMO_USERS.filter((u) => u.username !== u.role).map((u) => [u.username, u.role]), [['triage', 'nurse']]);
  assert.equal(new Set(DEMO_USERS.map((u) => u.username)).size, DEMO_USERS.length);
  const hospital = new Map(generateDemoHospital({ patients: 1 }).map((r) => [`${r.resourceType}/${r.id}`, r as Record<string, any>]));
  const roleCode = (ref: string) => hospital.get(ref)?.code?.[0]?.coding?.[0]?.code;
  for (const u of DEMO_USERS) {
    assert.equal(checkFhirLink([u.role], u.fhirUser), u.fhirUser);
    assert.match(u.password, /^Huiyi-[a-z]+-2026!$/);
    assert.ok(isDemoPassword(u.password));
    if (u.role === 'device') continue; // the demo hospital has no Device resources yet
    const res = hospital.get(u.fhirUser);
    assert.ok(res, `${u.fhirUser} exists in the demo hospital`);
    const person = res.resourceType === 'Patient' ? res : hospital.get(res.practitioner.reference);
    assert.ok(u.displayName.includes(person?.name?.[0]?.text), `${u.username}: ${u.displayName}`);
  }
  const expected: Record<string, string> = { doctor: 'doctor', nurse: 'nurse', pharmacist: 'pharmacist', technician: 'technician', admin: 'ict' };
  for (const u of DEMO_USERS) if (expected[u.role]) assert.equal(roleCode(u.fhirUser), expected[u.role], u.username);
  // the triage nurse works in the ED (department 20) and her role lists its triage location (the ward policy needs it)
  const triage = hospital.get(DEMO_USERS.find((u) => u.username === 'triage')!.fhirUser)!;
  assert.equal(triage.organization.reference, 'Organization/dept-20');
  const triageLocation = hospital.get('Location/er-triage');
  assert.ok(triageLocation?.type.some((t: any) => t.coding[0].code === 'triage'), 'er-triage is marked as the triage location');
  assert.ok(triage.location.some((l: { reference: string }) => l.reference === 'Location/er-triage'));
  assert.equal(isDemoPassword('Huiyi-doctor-2027!'), false);
});

for (const d of testDatabases()) {
  describe(`demo users on ${d.name}`, () => {
    let store: Store;
    before(async () => {
      store = await d.open();
      await ensureIdentitySchema(store.db);
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('no demo passwords in an empty database', async () => {
      await assertNoDemoPasswords(store.db);
    });

    test('seeding is idempotent and keeps changed passwords', async () => {
      assert.equal(await seedDemoUsers(store.db, 'demo', { hash: FAST }), DEMO_USERS.length);
      const users = new UserStore(store.db, { hash: FAST });
      const doctor = (await users.findByUsername('demo', 'doctor'))!;
      assert.ok(await verifyPassword('Huiyi-doctor-2026!', doctor.passwordHash));
      assert.deepEqual(doctor.roles, ['doctor']);
      await users.setPassword(doctor, 'my-own-long-password');
      assert.equal(await seedDemoUsers(store.db, 'demo', { hash: FAST }), 0);
      assert.ok(await verifyPassword('my-own-long-password', (await users.findByUsername('demo', 'doctor'))!.passwordHash));
      assert.equal((await users.list('demo')).length, DEMO_USERS.length);
    });

    test('assertNoDemoPasswords lists the active accounts with demo passwords', async () => {
      const err = await assertNoDemoPasswords(store.db).then(() => null, (e: unknown) => e);
      assert.ok(err instanceof DemoPasswordError);
      const names = err.accounts.map((a) => a.username);
      assert.equal(names.length, DEMO_USERS.length - 1, 'the doctor changed theirs');
      assert.ok(!names.includes('doctor') && names.includes('admin'));
      assert.match(err.message, /nurse \(tenant demo\)/);

      const users = new UserStore(store.db, { hash: FAST });
      for (const u of await users.list('demo')) {
        if (u.username === 'nurse') await users.setDisabled(u, true);
        else if (u.demoPassword) await users.setPassword(u, `${u.username}-own-password`);
      }
      await assertNoDemoPasswords(store.db);
    });
  });
}
