import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../fhir/store/db.js';
import type { Store } from '../../fhir/store/open.js';
import type { Resource } from '../../fhir/types.js';
import { AuditChainer } from './chainer.js';
import { AuditEventStore } from './search.js';
import { accessEvent, loginEvent, patientsOf } from './events.js';
import { tempKeys } from './fixtures.test.js';
import { count, doctor, pipelineDatabases, range, readOf, seqs } from './pipeline-fixtures.test.js';
import { enqueue } from './queue.js';
import { ensureAuditSchema } from './schema.js';
import { verify } from './verify.js';
import { expandText } from './compact.js';
import { mergePatientPostings } from './patient-postings.js';

/** reads of one patient, searches over two, logins naming none */
function mixed(n: number): Resource[] {
  return range(n, 0).map((i) => {
    if (i % 10 === 3) return loginEvent(doctor, { username: 'dr.li', success: true });
    if (i % 10 === 7) {
      const resources = [`a${i % 4}`, `b${i % 3}`].map((p) => ({ resourceType: 'Observation', id: `o-${p}`, subject: { reference: `Patient/${p}` } }));
      return accessEvent(doctor, { interaction: 'search', type: 'Observation', params: [['code', 'x']], resources });
    }
    return readOf(`p${i % 6}`, Date.UTC(2024, 0, 1) + i * 1000);
  });
}

async function ledgerIds(db: Db, tenant: string): Promise<string[]> {
  return (await db.all<{ event: string }>('SELECT event FROM audit_ledger WHERE tenant = ? ORDER BY seq', [tenant])).map((r) => JSON.parse(expandText(r.event)).id as string);
}

/** the whole pipeline's invariants for a tenant after draining */
async function assertChained(db: Db, tenant: string, events: readonly Resource[]): Promise<void> {
  const v = await verify(db, tenant);
  assert.equal(v.ok, true, v.firstBad?.reason);
  assert.deepEqual(await seqs(db, tenant), range(events.length), 'seq gapless from 1');
  const ids = await ledgerIds(db, tenant);
  assert.equal(new Set(ids).size, ids.length, 'no event chained twice');
  assert.deepEqual(new Set(ids), new Set(events.map((e) => e.id)));
  assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM audit_queue WHERE tenant = ?', [tenant]), 0, 'queue empty');
  const rows = events.reduce((s, e) => s + patientsOf(e).length, 0);
  assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM audit_patient_new WHERE tenant = ?', [tenant]) + await count(db, 'SELECT COUNT(*) AS n FROM audit_patient WHERE tenant = ?', [tenant]), rows, 'one posting per (event, patient), staged or merged');
  await mergePatientPostings(db);
  assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM audit_patient_new WHERE tenant = ?', [tenant]), 0, 'merged');
  assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM audit_patient WHERE tenant = ?', [tenant]), rows, 'one audit_patient row per (event, patient)');
  assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = ? AND event_id IS NOT NULL', [tenant]), events.length, 'every entry has its search columns');
}

