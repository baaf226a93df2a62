import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../fhir/store/db.js';
import type { Store } from '../../fhir/store/open.js';
import { count, pipelineDatabases, readOf } from './pipeline-fixtures.test.js';
import { AuditJournal } from './journal.js';
import { AuditChainer } from './chainer.js';
import { AuditWriter } from './writer.js';
import { prepareAll } from './queue.js';
import { verify } from './verify.js';

const header = (path: string) => readFileSync(path, 'utf8').split('\n')[0];

for (const d of pipelineDatabases()) {
  describe(`reads' journal chained into ${d.name}`, () => {
    let store: Store;
    let dir: string;
    before(async () => {
      store = await d.openPipeline();
      dir = mkdtempSync(join(tmpdir(), 'huiyi-journal-'));
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    let files = 0;
    const fresh = () => join(dir, `j${++files}`);
    const events = (tenant: string, n: number, from = 0) => prepareAll(tenant, Array.from({ length: n }, (_, i) => readOf(`p${(from + i) % 3}`, 1_700_000_000_000 + from + i)), Date.now());
    const chainedIds = async (tenant: string) =>
      (await store.db.all<{ event_id: string }>('SELECT event_id FROM audit_ledger WHERE tenant = ? ORDER BY seq', [tenant])).map((r) => r.event_id);
    const ids = (es: { index: { columns: unknown[] } }[]) => es.map((e) => e.index.columns[0]);

    test('appended events are chained once, in order, per tenant, with their search columns', async () => {
      const j = new AuditJournal(fresh());
      const a = events('ja', 5);
      const b = events('jb', 3);
      j.append('ja', a.slice(0, 2));
      j.append('jb', b);
      j.append('ja', a.slice(2));
      assert.deepEqual(await j.chain(store.db), { n: 8, tenants: ['ja', 'jb'] });
      assert.deepEqual(await chainedIds('ja'), ids(a));
      assert.deepEqual(await chainedIds('jb'), ids(b));
      assert.deepEqual(await j.chain(store.db), { n: 0, tenants: [] }, 'nothing twice');
      assert.equal(await count(store.db, "SELECT COUNT(*) AS n FROM audit_patient_new WHERE tenant = 'ja'") + (await count(store.db, "SELECT COUNT(*) AS n FROM audit_patient WHERE tenant = 'ja'")), 5);
      const r = await verify(store.db, 'ja');
      assert.deepEqual([r.ok, r.entries], [true, 5]);
      j.close();
    });

    test('at most `max` lines per transaction; a reopened journal goes on from the recorded position', async () => {
      const path = fresh();
      let j = new AuditJournal(path);
      const a = events('jm', 7);
      j.append('jm', a);
      assert.equal((await j.chain(store.db, { max: 3 })).n, 3);
      assert.equal((await j.chain(store.db, { max: 3 })).n, 3);
      j.close(); // a crash or a restart: one line not chained yet
      j = new AuditJournal(path);
      const more = events('jm', 2, 7);
      j.append('jm', more);
      assert.equal((await j.chain(store.db, { max: 100 })).n, 3);
      assert.deepEqual(await chainedIds('jm'), ids([...a, ...more]));
      assert.equal((await verify(store.db, 'jm')).ok, true);
      j.close();
    });

    test('a line torn by a crash is cut off when the journal opens; a torn header starts a new file', async () => {
      const path = fresh();
      let j = new AuditJournal(path);
      const a = events('jt', 2);
      j.append('jt', a);
      j.close();
      appendFileSync(path, '["jt","0190"]\t{"action'); // the process died inside write()
      j = new AuditJournal(path);
      assert.equal(readFileSync(path, 'utf8').endsWith('\n'), true);
      const b = events('jt', 1, 2);
      j.append('jt', b);
      assert.equal((await j.chain(store.db)).n, 3);
      assert.deepEqual(await chainedIds('jt'), ids([...a, ...b]));
      j.close();

      const torn = fresh();
      writeFileSync(torn, '{"huiyi-audit-jou');
      j = new AuditJournal(torn);
      assert.match(header(torn), /^\{"huiyi-audit-journal":"[0-9a-f-]{36}"\}$/);
      j.close();
    });

    test('once everything is chained a large journal starts a new file; the old position is dropped', async () => {
      const path = fresh();
      const j = new AuditJournal(path, { rotateBytes: 2000 });
      const first = header(path);
      j.append('jr', events('jr', 2));
      await j.chain(store.db);
      assert.equal(header(path), first, 'small: kept');
      j.append('jr', events('jr', 6, 2));
      await j.chain(store.db, { max: 4 });
      assert.equal(header(path), first, 'not everything chained yet: kept');
      await j.chain(store.db);
      assert.notEqual(header(path), first, 'rotated');
      assert.equal(statSync(path).size, header(path).length + 1, 'only the new header');
      j.append('jr', events('jr', 1, 8));
      assert.equal((await j.chain(store.db)).n, 1);
      assert.equal(await count(store.db, 'SELECT COUNT(*) AS n FROM audit_journal WHERE journal = ?', [JSON.parse(first)['huiyi-audit-journal']]), 0);
      assert.equal((await count(store.db, "SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = 'jr'")), 9);
      assert.equal((await verify(store.db, 'jr')).ok, true);
      j.close();
    });

    test("a rotated file names the one it replaced; chaining it forgets that position only, not another journal's", async () => {
      // two server nodes on one PostgreSQL database each have a journal of their own
      const [pa, pb] = [fresh(), fresh()];
      const a = new AuditJournal(pa, { rotateBytes: 1 });
      const b = new AuditJournal(pb);
      const idOf = (path: string) => JSON.parse(header(path))['huiyi-audit-journal'] as string;
      const position = (id: string) => count(store.db, 'SELECT COUNT(*) AS n FROM audit_journal WHERE journal = ?', [id]);
      b.append('jn', events('jn', 2));
      await b.chain(store.db);
      const firstA = idOf(pa);
      a.append('jn', events('jn', 2, 2));
      await a.chain(store.db);
      assert.notEqual(idOf(pa), firstA, 'rotated');
      assert.equal(JSON.parse(header(pa)).previous, firstA, 'the new header names the old file');
      assert.equal(await position(firstA), 1, 'kept until the new file is chained');
      a.append('jn', events('jn', 1, 4));
      await a.chain(store.db);
      assert.equal(await position(firstA), 0, "the old file's position is dropped");
      assert.equal(await position(idOf(pb)), 1, "the other journal's position stays");
      b.append('jn', events('jn', 1, 5));
      assert.equal((await b.chain(store.db)).n, 1, 'the other journal chains only its new line');
      assert.deepEqual([(await verify(store.db, 'jn')).ok, (await verify(store.db, 'jn')).entries], [true, 6]);
      a.close();
      b.close();
    });

    test('a syncing journal: calls are answered once an fdatasync after their write is done; callers meanwhile share one', async () => {
      const path = fresh();
      const j = new AuditJournal(path, { sync: true });
      assert.equal(j.syncs, true);
      const plain = new AuditJournal(fresh());
      assert.equal(plain.syncs, false);
      plain.close();
      const first = j.synced();
      const [second, third] = [j.synced(), j.synced()];
      assert.notEqual(first, second, 'a sync that started before a write does not cover it');
      assert.equal(second, third);
      await Promise.all([first, second]);
      // the writer: a phase's calls wait for the sync after its write; a failed sync fails them
      let open!: () => void;
      let fail = false;
      const gate = new Promise<void>((r) => (open = r));
      const synced = j.synced.bind(j);
      j.synced = async () => {
        await gate;
        if (fail) throw new Error('EIO');
        return synced();
      };
      const w = new AuditWriter(store.db, { journal: j });
      const answered: number[] = [];
      const calls = [0, 1, 2].map((i) => w.record('jsy', [readOf('p1', 1_700_000_000_000 + i)]).then(() => answered.push(i)));
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(readFileSync(path, 'utf8').trim().split('\n').length, 4, 'written');
      assert.deepEqual(answered, [], 'not answered before the sync');
      open();
      await Promise.all(calls);
      assert.deepEqual(answered, [0, 1, 2]);
      fail = true;
      await assert.rejects(w.record('jsy', [readOf('p1', 1_700_000_000_009)]), /EIO/);
      await w.close();
      const chainer = new AuditChainer(store.db, { journal: j });
      assert.equal(await chainer.stop(), 4, 'a line whose sync failed is still chained (its caller was told it failed)');
      j.close();
      await assert.rejects(synced(), /closed/);
    });

    test('appends while a chain transaction runs wait for the next; no rotation takes them', async () => {
      const path = fresh();
      const j = new AuditJournal(path, { rotateBytes: 1 });
      j.append('jc', events('jc', 3));
      // a request's read appends while the chain transaction has read its lines and not yet committed
      const db = Object.assign(Object.create(store.db) as Db, {
        tx: <T>(fn: (t: Db) => Promise<T>) => store.db.tx(async (t) => {
          const r = await fn(t);
          j.append('jc', events('jc', 2, 3));
          return r;
        }),
      });
      assert.equal((await j.chain(db)).n, 3);
      assert.ok(statSync(path).size > header(path).length + 1, 'not cut while unchained lines are in it');
      await j.chain(store.db);
      assert.equal(await count(store.db, "SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = 'jc'"), 5);
      assert.equal(statSync(path).size, header(path).length + 1);
      j.close();
    });

    test('a bad line stops the chain there, naming it, and rolls its transaction back', async () => {
      const path = fresh();
      let j = new AuditJournal(path);
      j.append('jb2', events('jb2', 2));
      j.close();
      const at = statSync(path).size;
      appendFileSync(path, '["jb2","not an event"]\t{}\n');
      j = new AuditJournal(path);
      await assert.rejects(j.chain(store.db), new RegExp(`line at byte ${at} is not an audit record`));
      assert.equal(await count(store.db, "SELECT COUNT(*) AS n FROM audit_ledger WHERE tenant = 'jb2'"), 0);
      await assert.rejects(j.chain(store.db, { max: 5 }), /is not an audit record/);
      assert.equal((await j.chain(store.db, { max: 2 })).n, 2, 'the lines before it');
      j.close();
    });

    test('a file that is not a journal, or one cut shorter than its position, is refused', async () => {
      const notJournal = fresh();
      writeFileSync(notJournal, 'hello\nworld\n');
      assert.throws(() => new AuditJournal(notJournal), /does not start with an audit journal header/);
      const path = fresh();
      let j = new AuditJournal(path);
      j.append('jx', events('jx', 3));
      await j.chain(store.db);
      j.close();
      writeFileSync(path, `${header(path)}\n`);
      j = new AuditJournal(path);
      await assert.rejects(j.chain(store.db), /is shorter .* than the position chained up to/);
      j.close();
    });

    test('two servers of one process on one database share its journal; it closes with the last', async () => {
      const path = fresh();
      const a = AuditJournal.open(path, { rotateBytes: 1 });
      const b = AuditJournal.open(path, { rotateBytes: 1 });
      assert.equal(a, b);
      for (let i = 0; i < 6; i++) (i % 2 ? a : b).append('js', events('js', 2, 2 * i));
      assert.equal((await a.chain(store.db, { max: 5 })).n, 5);
      assert.equal((await b.chain(store.db)).n, 7);
      assert.equal(statSync(path).size, header(path).length + 1, 'rotated once all was chained');
      a.close();
      b.append('js', events('js', 1, 12));
      assert.equal((await b.chain(store.db)).n, 1);
      b.close();
      assert.throws(() => b.append('js', events('js', 1, 13)), /closed/);
      const c = AuditJournal.open(path);
      assert.notEqual(c, a, 'a new one after the last close');
      c.close();
      assert.equal((await verify(store.db, 'js')).entries, 13);
    });

    test('the writer appends at once; the chainer chains the journal and, stopping, leaves a new empty file', async () => {
      const path = fresh();
      const j = new AuditJournal(path);
      const first = header(path);
      const w = new AuditWriter(store.db, { journal: j });
      const chainer = new AuditChainer(store.db, { journal: j });
      const reads = Array.from({ length: 40 }, (_, i) => readOf(`p${i % 4}`, 1_700_000_000_000 + i));
      await Promise.all(reads.map((e, i) => w.record(i % 2 ? 'jw1' : 'jw2', [e])));
      assert.equal(readFileSync(path, 'utf8').trim().split('\n').length, 41, 'durable before the call resolves');
      assert.equal(await chainer.drain(), 40);
      w.record('jw1', [readOf('p1', 1_700_000_000_100)]).catch(() => undefined);
      await w.close();
      assert.equal(await chainer.stop(), 1);
      assert.notEqual(header(path), first);
      assert.equal(statSync(path).size, header(path).length + 1);
      assert.deepEqual([(await verify(store.db, 'jw1')).entries, (await verify(store.db, 'jw2')).entries], [21, 20]);
      j.close();
      assert.throws(() => j.append('jw1', prepareAll('jw1', [readOf('p1', 1)], 0)), /closed/);
    });

    test("the writer appends one phase's calls with one write, built then; a call that cannot be built fails alone", async () => {
      const path = fresh();
      const j = new AuditJournal(path);
      const writes: number[] = [];
      const appendLines = j.appendLines.bind(j);
      j.appendLines = (lines: string) => {
        writes.push(lines.split('\n').length - 1);
        appendLines(lines);
      };
      const w = new AuditWriter(store.db, { journal: j });
      let builtAt = 0;
      const calls = Array.from({ length: 30 }, (_, i) =>
        w.recordLater('jb1', () => {
          builtAt = builtAt || writes.length + 1;
          if (i === 7) throw new Error('cannot render');
          const es = events('jb1', 2, 2 * i);
          // an event the journal cannot hold (a raw newline) fails its call only
          return i === 11 ? [{ ...es[0], stored: `${es[0].stored}\n` }] : es;
        }),
      );
      assert.equal(builtAt, 0, 'nothing is built while the phase runs');
      const settled = await Promise.allSettled(calls);
      assert.deepEqual(writes, [56], 'one write for the 28 calls that could be written');
      assert.deepEqual(settled.map((r, i) => [i, r.status]).filter(([, s]) => s === 'rejected').map(([i]) => i), [7, 11]);
      assert.match(String((settled[7] as PromiseRejectedResult).reason), /cannot render/);
      assert.match(String((settled[11] as PromiseRejectedResult).reason), /newline/);
      assert.equal(readFileSync(path, 'utf8').trim().split('\n').length, 57, 'durable when the calls resolve');
      // the next phase writes again; a write that fails rejects every call of its phase and leaves nothing
      const size = statSync(path).size;
      j.appendLines = () => {
        throw new Error('disk full');
      };
      const failed = await Promise.allSettled([w.record('jb1', [readOf('p1', 5)]), w.record('jb2', [readOf('p2', 6)])]);
      assert.deepEqual(failed.map((r) => r.status), ['rejected', 'rejected']);
      assert.equal(statSync(path).size, size);
      j.appendLines = appendLines;
      await w.record('jb1', [readOf('p1', 7)]);
      assert.deepEqual(writes, [56]);
      await w.close();
      const chainer = new AuditChainer(store.db, { journal: j });
      assert.equal(await chainer.stop(), 57);
      assert.deepEqual([(await verify(store.db, 'jb1')).ok, (await verify(store.db, 'jb1')).entries], [true, 57]);
      j.close();
    });
  });
}
