// Encounters over HTTP on both databases: the outpatient status flow, admission to a bed (one bed, one patient, even
// when two admissions race), transfer, discharge, the doctors' and nurses' lists, and every refusal (4xx, nothing written).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../../test/support/databases.js';
import { testApp } from '../../../../test/support/app.js';
import { asRole, buildWorld, type Res, type World } from '../../../../test/security/fixtures.js';
import type { Store } from '../../../fhir/store/open.js';
import type { Resource } from '../../../fhir/types.js';
import { TRANSITIONS } from './codes.js';
import { dayBounds, offsetText } from './lists.js';
import { moveStatus } from './encounter.js';
import { admit } from './stays.js';
import { clinician } from './me.js';
import { processBundle } from '../../../fhir/bundle/process.js';

const body = (r: Res) => JSON.parse(r.body) as Record<string, any>;
const outcome = (r: Res) => body(r).issue?.[0] as { severity: string; code: string; diagnostics: string; expression?: string[] };
const PT = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
const BED = 'http://terminology.hl7.org/CodeSystem/v2-0116';
const loc = (id: string, type: 'ro' | 'bd', parent: string, extra: Record<string, unknown> = {}): Resource => ({
  resourceType: 'Location', id, status: 'active', name: id, physicalType: { coding: [{ system: PT, code: type }] },
  partOf: { reference: `Location/${parent}` }, ...(type === 'bd' ? { operationalStatus: { system: BED, code: 'U', display: 'Unoccupied' } } : {}), ...extra,
});

// ward-a (the nurse's) gets two rooms with beds; ward-b one room; ward-a also gets its physical type
const PLACES: Resource[] = [
  { resourceType: 'Location', id: 'ward-a', name: 'Ward A', physicalType: { coding: [{ system: PT, code: 'wa' }] }, managingOrganization: { reference: 'Organization/dept-a' } },
  { resourceType: 'Location', id: 'ward-b', name: 'Ward B', physicalType: { coding: [{ system: PT, code: 'wa' }] } },
  loc('room-a1', 'ro', 'ward-a'), loc('room-a2', 'ro', 'ward-a'), loc('room-b1', 'ro', 'ward-b'),
  loc('bed-a1', 'bd', 'room-a1'), loc('bed-a2', 'bd', 'room-a1'), loc('bed-a3', 'bd', 'room-a2'),
  loc('bed-a4', 'bd', 'room-a2', { operationalStatus: { system: BED, code: 'C', display: 'Closed' }, status: 'suspended' }),
  loc('bed-b1', 'bd', 'room-b1'), loc('bed-b2', 'bd', 'room-b1'),
  // p6 waits on ward A (an emergency encounter there) for a bed: the nurse sees them
  {
    resourceType: 'Encounter', id: 'enc-wait', status: 'arrived', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER' },
    subject: { reference: 'Patient/pat-p6' }, location: [{ location: { reference: 'Location/ward-a' } }],
  },
  ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id): Resource => ({ resourceType: 'Patient', id: `pat-${id}`, name: [{ use: 'official', text: `患者${id}` }] })),
];

describe('encounter rules (data)', () => {
  test('the outpatient flow: registered → in consultation → finished; nothing after a final status', () => {
    const out = TRANSITIONS.outpatient;
    assert.deepEqual(out.arrived?.includes('in-progress'), true);
    assert.deepEqual(out['in-progress'], ['finished']);
    assert.equal(out.finished, undefined);
    assert.equal(out.cancelled, undefined);
    assert.ok(!TRANSITIONS.inpatient['in-progress']?.includes('finished'), 'a stay finishes only by discharge');
  });

  test('statusHistory keeps the whole trail with periods; demo encounters without one get their past status', () => {
    const e: Resource = { resourceType: 'Encounter', status: 'arrived', period: { start: '2026-01-01T08:00:00Z' } };
    moveStatus(e, 'in-progress', '2026-01-01T08:10:00Z');
    moveStatus(e, 'finished', '2026-01-01T08:30:00Z');
    assert.deepEqual(e.statusHistory, [
      { status: 'arrived', period: { start: '2026-01-01T08:00:00Z', end: '2026-01-01T08:10:00Z' } },
      { status: 'in-progress', period: { start: '2026-01-01T08:10:00Z', end: '2026-01-01T08:30:00Z' } },
      { status: 'finished', period: { start: '2026-01-01T08:30:00Z', end: '2026-01-01T08:30:00Z' } },
    ]);
  });

  test('a day in a time zone: bounds, default today, bad input refused', () => {
    assert.deepEqual(dayBounds('2026-11-01', '+08:00'), { start: '2026-11-01T00:00:00+08:00', end: '2026-11-02T00:00:00+08:00' });
    assert.deepEqual(dayBounds('2024-02-28', '-05:00'), { start: '2024-02-28T00:00:00-05:00', end: '2024-02-29T00:00:00-05:00' });
    assert.deepEqual(dayBounds('2026-12-31', '+00:00'), { start: '2026-12-31T00:00:00+00:00', end: '2027-01-01T00:00:00+00:00' });
    // 2026-11-01T20:00Z is already 11-02 in China
    assert.equal(dayBounds(undefined, '+08:00', new Date('2026-11-01T20:00:00Z')).start, '2026-11-02T00:00:00+08:00');
    assert.equal(offsetText(480), '+08:00');
    assert.equal(offsetText(-330), '-05:30');
    for (const [d, tz] of [['2026-02-30', '+08:00'], ['2026-1-1', '+08:00'], ['2026-11-01', '08:00'], ['2026-11-01', '+15:00']]) {
      assert.throws(() => dayBounds(d, tz), { status: 400 }, `${d} ${tz}`);
    }
  });
});

