import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FhirError } from '../../fhir/errors.js';
import type { Store } from '../../fhir/store/open.js';
import type { Resource } from '../../fhir/types.js';
import { AuditChainer } from './chainer.js';
import { accessEvent, breakGlassEvent, loginEvent, writeEvent, type Actor } from './events.js';
import { doctor, pipelineDatabases, range, readOf } from './pipeline-fixtures.test.js';
import { enqueue } from './queue.js';
import { AuditEventStore } from './search.js';

const T0 = Date.UTC(2024, 2, 1); // 2024-03-01T00:00:00Z
const MIN = 60_000;
const nurse: Actor = { tenant: 's', userId: 'u-wang', username: 'nurse.wang', fhirUser: 'PractitionerRole/prole-002' };
const at = (e: Resource, ms: number): Resource => ({ ...e, recorded: new Date(ms).toISOString() });

// 20 reads (p0..p2 by turns, doctor and nurse by turns, one a minute), a search over p0 and p3,
// two logins, a break-glass on p2, and a create for p1 the next day.
const reads = range(20, 0).map((i) => readOf(`p${i % 3}`, T0 + i * MIN, i % 2 ? nurse : doctor));
const searchEvent = at(
  accessEvent(doctor, {
    interaction: 'search',
    type: 'Observation',
    params: [['code', 'x']],
    resources: ['p0', 'p3'].map((p) => ({ resourceType: 'Observation', id: `s-${p}`, subject: { reference: `Patient/${p}` } })),
  }),
  T0 + 20 * MIN,
);
const logins = [at(loginEvent(doctor, { username: 'dr.li', success: true }), T0 + 21 * MIN), at(loginEvent({ tenant: 's' }, { username: 'eve', success: false }), T0 + 22 * MIN)];
const glass = at(breakGlassEvent(nurse, { patient: 'p2', reason: 'emergency' }), T0 + 23 * MIN);
const created = at(writeEvent(doctor, { action: 'create', resource: { resourceType: 'Observation', id: 'o-w', meta: { versionId: '1' }, subject: { reference: 'Patient/p1' } } }), T0 + 24 * 60 * MIN);
const all = [...reads, searchEvent, ...logins, glass, created];
const newestFirst = [...all].reverse().map((e) => e.id);
const ids = (r: { matches: Resource[] }) => r.matches.map((e) => e.id);
const idsOf = (events: Resource[]) => events.map((e) => e.id);

function rejects400(p: Promise<unknown>, re: RegExp) {
  return assert.rejects(p, (e: unknown) => e instanceof FhirError && e.status === 400 && re.test(e.message));
}

