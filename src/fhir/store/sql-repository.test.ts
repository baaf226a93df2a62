import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import type { Store } from './open.js';
import { FhirError } from '../errors.js';
import type { ChangeEvent } from '../events/bus.js';

const ctx = { tenant: 't1' };
const other = { tenant: 't2' };

async function rejectsWith(p: Promise<unknown>, status: number) {
  await assert.rejects(p, (e: unknown) => e instanceof FhirError && e.status === status);
}

for (const d of testDatabases()) {
  describe(`repository on ${d.name}`, () => {
    let store: Store;
    const events: ChangeEvent[] = [];
    before(async () => {
      store = await d.open();
      store.bus.subscribe((e) => void events.push(e));
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('create assigns id, version 1 and lastUpdated; read returns it', async () => {
      const r = await store.repo.create(ctx, { resourceType: 'Patient', id: 'ignored', name: [{ family: '王' }] });
      assert.equal(r.created, true);
      assert.notEqual(r.resource.id, 'ignored');
      assert.match(r.resource.id as string, /^[0-9a-f-]{36}$/);
      assert.equal(r.resource.meta?.versionId, '1');
      assert.ok(!Number.isNaN(Date.parse(r.resource.meta?.lastUpdated as string)));
      const read = await store.repo.read(ctx, 'Patient', r.resource.id as string);
      assert.deepEqual(read, r.resource);
      assert.equal(events.at(-1)?.action, 'create');
    });

    test('update keeps every version; vread reads old ones; history lists newest first', async () => {
      const v1 = await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-hist', gender: 'male' });
      assert.equal(v1.created, true);
      const v2 = await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-hist', gender: 'female', meta: { versionId: '99' } });
      assert.equal(v2.created, false);
      assert.equal(v2.resource.meta?.versionId, '2');
      assert.equal((await store.repo.vread(ctx, 'Patient', 'p-hist', '1')).gender, 'male');
      assert.equal((await store.repo.read(ctx, 'Patient', 'p-hist')).gender, 'female');
      await rejectsWith(store.repo.vread(ctx, 'Patient', 'p-hist', '3'), 404);
      await rejectsWith(store.repo.vread(ctx, 'Patient', 'p-hist', 'abc'), 404);
      const h = await store.repo.history(ctx, { type: 'Patient', id: 'p-hist' });
      assert.deepEqual(h.entries.map((e) => [e.versionId, e.method]), [['2', 'PUT'], ['1', 'POST']]);
      assert.equal(h.total, 2);
    });

    test('an update with unchanged content keeps the version (no-op)', async () => {
      const a = await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-noop', gender: 'male' });
      const b = await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-noop', gender: 'male', meta: { versionId: '5' } });
      assert.equal(b.unchanged, true);
      assert.equal(b.resource.meta?.versionId, '1');
      assert.equal(b.resource.meta?.lastUpdated, a.resource.meta?.lastUpdated);
      const c = await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-noop', gender: 'female' });
      assert.equal(c.resource.meta?.versionId, '2');
    });

    test('If-Match: matching version applies, stale version is 412', async () => {
      await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-match' });
      await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-match', active: true }, { ifMatch: '1' });
      await rejectsWith(store.repo.update(ctx, { resourceType: 'Patient', id: 'p-match', active: false }, { ifMatch: '1' }), 412);
      await rejectsWith(store.repo.update(ctx, { resourceType: 'Patient', id: 'p-none' }, { ifMatch: '1' }), 412);
    });

    test('delete is logical: 410 on read, history keeps it, re-create by update', async () => {
      await store.repo.update(ctx, { resourceType: 'Observation', id: 'o-del', status: 'final', code: { text: 'x' } });
      const d1 = await store.repo.delete(ctx, 'Observation', 'o-del');
      assert.equal(d1?.resource.meta?.versionId, '2');
      await rejectsWith(store.repo.read(ctx, 'Observation', 'o-del'), 410);
      const again = await store.repo.delete(ctx, 'Observation', 'o-del');
      assert.equal(again?.unchanged, true);
      assert.equal(await store.repo.delete(ctx, 'Observation', 'never-was'), null);
      const h = await store.repo.history(ctx, { type: 'Observation', id: 'o-del' });
      assert.deepEqual(h.entries.map((e) => e.method), ['DELETE', 'POST']);
      assert.equal(h.entries[0].resource, undefined);
      const back = await store.repo.update(ctx, { resourceType: 'Observation', id: 'o-del', status: 'final', code: { text: 'y' } });
      assert.equal(back.created, true);
      assert.equal(back.resource.meta?.versionId, '3');
    });

    test('JSON Patch applies, and bad patches are 4xx without a write', async () => {
      await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-patch', active: false });
      const r = await store.repo.patch(ctx, 'Patient', 'p-patch', [{ op: 'replace', path: '/active', value: true }]);
      assert.equal(r.resource.active, true);
      assert.equal(r.resource.meta?.versionId, '2');
      await rejectsWith(store.repo.patch(ctx, 'Patient', 'p-patch', [{ op: 'replace', path: '/nope/deep', value: 1 }]), 422);
      await rejectsWith(store.repo.patch(ctx, 'Patient', 'p-patch', [{ op: 'replace', path: '/id', value: 'other' }]), 422);
      await rejectsWith(store.repo.patch(ctx, 'Patient', 'p-patch', []), 400);
      await rejectsWith(store.repo.patch(ctx, 'Patient', 'p-patch', [{ op: 'test', path: '/active', value: false }]), 422);
      await rejectsWith(store.repo.patch(ctx, 'Patient', 'p-missing', [{ op: 'add', path: '/active', value: true }]), 404);
      assert.equal((await store.repo.read(ctx, 'Patient', 'p-patch')).meta?.versionId, '2');
    });

    test('bad input is a FhirError, never a write', async () => {
      await rejectsWith(store.repo.create(ctx, { resourceType: 'NotAType' }), 404);
      await rejectsWith(store.repo.update(ctx, { resourceType: 'Patient', id: 'bad id!' }), 400);
      await rejectsWith(store.repo.update(ctx, { resourceType: 'Patient', id: 'x'.repeat(65) }), 400);
      await rejectsWith(store.repo.create(ctx, { resourceType: 'Patient', meta: [] as never }), 400);
      await rejectsWith(store.repo.read(ctx, 'Patient', "1' OR '1'='1"), 404);
    });

    test('tenants never see each other', async () => {
      await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-tenant', gender: 'male' });
      await rejectsWith(store.repo.read(other, 'Patient', 'p-tenant'), 404);
      await store.repo.update(other, { resourceType: 'Patient', id: 'p-tenant', gender: 'female' });
      assert.equal((await store.repo.read(ctx, 'Patient', 'p-tenant')).gender, 'male');
      const s = await store.repo.search(other, { types: ['Patient'], params: [['gender', 'male']] });
      assert.equal(s.matches.length, 0);
      const h = await store.repo.history(other, {});
      assert.ok(h.entries.every((e) => e.id === 'p-tenant'));
    });

    test('50 parallel If-Match updates of one resource: each applies or gets 412, none lost', async () => {
      await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-race', active: true });
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          store.repo.update(ctx, { resourceType: 'Patient', id: 'p-race', active: i % 2 === 0, birthDate: '2000-01-01' }, { ifMatch: '1' }),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      assert.equal(ok.length, 1, 'exactly one update of version 1 wins');
      assert.ok(failed.every((f) => f.reason instanceof FhirError && f.reason.status === 412));
      assert.equal((await store.repo.read(ctx, 'Patient', 'p-race')).meta?.versionId, '2');
      // without If-Match every concurrent update lands as its own version
      const n = 50;
      await Promise.all(Array.from({ length: n }, (_, i) => store.repo.update(ctx, { resourceType: 'Patient', id: 'p-race', multipleBirthInteger: i })));
      const h = await store.repo.history(ctx, { type: 'Patient', id: 'p-race', count: 200 });
      assert.equal(h.entries.length, 2 + n);
      assert.deepEqual(h.entries.map((e) => Number(e.versionId)), Array.from({ length: 2 + n }, (_, i) => 2 + n - i));
    });

    test('concurrent transactions: a failing one rolls back alone (group commit isolation)', async () => {
      const rs = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          i % 2
            ? store.repo.inTransaction(async (tx) => {
                await tx.update(ctx, { resourceType: 'Patient', id: `gc${i}` });
                throw new Error('boom');
              })
            : store.repo.update(ctx, { resourceType: 'Patient', id: `gc${i}` }),
        ),
      );
      rs.forEach((r, i) => assert.equal(r.status, i % 2 ? 'rejected' : 'fulfilled', `gc${i}`));
      for (let i = 0; i < 20; i++) {
        if (i % 2) await rejectsWith(store.repo.read(ctx, 'Patient', `gc${i}`), 404);
        else assert.equal((await store.repo.read(ctx, 'Patient', `gc${i}`)).id, `gc${i}`);
      }
    });

    test('concurrent update-as-create of one new id creates it once', async () => {
      const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => store.repo.update(ctx, { resourceType: 'Patient', id: 'p-new-race', multipleBirthInteger: i })));
      assert.equal(rs.filter((r) => r.created).length, 1);
      assert.equal((await store.repo.read(ctx, 'Patient', 'p-new-race')).meta?.versionId, '10');
    });

    test('history: _since, _at, paging with a cursor', async () => {
      const t = { tenant: 't-history' };
      for (let i = 0; i < 5; i++) await store.repo.update(t, { resourceType: 'Patient', id: `h${i}` });
      await new Promise((r) => setTimeout(r, 5));
      const mid = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      await store.repo.update(t, { resourceType: 'Patient', id: 'h0', active: true });
      const since = await store.repo.history(t, { since: mid });
      assert.deepEqual(since.entries.map((e) => `${e.id}/${e.versionId}`), ['h0/2']);
      const at = await store.repo.history(t, { at: mid, type: 'Patient', id: 'h0' });
      assert.deepEqual(at.entries.map((e) => e.versionId), ['1']);
      const p1 = await store.repo.history(t, { count: 4 });
      assert.equal(p1.entries.length, 4);
      assert.ok(p1.nextCursor);
      const p2 = await store.repo.history(t, { count: 4, cursor: p1.nextCursor });
      assert.equal(p2.entries.length, 2);
      assert.equal(p2.nextCursor, undefined);
      await rejectsWith(store.repo.history(t, { since: 'yesterday' }), 400);
    });
  });
}