for (const d of testDatabases()) {
  describe(`encounters on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    let doctor: ReturnType<typeof asRole>;
    let nurse: ReturnType<typeof asRole>;
    let manager: ReturnType<typeof asRole>;
    const bedStatus = async (id: string) => ((await store.repo.read({ tenant: 'default' }, 'Location', id)).operationalStatus as { code: string }).code;
    const count = async (params: [string, string][]) =>
      (await store.repo.search({ tenant: 'default' }, { types: ['Encounter'], params: [...params, ['_total', 'accurate'], ['_count', '0']] })).total ?? -1;

    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      for (const r of PLACES) await store.repo.update({ tenant: 'default' }, r);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
      doctor = asRole(app, world, 'doctor');
      nurse = asRole(app, world, 'nurse');
      manager = asRole(app, world, 'manager');
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('outpatient visit: registered with the doctor, in consultation, finished; illegal moves are 409', async () => {
      const r = await doctor('POST', '/api/emr/visits', { patient: 'Patient/pat-p1', reason: { code: 'J06.9', text: '上呼吸道感染' } });
      assert.equal(r.statusCode, 201, r.body);
      const v = body(r);
      assert.equal(v.resourceType, 'Encounter');
      assert.equal(v.class.code, 'AMB');
      assert.equal(v.status, 'arrived');
      assert.equal(v.subject.reference, 'Patient/pat-p1');
      assert.equal(v.subject.display, '患者p1');
      assert.equal(v.participant[0].individual.reference, 'Practitioner/dr-1');
      assert.equal(v.reasonCode[0].coding[0].code, 'J06.9');
      assert.ok(v.period.start);

      const wrong = await doctor('POST', `/api/emr/encounters/${v.id}/status`, { status: 'finished' });
      assert.equal(wrong.statusCode, 409);
      assert.equal(body(wrong).resourceType, 'OperationOutcome');
      assert.equal(outcome(wrong).code, 'conflict');
      assert.match(outcome(wrong).diagnostics, /"arrived" to "finished"/);

      const started = await doctor('POST', `/api/emr/encounters/${v.id}/status`, { status: 'in-progress' });
      assert.equal(started.statusCode, 200, started.body);
      const done = await doctor('POST', `/api/emr/encounters/${v.id}/status`, { status: 'finished' });
      assert.equal(done.statusCode, 200, done.body);
      const f = body(done);
      assert.equal(f.status, 'finished');
      assert.ok(f.period.end);
      assert.deepEqual(f.statusHistory.map((h: { status: string }) => h.status), ['arrived', 'in-progress', 'finished']);
      assert.ok(f.statusHistory.slice(0, 2).every((h: { period: { start: string; end?: string } }) => h.period.start && h.period.end));

      const again = await doctor('POST', `/api/emr/encounters/${v.id}/status`, { status: 'in-progress' });
      assert.equal(again.statusCode, 409);
      assert.match(outcome(again).diagnostics, /no further change/);
    });

    test("the doctor's clinic queue of today lists their visits with the patient", async () => {
      const r = await doctor('POST', '/api/emr/visits', { patient: 'pat-p2', status: 'planned' });
      assert.equal(r.statusCode, 201, r.body);
      const today = new Date().toISOString().slice(0, 10);
      const q = await doctor('GET', `/api/emr/my/clinic?date=${today}&tz=%2B00:00`);
      assert.equal(q.statusCode, 200, q.body);
      const visits = body(q).visits as { encounter: Resource; patient?: Resource }[];
      assert.ok(visits.some((x) => x.encounter.id === body(r).id && x.patient?.id === 'pat-p2'));
      assert.ok(visits.every((x) => (x.encounter.class as { code: string }).code === 'AMB'));
      const yesterday = await doctor('GET', '/api/emr/my/clinic?date=2020-01-01&tz=%2B08:00');
      assert.deepEqual(body(yesterday).visits, []);
      // an unfinished visit that began two days ago belongs to that day's clinic, not today's (its period overlaps today)
      const old = await doctor('POST', '/api/emr/visits', { patient: 'pat-p2', status: 'planned' });
      assert.equal(old.statusCode, 201, old.body);
      const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
      const enc = await store.repo.read({ tenant: 'default' }, 'Encounter', body(old).id as string);
      await store.repo.update({ tenant: 'default' }, { ...enc, period: { start: twoDaysAgo.toISOString() } });
      const ids = (b: Record<string, unknown>) => (b.visits as { encounter: Resource }[]).map((x) => x.encounter.id);
      assert.ok(!ids(body(await doctor('GET', `/api/emr/my/clinic?date=${today}&tz=%2B00:00`))).includes(body(old).id as string));
      assert.ok(ids(body(await doctor('GET', `/api/emr/my/clinic?date=${twoDaysAgo.toISOString().slice(0, 10)}&tz=%2B00:00`))).includes(body(old).id as string));
      const bad = await doctor('GET', '/api/emr/my/clinic?date=2026-13-01');
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(outcome(bad).expression, ['date']);
    });

    test('bad requests: 400 for missing or malformed fields, 422 for unknown patients or beds, 422 without a practitioner', async () => {
      const before = await count([]);
      const missing = await doctor('POST', '/api/emr/visits', {});
      assert.equal(missing.statusCode, 400);
      assert.equal(body(missing).resourceType, 'OperationOutcome');
      const unknown = await doctor('POST', '/api/emr/visits', { patient: 'nobody' });
      assert.equal(unknown.statusCode, 422);
      assert.deepEqual(outcome(unknown).expression, ['patient']);
      const badStatus = await doctor('POST', '/api/emr/encounters/enc-own/status', { status: 'bogus' });
      assert.equal(badStatus.statusCode, 400);
      const notBed = await doctor('POST', '/api/emr/admissions', { patient: 'pat-p3', bed: 'room-a1' });
      assert.equal(notBed.statusCode, 422);
      assert.deepEqual(outcome(notBed).expression, ['bed']);
      const closed = await doctor('POST', '/api/emr/admissions', { patient: 'pat-p3', bed: 'bed-a4' });
      assert.equal(closed.statusCode, 409);
      assert.match(outcome(closed).diagnostics, /not free \(Closed\)/);
      const noOne = await manager('GET', '/api/emr/my/clinic');
      assert.equal(noOne.statusCode, 422);
      const badDisposition = await doctor('POST', '/api/emr/encounters/enc-own/discharge', { disposition: 'moon' });
      assert.equal(badDisposition.statusCode, 400);
      assert.equal(await count([]), before, 'nothing was written');
    });

    let stay: Record<string, any>;
    test('admission: an inpatient Encounter at ward, room and bed; the bed is occupied; no second patient, no second stay', async () => {
      const r = await doctor('POST', '/api/emr/admissions', { patient: 'pat-p3', bed: 'bed-a1', reason: { code: 'J18.9', text: '肺炎' }, admitSource: 'emd' });
      assert.equal(r.statusCode, 201, r.body);
      stay = body(r);
      assert.equal(stay.class.code, 'IMP');
      assert.equal(stay.status, 'in-progress');
      assert.equal(stay.hospitalization.admitSource.coding[0].code, 'emd');
      assert.deepEqual(stay.location.map((l: { location: { reference: string }; status: string }) => [l.location.reference, l.status]), [
        ['Location/ward-a', 'active'], ['Location/room-a1', 'active'], ['Location/bed-a1', 'active'],
      ]);
      assert.equal(stay.serviceProvider.reference, 'Organization/dept-a');
      assert.equal(await bedStatus('bed-a1'), 'O');

      const taken = await doctor('POST', '/api/emr/admissions', { patient: 'pat-p4', bed: 'bed-a1' });
      assert.equal(taken.statusCode, 409);
      assert.match(outcome(taken).diagnostics, /not free \(Occupied\)/);
      const twice = await doctor('POST', '/api/emr/admissions', { patient: 'pat-p3', bed: 'bed-a2' });
      assert.equal(twice.statusCode, 409);
      assert.match(outcome(twice).diagnostics, /already admitted/);
      assert.equal(await bedStatus('bed-a2'), 'U');

      const free = body(await doctor('GET', '/api/emr/wards/ward-a/beds?free=true')).beds as { id: string }[];
      assert.deepEqual(free.map((b) => b.id), ['bed-a2', 'bed-a3']);
      const all = body(await doctor('GET', '/api/emr/wards/ward-a/beds')).beds as { id: string; status: string; room?: { id: string } }[];
      assert.deepEqual(all.map((b) => [b.id, b.status, b.room?.id]), [
        ['bed-a1', 'O', 'room-a1'], ['bed-a2', 'U', 'room-a1'], ['bed-a3', 'U', 'room-a2'], ['bed-a4', 'C', 'room-a2'],
      ]);
      const wards = body(await doctor('GET', '/api/emr/wards')).wards as { id: string; beds: number; free: number }[];
      assert.deepEqual(wards.map((w) => [w.id, w.beds, w.free]), [['ward-a', 4, 2], ['ward-b', 2, 2]]);
      const notWard = await doctor('GET', '/api/emr/wards/bed-a1/beds');
      assert.equal(notWard.statusCode, 422);
    });

    test('two admissions racing for one bed: exactly one succeeds, the other is a 409 and writes nothing', async () => {
      const before = await count([['class', 'IMP']]);
      const [a, b] = await Promise.all([
        doctor('POST', '/api/emr/admissions', { patient: 'pat-p4', bed: 'bed-b1' }),
        doctor('POST', '/api/emr/admissions', { patient: 'pat-p5', bed: 'bed-b1' }),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      assert.deepEqual(codes, [201, 409], `${a.body} ${b.body}`);
      const loser = a.statusCode === 409 ? a : b;
      assert.equal(body(loser).resourceType, 'OperationOutcome');
      assert.match(outcome(loser).diagnostics, /^Bed bed-b1 (was just taken|is not free)/);
      assert.equal(await count([['class', 'IMP']]), before + 1);
      assert.equal(await count([['location', 'Location/bed-b1']]), 1);
      assert.equal(await bedStatus('bed-b1'), 'O');
      // clean up for the next tests: the winner goes home
      const winner = body(a.statusCode === 201 ? a : b);
      assert.equal((await doctor('POST', `/api/emr/encounters/${winner.id}/discharge`, { disposition: 'home' })).statusCode, 200);
      assert.equal(await bedStatus('bed-b1'), 'U');
    });

    test('the bed taken between the check and the commit: the If-Match fails, 409, nothing written', async () => {
      const ctx = { tenant: 'default' };
      const before = await count([]);
      const who = await clinician(store.repo, ctx, 'PractitionerRole/role-dr');
      // another admission claims bed-b2 right after this one found it free
      const transaction = async (c: typeof ctx, bundle: Resource) => {
        const bed = await store.repo.read(ctx, 'Location', 'bed-b2');
        await store.repo.update(ctx, { ...bed, operationalStatus: { system: BED, code: 'O' } });
        return processBundle(store.repo, c, bundle, { baseUrl: 'http://localhost/fhir', maxEntries: 10 });
      };
      await assert.rejects(admit(store.repo, transaction, ctx, who, { patient: 'pat-p5', bed: 'bed-b2' }), (e: { status: number; message: string }) => {
        assert.equal(e.status, 409);
        assert.match(e.message, /bed-b2 was just taken/);
        return true;
      });
      assert.equal(await count([]), before);
      const bed = await store.repo.read(ctx, 'Location', 'bed-b2');
      await store.repo.update(ctx, { ...bed, operationalStatus: { system: BED, code: 'U' } });
    });

    test('a nurse may not admit (no write on beds): 403 and neither the bed nor an Encounter is written', async () => {
      // the transaction writes the Encounter first (POST before PUT), then fails on the bed: all of it rolls back
      const before = await count([]);
      const r = await nurse('POST', '/api/emr/admissions', { patient: 'pat-p6', bed: 'bed-a2', practitioner: 'Practitioner/dr-1' });
      assert.equal(r.statusCode, 403, r.body);
      assert.equal(await bedStatus('bed-a2'), 'U');
      assert.equal(await count([]), before);
    });

    test("lists: the doctor's inpatients, the nurse's ward board with the patient in the bed", async () => {
      const mine = body(await doctor('GET', '/api/emr/my/inpatients'));
      assert.ok(mine.stays.some((s: { encounter: Resource; patient?: Resource }) => s.encounter.id === stay.id && s.patient?.id === 'pat-p3'));
      assert.ok(mine.locations.some((l: Resource) => l.id === 'bed-a1'));
      const r = await nurse('GET', '/api/emr/my/wards');
      assert.equal(r.statusCode, 200, r.body);
      const [board] = body(r).wards;
      assert.equal(board.ward.id, 'ward-a');
      const bed = board.beds.find((b: { id: string }) => b.id === 'bed-a1');
      assert.equal(bed.status, 'O');
      assert.equal(bed.stay.encounter.id, stay.id);
      assert.equal(bed.stay.patient.id, 'pat-p3');
      assert.deepEqual(board.counts, { beds: 4, free: 2, occupied: 1, closed: 1 });
      // enc-own and enc-wait are on ward-a without a bed
      assert.deepEqual(board.unassigned.map((s: { encounter: Resource }) => s.encounter.id).sort(), ['enc-own', 'enc-wait']);
      // the nurse sees the ward's patients only: ward-b's board shows no patient of ward-b
      const other = body(await nurse('GET', '/api/emr/wards/ward-b/board'));
      assert.deepEqual(other.unassigned, []);
      const doctorsView = body(await doctor('GET', '/api/emr/wards/ward-b/board'));
      assert.ok(doctorsView.unassigned.some((s: { encounter: Resource }) => s.encounter.id === 'enc-other'));
    });

    test('transfer: new bed occupied, old bed freed, the location trail keeps both with their periods', async () => {
      const busy = await doctor('POST', `/api/emr/encounters/${stay.id}/transfer`, { bed: 'bed-a1' });
      assert.equal(busy.statusCode, 409);
      const r = await doctor('POST', `/api/emr/encounters/${stay.id}/transfer`, { bed: 'bed-a3' });
      assert.equal(r.statusCode, 200, r.body);
      const moved = body(r);
      assert.equal(await bedStatus('bed-a1'), 'U');
      assert.equal(await bedStatus('bed-a3'), 'O');
      const trail = moved.location.map((l: { location: { reference: string }; status: string; period?: { end?: string } }) => [l.location.reference, l.status, !!l.period?.end]);
      assert.deepEqual(trail, [
        ['Location/ward-a', 'active', false], ['Location/room-a1', 'completed', true], ['Location/bed-a1', 'completed', true],
        ['Location/room-a2', 'active', false], ['Location/bed-a3', 'active', false],
      ]);
      // to another ward: the old ward entry closes too
      const r2 = await doctor('POST', `/api/emr/encounters/${stay.id}/transfer`, { bed: 'bed-b2' });
      assert.equal(r2.statusCode, 200, r2.body);
      const refs = body(r2).location.filter((l: { status: string }) => l.status === 'active').map((l: { location: { reference: string } }) => l.location.reference);
      assert.deepEqual(refs, ['Location/ward-b', 'Location/room-b1', 'Location/bed-b2']);
      assert.equal(await bedStatus('bed-a3'), 'U');
      stay = body(r2);
    });

    test('discharge: finished with its disposition, bed freed; then nothing more; a stay is not finished by a bare status change', async () => {
      const bare = await doctor('POST', `/api/emr/encounters/${stay.id}/status`, { status: 'finished' });
      assert.equal(bare.statusCode, 409);
      assert.match(outcome(bare).diagnostics, /discharge/);
      const r = await doctor('POST', `/api/emr/encounters/${stay.id}/discharge`, { disposition: 'home' });
      assert.equal(r.statusCode, 200, r.body);
      const out = body(r);
      assert.equal(out.status, 'finished');
      assert.ok(out.period.end);
      assert.equal(out.hospitalization.dischargeDisposition.coding[0].code, 'home');
      assert.equal(out.hospitalization.admitSource.coding[0].code, 'emd');
      assert.ok(out.location.every((l: { status: string }) => l.status === 'completed'));
      assert.equal(await bedStatus('bed-b2'), 'U');
      const again = await doctor('POST', `/api/emr/encounters/${stay.id}/discharge`, { disposition: 'home' });
      assert.equal(again.statusCode, 409);
      const visit = await doctor('POST', '/api/emr/visits', { patient: 'pat-p4' });
      const notStay = await doctor('POST', `/api/emr/encounters/${body(visit).id}/discharge`, { disposition: 'home' });
      assert.equal(notStay.statusCode, 409);
      assert.match(outcome(notStay).diagnostics, /not an inpatient stay/);
    });
  });
}
