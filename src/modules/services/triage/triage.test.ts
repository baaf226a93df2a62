// Triage over HTTP on both databases: compute, register an ED arrival (new and existing patients, the elevated
// registration step and the ward policy afterwards), the stored FHIR shape, re-triage, override (a reason or 400),
// seen / left, the board with an injected clock (overdue at the level's maximum wait), the live board over SSE,
// and refusals (4xx, nothing written).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { testDatabases } from '../../../../test/support/databases.js';
import { testApp } from '../../../../test/support/app.js';
import { FAST, PASSWORD, asRole, buildWorld, type Res, type World } from '../../../../test/security/fixtures.js';
import type { Store } from '../../../fhir/store/open.js';
import type { Resource } from '../../../fhir/types.js';
import { UserStore } from '../../../security/identity/users.js';
import { SessionStore } from '../../../security/identity/sessions.js';
import { EXT, SYS } from './codes.js';
import { triageModule } from './index.js';

const body = (r: Res) => JSON.parse(r.body) as Record<string, any>;
const outcome = (r: Res) => body(r).issue?.[0] as { code: string; diagnostics: string; expression?: string[] };
const T = { tenant: 'default' };

/** The ED: its triage location, and an ED nurse whose role lists it (the demo hospital's er-triage and prole-053). */
const ED: Resource[] = [
  { resourceType: 'Organization', id: 'dept-20', name: '急诊医学科' },
  {
    resourceType: 'Location', id: 'er-triage', status: 'active', name: '急诊预检分诊处', managingOrganization: { reference: 'Organization/dept-20' },
    type: [{ coding: [{ system: SYS.locationFunction, code: 'triage' }] }],
  },
  { resourceType: 'Practitioner', id: 'rn-ed', name: [{ text: '冯晶' }] },
  { resourceType: 'PractitionerRole', id: 'role-ed', practitioner: { reference: 'Practitioner/rn-ed' }, location: [{ reference: 'Location/er-triage' }] },
];

type Caller = (method: InjectOptions['method'], url: string, payload?: unknown) => Promise<Res>;

