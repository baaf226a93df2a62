// The queue over HTTP on both databases: check-in rules (own appointment, the day, the window, twice), numbers that
// never collide under concurrent check-ins, call order with skip / recall / finish and the Encounter's status, the
// patient's position, the board's masked names and its live stream, and every refusal (4xx, nothing written).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../../test/support/databases.js';
import { testApp } from '../../../../test/support/app.js';
import { asRole, buildWorld, type Res, type World } from '../../../../test/security/fixtures.js';
import type { Store } from '../../../fhir/store/open.js';
import type { Resource } from '../../../fhir/types.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import { processBundle } from '../../../fhir/bundle/process.js';
import { SYS as DEMO_SYS } from '../../../demo/codes.js';
import { addDays, at, dayRange, localDate } from '../appointments/time.js';
import { checkIn } from './check-in.js';
import { DEFAULT_RULES } from './rules.js';
import { runGuide } from '../guide/engine.js';
import { guideResponse } from '../guide/questionnaire-response.js';

const body = (r: Res) => JSON.parse(r.body) as Record<string, any>;
const outcome = (r: Res) => body(r).issue?.[0] as { severity: string; code: string; diagnostics: string; expression?: string[] };
const PT = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
const DEPT = { coding: [{ system: DEMO_SYS.department, code: '03.01', display: '呼吸内科' }], text: '呼吸内科' };
const T: RequestContext = { tenant: 'default' };

const room = (id: string, n: number): Resource => ({
  resourceType: 'Location', id, status: 'active', name: `呼吸内科${n}诊室`, alias: [`Respiratory Clinic Room ${n}`],
  physicalType: { coding: [{ system: PT, code: 'ro' }] }, managingOrganization: { reference: 'Organization/dept-03.01' },
});
const patient = (id: string, name: Record<string, unknown>): Resource => ({ resourceType: 'Patient', id, name: [{ use: 'official', ...name }] });

const slot = (id: string, schedule: string, start: string, end: string): Resource => ({
  resourceType: 'Slot', id, schedule: { reference: `Schedule/${schedule}` }, status: 'busy', start, end, serviceType: [DEPT],
});
function appointment(id: string, pat: string, roomId: string, start: string, end: string, o: { slot?: string; status?: string } = {}): Resource {
  return {
    resourceType: 'Appointment', id, status: o.status ?? 'booked', start, end, serviceType: [DEPT], specialty: [DEPT],
    ...(o.slot ? { slot: [{ reference: `Slot/${o.slot}` }] } : {}),
    participant: [
      { actor: { reference: `Patient/${pat}` }, status: 'accepted' },
      { actor: { reference: 'PractitionerRole/role-dr', display: 'Dr One' }, status: 'accepted' },
      { actor: { reference: `Location/${roomId}` }, status: 'accepted' },
    ],
  };
}

/** A slot around now inside today (the check-in window is open for it whatever the time of day). */
function nowSlot(): { start: string; end: string } {
  const now = Date.now();
  const day = dayRange(localDate(now));
  const start = Math.max(Date.parse(day.start), now - 10 * 60_000);
  const end = Math.min(Date.parse(day.end) - 1000, now + 10 * 60_000);
  const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
  return { start: iso(start), end: iso(end) };
}

/** Server-sent events from a listening app: collects them and waits for one that matches. */
function sse(url: string, cookie: string) {
  const events: { event: string; data: string }[] = [];
  const waiters: { pred: (e: { event: string; data: any }) => boolean; resolve: (e: any) => void }[] = [];
  let status = 0;
  let contentType = '';
  let ended = false;
  const parse = (e: { event: string; data: string }) => ({ event: e.event, data: e.data ? JSON.parse(e.data) : undefined });
  const check = () => {
    for (const w of [...waiters]) {
      const hit = events.map(parse).find(w.pred);
      if (hit) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  };
  let buffer = '';
  let close = () => undefined as void;
  const opened = new Promise<void>((resolve, reject) => {
    const req = request(url, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      status = res.statusCode ?? 0;
      contentType = String(res.headers['content-type']);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const lines = block.split('\n').filter((l) => !l.startsWith(':') && !l.startsWith('retry:'));
          if (!lines.length) continue;
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          events.push({ event, data });
        }
        check();
      });
      res.on('end', () => { ended = true; });
      resolve();
    });
    req.on('error', reject);
    req.end();
    close = () => req.destroy();
  });
  return {
    opened,
    get status() { return status; },
    get contentType() { return contentType; },
    get ended() { return ended; },
    events,
    waitFor(pred: (e: { event: string; data: any }) => boolean): Promise<{ event: string; data: any }> {
      return new Promise((resolve) => {
        waiters.push({ pred, resolve });
        check();
      });
    },
    close: () => close(),
  };
}