for (const d of pipelineDatabases()) {
  describe(`AuditEvent store on ${d.name}`, () => {
    let store: Store;
    let audit: AuditEventStore;
    let drains = 0;
    const q = (params: [string, string][], opts: { patients?: string[] } = {}) => audit.search('s', params, opts);
    before(async () => {
      store = await d.openPipeline();
      const chainer = new AuditChainer(store.db);
      audit = new AuditEventStore(store.db, { before: () => (drains++, chainer.drain()) });
      await enqueue(store.db, 's', all);
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('everything, newest first, each event once; the queue is drained first', async () => {
      const r = await q([]);
      assert.ok(drains > 0);
      assert.deepEqual(ids(r), newestFirst);
      assert.equal(r.total, all.length);
      assert.equal(r.nextCursor, undefined);
      assert.deepEqual(r.matches[0], JSON.parse(JSON.stringify(created)), 'the event as recorded');
    });

    test('patient: one, a list (or), repeated (and)', async () => {
      const p0 = [...reads.filter((_, i) => i % 3 === 0), searchEvent].reverse();
      assert.deepEqual(ids(await q([['patient', 'p0']])), idsOf(p0));
      assert.deepEqual(ids(await q([['patient', 'Patient/p0']])), idsOf(p0));
      assert.deepEqual(ids(await q([['patient', 'p3,p2']])), idsOf([...reads.filter((_, i) => i % 3 === 2), searchEvent, glass].reverse()));
      assert.deepEqual(ids(await q([['patient', 'p0'], ['patient', 'p3']])), [searchEvent.id]);
    });

    test('agent, subtype, action, entity, _id', async () => {
      assert.deepEqual(ids(await q([['agent', 'PractitionerRole/prole-002']])), idsOf([...reads.filter((_, i) => i % 2), glass].reverse()));
      assert.equal((await q([['subtype', 'read']])).matches.length, 20);
      assert.equal((await q([['subtype', 'http://hl7.org/fhir/restful-interaction|read']])).matches.length, 20);
      assert.equal((await q([['subtype', 'http://example.org/other|read']])).matches.length, 0);
      assert.deepEqual(ids(await q([['subtype', 'http://dicom.nema.org/resources/ontology/DCM|110122']])), idsOf([...logins].reverse()));
      assert.deepEqual(ids(await q([['subtype', 'break-glass,create']])), [created.id, glass.id]);
      assert.deepEqual(ids(await q([['action', 'C']])), [created.id]);
      assert.deepEqual(ids(await q([['entity', 'Observation/obs-p1']])), idsOf(reads.filter((_, i) => i % 3 === 1).reverse()));
      assert.deepEqual(ids(await q([['entity', 'Observation/o-w,Observation/s-p3']])), [created.id, searchEvent.id]);
      assert.deepEqual(ids(await q([['entity', 'Patient/p3']])), [searchEvent.id]);
      assert.deepEqual(ids(await q([['_id', `${glass.id},${logins[0].id}`]])), [glass.id, logins[0].id]);
      assert.deepEqual(ids(await q([['patient', 'p1'], ['agent', 'PractitionerRole/prole-001'], ['action', 'R']])), idsOf([reads[16], reads[10], reads[4]]));
    });

    test('date: eq (any precision), ge/gt/le/lt, and a range', async () => {
      assert.deepEqual(ids(await q([['date', 'ge2024-03-01T00:05:00Z'], ['date', 'lt2024-03-01T00:10:00Z']])), idsOf(reads.slice(5, 10).reverse()));
      assert.deepEqual(ids(await q([['date', '2024-03-02']])), [created.id]);
      assert.deepEqual(ids(await q([['date', 'gt2024-03-01']])), [created.id]);
      assert.deepEqual(ids(await q([['date', 'le2024-03-01T00:00:00Z']])), [reads[0].id]);
      assert.deepEqual(ids(await q([['date', 'lt2024-03-01T00:01:00+00:00']])), [reads[0].id]);
      assert.deepEqual(ids(await q([['date', 'eq2024-03-01T08:03:00+08:00']])), [reads[3].id], 'offsets');
      assert.equal((await q([['date', '2024-03']])).matches.length, all.length);
    });

    test('_count pages with an opaque cursor, in both orders; _total and _count=0 count', async () => {
      for (const sort of ['-date', 'date']) {
        const seen: unknown[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const r = await q([['_count', '4'], ['_sort', sort], ...(cursor ? [['_cursor', cursor] as [string, string]] : [])]);
          assert.ok(r.matches.length <= 4);
          seen.push(...ids(r));
          cursor = r.nextCursor;
          pages++;
        } while (cursor);
        assert.equal(pages, Math.ceil(all.length / 4));
        assert.deepEqual(seen, sort === '-date' ? newestFirst : [...newestFirst].reverse());
      }
      const first = await q([['_count', '4'], ['_total', 'accurate']]);
      assert.equal(first.total, all.length);
      assert.equal((await q([['_count', '4']])).total, undefined, 'not counted unless asked');
      assert.deepEqual(await q([['_count', '0'], ['patient', 'p1']]), { matches: [], total: 8 });
      assert.equal((await q([['_count', '5000']])).matches.length, all.length, 'capped, not refused');
      const page2 = await q([['patient', 'p0'], ['_count', '3'], ['_cursor', first.nextCursor as string]]);
      assert.ok(page2.matches.every((e) => e.recorded && Date.parse(e.recorded as string) < Date.parse(all[all.length - 4].recorded as string)), 'the cursor is a position, any filter');
    });

    test('a patient restriction hides other patients and events without patients', async () => {
      assert.deepEqual(ids(await q([], { patients: ['p1'] })), idsOf([created, ...reads.filter((_, i) => i % 3 === 1).reverse()]));
      assert.deepEqual(ids(await q([['patient', 'p2']], { patients: ['p1'] })), [], 'no event names both');
      assert.deepEqual(ids(await q([['patient', 'p3']], { patients: ['p0'] })), [searchEvent.id]);
      assert.deepEqual(ids(await q([['subtype', '110122']], { patients: ['p0', 'p1', 'p2', 'p3'] })), []);
      assert.deepEqual(await q([], { patients: [] }), { matches: [], total: 0 });
      assert.equal((await q([], { patients: ['p0', 'p3'] })).matches.length, 8, 'the search event once though it names both');
      assert.equal((await audit.read('s', reads[1].id as string, { patients: ['p1'] })).id, reads[1].id);
      for (const hidden of [reads[0], logins[0]]) {
        await assert.rejects(audit.read('s', hidden.id as string, { patients: ['p1'] }), (e: unknown) => e instanceof FhirError && e.status === 404);
      }
      await assert.rejects(audit.read('s', reads[1].id as string, { patients: [] }), (e: unknown) => e instanceof FhirError && e.status === 404);
    });

    test('read returns the event; unknown ids and other tenants give 404', async () => {
      assert.deepEqual(await audit.read('s', glass.id as string), JSON.parse(JSON.stringify(glass)));
      await assert.rejects(audit.read('s', 'nope'), (e: unknown) => e instanceof FhirError && e.status === 404);
      await assert.rejects(audit.read('other', glass.id as string), (e: unknown) => e instanceof FhirError && e.status === 404);
      assert.deepEqual(ids(await audit.search('other', [])), []);
    });

    test('bad parameters give 400 with the parameter named', async () => {
      await rejects400(q([['foo', '1']]), /does not support the parameter "foo"/);
      await rejects400(q([['patient:missing', 'true']]), /patient:missing/);
      await rejects400(q([['date', '2024-13-01']]), /date=2024-13-01.*not a FHIR date/);
      await rejects400(q([['date', 'ap2024']]), /prefix "ap"/);
      await rejects400(q([['_sort', '-_lastUpdated']]), /_sort/);
      await rejects400(q([['_count', '-1']]), /_count/);
      await rejects400(q([['patient', 'Group/1']]), /not a Patient reference/);
      await rejects400(q([['entity', 'nonsense']]), /entity/);
      await rejects400(q([['agent', 'bob']]), /agent/);
      await rejects400(q([['action', 'X']]), /action/);
      await rejects400(q([['_total', 'maybe']]), /_total/);
      await rejects400(q([['_cursor', 'garbage!']]), /_cursor/);
      const next = (await q([['_count', '2']])).nextCursor as string;
      await rejects400(q([['_sort', 'date'], ['_cursor', next]]), /other _sort/);
      // _summary / _elements are the REST layer's business
      assert.equal((await q([['_summary', 'true'], ['_count', '1']])).matches.length, 1);
    });

    test('create queues an external AuditEvent under a new id; invalid ones give 400', async () => {
      const external: Resource = { ...at(loginEvent(nurse, { username: 'nurse.wang', success: true }), T0 + 30 * MIN), id: 'client-chosen' };
      const stored = await audit.create('s', external);
      assert.notEqual(stored.id, 'client-chosen');
      assert.deepEqual(ids(await q([['_id', stored.id as string]])), [stored.id], 'searchable at once');
      assert.deepEqual(await audit.read('s', stored.id as string), stored);
      const { agent: _a, ...noAgent } = external;
      const { source: _s, ...noSource } = external;
      await rejects400(audit.create('s', { resourceType: 'Patient' }), /AuditEvent/);
      await rejects400(audit.create('s', { ...external, recorded: 'yesterday' }), /recorded/);
      await rejects400(audit.create('s', { ...external, recorded: '2024-03-01' }), /recorded/);
      await rejects400(audit.create('s', noAgent), /agent/);
      await rejects400(audit.create('s', { ...noAgent, agent: [] }), /agent/);
      await rejects400(audit.create('s', noSource), /source/);
    });
  });
}