for (const d of testDatabases()) {
  describe(`triage on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    let edNurse: Caller;
    let edCookie: string;
    let wardNurse: Caller;
    let doctor: Caller;
    let pharmacist: Caller;
    let patientUser: Caller;
    // the module's clock: the test moves it forward to make waits overdue
    let offsetMs = 0;
    const count = async (type: string) => (await store.repo.search(T, { types: [type], params: [['_total', 'accurate'], ['_count', '0']] })).total ?? -1;
    const board = async (who: Caller = edNurse) => {
      const r = await who('GET', '/api/triage/board');
      assert.equal(r.statusCode, 200, r.body);
      return body(r) as { patients: Record<string, any>[]; counts: Record<string, any> };
    };
    const arrival = (over: Record<string, unknown> = {}) => ({
      newPatient: { name: '王小明', sex: 'male', age: 58, phone: '13800000001' },
      age: 58, complaint: '胸痛2小时，伴出汗', vitals: { heartRate: 130, systolicBP: 85, spo2: 96, temperature: 36.8 }, expectedResources: 3, ...over,
    });

    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      for (const r of ED) await store.repo.update(T, r);
      const users = new UserStore(store.db, { hash: FAST });
      const u = await users.create('default', { username: 'ed-nurse', password: PASSWORD, roles: 'nurse', fhirUser: 'PractitionerRole/role-ed' });
      const s = await new SessionStore(store.db).create('default', u.id, {});
      edCookie = `huiyi_session=${s.id}`;
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' }, {
        modules: [triageModule({ now: () => new Date(Date.now() + offsetMs), heartbeatMs: 40, debounceMs: 5, refreshMs: 60_000 })],
      });
      edNurse = (method, url, payload) => app.inject({
        method, url, headers: { cookie: edCookie, 'x-csrf-token': s.csrfToken, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });
      wardNurse = asRole(app, world, 'nurse');
      doctor = asRole(app, world, 'doctor');
      pharmacist = asRole(app, world, 'pharmacist');
      patientUser = asRole(app, world, 'patient');
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('compute: the issue\'s contract; nurses and doctors only; bad input is a 400 OperationOutcome', async () => {
      const r = await edNurse('POST', '/api/triage', { age: 58, complaint: '胸痛', vitals: { heartRate: 130, systolicBP: 85 } });
      assert.equal(r.statusCode, 200, r.body);
      const t = body(r);
      assert.deepEqual([t.level, t.zone, t.maxWaitMinutes, t.algorithm], [2, 'red', 10, 'cn2018']);
      assert.match(t.reasons[0], /胸痛/);
      const esi = body(await doctor('POST', '/api/triage', { algorithm: 'esi4', age: 30, expectedResources: 0, lang: 'en' }));
      assert.deepEqual([esi.level, esi.zone, esi.maxWaitMinutes], [5, 'green', 120]);
      assert.match(esi.reasons[0], /no resources/);

      assert.equal((await app.inject({ method: 'POST', url: '/api/triage', payload: { age: 3 } })).statusCode, 401);
      assert.equal((await patientUser('POST', '/api/triage', { age: 30 })).statusCode, 403);
      assert.equal((await pharmacist('POST', '/api/triage', { age: 30 })).statusCode, 403);
      for (const bad of [{}, { age: -1 }, { age: 'old' }, { age: 30, vitals: { heartRate: 'fast' } }, { age: 30, vitals: { spo2: 101 } },
        { age: 30, flags: ['dragonBite'] }, { age: 30, algorithm: 'mts' }, { age: 30, expectedResources: 1.5 }, { age: 30, vitals: { gcs: 2 } }]) {
        const b = await edNurse('POST', '/api/triage', bad);
        assert.equal(b.statusCode, 400, JSON.stringify(bad));
        assert.equal(body(b).resourceType, 'OperationOutcome');
      }
    });

    let first: Record<string, any>;
    test('register a new patient: one transaction, the stored FHIR shape', async () => {
      const r = await edNurse('POST', '/api/triage/encounters', arrival());
      assert.equal(r.statusCode, 201, r.body);
      first = body(r);
      assert.equal(first.level.level, 2);
      const e = await store.repo.read(T, 'Encounter', first.encounter.id) as Record<string, any>;
      assert.equal(e.class.code, 'EMER');
      assert.equal(e.status, 'triaged');
      assert.deepEqual(e.statusHistory.map((h: { status: string }) => h.status), ['arrived', 'triaged']);
      assert.deepEqual(e.priority.coding.map((c: { system: string; code: string }) => [c.system, c.code]), [[SYS.actPriority, 'EM'], [SYS.level.cn2018, '2']]);
      assert.equal(e.location[0].location.reference, 'Location/er-triage');
      assert.equal(e.serviceProvider.reference, 'Organization/dept-20');
      assert.equal(e.reasonCode[0].text, '胸痛2小时，伴出汗');
      assert.equal(e.participant[0].individual.reference, 'PractitionerRole/role-ed');
      const patient = await store.repo.read(T, 'Patient', first.patient.id) as Record<string, any>;
      assert.equal(e.subject.reference, `Patient/${patient.id}`);
      assert.equal(patient.name[0].text, '王小明');
      assert.equal(patient.gender, 'male');
      assert.match(patient.birthDate, /^\d{4}$/);

      const obs = (await store.repo.search(T, { types: ['Observation'], params: [['encounter', `Encounter/${e.id}`]] })).matches as Record<string, any>[];
      const byCode = new Map<string, Record<string, any>>(obs.map((o) => [o.code.coding[0].code, o]));
      const get = (code: string) => byCode.get(code) as Record<string, any>;
      assert.deepEqual([...byCode.keys()].sort(), ['2708-6', '8310-5', '8480-6', '8867-4']);
      assert.deepEqual(get('8867-4').valueQuantity, { value: 130, unit: '/min', system: SYS.ucum, code: '/min' });
      assert.equal(get('8480-6').valueQuantity.code, 'mm[Hg]');
      assert.equal(get('8867-4').category[0].coding[0].code, 'vital-signs');
      assert.equal(get('8867-4').subject.reference, `Patient/${patient.id}`);

      const ra = await store.repo.read(T, 'RiskAssessment', first.riskAssessment.id) as Record<string, any>;
      assert.equal(ra.status, 'final');
      assert.equal(ra.method.coding[0].code, 'cn2018');
      assert.equal(ra.encounter.reference, `Encounter/${e.id}`);
      assert.equal(ra.subject.reference, `Patient/${patient.id}`);
      assert.deepEqual(ra.prediction[0].outcome.coding[0], { system: SYS.level.cn2018, code: '2', display: 'Ⅱ级 急重（危重）' });
      assert.deepEqual(ra.basis.map((b: { reference: string }) => b.reference).sort(), obs.map((o) => `Observation/${o.id}`).sort());
      const input = ra.extension.find((x: { url: string }) => x.url === EXT.input).extension as { url: string; [k: string]: unknown }[];
      assert.deepEqual(input.filter((x) => x.url === 'flag').map((x) => x.valueCode), ['chestPainACS']);
      assert.deepEqual(input.find((x) => x.url === 'heartRate')?.valueDecimal, 130);
      assert.ok(ra.extension.some((x: { url: string; valueCoding?: { code: string } }) => x.url === EXT.criterion && x.valueCoding?.code === 'cn2018.chestPainACS'));
    });

    test('the ward policy: the ED nurse sees her triaged patient; a nurse of another ward does not', async () => {
      assert.equal((await edNurse('GET', `/fhir/Patient/${first.patient.id}`)).statusCode, 200);
      assert.notEqual((await wardNurse('GET', `/fhir/Patient/${first.patient.id}`)).statusCode, 200);
      assert.ok(!(await board(wardNurse)).patients.some((p) => p.encounter === first.encounter.id));
      assert.equal((await wardNurse('POST', `/api/triage/encounters/${first.encounter.id}/retriage`, { vitals: { heartRate: 90 } })).statusCode, 404);
    });

    test('register an existing patient who is not on the nurse\'s ward (elevated step); twice is 409; refusals write nothing', async () => {
      const before = [await count('Encounter'), await count('RiskAssessment'), await count('Patient')];
      const bad = [
        [await edNurse('POST', '/api/triage/encounters', { ...arrival(), patient: 'pat-other' }), 400],
        [await edNurse('POST', '/api/triage/encounters', { age: 40 }), 400],
        [await edNurse('POST', '/api/triage/encounters', { age: 40, patient: 'nobody' }), 422],
        [await edNurse('POST', '/api/triage/encounters', { age: 40, patient: 'pat-other', override: { level: 3 } }), 400],
        [await edNurse('POST', '/api/triage/encounters', { age: 40, patient: 'pat-other', override: { level: 3, reason: '   ' } }), 400],
        [await edNurse('POST', '/api/triage/encounters', { age: 40, patient: 'pat-other', override: { level: 5, reason: 'x' } }), 400],
        [await edNurse('POST', '/api/triage/encounters', { age: 40, patient: 'pat-other', location: 'nowhere' }), 422],
        [await pharmacist('POST', '/api/triage/encounters', { age: 40, patient: 'pat-other' }), 403],
        [await edNurse('POST', '/api/triage/encounters', { age: 40, newPatient: { name: ' ', sex: 'male' } }), 400],
      ] as const;
      for (const [r, status] of bad) {
        assert.equal(r.statusCode, status, r.body);
        assert.equal(body(r).resourceType, 'OperationOutcome');
      }
      assert.deepEqual([await count('Encounter'), await count('RiskAssessment'), await count('Patient')], before, 'nothing was written');

      const ok = await edNurse('POST', '/api/triage/encounters', { patient: 'Patient/pat-other', age: 40, complaint: '扭伤脚踝', vitals: { painScore: 3 }, expectedResources: 1 });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(body(ok).level.level, 4);
      const again = await edNurse('POST', '/api/triage/encounters', { patient: 'pat-other', age: 40 });
      assert.equal(again.statusCode, 409);
      assert.match(outcome(again).diagnostics, /already in the emergency department/);
      const b = await board();
      assert.ok(b.patients.some((p) => p.patient.id === 'pat-other' && p.level === 4 && p.zone === 'green' && p.maxWaitMinutes === 240));
    });

    test('override: a reason or 400 (nothing written); both levels recorded; the board shows it', async () => {
      const id = first.encounter.id as string;
      const before = await count('RiskAssessment');
      for (const b of [{ level: 1 }, { level: 1, reason: '' }, { level: 1, reason: '  ' }, { reason: 'x' }, { level: 9, reason: 'x' }]) {
        const r = await edNurse('POST', `/api/triage/encounters/${id}/override`, b);
        assert.equal(r.statusCode, 400, JSON.stringify(b));
        assert.equal(body(r).resourceType, 'OperationOutcome');
      }
      assert.equal(await count('RiskAssessment'), before);
      const r = await edNurse('POST', `/api/triage/encounters/${id}/override`, { level: 1, reason: '面色苍白、大汗，护士判断病情危重' });
      assert.equal(r.statusCode, 200, r.body);
      const ra = await store.repo.read(T, 'RiskAssessment', body(r).riskAssessment.id) as Record<string, any>;
      const ov = ra.extension.find((x: { url: string }) => x.url === EXT.override).extension as { url: string; valueCoding?: { code: string }; valueString?: string }[];
      assert.deepEqual(ov.map((x) => [x.url, x.valueCoding?.code ?? x.valueString]), [['computedLevel', '2'], ['assignedLevel', '1'], ['reason', '面色苍白、大汗，护士判断病情危重']]);
      assert.equal(ra.prediction[0].outcome.coding[0].code, '1');
      assert.ok(ra.basis.some((b: { reference: string }) => b.reference === `RiskAssessment/${first.riskAssessment.id}`));
      const e = await store.repo.read(T, 'Encounter', id) as Record<string, any>;
      assert.equal(e.priority.coding[0].code, 'S');
      const row = (await board()).patients.find((p) => p.encounter === id)!;
      assert.deepEqual([row.level, row.override.computed, row.override.assigned, row.event], [1, 2, 1, 'override']);
      assert.equal((await board()).patients[0].encounter, id, 'the most urgent first');
    });

    test('re-triage: worse vitals raise the level (alert on the board), better ones keep it', async () => {
      const r0 = await edNurse('POST', '/api/triage/encounters', arrival({ newPatient: { name: '李四', sex: 'female', age: 70 }, age: 70, complaint: '腹痛', vitals: { heartRate: 95 }, expectedResources: 2 }));
      assert.equal(r0.statusCode, 201, r0.body);
      const id = body(r0).encounter.id as string;
      assert.equal(body(r0).level.level, 3);
      const worse = await edNurse('POST', `/api/triage/encounters/${id}/retriage`, { vitals: { heartRate: 155, systolicBP: 78 } });
      assert.equal(worse.statusCode, 200, worse.body);
      assert.deepEqual([body(worse).level.level, body(worse).previousLevel, body(worse).raised], [2, 3, true]);
      assert.equal(body(worse).observations.length, 2);
      assert.equal((await store.repo.read(T, 'Encounter', id) as Record<string, any>).priority.coding[0].code, 'EM');
      const row = (await board()).patients.find((p) => p.encounter === id)!;
      assert.deepEqual(row.alerts, ['worsened']);
      assert.deepEqual(row.vitals, { heartRate: 155, systolicBP: 78 }, 'the kept and the new values');
      const better = await edNurse('POST', `/api/triage/encounters/${id}/retriage`, { vitals: { heartRate: 80, systolicBP: 120 } });
      assert.deepEqual([body(better).triage.level, body(better).level.level, body(better).raised], [3, 2, false]);
      assert.equal((await edNurse('POST', `/api/triage/encounters/${id}/retriage`, {})).statusCode, 400);
      assert.equal((await edNurse('POST', `/api/triage/encounters/${id}/retriage`, { vitals: { spo2: 'low' } })).statusCode, 400);
      assert.equal((await edNurse('POST', '/api/triage/encounters/nope/retriage', { vitals: { spo2: 90 } })).statusCode, 404);
    });

    test('the board with an injected clock: overdue after the level\'s maximum wait, exactly', async () => {
      const r = await edNurse('POST', '/api/triage/encounters', arrival({ newPatient: { name: '赵六', sex: 'male', age: 30 }, age: 30, complaint: '发热', vitals: { painScore: 5 }, expectedResources: 2 }));
      const id = body(r).encounter.id as string;
      assert.equal(body(r).level.level, 3);
      const row = async () => (await board()).patients.find((p) => p.encounter === id)!;
      offsetMs = 30 * 60_000;
      assert.deepEqual([(await row()).minutesWaited, (await row()).overdue], [30, false], 'waited 30 of 30 minutes');
      offsetMs = 31 * 60_000;
      const late = await row();
      assert.deepEqual([late.minutesWaited, late.overdue, late.overdueBy, late.alerts], [31, true, 1, ['overdue']]);
      const b = await board();
      assert.ok(b.counts.overdue >= 1);
      assert.equal(b.counts.total, b.patients.length);
      offsetMs = 0;
    });

    test('seen / left take the patient off the board; not twice', async () => {
      const r = await edNurse('POST', '/api/triage/encounters', arrival({ newPatient: { name: '孙七', sex: 'female', age: 25 }, age: 25, complaint: '头晕', vitals: {}, expectedResources: 1 }));
      const id = body(r).encounter.id as string;
      const left = await edNurse('POST', `/api/triage/encounters/${id}/status`, { status: 'left' });
      assert.equal(left.statusCode, 200, left.body);
      assert.equal(body(left).status, 'cancelled');
      assert.match(body(left).hospitalization.dischargeDisposition.text, /left without being seen/);
      assert.ok(!(await board(doctor)).patients.some((p) => p.encounter === id));
      assert.equal((await doctor('POST', `/api/triage/encounters/${id}/status`, { status: 'seen' })).statusCode, 409);
      const seen = await doctor('POST', `/api/triage/encounters/${first.encounter.id}/status`, { status: 'seen' });
      assert.equal(body(seen).status, 'in-progress');
      assert.equal((await doctor('POST', `/api/triage/encounters/${first.encounter.id}/override`, { level: 2, reason: 'x' })).statusCode, 409);
      assert.equal((await edNurse('POST', `/api/triage/encounters/${id}/status`, { status: 'gone' })).statusCode, 400);
      assert.equal((await patientUser('GET', '/api/triage/board')).statusCode, 403);
    });

    test('the live board (SSE): the board at once, again after a new triage, heartbeats; 401 without a session', async () => {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const open = (cookie?: string) => new Promise<IncomingMessage>((resolve, reject) => {
        const req = httpRequest(`${address}/api/triage/board/events`, { headers: cookie ? { cookie } : {} }, resolve);
        req.on('error', reject);
        req.end();
      });
      const anonymous = await open();
      assert.equal(anonymous.statusCode, 401);
      anonymous.resume();

      const res = await open(edCookie);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      let buffer = '';
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (const w of waiters.splice(0)) w();
      });
      /** the first message (after `from`) that matches, and where it ended */
      const next = async (match: (m: string) => boolean, from = 0): Promise<[string, number]> => {
        for (;;) {
          const messages = buffer.slice(from).split('\n\n');
          let at = from;
          for (const m of messages.slice(0, -1)) {
            at += m.length + 2;
            if (match(m)) return [m, at];
          }
          await new Promise<void>((r) => waiters.push(r));
        }
      };
      const [initial, after] = await next((m) => m.startsWith('event: board'));
      const data = (m: string) => JSON.parse(m.slice(m.indexOf('data: ') + 6)) as { patients: { encounter: string }[] };
      assert.ok(data(initial).patients.length >= 1);
      await next((m) => m.startsWith(': heartbeat'), after);

      const r = await edNurse('POST', '/api/triage/encounters', arrival({ newPatient: { name: '周八', sex: 'male', age: 45 }, age: 45 }));
      assert.equal(r.statusCode, 201, r.body);
      const id = body(r).encounter.id as string;
      const [update] = await next((m) => m.startsWith('event: board') && data(m).patients.some((p) => p.encounter === id), after);
      assert.ok(update, 'the new patient arrived on the live board');
      res.destroy();
    });
  });
}