for (const d of testDatabases()) {
  describe(`queue on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    let doctor: ReturnType<typeof asRole>;
    let nurse: ReturnType<typeof asRole>;
    let patientUser: ReturnType<typeof asRole>;
    let pharmacist: ReturnType<typeof asRole>;
    let admin: ReturnType<typeof asRole>;
    const today = localDate(Date.now());
    const s = nowSlot();
    const count = async (type: string, params: [string, string][] = []) =>
      (await store.repo.search(T, { types: [type], params: [...params, ['_total', 'accurate'], ['_count', '0']] })).total ?? -1;
    const put = (r: Resource) => store.repo.update(T, r);
    const transaction = (ctx: RequestContext, bundle: Resource) => processBundle(store.repo, ctx, bundle, { baseUrl: 'http://localhost/fhir', maxEntries: 1000, preferReturn: 'representation' });

    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      const seed: Resource[] = [
        { resourceType: 'Organization', id: 'dept-03.01', name: '呼吸内科' },
        room('clinic-q-1', 1), room('clinic-q-2', 2), room('clinic-q-3', 3), room('clinic-q-4', 4), room('clinic-q-5', 5),
        { resourceType: 'PractitionerRole', id: 'role-dr', active: true, practitioner: { reference: 'Practitioner/dr-1', display: 'Dr One' },
          specialty: [DEPT], location: [{ reference: 'Location/clinic-q-1' }, { reference: 'Location/clinic-q-2' }],
          availableTime: [{ availableStartTime: '00:00:00', availableEndTime: '23:59:00' }] },
        { resourceType: 'Schedule', id: 'sched-q', active: true, serviceType: [DEPT],
          actor: [{ reference: 'PractitionerRole/role-dr' }, { reference: 'Location/clinic-q-1' }] },
        slot('slot-q-now', 'sched-q', s.start, s.end),
        patient('pat-own', { text: '王小明' }),
        patient('pat-other', { text: '张三' }),
        patient('pat-en', { family: 'Smith', given: ['John'] }),
        ...Array.from({ length: 12 }, (_, i) => patient(`pat-r${i + 1}`, { text: `李${'一二三四五六七八九十甲乙'[i]}华` })),
        appointment('ap-own', 'pat-own', 'clinic-q-1', s.start, s.end, { slot: 'slot-q-now' }),
        appointment('ap-other', 'pat-other', 'clinic-q-1', s.start, s.end, { slot: 'slot-q-now' }),
        appointment('ap-tomorrow', 'pat-own', 'clinic-q-1', at(addDays(today, 1), '09:00'), at(addDays(today, 1), '09:10')),
        appointment('ap-cancelled', 'pat-own', 'clinic-q-1', s.start, s.end, { status: 'cancelled' }),
        ...Array.from({ length: 12 }, (_, i) => appointment(`ap-race-${i + 1}`, `pat-r${i + 1}`, 'clinic-q-3', s.start, s.end)),
        appointment('ap-twice', 'pat-en', 'clinic-q-3', s.start, s.end),
        ...[1, 2, 3, 4].map((i) => patient(`pat-c${i}`, { text: `赵${'甲乙丙丁'[i - 1]}` })),
        ...[1, 2, 3, 4].map((i) => appointment(`ap-call-${i}`, `pat-c${i}`, 'clinic-q-2', s.start, s.end)),
        appointment('ap-q5-a', 'pat-r1', 'clinic-q-5', s.start, s.end),
        appointment('ap-q5-b', 'pat-r2', 'clinic-q-5', s.start, s.end),
        appointment('ap-own-q5', 'pat-own', 'clinic-q-5', s.start, s.end),
        { resourceType: 'Task', id: 'task-plain', status: 'requested', intent: 'order', for: { reference: 'Patient/pat-other' } },
      ];
      for (const r of seed) await put(r);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
      doctor = asRole(app, world, 'doctor');
      nurse = asRole(app, world, 'nurse');
      patientUser = asRole(app, world, 'patient');
      pharmacist = asRole(app, world, 'pharmacist');
      admin = asRole(app, world, 'admin');
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('a patient checks in for their own appointment: ticket, Encounter, Appointment arrived — once', async () => {
      const r = await patientUser('POST', '/api/queue/check-in', { appointment: 'ap-own' });
      assert.equal(r.statusCode, 201, r.body);
      const c = body(r);
      assert.equal(c.ticket, 1);
      assert.equal(c.status, 'waiting');
      assert.equal(c.position, 0);
      assert.equal(c.name, '王*明');
      assert.deepEqual({ id: c.room.id, name: c.room.name }, { id: 'clinic-q-1', name: '呼吸内科1诊室' });
      assert.equal(c.room.department.code, '03.01');
      assert.equal(c.late, false);
      const appt = await store.repo.read(T, 'Appointment', 'ap-own');
      assert.equal(appt.status, 'arrived');
      const enc = await store.repo.read(T, 'Encounter', c.encounter);
      assert.equal(enc.status, 'arrived');
      assert.equal((enc.class as { code: string }).code, 'AMB');
      assert.deepEqual(enc.appointment, [{ reference: 'Appointment/ap-own' }]);
      assert.equal((enc.subject as { reference: string }).reference, 'Patient/pat-own');
      assert.equal((enc.participant as any[])[0].individual.reference, 'Practitioner/dr-1');
      assert.equal((enc.location as any[])[0].location.reference, 'Location/clinic-q-1');
      assert.equal((enc.serviceType as any).coding[0].code, '03.01');
      const task = await store.repo.read(T, 'Task', c.id);
      assert.equal(task.status, 'ready');
      assert.equal((task.for as { reference: string }).reference, 'Patient/pat-own');
      assert.equal((task.encounter as { reference: string }).reference, `Encounter/${c.encounter}`);

      // twice: the same ticket, nothing new
      const encounters = await count('Encounter');
      const again = await patientUser('POST', '/api/queue/check-in', { appointment: 'Appointment/ap-own' });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(body(again).id, c.id);
      assert.equal(body(again).ticket, 1);
      assert.equal(await count('Encounter'), encounters);
    });

    test('refusals write nothing: not yours 403, wrong day 409, cancelled 409, unknown 404, malformed 400, role 403', async () => {
      const before = { enc: await count('Encounter'), task: await count('Task'), basic: await count('Basic') };
      const cases: [Res, number, string, RegExp][] = [
        [await patientUser('POST', '/api/queue/check-in', { appointment: 'ap-other' }), 403, 'forbidden', /not yours/],
        [await patientUser('POST', '/api/queue/check-in', { appointment: 'ap-tomorrow' }), 409, 'conflict', /not today/],
        [await patientUser('POST', '/api/queue/check-in', { appointment: 'ap-cancelled' }), 409, 'conflict', /cancelled/],
        [await patientUser('POST', '/api/queue/check-in', { appointment: 'ap-nope' }), 404, 'not-found', /not known/],
        [await doctor('POST', '/api/queue/check-in', { appointment: 'Patient/ap-own' }), 400, 'invalid', /Appointment id/],
        [await doctor('POST', '/api/queue/check-in', {}), 400, 'invalid', /appointment/],
        [await doctor('POST', '/api/queue/check-in', { appointment: '' }), 400, 'invalid', /fewer than 1|minLength|must NOT have/],
        [await doctor('POST', '/api/queue/check-in', { appointment: 'a b' }), 400, 'invalid', /Appointment id/],
        [await doctor('POST', '/api/queue/check-in', { appointment: { id: 'ap-other' } }), 400, 'invalid', /string/],
        [await doctor('POST', '/api/queue/check-in', '{not json', { 'content-type': 'application/json' }), 400, 'invalid', /./],
        [await pharmacist('POST', '/api/queue/check-in', { appointment: 'ap-other' }), 403, 'forbidden', /doctor, nurse/],
      ];
      for (const [r, status, code, message] of cases) {
        assert.equal(r.statusCode, status, r.body);
        assert.equal(body(r).resourceType, 'OperationOutcome', r.body);
        assert.equal(outcome(r).code, code, r.body);
        assert.match(outcome(r).diagnostics, message);
      }
      assert.deepEqual({ enc: await count('Encounter'), task: await count('Task'), basic: await count('Basic') }, before);
      assert.equal((await store.repo.read(T, 'Appointment', 'ap-other')).status, 'booked');
    });

    test('the desk nurse checks in a patient who is not on her ward', async () => {
      const r = await nurse('POST', '/api/queue/check-in', { appointment: 'ap-other' });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(body(r).ticket, 2);
      assert.equal(body(r).position, 1, 'one patient checked in before');
      assert.equal(body(r).name, '张*');
    });

    test('numbers never collide: 12 concurrent check-ins to one room get 1..12; a triple tap gives one ticket', async () => {
      const all = await Promise.all(Array.from({ length: 12 }, (_, i) => doctor('POST', '/api/queue/check-in', { appointment: `ap-race-${i + 1}` })));
      for (const r of all) assert.equal(r.statusCode, 201, r.body);
      const numbers = all.map((r) => body(r).ticket as number).sort((a, b) => a - b);
      assert.deepEqual(numbers, Array.from({ length: 12 }, (_, i) => i + 1));
      assert.equal(new Set(all.map((r) => body(r).encounter)).size, 12);

      const taps = await Promise.all([1, 2, 3].map(() => doctor('POST', '/api/queue/check-in', { appointment: 'ap-twice' })));
      assert.deepEqual(taps.map((r) => r.statusCode).sort(), [200, 200, 201], taps.map((r) => r.body).join('\n'));
      assert.equal(new Set(taps.map((r) => body(r).id)).size, 1);
      assert.equal(body(taps[0]!).ticket, 13);
      assert.equal(await count('Task', [['focus', 'Appointment/ap-twice']]), 1);
      assert.equal(await count('Encounter', [['appointment', 'Appointment/ap-twice']]), 1);
    });

    test('the check-in window: from 60 minutes before the slot to the end of its session (every boundary)', async () => {
      // a day of its own: slots 08:00–08:10 and 08:10–08:20 make one session; 09:00 starts another
      const day = '2030-03-04';
      const when = (hhmmss: string) => new Date(`${day}T${hhmmss}+08:00`);
      await put({ resourceType: 'Schedule', id: 'sched-w', active: true, actor: [{ reference: 'PractitionerRole/role-w' }, { reference: 'Location/clinic-q-4' }] });
      for (const [id, a, b] of [['slot-w1', '08:00', '08:10'], ['slot-w2', '08:10', '08:20'], ['slot-w3', '09:00', '09:10']]) await put(slot(id as string, 'sched-w', at(day, a as string), at(day, b as string)));
      const ap = async (id: string, o: { slot?: string; status?: string } = { slot: 'slot-w1' }) => put(appointment(id, 'pat-other', 'clinic-q-4', at(day, '08:00'), at(day, '08:10'), o));
      const run = (id: string, now: Date) => checkIn(store.repo, transaction, T, { appointment: id }, DEFAULT_RULES, now);
      const refused = async (id: string, now: Date, message: RegExp) => {
        await assert.rejects(run(id, now), (e: { status: number; message: string }) => e.status === 409 && message.test(e.message));
        assert.equal((await store.repo.read(T, 'Appointment', id)).status !== 'arrived', true);
      };
      await ap('w-early');
      await refused('w-early', when('06:59:59'), /opens at 06:59|opens at 07:00/);
      const opens = await run('w-early', when('07:00:00'));
      assert.equal(opens.created, true);
      assert.equal(opens.ticket.late, false);
      await ap('w-last');
      const last = await run('w-last', when('08:20:00'));
      assert.equal(last.ticket.late, true, 'after the slot ended: late');
      assert.equal(last.ticket.number, opens.ticket.number + 1, 'a late arrival queues behind everyone in line');
      await ap('w-over');
      await refused('w-over', when('08:20:01'), /ended at 08:20/);
      await ap('w-day');
      await refused('w-day', new Date(`2030-03-05T08:05:00+08:00`), /on 2030-03-04, not today/);
      await refused('w-day', new Date(`2030-03-03T08:05:00+08:00`), /not today/);
      // no slot to find the session by: open until 60 minutes after the appointment's end
      await ap('w-noslot', {});
      await refused('w-noslot', when('09:10:01'), /ended at 09:10/);
      assert.equal((await run('w-noslot', when('09:10:00'))).created, true);
      // marked a no-show meanwhile, but here while the session runs: accepted
      await ap('w-noshow', { slot: 'slot-w1', status: 'noshow' });
      assert.equal((await run('w-noshow', when('08:15:00'))).created, true);
      assert.equal((await store.repo.read(T, 'Appointment', 'w-noshow')).status, 'arrived');
    });

    test('the doctor calls in ticket order; skip re-joins after 2 calls; recall; finish; the Encounter follows', async () => {
      const tickets: Record<string, any>[] = [];
      for (const i of [1, 2, 3, 4]) tickets.push(body(await doctor('POST', '/api/queue/check-in', { appointment: `ap-call-${i}` })));
      assert.deepEqual(tickets.map((t) => t.ticket), [1, 2, 3, 4]);
      const [t1, t2, t3, t4] = tickets.map((t) => t.id as string);
      const enc = async (i: number) => store.repo.read(T, 'Encounter', tickets[i]!.encounter as string);
      const next = async () => {
        const r = await doctor('POST', '/api/queue/rooms/clinic-q-2/next', {});
        assert.equal(r.statusCode, 200, r.body);
        return body(r);
      };
      const roomView = async () => body(await doctor('GET', '/api/queue/rooms/clinic-q-2'));
      const act = async (id: string, action: string) => doctor('POST', `/api/queue/tickets/${id}/${action}`, {});

      let r = await next();
      assert.equal(r.called.id, t1);
      assert.equal(r.called.status, 'called');
      assert.deepEqual(r.finished, []);
      assert.equal((await enc(0)).status, 'in-progress', 'the consultation begins with the call');
      let v = await roomView();
      assert.deepEqual(v.called.map((t: any) => [t.ticket, t.patient.name]), [[1, '赵甲']]);
      assert.deepEqual(v.waiting.map((t: any) => [t.ticket, t.position]), [[2, 0], [3, 1], [4, 2]]);
      assert.equal(v.room.name, '呼吸内科2诊室');

      r = await next();
      assert.equal(r.called.id, t2);
      assert.deepEqual(r.finished.map((t: any) => t.id), [t1]);
      const e1 = await enc(0);
      assert.equal(e1.status, 'finished');
      assert.deepEqual((e1.statusHistory as { status: string }[]).map((h) => h.status), ['arrived', 'in-progress', 'finished']);

      const skipped = await act(t2, 'skip');
      assert.equal(skipped.statusCode, 200, skipped.body);
      assert.equal(body(skipped).status, 'skipped');
      r = await next();
      assert.equal(r.called.id, t3, 'ticket 2 was skipped: 3 is next');
      assert.deepEqual(r.finished, [], 'a skipped patient is not finished by the next call');
      v = await roomView();
      assert.deepEqual(v.skipped.map((t: any) => [t.ticket, t.rejoinsAfterCalls]), [[2, 1]]);
      assert.deepEqual(v.waiting.map((t: any) => t.ticket), [4]);

      r = await next();
      assert.equal(r.called.id, t4);
      v = await roomView();
      assert.deepEqual(v.waiting.map((t: any) => t.ticket), [2], 'two calls after the skip: 2 is back in line');
      assert.deepEqual(v.skipped, []);
      r = await next();
      assert.equal(r.called.id, t2);
      assert.equal(r.called.callCount, 2);
      assert.deepEqual(r.finished.map((t: any) => t.id), [t4]);

      const recalled = await act(t2, 'recall');
      assert.equal(recalled.statusCode, 200, recalled.body);
      assert.equal(body(recalled).callCount, 3);
      const finished = await act(t2, 'finish');
      assert.equal(body(finished).status, 'done');
      assert.equal((await enc(1)).status, 'finished');

      r = await next();
      assert.equal(r.called, undefined, 'nobody left');
      assert.deepEqual(r.finished, []);
      v = await roomView();
      assert.equal(v.calls, 6, 'five calls by next, one recall');
      assert.deepEqual(v.done.map((t: any) => t.ticket).sort(), [1, 2, 3, 4]);
    });

    test("the called patient's pre-visit note comes from the guide answers the appointment points to", async () => {
      const input = { text: '胸口疼，出冷汗', age: 58, sex: 'male' as const, pregnant: false, lang: 'zh' as const };
      const qr = { ...guideResponse(input, runGuide(input), { patient: 'Patient/pat-c1' }), id: 'qr-pre-visit' };
      await put(qr);
      await put(patient('pat-pv', { text: '钱多多' }));
      await put({ ...appointment('ap-pv', 'pat-pv', 'clinic-q-4', s.start, s.end), supportingInformation: [{ reference: 'QuestionnaireResponse/qr-pre-visit' }] });
      assert.equal((await doctor('POST', '/api/queue/check-in', { appointment: 'ap-pv' })).statusCode, 201);
      assert.equal(body(await doctor('POST', '/api/queue/rooms/clinic-q-4/next', {})).called.ticket, 1);
      const v = body(await doctor('GET', '/api/queue/rooms/clinic-q-4'));
      const note = v.called[0].preVisit;
      assert.equal(note.text, '胸口疼，出冷汗');
      assert.equal(note.emergency, true, 'chest pain with sweating is a red flag');
      assert.ok(note.redFlags.length > 0);
      assert.ok(note.authored);
      assert.equal(v.waiting.every((t: any) => t.preVisit === undefined), true, 'read for the called patient only');
    });

    test('queue actions refused: wrong state 409, unknown 404, not a ticket 404, malformed 400, not a doctor 403 — nothing written', async () => {
      const done = body(await doctor('GET', '/api/queue/rooms/clinic-q-2')).done[0].id as string;
      const tasks = await count('Task');
      const basics = await store.repo.read(T, 'Basic', (await store.repo.search(T, { types: ['Basic'], params: [['subject', 'Location/clinic-q-2']] })).matches[0]!.id as string);
      const cases: [Res, number, string][] = [
        [await doctor('POST', `/api/queue/tickets/${done}/recall`, {}), 409, 'conflict'],
        [await doctor('POST', `/api/queue/tickets/${done}/skip`, {}), 409, 'conflict'],
        [await doctor('POST', `/api/queue/tickets/${done}/finish`, {}), 409, 'conflict'],
        [await doctor('POST', '/api/queue/tickets/nope/recall', {}), 404, 'not-found'],
        [await doctor('POST', '/api/queue/tickets/task-plain/skip', {}), 404, 'not-found'],
        [await doctor('POST', '/api/queue/tickets/a%20b/skip', {}), 400, 'invalid'],
        [await doctor('POST', '/api/queue/rooms/nowhere/next', {}), 404, 'not-found'],
        [await doctor('POST', '/api/queue/rooms/a%20b/next', {}), 400, 'invalid'],
        [await doctor('GET', '/api/queue/rooms/a%20b'), 400, 'invalid'],
        [await nurse('POST', '/api/queue/rooms/clinic-q-2/next', {}), 403, 'forbidden'],
        [await patientUser('POST', `/api/queue/tickets/${done}/recall`, {}), 403, 'forbidden'],
        [await patientUser('GET', '/api/queue/rooms/clinic-q-2'), 403, 'forbidden'],
      ];
      for (const [res, status, code] of cases) {
        assert.equal(res.statusCode, status, res.body);
        assert.equal(body(res).resourceType, 'OperationOutcome');
        assert.equal(outcome(res).code, code, res.body);
      }
      assert.equal(await count('Task'), tasks);
      const after = await store.repo.read(T, 'Basic', basics.id as string);
      assert.equal(after.meta?.versionId, basics.meta?.versionId);
    });

    test("the doctor's room today comes from their Schedule and roster", async () => {
      const r = await doctor('GET', '/api/queue/my-room');
      assert.equal(r.statusCode, 200, r.body);
      const m = body(r);
      assert.equal(m.date, today);
      assert.equal(m.room.id, 'clinic-q-1');
      assert.ok(m.session.start && m.session.end);
      assert.deepEqual(m.rooms.map((x: any) => x.id), ['clinic-q-1', 'clinic-q-2']);
      assert.equal((await nurse('GET', '/api/queue/my-room')).statusCode, 403);
    });

    test("the patient's tickets of today with the people ahead; only for patients", async () => {
      for (const a of ['ap-q5-a', 'ap-q5-b']) assert.equal((await doctor('POST', '/api/queue/check-in', { appointment: a })).statusCode, 201);
      assert.equal((await patientUser('POST', '/api/queue/check-in', { appointment: 'ap-own-q5' })).statusCode, 201);
      const mine = async () => body(await patientUser('GET', '/api/queue/mine'));
      let m = await mine();
      assert.equal(m.date, today);
      const q5 = () => m.tickets.find((t: any) => t.room.id === 'clinic-q-5');
      assert.equal(m.tickets.length, 2);
      assert.deepEqual([q5().ticket, q5().status, q5().position, q5().room.name, q5().doctor], [3, 'waiting', 2, '呼吸内科5诊室', 'Dr One']);
      assert.equal(q5().patient, undefined, 'nothing about anyone else');
      await doctor('POST', '/api/queue/rooms/clinic-q-5/next', {});
      m = await mine();
      assert.equal(q5().position, 1);
      await doctor('POST', '/api/queue/rooms/clinic-q-5/next', {});
      await doctor('POST', '/api/queue/rooms/clinic-q-5/next', {});
      m = await mine();
      assert.deepEqual([q5().status, q5().position], ['called', 0]);
      assert.ok(q5().calledAt);
      for (const who of [doctor, nurse]) {
        const r = await who('GET', '/api/queue/mine');
        assert.equal(r.statusCode, 403);
        assert.equal(outcome(r).code, 'forbidden');
      }
    });

    test('the board: masked names only, calls and next per room; staff only; bad queries 400', async () => {
      const r = await nurse('GET', '/api/queue/board?department=03.01');
      assert.equal(r.statusCode, 200, r.body);
      const b = body(r);
      assert.equal(b.department.name, '呼吸内科');
      for (const full of ['王小明', '张三', 'Smith', 'John', '赵甲', '李一华']) assert.ok(!r.body.includes(full), `no full name on the board: ${full}`);
      const q1 = b.rooms.find((x: any) => x.room.id === 'clinic-q-1');
      assert.deepEqual(q1.next.map((n: any) => n.name), ['王*明', '张*']);
      assert.equal(q1.waiting, 2);
      const q3 = b.rooms.find((x: any) => x.room.id === 'clinic-q-3');
      assert.ok(q3.next.length <= 3);
      assert.equal(q3.waiting, 13);
      const q5 = b.rooms.find((x: any) => x.room.id === 'clinic-q-5');
      assert.deepEqual([q5.current.ticket, q5.current.name], [3, '王*明']);
      assert.ok(b.calls.length > 0 && b.calls.length <= 6);
      assert.ok(b.calls.every((c: any) => c.room.name && c.name.includes('*')));
      const byRoom = body(await nurse('GET', '/api/queue/board?room=clinic-q-3'));
      assert.equal(byRoom.rooms.length, 1);
      assert.equal(byRoom.room.name, '呼吸内科3诊室');
      const all = body(await doctor('GET', '/api/queue/board'));
      assert.ok(all.rooms.length >= 4);

      for (const [res, status] of [
        [await patientUser('GET', '/api/queue/board'), 403],
        [await admin('GET', '/api/queue/board'), 403],
        [await nurse('GET', '/api/queue/board?room=clinic-q-1&department=03.01'), 400],
        [await nurse('GET', '/api/queue/board?department=3.1'), 400],
        [await nurse('GET', '/api/queue/board?room=a%20b'), 400],
      ] as [Res, number][]) {
        assert.equal(res.statusCode, status, res.body);
        assert.equal(body(res).resourceType, 'OperationOutcome');
      }
    });

    test('two doctors pressing "next" at once call two different patients', async () => {
      const [a, b] = await Promise.all([1, 2].map(() => doctor('POST', '/api/queue/rooms/clinic-q-3/next', {})));
      assert.equal(a!.statusCode, 200, a!.body);
      assert.equal(b!.statusCode, 200, b!.body);
      const called = [body(a!).called.ticket, body(b!).called.ticket].sort((x, y) => x - y);
      assert.deepEqual(called, [1, 2]);
      const v = body(await doctor('GET', '/api/queue/rooms/clinic-q-3'));
      assert.equal(v.calls, 2);
      assert.equal(v.called.length + v.done.length, 2);
    });

    test('Latin names are masked to the first letter on the board', async () => {
      await put(appointment('ap-en', 'pat-en', 'clinic-q-4', s.start, s.end));
      assert.equal((await doctor('POST', '/api/queue/check-in', { appointment: 'ap-en' })).statusCode, 201);
      const b = body(await nurse('GET', '/api/queue/board?room=clinic-q-4'));
      assert.deepEqual(b.rooms[0].next.map((n: any) => n.name), ['J***']);
    });

    test('the live board: the board on connect, an update after a call, cleaned up on disconnect', async () => {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const cookie = world.users.get('nurse')!.cookie;
      const handlers = () => (store.bus as unknown as { handlers: Set<unknown> }).handlers.size;
      const base = handlers();
      const live = sse(`${address}/api/queue/board/events?room=clinic-q-3`, cookie);
      await live.opened;
      assert.equal(live.status, 200);
      assert.match(live.contentType, /^text\/event-stream/);
      const first = await live.waitFor((e) => e.event === 'board');
      assert.equal(first.data.room.id, 'clinic-q-3');
      assert.equal(handlers(), base + 1, 'subscribed to the change events');
      const calledBefore = first.data.rooms[0].current?.ticket;
      // every push is a board read audited as the nurse
      const q3 = body(await doctor('GET', '/api/queue/rooms/clinic-q-3'));
      const nextUp = q3.waiting[0].id as string;
      const reads = async () => body(await admin('GET', `/fhir/AuditEvent?agent=PractitionerRole/role-rn&entity=Task/${nextUp}&_total=accurate&_count=0`)).total as number;
      const readsBefore = await reads();
      assert.ok(readsBefore >= 1, 'the board sent on connect was audited');
      const n = body(await doctor('POST', '/api/queue/rooms/clinic-q-3/next', {}));
      assert.equal(n.called.id, nextUp);
      const update = await live.waitFor((e) => e.event === 'board' && e.data.rooms[0].current?.ticket !== calledBefore);
      assert.equal(update.data.rooms[0].current?.ticket, n.called?.ticket);
      assert.ok(!JSON.stringify(update.data).includes('王小明'));
      assert.ok((await reads()) > readsBefore, 'the pushed board was audited too');
      live.close();
      while (handlers() !== base) await new Promise((res) => setTimeout(res, 20));

      // refusals come as ordinary answers, not streams
      const denied = await patientUser('GET', '/api/queue/board/events');
      assert.equal(denied.statusCode, 403);
      const bad = await nurse('GET', '/api/queue/board/events?department=x');
      assert.equal(bad.statusCode, 400);
      assert.equal(body(bad).resourceType, 'OperationOutcome');

      // a stream left open does not keep the server from closing (after() closes it)
      const open = sse(`${address}/api/queue/board/events`, cookie);
      await open.opened;
      await open.waitFor((e) => e.event === 'board');
    });
  });
}
