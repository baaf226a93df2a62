// Appointments over HTTP on both databases: slot generation (idempotent, session boundaries, HUIYI_SLOT_MINUTES),
// booking by patients and staff, the race for the last slots, cancel / reschedule, the no-show rule, 停诊 with its
// notices, and every refusal (a 4xx OperationOutcome, nothing written).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../../test/support/databases.js';
import { testApp } from '../../../../test/support/app.js';
import { asRole, buildWorld, type Res, type World } from '../../../../test/security/fixtures.js';
import type { Store } from '../../../fhir/store/open.js';
import type { Resource } from '../../../fhir/types.js';
import { SYS } from './codes.js';
import { addDays, localDate } from './time.js';
import { book, type BookingDeps } from './booking.js';
import { loadAppointmentSettings } from './settings.js';
import { processBundle } from '../../../fhir/bundle/process.js';

const body = (r: Res) => JSON.parse(r.body) as Record<string, any>;
const issue = (r: Res) => body(r).issue?.[0] as { code: string; diagnostics: string; expression?: string[] };
const PT = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
const dept = (code: string) => [{ coding: [{ system: SYS.department, code }] }];
const room = (id: string, type?: string): Resource => ({
  resourceType: 'Location', id, status: 'active', name: `${id} 诊室`, physicalType: { coding: [{ system: PT, code: 'ro' }] },
  ...(type ? { type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: type }] }] } : {}),
});
const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TODAY = localDate(Date.now());
const D = (n: number) => addDays(TODAY, n);

// role-dr (the doctor user) and role-c2 work every day in cardiology (03.04), which has two clinic rooms (taken in
// turn by role id: c2 gets a1, dr a2); an ED
// doctor (walk-in department) and a doctor without a clinic room get no schedule
const DIRECTORY: Resource[] = [
  room('clinic-a1'), room('clinic-a2'), room('er-room', 'ER'),
  { resourceType: 'Practitioner', id: 'dr-2', name: [{ text: '王二' }], qualification: [{ code: { coding: [{ system: 'https://huiyi.dev/fhir/CodeSystem/professional-title', code: 'chief-physician' }], text: '主任医师' } }] },
  {
    resourceType: 'PractitionerRole', id: 'role-dr', active: true, practitioner: { reference: 'Practitioner/dr-1' }, specialty: dept('03.04'),
    location: [{ reference: 'Location/ward-a' }, { reference: 'Location/clinic-a1' }, { reference: 'Location/clinic-a2' }],
    availableTime: [{ daysOfWeek: everyDay, availableStartTime: '08:00:00', availableEndTime: '12:00:00' }, { daysOfWeek: everyDay, availableStartTime: '14:00:00', availableEndTime: '16:00:00' }],
  },
  {
    resourceType: 'PractitionerRole', id: 'role-c2', active: true, practitioner: { reference: 'Practitioner/dr-2' }, specialty: dept('03.04'),
    location: [{ reference: 'Location/clinic-a1' }, { reference: 'Location/clinic-a2' }], availableTime: [{ daysOfWeek: everyDay, availableStartTime: '08:00:00', availableEndTime: '12:00:00' }],
  },
  { resourceType: 'PractitionerRole', id: 'role-er', active: true, practitioner: { reference: 'Practitioner/dr-2' }, specialty: dept('20'), location: [{ reference: 'Location/er-room' }], availableTime: [{ allDay: true }] },
  { resourceType: 'PractitionerRole', id: 'role-nr', active: true, practitioner: { reference: 'Practitioner/dr-2' }, specialty: dept('03.01'), availableTime: [{ allDay: true }] },
  ...Array.from({ length: 100 }, (_, i): Resource => ({ resourceType: 'Patient', id: `pat-r${String(i).padStart(3, '0')}`, name: [{ text: `患者${i}` }] })),
];