for (const d of pipelineDatabases()) {
  describe(`audit chainer on ${d.name}`, () => {
    let store: Store;
    const { dir, keys } = tempKeys();
    before(async () => {
      store = await d.openPipeline();
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the schema helper is idempotent', async () => {
      assert.equal(await ensureAuditSchema(store.db), false);
    });

    test('drain moves the queue, oldest first, into the chains and the index', async () => {
      const big = mixed(1234);
      const small = mixed(3);
      for (let i = 0; i < big.length; i += 300) await enqueue(store.db, 'dr-a', big.slice(i, i + 300));
      await enqueue(store.db, 'dr-b', small);
      const chainer = new AuditChainer(store.db, { batch: 500, alg: 'sm3' });
      assert.equal(await chainer.drain(), 1237);
      await assertChained(store.db, 'dr-a', big);
      await assertChained(store.db, 'dr-b', small);
      assert.deepEqual(await ledgerIds(store.db, 'dr-a'), big.map((e) => e.id), 'queue order');
      const row = await store.db.get<Record<string, unknown>>('SELECT event_id, recorded, agent, subtype, action, patients FROM audit_ledger WHERE tenant = ? AND seq = 1', ['dr-a']);
      assert.deepEqual({ ...row, recorded: Number(row?.recorded), patients: Number(row?.patients) }, {
        event_id: big[0].id, recorded: Date.UTC(2024, 0, 1), agent: 'PractitionerRole/prole-001', subtype: 'read', action: 'R', patients: 1,
      });
      const posting = await store.db.get<Record<string, unknown>>('SELECT patient_id, recorded FROM audit_patient WHERE tenant = ? AND seq = 1', ['dr-a']);
      assert.deepEqual({ ...posting, recorded: Number(posting?.recorded) }, { patient_id: 'p0', recorded: Date.UTC(2024, 0, 1) });
      const login = await store.db.get<{ patients: number; subtype: string }>('SELECT patients, subtype FROM audit_ledger WHERE tenant = ? AND event_id = ?', ['dr-a', big[3].id as string]);
      assert.deepEqual({ patients: Number(login?.patients), subtype: login?.subtype }, { patients: 0, subtype: '110122' });
      assert.equal(await chainer.drain(), 0);
    });

    test('queue rows without their index (queued before v9, or a mangled meta) are parsed and chained alike', async () => {
      const events = [readOf('qm-1', Date.UTC(2024, 1, 1)), loginEvent(doctor, { username: 'dr.li', success: true }), readOf('qm-2', Date.UTC(2024, 1, 2))];
      await enqueue(store.db, 'qm', events);
      await store.db.run("UPDATE audit_queue SET meta = NULL WHERE tenant = ? AND event LIKE '%qm-1%'", ['qm']);
      await store.db.run("UPDATE audit_queue SET meta = '[1,2]' WHERE tenant = ? AND event LIKE '%qm-2%'", ['qm']);
      assert.equal(await new AuditChainer(store.db).drain(), 3);
      await assertChained(store.db, 'qm', events);
      const rows = await store.db.all<{ event_id: string; recorded: number; agent: string; patients: number }>('SELECT event_id, recorded, agent, patients FROM audit_ledger WHERE tenant = ? ORDER BY seq', ['qm']);
      assert.deepEqual(rows.map((r) => [r.event_id, Number(r.recorded), r.agent, Number(r.patients)]), [
        [events[0].id, Date.UTC(2024, 1, 1), 'PractitionerRole/prole-001', 1],
        [events[1].id, Date.parse(events[1].recorded as string), 'PractitionerRole/prole-001', 0],
        [events[2].id, Date.UTC(2024, 1, 2), 'PractitionerRole/prole-001', 1],
      ]);
    });

    test('entries chained before the ledger had search columns are filled in once, then found', async () => {
      const old = [readOf('bf-1', 1), readOf('bf-2', 2), readOf('bf-1', 3)];
      await enqueue(store.db, 'bf', old);
      await new AuditChainer(store.db).drain();
      // as a database migrated from v7 leaves them
      await store.db.run('UPDATE audit_ledger SET event_id = NULL, recorded = NULL, agent = NULL, subtype = NULL, action = NULL, patients = NULL WHERE tenant = ?', ['bf']);
      await store.db.run('DELETE FROM audit_patient WHERE tenant = ?', ['bf']);
      await store.db.run('DELETE FROM audit_patient_new WHERE tenant = ?', ['bf']);
      const chainer = new AuditChainer(store.db);
      const events = new AuditEventStore(store.db, { before: () => chainer.drain() });
      const found = await events.search('bf', [['patient', 'Patient/bf-1']]);
      assert.deepEqual(found.matches.map((e) => e.id), [old[2].id, old[0].id]);
      assert.equal((await events.read('bf', old[1].id as string, { patients: ['bf-2'] })).id, old[1].id);
      await assertChained(store.db, 'bf', old);
    });

    test('an event queued in a transaction that rolls back leaves nothing', async () => {
      const lost = readOf('p1', 1);
      const kept = readOf('p1', 2);
      await assert.rejects(
        store.db.tx(async (t) => {
          await t.run('INSERT INTO resources (tenant, type, id, version, last_updated) VALUES (?, ?, ?, 1, 0)', ['rb', 'Patient', 'lost']);
          await enqueue(t, 'rb', [lost]);
          throw new Error('write failed');
        }),
        /write failed/,
      );
      await store.db.tx((t) => enqueue(t, 'rb', [kept]));
      assert.equal(await count(store.db, 'SELECT COUNT(*) AS n FROM audit_queue WHERE tenant = ?', ['rb']), 1);
      await new AuditChainer(store.db).drain();
      assert.deepEqual(await ledgerIds(store.db, 'rb'), [kept.id]);
      await assert.rejects(enqueue(store.db, 'rb', [{ resourceType: 'Patient' }]), /AuditEvent/);
    });

    test('two chainers (two nodes on PostgreSQL) drain concurrently with producers: no duplicates, no gaps', async () => {
      const other = d.name === 'postgres' ? await d.open() : store;
      try {
        const a = new AuditChainer(store.db, { batch: 40 });
        const b = new AuditChainer(other.db, { batch: 40 });
        const produced: Record<string, Resource[]> = { 'cc-1': [], 'cc-2': [] };
        let producing = true;
        let chained = 0;
        const byNode = new Map<AuditChainer, number>();
        const producer = (async () => {
          for (let i = 0; i < 25; i++) {
            for (const tenant of Object.keys(produced)) {
              const batch = mixed(17);
              await store.db.tx((t) => enqueue(t, tenant, batch));
              produced[tenant].push(...batch);
            }
            await sleep(1);
          }
          producing = false;
        })();
        const loop = async (c: AuditChainer) => {
          // yield between drains: on SQLite an empty drain never leaves the microtask queue
          // not `chained += await …`: that reads chained before the await
          const add = (n: number) => {
            chained += n;
            byNode.set(c, (byNode.get(c) ?? 0) + n);
          };
          for (; producing; await sleep(0)) add(await c.drain());
          add(await c.drain());
        };
        await Promise.all([producer, loop(a), loop(b), loop(a)]);
        const last = await a.drain();
        assert.equal(chained + last, 25 * 17 * 2);
        if (d.name === 'postgres') assert.ok((byNode.get(a) ?? 0) > 0 && (byNode.get(b) ?? 0) > 0, 'both nodes chained');
        for (const [tenant, events] of Object.entries(produced)) await assertChained(store.db, tenant, events);
      } finally {
        if (other !== store) await other.close();
      }
    });

    test('drain calls of one chainer never overlap; calls during a drain share the next one', async () => {
      let active = 0;
      let peak = 0;
      const db: Db = Object.assign(Object.create(store.db) as Db, {
        tx: async <T>(fn: (t: Db) => Promise<T>): Promise<T> => {
          peak = Math.max(peak, ++active);
          try {
            return await store.db.tx(fn);
          } finally {
            active--;
          }
        },
      });
      const events = mixed(300);
      await enqueue(store.db, 'ser', events);
      const c = new AuditChainer(db, { batch: 50 });
      const results = await Promise.all([c.drain(), c.drain(), c.drain(), c.drain()]);
      assert.equal(peak, 1);
      assert.equal(results[0], 300);
      assert.deepEqual(results.slice(1), [0, 0, 0]);
      await assertChained(store.db, 'ser', events);
    });

    test('seals when due and sends checkpoints to the witness; a failed export is reported', async () => {
      const witness = join(dir, 'witness.jsonl');
      const errors: unknown[] = [];
      const c = new AuditChainer(store.db, { signer: keys, seal: { every: 10, seconds: 3600 }, witness, onError: (e) => errors.push(e) });
      await enqueue(store.db, 'seal', mixed(25));
      await c.drain();
      await enqueue(store.db, 'seal', mixed(5));
      await c.drain();
      await enqueue(store.db, 'seal', mixed(5));
      await c.drain();
      const lines = readFileSync(witness, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.filter((l) => l.tenant === 'seal').map((l) => l.treeSize), [25, 35]);
      const v = await verify(store.db, 'seal', { keys: keys.publicKeys(), witness: lines });
      assert.deepEqual([v.ok, v.checkpoints, v.witnessed], [true, 2, 2]);
      assert.equal(errors.length, 0, String(errors[0]));

      const bad = new AuditChainer(store.db, { signer: keys, seal: { every: 1 }, witness: 'http://127.0.0.1:1/witness', onError: (e) => errors.push(e) });
      await enqueue(store.db, 'seal', mixed(1));
      await bad.drain();
      assert.match(String(errors[0]), /witness http:\/\/127\.0\.0\.1:1\/witness/);
    });

    test('start drains in the background; stop drains the rest', async () => {
      const c = new AuditChainer(store.db, { intervalMs: 60_000 });
      c.start();
      await enqueue(store.db, 'bg', mixed(5));
      await c.drain();
      assert.equal((await seqs(store.db, 'bg')).length, 5);
      await enqueue(store.db, 'bg', mixed(3));
      assert.equal(await c.stop(), 3);

      const timed = new AuditChainer(store.db, { intervalMs: 20 });
      timed.start();
      await enqueue(store.db, 'bg', mixed(4));
      for (let i = 0; i < 500 && (await seqs(store.db, 'bg')).length < 12; i++) await sleep(10);
      assert.equal(await timed.stop(), 0, 'the interval drained it');
      assert.equal((await verify(store.db, 'bg')).entries, 12);
    });

    test("a row that is not an AuditEvent stops its tenant's chaining only, loudly", async () => {
      await store.db.run('INSERT INTO audit_queue (tenant, created, event) VALUES (?, ?, ?)', ['poison', 0, '{"resourceType":"Patient"}']);
      const good = mixed(4);
      await enqueue(store.db, 'fine', good);
      const c = new AuditChainer(store.db);
      await assert.rejects(c.drain(), /audit_queue row \d+ \(tenant poison\) is not an AuditEvent/);
      await assertChained(store.db, 'fine', good);
      await store.db.run('DELETE FROM audit_queue WHERE tenant = ?', ['poison']);
      assert.equal(await c.drain(), 0);
    });
  });
}