for (const d of testDatabases()) {
  describe(`appointments on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    let admin: ReturnType<typeof asRole>;
    let doctor: ReturnType<typeof asRole>;
    let nurse: ReturnType<typeof asRole>;
    let patient: ReturnType<typeof asRole>;
    let manager: ReturnType<typeof asRole>;
    const ctx = { tenant: 'default' };
    const read = (type: string, id: string) => store.repo.read(ctx, type, id);
    const count = async (type: string, params: [string, string][] = []) =>
      (await store.repo.search(ctx, { types: [type], params: [...params, ['_total', 'accurate'], ['_count', '0']] })).total ?? -1;
    const slotIdOf = (role: string, day: string, hhmm: string) => `slot-${role}-${day.replaceAll('-', '')}-${hhmm}`;
    const status = async (id: string) => (await read('Slot', id)).status;
    // the latest version of every type this module writes: unchanged = nothing was written
    const writes = async () => (await Promise.all(['Appointment', 'Slot', 'Schedule', 'Communication', 'QuestionnaireResponse', 'Patient'].map(async (type) => {
      const e = (await store.repo.history(ctx, { type, count: 1 })).entries[0];
      return e ? `${e.resourceType}/${e.id}/${e.versionId}` : `${type}:none`;
    }))).join(' ');

    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      for (const r of DIRECTORY) await store.repo.update(ctx, r);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
      admin = asRole(app, world, 'admin');
      doctor = asRole(app, world, 'doctor');
      nurse = asRole(app, world, 'nurse');
      patient = asRole(app, world, 'patient');
      manager = asRole(app, world, 'manager');
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('generation: a Schedule per doctor with a clinic room, slots filling each session, rooms shared out', async () => {
      const r = await admin('POST', '/api/appointments/slots/generate', { from: D(1), days: 7 });
      assert.equal(r.statusCode, 200, r.body);
      const g = body(r);
      assert.equal(g.schedules, 2, 'the ED doctor (walk-in) and the doctor without a clinic room get none');
      assert.equal(g.slotMinutes, 10);
      assert.equal(g.to, D(7));
      // role-dr: 24 morning + 12 afternoon slots a day; role-c2: 24
      assert.equal(g.created, 7 * (24 + 12 + 24));
      assert.equal(g.sessions, 7 * 3);
      const sched = await read('Schedule', 'sched-role-dr');
      assert.deepEqual((sched.actor as { reference: string }[]).map((a) => a.reference), ['PractitionerRole/role-dr', 'Location/clinic-a2']);
      assert.equal(((await read('Schedule', 'sched-role-c2')).actor as { reference: string }[])[1]?.reference, 'Location/clinic-a1');
      const first = await read('Slot', slotIdOf('role-dr', D(1), '0800'));
      assert.equal(first.status, 'free');
      assert.equal(first.start, `${D(1)}T08:00:00+08:00`);
      assert.equal(first.end, `${D(1)}T08:10:00+08:00`);
      assert.equal((await read('Slot', slotIdOf('role-dr', D(1), '1150'))).end, `${D(1)}T12:00:00+08:00`);
      assert.equal((await read('Slot', slotIdOf('role-dr', D(1), '1550'))).end, `${D(1)}T16:00:00+08:00`);
      await assert.rejects(read('Slot', slotIdOf('role-dr', D(1), '1200')), { status: 404 });
      await assert.rejects(read('Slot', slotIdOf('role-dr', D(1), '1600')), { status: 404 });
      await assert.rejects(read('Slot', slotIdOf('role-er', D(1), '0800')), { status: 404 });
    });

    test('generation is idempotent: the same range again writes nothing', async () => {
      const before = await writes();
      const r = await nurse('POST', '/api/appointments/slots/generate', { from: D(1), days: 7 });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(body(r).created, 0);
      assert.equal(body(r).generatedSessions, 0);
      assert.equal(await writes(), before);
      assert.equal(await count('Slot'), 7 * 60);
      assert.equal((await read('Schedule', 'sched-role-dr')).meta?.versionId, '1');
    });

    test('HUIYI_SLOT_MINUTES applies to sessions not generated yet; the others keep their slots', async () => {
      const other = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '', HUIYI_SLOT_MINUTES: '25' });
      try {
        const r = await asRole(other, world, 'doctor')('POST', '/api/appointments/slots/generate', { from: D(7), days: 2 });
        assert.equal(r.statusCode, 200, r.body);
        // D(7) exists already; D(8): 9 × 25 min in the morning (to 11:45), 4 in the afternoon (to 15:40), 9 for role-c2
        assert.equal(body(r).created, 9 + 4 + 9);
        assert.equal(body(r).slotMinutes, 25);
        assert.equal((await read('Slot', slotIdOf('role-dr', D(8), '1120'))).end, `${D(8)}T11:45:00+08:00`);
        await assert.rejects(read('Slot', slotIdOf('role-dr', D(8), '1145')), { status: 404 });
        assert.equal((await read('Slot', slotIdOf('role-dr', D(7), '0810'))).end, `${D(7)}T08:20:00+08:00`);
      } finally {
        await other.close();
      }
      await assert.rejects(testApp(store, { HUIYI_SLOT_MINUTES: '45' }), /HUIYI_SLOT_MINUTES must be between 5 and 30/);
    });

    test('departments and the slot grid: doctor, title and room with every slot', async () => {
      const deps = body(await patient('GET', '/api/appointments/departments')).departments as { code: string; name: string; nameEn: string; nextFree?: string }[];
      assert.deepEqual(deps.map((x) => x.code), ['03.04']);
      assert.equal(deps[0]?.name, '心血管内科');
      assert.equal(deps[0]?.nameEn, 'Cardiology');
      assert.equal(deps[0]?.nextFree, `${D(1)}T08:00:00+08:00`);
      const r = await patient('GET', `/api/appointments/slots?department=03.04&date=${D(2)}`);
      assert.equal(r.statusCode, 200, r.body);
      const slots = body(r).slots as { id: string; start: string; status: string; doctor: { role: string; name: string; title?: string }; room: { id: string; name: string } }[];
      assert.equal(slots.length, 60);
      assert.equal(slots[0]?.start, `${D(2)}T08:00:00+08:00`);
      const c2 = slots.find((s) => s.doctor.role === 'role-c2');
      assert.deepEqual([c2?.doctor.name, c2?.doctor.title, c2?.room.id, c2?.room.name], ['王二', '主任医师', 'clinic-a1', 'clinic-a1 诊室']);
      const only = body(await patient('GET', `/api/appointments/slots?department=03.04&date=${D(2)}&practitioner=Practitioner/dr-2`)).slots as unknown[];
      assert.equal(only.length, 24);
      assert.deepEqual(body(await patient('GET', `/api/appointments/slots?department=03.01&date=${D(2)}`)).slots, []);
    });

    let mine: Record<string, any>;
    test('a patient books for themselves: Appointment booked, Slot busy, in one step', async () => {
      const slot = slotIdOf('role-dr', D(2), '0900');
      const r = await patient('POST', '/api/appointments', { slot });
      assert.equal(r.statusCode, 201, r.body);
      mine = body(r).appointment;
      assert.equal(mine.resourceType, 'Appointment');
      assert.equal(mine.status, 'booked');
      assert.equal(mine.start, `${D(2)}T09:00:00+08:00`);
      assert.equal(mine.minutesDuration, 10);
      assert.equal(mine.slot[0].reference, `Slot/${slot}`);
      assert.equal(mine.specialty[0].coding[0].code, '03.04');
      assert.deepEqual(mine.participant.map((p: { actor: { reference: string } }) => p.actor.reference),
        ['Patient/pat-own', 'PractitionerRole/role-dr', 'Practitioner/dr-1', 'Location/clinic-a2']);
      assert.equal(mine.extension[0].valueCode, 'portal');
      assert.equal(await status(slot), 'busy');
      const list = body(await patient('GET', '/api/appointments/mine')).appointments as { id: string; status: string; department: { code: string }; doctor: { name: string }; room: { id: string } }[];
      assert.deepEqual(list.map((a) => [a.id, a.status, a.department.code, a.doctor.name, a.room.id]), [[mine.id, 'booked', '03.04', 'Dr One', 'clinic-a2']]);
    });

    test('with the smart guide’s input: its QuestionnaireResponse is stored in the same step and linked from the appointment', async () => {
      const guide = { text: '胸口疼，活动后加重', age: 58, sex: 'male', lang: 'zh' };
      const r = await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(2), '1000'), patient: 'pat-r060', guide });
      assert.equal(r.statusCode, 201, r.body);
      const a = body(r).appointment;
      const ref = a.supportingInformation?.[0]?.reference as string;
      assert.match(ref, /^QuestionnaireResponse\//);
      const qr = await read('QuestionnaireResponse', ref.split('/')[1] as string);
      assert.equal(qr.questionnaire, 'http://huiyi.health/fhir/Questionnaire/smart-guide');
      assert.equal((qr.subject as { reference: string }).reference, 'Patient/pat-r060');
      assert.equal(qr.status, 'completed');
      const listed = (body(await doctor('GET', '/api/appointments?patient=pat-r060')).appointments as { id: string; guide?: string }[]).find((x) => x.id === a.id);
      assert.equal(listed?.guide, qr.id);
      const before = await writes();
      for (const bad of [{ ...guide, sex: 'male', pregnant: true }, { ...guide, text: '   ' }, { ...guide, bodyParts: ['elbow-of-the-moon'] }, { ...guide, age: 200 }]) {
        const x = await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(2), '1010'), patient: 'pat-r061', guide: bad });
        assert.equal(x.statusCode, 400, `${JSON.stringify(bad)} ${x.body}`);
      }
      assert.equal(await writes(), before);
    });

    test('refusals write nothing: taken slot 409, someone else 403, past slot 422, same session 409, no patient 400', async () => {
      const before = await writes();
      const taken = await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(2), '0900'), patient: 'pat-other' });
      assert.equal(taken.statusCode, 409);
      assert.equal(body(taken).resourceType, 'OperationOutcome');
      assert.match(issue(taken).diagnostics, /not free \(busy\)/);
      const forOther = await patient('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(3), '0900'), patient: 'Patient/pat-other' });
      assert.equal(forOther.statusCode, 403);
      assert.equal(issue(forOther).code, 'forbidden');
      const again = await patient('POST', '/api/appointments', { slot: slotIdOf('role-c2', D(2), '1000') });
      assert.equal(again.statusCode, 409, 'one booking per department and session');
      assert.match(issue(again).diagnostics, /already has an appointment in this session/);
      const noPatient = await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(3), '0900') });
      assert.equal(noPatient.statusCode, 400);
      assert.deepEqual(issue(noPatient).expression, ['patient']);
      const unknown = await doctor('POST', '/api/appointments', { slot: 'slot-nope', patient: 'pat-other' });
      assert.equal(unknown.statusCode, 422);
      assert.deepEqual(issue(unknown).expression, ['slot']);
      const nobody = await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(3), '0900'), patient: 'pat-nobody' });
      assert.equal(nobody.statusCode, 422);
      const admins = await admin('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(3), '0900'), patient: 'pat-other' });
      assert.equal(admins.statusCode, 403);
      const managers = await manager('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(3), '0900'), patient: 'pat-other' });
      assert.equal(managers.statusCode, 403);
      // a nurse books for patients on her ward only (pat-other is not)
      const notWard = await nurse('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(3), '0900'), patient: 'pat-other' });
      assert.ok([403, 404, 422].includes(notWard.statusCode), notWard.body);
      assert.equal(await writes(), before, 'nothing was written');
      assert.equal(await status(slotIdOf('role-dr', D(3), '0900')), 'free');

      // yesterday's session: generated on purpose, then refused
      assert.equal((await admin('POST', '/api/appointments/slots/generate', { from: D(-1), days: 1 })).statusCode, 200);
      const past = await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(-1), '0900'), patient: 'pat-other' });
      assert.equal(past.statusCode, 422);
      assert.match(issue(past).diagnostics, /only future slots/);
    });

    test('malformed input: 400 OperationOutcomes naming the problem', async () => {
      const before = await writes();
      const cases: [string, string, unknown?][] = [
        ['POST', '/api/appointments', {}],
        ['POST', '/api/appointments', { slot: 'bad id!' }],
        ['POST', '/api/appointments', { slot: 'slot-x', extra: 1 }],
        ['POST', '/api/appointments', { slot: 'slot-x', guide: { age: 3 } }],
        ['POST', '/api/appointments', { slot: 'slot-x', guide: { text: 'x', sex: 'other' } }],
        ['POST', '/api/appointments/x/cancel', { reason: '' }],
        ['POST', '/api/appointments/x/reschedule', {}],
        ['POST', '/api/appointments/slots/generate', { days: 0 }],
        ['POST', '/api/appointments/slots/generate', { days: 32 }],
        ['POST', '/api/appointments/slots/generate', { from: '2026-02-30' }],
        ['POST', '/api/appointments/sessions/stop', { schedule: 'sched-role-dr', date: D(3) }],
        ['POST', '/api/appointments/sessions/stop', { schedule: 'sched-role-dr', date: D(3), reason: 'x', session: 'noon' }],
        ['GET', '/api/appointments/slots?department=03.04'],
        ['GET', '/api/appointments/slots?department=cardio&date=2026-11-02'],
        ['GET', '/api/appointments/slots?department=03.04&date=2026-13-01'],
        ['GET', '/api/appointments?date=yesterday'],
        ['GET', '/api/appointments?status=BOOKED'],
      ];
      for (const [method, url, payload] of cases) {
        const r = await doctor(method, url, payload);
        assert.equal(r.statusCode, 400, `${method} ${url} ${JSON.stringify(payload)}: ${r.body}`);
        assert.equal(body(r).resourceType, 'OperationOutcome');
      }
      assert.equal(await writes(), before);
    });

    test('the race: 100 simultaneous bookings for the last 10 slots — exactly 10 succeed, 90 get 409', async (t) => {
      // D(4) morning of role-c2: 24 slots, the first 14 already taken
      const ids = Array.from({ length: 24 }, (_, i) => slotIdOf('role-c2', D(4), `${String(8 + Math.floor(i / 6)).padStart(2, '0')}${String((i % 6) * 10).padStart(2, '0')}`));
      for (const id of ids.slice(0, 14)) await store.repo.update(ctx, { ...(await read('Slot', id)), status: 'busy' });
      const last = ids.slice(14);
      const before = await count('Appointment');
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) =>
        doctor('POST', '/api/appointments', { slot: last[i % 10], patient: `pat-r${String(i).padStart(3, '0')}` })));
      const codes = results.map((r) => r.statusCode);
      assert.equal(codes.filter((c) => c === 201).length, 10, codes.join(' '));
      assert.equal(codes.filter((c) => c === 409).length, 90, codes.join(' '));
      for (const r of results.filter((x) => x.statusCode === 409)) {
        assert.equal(body(r).resourceType, 'OperationOutcome');
        assert.equal(issue(r).code, 'conflict');
      }
      assert.equal(await count('Appointment'), before + 10);
      for (const id of last) {
        assert.equal(await status(id), 'busy');
        assert.equal(await count('Appointment', [['slot', `Slot/${id}`], ['status', 'booked']]), 1, id);
      }
      const won = new Set(results.filter((r) => r.statusCode === 201).map((r) => body(r).appointment.slot[0].reference));
      assert.equal(won.size, 10);
      // how the losers lost: the slot already busy when read, or the If-Match failing at commit (varies by run)
      const atCommit = results.filter((r) => r.statusCode === 409 && /just booked by someone else/.test(issue(r).diagnostics)).length;
      t.diagnostic(`${d.name}: 10 × 201, 90 × 409 (${atCommit} lost at commit on the If-Match, ${90 - atCommit} found the slot busy)`);
    });

    test('the slot taken between the check and the commit: the If-Match fails, 409, nothing of the booking written', async () => {
      const slot = slotIdOf('role-c2', D(6), '1100');
      const deps: BookingDeps = {
        repo: store.repo, elevated: (c) => c, settings: loadAppointmentSettings({}), now: () => new Date(),
        // another booking claims the slot right after this one found it free
        transaction: async (c, bundle) => {
          await store.repo.update(ctx, { ...(await read('Slot', slot)), status: 'busy' });
          return processBundle(store.repo, c, bundle, { baseUrl: 'http://localhost/fhir', maxEntries: 10 });
        },
      };
      const before = await count('Appointment');
      await assert.rejects(book(deps, { roles: ['doctor'] }, ctx, { slot, patient: 'pat-r050' }), (e: { status: number; message: string }) => {
        assert.equal(e.status, 409);
        assert.match(e.message, /was just booked by someone else/);
        return true;
      });
      assert.equal(await count('Appointment'), before);
      assert.equal((await read('Slot', slot)).meta?.versionId, '2', 'only the other booking’s write');
      await store.repo.update(ctx, { ...(await read('Slot', slot)), status: 'free' });
    });

    test('staff: a nurse books for a patient on her ward, the doctor for anyone; the staff list', async () => {
      const r = await nurse('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(3), '0800'), patient: 'pat-own' });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(body(r).appointment.extension[0].valueCode, 'desk');
      const list = await nurse('GET', `/api/appointments?date=${D(3)}`);
      assert.equal(list.statusCode, 200, list.body);
      const items = body(list).appointments as { id: string; patient: { id: string; name?: string } }[];
      assert.ok(items.some((a) => a.id === body(r).appointment.id && a.patient.id === 'pat-own'));
      const byPatient = body(await doctor('GET', '/api/appointments?patient=pat-own')).appointments as { id: string }[];
      assert.ok(byPatient.length >= 2);
      assert.equal((await patient('GET', '/api/appointments')).statusCode, 403);
      assert.equal((await doctor('GET', '/api/appointments/mine')).statusCode, 403);
      // cancel it again (staff cancel: reason other) and check the slot is free
      const c = await nurse('POST', `/api/appointments/${body(r).appointment.id}/cancel`, { reason: '患者电话取消' });
      assert.equal(c.statusCode, 200, c.body);
      assert.equal(body(c).appointment.cancelationReason.coding[0].code, 'other');
      assert.equal(await status(slotIdOf('role-dr', D(3), '0800')), 'free');
    });

    test('cancel frees the slot; a second cancel is 409; someone else’s appointment is not the patient’s to cancel', async () => {
      const r = await patient('POST', `/api/appointments/${mine.id}/cancel`, { reason: '行程变化' });
      assert.equal(r.statusCode, 200, r.body);
      const a = body(r).appointment;
      assert.equal(a.status, 'cancelled');
      assert.equal(a.cancelationReason.coding[0].code, 'pat');
      assert.equal(a.cancelationReason.text, '行程变化');
      assert.equal(await status(slotIdOf('role-dr', D(2), '0900')), 'free');
      const twice = await patient('POST', `/api/appointments/${mine.id}/cancel`, {});
      assert.equal(twice.statusCode, 409);
      const other = body(await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(5), '0900'), patient: 'pat-other' })).appointment;
      const notMine = await patient('POST', `/api/appointments/${other.id}/cancel`, {});
      assert.ok([403, 404].includes(notMine.statusCode), notMine.body);
      assert.equal(await status(slotIdOf('role-dr', D(5), '0900')), 'busy');
    });

    test('reschedule is atomic: new slot taken and old freed together; a taken target changes nothing', async () => {
      const a = body(await patient('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(5), '1400') })).appointment;
      const to = slotIdOf('role-dr', D(6), '1400');
      const r = await patient('POST', `/api/appointments/${a.id}/reschedule`, { slot: to });
      assert.equal(r.statusCode, 200, r.body);
      const moved = body(r).appointment;
      assert.equal(moved.id, a.id);
      assert.equal(moved.slot[0].reference, `Slot/${to}`);
      assert.equal(moved.start, `${D(6)}T14:00:00+08:00`);
      assert.equal(await status(to), 'busy');
      assert.equal(await status(slotIdOf('role-dr', D(5), '1400')), 'free');
      const before = await writes();
      const busy = await patient('POST', `/api/appointments/${a.id}/reschedule`, { slot: slotIdOf('role-dr', D(5), '0900') });
      assert.equal(busy.statusCode, 409);
      assert.equal(await writes(), before);
      assert.equal(await status(to), 'busy');
      assert.equal((await read('Appointment', a.id)).meta?.versionId, moved.meta.versionId);
      // to another doctor of the department: participants follow the slot
      const c2 = await doctor('POST', `/api/appointments/${a.id}/reschedule`, { slot: slotIdOf('role-c2', D(6), '0800') });
      assert.equal(c2.statusCode, 200, c2.body);
      assert.deepEqual(body(c2).appointment.participant.map((p: { actor: { reference: string } }) => p.actor.reference),
        ['Patient/pat-own', 'PractitionerRole/role-c2', 'Practitioner/dr-2', 'Location/clinic-a1']);
      assert.equal(await status(to), 'free');
    });

    test('停诊: slots unavailable, appointments cancelled by the clinic, one notice per patient with offered slots', async () => {
      const day = D(3);
      const a1 = body(await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', day, '0900'), patient: 'pat-r001' })).appointment;
      const a2 = body(await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', day, '0910'), patient: 'pat-r002' })).appointment;
      const pm = body(await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', day, '1400'), patient: 'pat-r003' })).appointment;
      const notHis = await doctor('POST', '/api/appointments/sessions/stop', { schedule: 'sched-role-c2', date: day, reason: '会诊' });
      assert.equal(notHis.statusCode, 403);
      assert.equal((await patient('POST', '/api/appointments/sessions/stop', { schedule: 'sched-role-dr', date: day, reason: 'x' })).statusCode, 403);
      const none = await doctor('POST', '/api/appointments/sessions/stop', { schedule: 'sched-role-dr', date: D(20), reason: '会诊' });
      assert.equal(none.statusCode, 422);

      const r = await doctor('POST', '/api/appointments/sessions/stop', { schedule: 'Schedule/sched-role-dr', date: day, session: 'am', reason: '临时手术' });
      assert.equal(r.statusCode, 200, r.body);
      const out = body(r);
      assert.deepEqual([out.slots, out.cancelled, out.notified], [24, 2, 2]);
      assert.equal(out.offered.length, 3);
      for (const o of out.offered) {
        assert.equal(o.status, 'free');
        assert.equal(o.department.code, '03.04');
        assert.ok(!o.id.includes(`role-dr-${day.replaceAll('-', '')}-0`), 'not a stopped slot');
      }
      assert.equal(await status(slotIdOf('role-dr', day, '0900')), 'busy-unavailable');
      assert.equal(await status(slotIdOf('role-dr', day, '0800')), 'busy-unavailable');
      assert.equal(await status(slotIdOf('role-dr', day, '1400')), 'busy', 'the afternoon goes on');
      const c1 = await read('Appointment', a1.id);
      assert.equal(c1.status, 'cancelled');
      assert.equal((c1.cancelationReason as { coding: { code: string }[] }).coding[0]?.code, 'prov');
      assert.equal((await read('Appointment', pm.id)).status, 'booked');
      const notes = (await store.repo.search(ctx, { types: ['Communication'], params: [['subject', 'Patient/pat-r001']] })).matches;
      assert.equal(notes.length, 1);
      const n = notes[0] as Record<string, any>;
      assert.equal(n.status, 'completed');
      assert.equal(n.category[0].coding[0].code, 'notification');
      assert.equal(n.recipient[0].reference, 'Patient/pat-r001');
      assert.equal(n.about[0].reference, `Appointment/${a1.id}`);
      const texts = n.payload.filter((p: { contentString?: string }) => p.contentString);
      assert.deepEqual(texts.map((p: { extension: { url: string; valueCode: string }[] }) => p.extension[0]?.valueCode), ['zh-CN', 'en']);
      assert.equal(texts[0].extension[0].url, 'http://huiyi.health/fhir/StructureDefinition/language');
      assert.match(texts[0].contentString, /停诊.*临时手术/);
      assert.match(texts[1].contentString, /Cardiology.*临时手术/);
      assert.deepEqual(n.payload.filter((p: { contentReference?: unknown }) => p.contentReference).map((p: { contentReference: { reference: string } }) => p.contentReference.reference),
        out.offered.map((o: { id: string }) => `Slot/${o.id}`));
      assert.equal(await count('Communication', [['subject', 'Patient/pat-r002']]), 1);

      // stopping again changes nothing; a nurse may stop any session
      const again = await nurse('POST', '/api/appointments/sessions/stop', { schedule: 'sched-role-dr', date: day, session: 'am', reason: '临时手术' });
      assert.deepEqual([body(again).slots, body(again).cancelled, body(again).notified], [0, 0, 0]);

      // the patient takes an offered slot: the cancelled appointment is booked again there
      const offer = out.offered[0].id as string;
      const moved = await doctor('POST', `/api/appointments/${a2.id}/reschedule`, { slot: offer });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(body(moved).appointment.status, 'booked');
      assert.equal(body(moved).appointment.cancelationReason, undefined);
      assert.equal(await status(offer), 'busy');
      assert.equal(await status(slotIdOf('role-dr', day, '0910')), 'busy-unavailable', 'the stopped slot stays stopped');
      const selfCancelled = await patient('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(7), '1430') });
      const sc = body(selfCancelled).appointment;
      await patient('POST', `/api/appointments/${sc.id}/cancel`, {});
      const notReschedulable = await patient('POST', `/api/appointments/${sc.id}/reschedule`, { slot: slotIdOf('role-dr', D(7), '1440') });
      assert.equal(notReschedulable.statusCode, 409, 'only the clinic’s cancellations are rescheduled; the patient books anew');
    });

    test('an admin stops a session (no patient access of her own) and patients are still notified', async () => {
      const a = body(await doctor('POST', '/api/appointments', { slot: slotIdOf('role-c2', D(5), '1000'), patient: 'pat-r010' })).appointment;
      const r = await admin('POST', '/api/appointments/sessions/stop', { schedule: 'sched-role-c2', date: D(5), reason: '设备检修' });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(body(r).cancelled, 1);
      assert.equal((await read('Appointment', a.id)).status, 'cancelled');
      assert.equal(await count('Communication', [['subject', 'Patient/pat-r010']]), 1);
    });

    test('no-shows: missed appointments are marked; 3 in 90 days suspend self-booking (403 suspended), staff can still book', async () => {
      const start = Date.now() - 3 * 86_400_000;
      for (let i = 0; i < 3; i++) {
        const s = new Date(start + i * 3_600_000);
        await store.repo.create(ctx, {
          resourceType: 'Appointment', status: 'booked', start: s.toISOString(), end: new Date(s.getTime() + 600_000).toISOString(),
          specialty: dept('03.01'), participant: [{ actor: { reference: 'Patient/pat-own' }, status: 'accepted' }],
        });
      }
      const list = body(await patient('GET', '/api/appointments/mine')).appointments as { status: string }[];
      assert.equal(list.filter((a) => a.status === 'noshow').length, 3);
      const before = await writes();
      const r = await patient('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(7), '0800') });
      assert.equal(r.statusCode, 403, r.body);
      assert.equal(issue(r).code, 'suspended');
      const until = new Date(start + 90 * 86_400_000).toISOString().slice(0, 10);
      assert.match(issue(r).diagnostics, new RegExp(`suspended until ${until}`));
      assert.equal(await writes(), before);
      assert.equal(await status(slotIdOf('role-dr', D(7), '0800')), 'free');
      const desk = await doctor('POST', '/api/appointments', { slot: slotIdOf('role-dr', D(7), '0800'), patient: 'pat-own' });
      assert.equal(desk.statusCode, 201, desk.body);
    });
  });
}
