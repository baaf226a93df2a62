// The portal over HTTP on both databases: self-registration (valid, every refusal with nothing written, the rate
// limit), released results (never an unreleased or another patient's report), the inbox, and the survey.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { testDatabases } from '../../../../test/support/databases.js';
import { testApp } from '../../../../test/support/app.js';
import { asRole, buildWorld, type Res } from '../../../../test/security/fixtures.js';
import type { Store } from '../../../fhir/store/open.js';
import type { Resource } from '../../../fhir/types.js';
import { checkCharacter } from '../../emr/patients/citizen-id.js';
import { RELEASED_URL } from './results.js';
import { SURVEY_URL } from './survey/questionnaire.js';
import { LANGUAGE_URL } from './messages.js';
import { CHANNEL_TAG } from './self-registration.js';
import { REGISTER_LIMIT } from './routes.js';

const body = (r: Res) => JSON.parse(r.body) as Record<string, any>;
const issues = (r: Res) => (body(r).issue ?? []) as { code: string; expression?: string[]; details?: { text?: string; coding?: { code: string }[] } }[];
const fields = (r: Res) => issues(r).flatMap((i) => i.expression ?? []).sort();
const codes = (r: Res) => issues(r).map((i) => i.details?.coding?.[0]?.code);

/** A valid 18-character 公民身份号码 (Beijing 东城区) for a birth date and sequence (odd = male). */
export function citizenId(birth: string, seq: number): string {
  const first17 = `110101${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const amb = (id: string, patient: string, status: string, endDaysAgo: number): Resource => ({
  resourceType: 'Encounter', id, status, class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  subject: { reference: `Patient/${patient}` },
  serviceType: { coding: [{ system: 'https://huiyi.dev/fhir/CodeSystem/department', code: '03.04', display: '心血管内科' }] },
  participant: [{ individual: { reference: 'Practitioner/dr-1', display: 'Dr One' } }],
  period: { start: ago(endDaysAgo + 0.02), ...(status === 'finished' ? { end: ago(endDaysAgo) } : {}) },
});
const lab = (id: string, patient: string, status: string, extra: Record<string, unknown> = {}): Resource => ({
  resourceType: 'DiagnosticReport', id, status, code: { text: '血常规', coding: [{ system: 'http://loinc.org', code: '58410-2', display: 'CBC panel' }] },
  subject: { reference: `Patient/${patient}` }, issued: ago(1), result: [{ reference: `Observation/${id}-hb` }], ...extra,
});
const hb = (id: string, patient: string): Resource => ({
  resourceType: 'Observation', id: `${id}-hb`, status: 'final', code: { text: '血红蛋白', coding: [{ system: 'http://loinc.org', code: '718-7' }] },
  subject: { reference: `Patient/${patient}` }, effectiveDateTime: ago(1), valueQuantity: { value: 135, unit: 'g/L' },
});

const FIXTURES: Resource[] = [
  hb('rep-final', 'pat-own'), lab('rep-final', 'pat-own', 'final'),
  hb('rep-prelim', 'pat-own'), lab('rep-prelim', 'pat-own', 'preliminary'),
  // marked released but preliminary: still never shown
  hb('rep-odd', 'pat-own'), lab('rep-odd', 'pat-own', 'preliminary', { extension: [{ url: RELEASED_URL, valueDateTime: ago(1) }] }),
  hb('rep-other', 'pat-other'), lab('rep-other', 'pat-other', 'final', { extension: [{ url: RELEASED_URL, valueDateTime: ago(1) }] }),
  amb('enc-v1', 'pat-own', 'finished', 2),
  amb('enc-v2', 'pat-own', 'in-progress', 0),
  amb('enc-v3', 'pat-own', 'finished', 40),
  amb('enc-o', 'pat-other', 'finished', 1),
  // another questionnaire's response for the same visit (the guide's pre-visit note) does not count as the survey
  {
    resourceType: 'QuestionnaireResponse', id: 'qr-guide', status: 'completed', questionnaire: 'http://huiyi.health/fhir/Questionnaire/smart-guide',
    subject: { reference: 'Patient/pat-own' }, encounter: { reference: 'Encounter/enc-v1' },
  },
  { resourceType: 'Schedule', id: 'sch-1', actor: [{ reference: 'Practitioner/dr-1', display: 'Dr One' }, { reference: 'Location/ward-a', display: '心内科 1 诊室' }] },
  { resourceType: 'Slot', id: 'slot-1', schedule: { reference: 'Schedule/sch-1' }, status: 'free', start: '2030-01-02T09:00:00+08:00', end: '2030-01-02T09:10:00+08:00' },
  { resourceType: 'Appointment', id: 'appt-1', status: 'cancelled', participant: [{ actor: { reference: 'Patient/pat-own' }, status: 'accepted' }] },
  {
    resourceType: 'Communication', id: 'msg-stop', status: 'completed', subject: { reference: 'Patient/pat-own' }, recipient: [{ reference: 'Patient/pat-own' }],
    sent: ago(0.5), about: [{ reference: 'Appointment/appt-1' }],
    payload: [
      { extension: [{ url: LANGUAGE_URL, valueCode: 'zh-CN' }], contentString: '医生停诊，您的预约已取消' },
      { extension: [{ url: LANGUAGE_URL, valueCode: 'en' }], contentString: 'The clinic was cancelled' },
      { contentReference: { reference: 'Slot/slot-1' } },
    ],
  },
  {
    resourceType: 'Communication', id: 'msg-other', status: 'completed', subject: { reference: 'Patient/pat-other' }, recipient: [{ reference: 'Patient/pat-other' }],
    sent: ago(0.5), payload: [{ contentString: 'not yours' }],
  },
];

for (const d of testDatabases()) {
  describe(`patient portal on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let doctor: ReturnType<typeof asRole>;
    let nurse: ReturnType<typeof asRole>;
    let patient: ReturnType<typeof asRole>;
    let admin: ReturnType<typeof asRole>;
    let address = 0;
    const sys = { tenant: 'default' };
    const count = async (type: string, params: [string, string][] = []) =>
      (await store.repo.search(sys, { types: [type], params: [...params, ['_total', 'accurate'], ['_count', '0']] })).total ?? -1;
    /** a public call from a fresh address (each test its own, so the rate limit is its own test) */
    const anonymous = (ip = `10.0.${Math.floor(++address / 250)}.${address % 250}`) =>
      (method: InjectOptions['method'], url: string, payload?: unknown, lang = 'zh-CN') =>
        app.inject({ method, url, remoteAddress: ip, headers: { 'accept-language': lang, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
    const register = (b: Record<string, unknown>, lang = 'zh-CN') => anonymous()('POST', '/api/portal/register', b, lang);
    const valid = (seq: number, extra: Record<string, unknown> = {}) => ({
      name: '王小明', idType: 'resident-id', idNumber: citizenId('1990-03-07', seq), phone: `1380013${String(8000 + seq)}`,
      username: `wxm${seq}`, password: 'wang-xiao-ming', ...extra,
    });
    const login = async (username: string, password: string) => {
      const r = await app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username, password }) });
      return r;
    };

    before(async () => {
      store = await d.open();
      const world = await buildWorld(store);
      for (const r of FIXTURES) await store.repo.update(sys, r);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
      doctor = asRole(app, world, 'doctor');
      nurse = asRole(app, world, 'nurse');
      patient = asRole(app, world, 'patient');
      admin = asRole(app, world, 'admin');
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('register: a valid 身份证 creates the Patient (sex and birth date from the number) and an account that signs in', async () => {
      const before = await count('Patient');
      const r = await register(valid(11));
      assert.equal(r.statusCode, 201, r.body);
      const b = body(r);
      assert.equal(b.username, 'wxm11');
      assert.match(b.patient.mrn, /^\d{8}$/);
      assert.equal(await count('Patient'), before + 1);
      const p = await store.repo.read(sys, 'Patient', b.patient.id);
      assert.equal(p.gender, 'male');
      assert.equal(p.birthDate, '1990-03-07');
      assert.deepEqual((p.meta?.tag as { code: string }[]).map((t) => t.code), [CHANNEL_TAG.code]);
      assert.ok((p.identifier as { system: string; value: string }[]).some((i) => i.system === 'urn:oid:2.16.156.10011.1.3' && i.value === citizenId('1990-03-07', 11)));

      const s = await login('wxm11', 'wang-xiao-ming');
      assert.equal(s.statusCode, 200, s.body);
      assert.equal(body(s).user.fhirUser, `Patient/${b.patient.id}`);
      assert.deepEqual(body(s).user.roles, ['patient']);
      const cookie = String(s.headers['set-cookie']).match(/huiyi_session=[^;]+/)?.[0] ?? '';
      const me = await app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie } });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(body(me).patient.name, '王小明');
      const n = citizenId('1990-03-07', 11);
      assert.equal(body(me).patient.idNumberMasked, `${n.slice(0, 3)}${'*'.repeat(11)}${n.slice(-4)}`);

      // audited as anonymous
      const audit = await admin('GET', `/fhir/AuditEvent?entity=Patient/${b.patient.id}`);
      assert.equal(audit.statusCode, 200, audit.body);
      const events = (body(audit).entry ?? []).map((e: { resource: Resource }) => e.resource);
      assert.ok(events.length >= 1);
      assert.ok(events.some((e: Resource) => JSON.stringify(e.agent).includes('anonymous')), JSON.stringify(events[0]?.agent));
    });

    test('register: bad fields → 400, each issue beside its field in the caller\'s language, nothing written', async () => {
      const before = await count('Patient');
      const good = valid(13);
      const badCheck = `${good.idNumber.slice(0, 17)}${good.idNumber[17] === '0' ? '1' : '0'}`;
      const r = await register({ ...good, idNumber: badCheck });
      assert.equal(r.statusCode, 400, r.body);
      assert.deepEqual(fields(r), ['idNumber']);
      assert.equal(codes(r)[0], 'id-check-digit');
      assert.equal(issues(r)[0]?.details?.text, '校验码错误，请核对号码');
      const en = await register({ ...good, idNumber: badCheck }, 'en');
      assert.equal(issues(en)[0]?.details?.text, 'The check digit is wrong; check the number');

      // several at once: phone, the sex the number contradicts, a short password
      const many = await register({ ...good, phone: '12345', sex: 'female', password: 'short' });
      assert.equal(many.statusCode, 400);
      assert.deepEqual(fields(many), ['password', 'phone', 'sex']);
      assert.ok(codes(many).includes('password-short'));

      const missing = await register({});
      assert.equal(missing.statusCode, 400);
      // without a document type nothing says the birth date and sex
      assert.deepEqual(fields(missing), ['birthDate', 'idNumber', 'idType', 'name', 'password', 'phone', 'sex', 'username']);

      const desk = await register({ ...good, idType: 'birth-certificate', idNumber: 'A123456789', sex: 'male', birthDate: '2024-01-01' });
      assert.equal(desk.statusCode, 400);
      assert.deepEqual(fields(desk), ['idType']);
      assert.equal(codes(desk)[0], 'id-type-desk');

      const extra = await register({ ...good, idType: 42 });
      assert.equal(extra.statusCode, 400);
      assert.equal(body(extra).resourceType, 'OperationOutcome');
      assert.equal(await count('Patient'), before, 'nothing was written');
      assert.equal((await login('wxm13', 'wang-xiao-ming')).statusCode, 401);
    });

    test('register: weak password or taken username → 400 and nothing written', async () => {
      const before = await count('Patient');
      for (const [password, code] of [['wxm14', 'password-short'], ['aaaaaaaaaa', 'password-simple'], ['wxm14wxm14', 'password-username'], ['Huiyi-patient-2026!', 'password-demo']]) {
        const r = await register(valid(15, { username: 'wxm14wxm14', password }));
        assert.equal(r.statusCode, 400, `${password}: ${r.body}`);
        assert.deepEqual(fields(r), ['password']);
        assert.equal(codes(r)[0], code, password);
      }
      const taken = await register(valid(15, { username: 'doctor-user' }));
      assert.equal(taken.statusCode, 400);
      assert.deepEqual(fields(taken), ['username']);
      assert.equal(codes(taken)[0], 'username-taken');
      const badName = await register(valid(15, { username: '-x y' }));
      assert.deepEqual(fields(badName), ['username']);
      assert.equal(await count('Patient'), before, 'nothing was written');
    });

    test('register: the same document again, or a desk record of it → 409 telling nothing about the record; no account linked', async () => {
      const first = await register(valid(17));
      assert.equal(first.statusCode, 201, first.body);
      const before = await count('Patient');
      const again = await register(valid(17, { username: 'someone-else', name: '李四' }));
      assert.equal(again.statusCode, 409, again.body);
      assert.equal(codes(again)[0], 'already-registered');
      assert.match(issues(again)[0]?.details?.text ?? '', /挂号窗口/);
      assert.equal(body(again).contained, undefined);
      assert.ok(!again.body.includes('王小明') && !again.body.includes(body(first).patient.id));

      // a record made at the desk (no account): an anonymous caller with its number is not linked to it
      const deskNumber = citizenId('1985-11-20', 21);
      await store.repo.create(sys, {
        resourceType: 'Patient', name: [{ use: 'official', text: '赵敏' }], gender: 'female', birthDate: '1985-11-20',
        identifier: [{ system: 'urn:oid:2.16.156.10011.1.3', value: deskNumber }],
      });
      const claim = await register({ name: '赵敏', idType: 'resident-id', idNumber: deskNumber, phone: '13900001111', username: 'zhaomin', password: 'zhao-min-pass' }, 'en');
      assert.equal(claim.statusCode, 409);
      assert.match(issues(claim)[0]?.details?.text ?? '', /registration desk/);
      assert.ok(!claim.body.includes('1985-11-20'));
      assert.equal((await login('zhaomin', 'zhao-min-pass')).statusCode, 401, 'no account was created');

      // same name, birth date and phone under another document: possibly the same person → the desk
      const twin = await register({ ...valid(17), idType: 'passport', idNumber: 'E12345678', sex: 'male', birthDate: '1990-03-07', username: 'wxm-passport' });
      assert.equal(twin.statusCode, 409);
      assert.equal(codes(twin)[0], 'possible-duplicate');
      assert.equal(await count('Patient'), before + 1, 'only the desk record was added');
    });

    test('register: more than the limit of attempts from one address → 429 with Retry-After', async () => {
      const call = anonymous('192.0.2.77');
      for (let i = 0; i < REGISTER_LIMIT.max; i++) assert.equal((await call('POST', '/api/portal/register', {})).statusCode, 400);
      const r = await call('POST', '/api/portal/register', valid(19));
      assert.equal(r.statusCode, 429);
      assert.ok(Number(r.headers['retry-after']) > 0);
      assert.equal(codes(r)[0], 'rate-limited');
      assert.equal((await anonymous('192.0.2.78')('POST', '/api/portal/register', {})).statusCode, 400, 'other addresses are not affected');
    });

    test('results: nothing before release; a doctor releases a final report; never a preliminary or another patient\'s', async () => {
      const none = await patient('GET', '/api/portal/results');
      assert.equal(none.statusCode, 200, none.body);
      assert.deepEqual(body(none).reports, []);

      assert.equal((await nurse('POST', '/api/portal/results/rep-final/release')).statusCode, 403);
      assert.equal((await patient('POST', '/api/portal/results/rep-final/release')).statusCode, 403);
      assert.equal((await doctor('POST', '/api/portal/results/nope/release')).statusCode, 404);
      const prelim = await doctor('POST', '/api/portal/results/rep-prelim/release');
      assert.equal(prelim.statusCode, 409);
      assert.match(issues(prelim)[0]?.code ?? '', /conflict/);

      const messagesBefore = await count('Communication', [['recipient', 'Patient/pat-own']]);
      const r = await doctor('POST', '/api/portal/results/rep-final/release');
      assert.equal(r.statusCode, 200, r.body);
      const released = body(r).report.extension.find((e: { url: string }) => e.url === RELEASED_URL);
      assert.ok(Date.parse(released.valueDateTime) > 0);
      assert.equal(body(r).communication.about[0].reference, 'DiagnosticReport/rep-final');
      const twice = await doctor('POST', '/api/portal/results/rep-final/release');
      assert.equal(twice.statusCode, 200);
      assert.equal(body(twice).report.meta.versionId, body(r).report.meta.versionId, 'releasing again changes nothing');
      assert.equal(await count('Communication', [['recipient', 'Patient/pat-own']]), messagesBefore + 1);

      const mine = await patient('GET', '/api/portal/results');
      const reports = body(mine).reports as { report: Resource; released: string; observations: Resource[] }[];
      assert.deepEqual(reports.map((x) => x.report.id), ['rep-final']);
      assert.deepEqual(reports[0]?.observations.map((o) => o.id), ['rep-final-hb']);
      assert.equal(reports[0]?.released, released.valueDateTime);
      assert.equal((await doctor('GET', '/api/portal/results')).statusCode, 403, 'the portal is for patient accounts');
    });

    test('inbox: my messages only, in my language, with the offered slots; mark read once', async () => {
      const r = await patient('GET', '/api/portal/inbox', undefined, { 'accept-language': 'zh-CN' });
      assert.equal(r.statusCode, 200, r.body);
      const ids = (body(r).messages as { id: string }[]).map((m) => m.id);
      assert.ok(ids.includes('msg-stop'));
      assert.ok(!ids.includes('msg-other'));
      const stop = (body(r).messages as Record<string, any>[]).find((m) => m.id === 'msg-stop')!;
      assert.equal(stop.text, '医生停诊，您的预约已取消');
      assert.deepEqual(stop.texts, { zh: '医生停诊，您的预约已取消', en: 'The clinic was cancelled' });
      assert.equal(stop.appointment, 'appt-1');
      assert.deepEqual(stop.offeredSlots, [{ id: 'slot-1', start: '2030-01-02T09:00:00+08:00', end: '2030-01-02T09:10:00+08:00', status: 'free', with: ['Dr One', '心内科 1 诊室'] }]);
      const unread = body(r).unread as number;
      assert.ok(unread >= 1);

      const en = await patient('GET', '/api/portal/inbox', undefined, { 'accept-language': 'en' });
      assert.equal((body(en).messages as Record<string, any>[]).find((m) => m.id === 'msg-stop')!.text, 'The clinic was cancelled');

      const read = await patient('POST', '/api/portal/inbox/msg-stop/read');
      assert.equal(read.statusCode, 200, read.body);
      const at = body(read).received as string;
      assert.ok(Date.parse(at) > 0);
      const again = await patient('POST', '/api/portal/inbox/msg-stop/read');
      assert.equal(body(again).received, at, 'the first reading time stays');
      assert.equal(body(await patient('GET', '/api/portal/inbox')).unread, unread - 1);
      assert.equal(body(await patient('GET', '/api/portal/me')).unread, unread - 1);

      assert.equal((await patient('POST', '/api/portal/inbox/msg-other/read')).statusCode, 404);
      assert.equal((await patient('POST', '/api/portal/inbox/nothing/read')).statusCode, 404);
      assert.equal((await store.repo.read(sys, 'Communication', 'msg-other')).received, undefined);
    });

    test('survey: pending for my finished recent clinic visits; answers checked against the questionnaire; one per visit', async () => {
      const q = await patient('GET', '/api/portal/surveys/questionnaire');
      assert.equal(body(q).url, SURVEY_URL);
      assert.equal((await store.repo.read(sys, 'Questionnaire', body(q).id)).url, SURVEY_URL, 'stored as FHIR data');

      const pending = await patient('GET', '/api/portal/surveys/pending');
      assert.equal(pending.statusCode, 200, pending.body);
      assert.deepEqual((body(pending).visits as { encounter: string }[]).map((v) => v.encounter), ['enc-v1']);
      assert.deepEqual(body(pending).visits[0].department, { code: '03.04', name: '心血管内科', nameEn: 'Cardiology' });
      assert.equal(body(await patient('GET', '/api/portal/me')).pendingSurveys, 1);

      const answers = { registration: '5', waiting: '3', doctor: '5', staff: '4', privacy: '5', environment: '4', overall: '5', recommend: true, comment: '  候诊有点久 ' };
      const before = await count('QuestionnaireResponse');
      const bad = await patient('POST', '/api/portal/surveys', {
        encounter: 'enc-v1', answers: { ...answers, waiting: undefined, doctor: 'great', staff: 4, privacy: { x: 1 }, recommend: 'yes', comment: 'x'.repeat(501), mood: '5' },
      }, { 'accept-language': 'zh-CN' });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual(fields(bad), ['answers.comment', 'answers.doctor', 'answers.mood', 'answers.privacy', 'answers.recommend', 'answers.staff', 'answers.waiting']);
      assert.deepEqual(Object.fromEntries(issues(bad).map((i) => [i.expression?.[0], i.details?.coding?.[0]?.code])), {
        'answers.mood': 'survey-unknown', 'answers.waiting': 'survey-required', 'answers.doctor': 'survey-option',
        'answers.staff': 'survey-type', 'answers.privacy': 'survey-type', 'answers.recommend': 'survey-type', 'answers.comment': 'survey-too-long',
      });
      assert.equal((await patient('POST', '/api/portal/surveys', { encounter: 'enc-v1' })).statusCode, 400);
      assert.equal((await patient('POST', '/api/portal/surveys', { encounter: 'bad id!', answers })).statusCode, 400);
      assert.equal((await patient('POST', '/api/portal/surveys', { encounter: 'enc-o', answers })).statusCode, 404, 'not my visit');
      assert.equal((await patient('POST', '/api/portal/surveys', { encounter: 'enc-v2', answers })).statusCode, 409, 'not finished');
      assert.equal((await patient('POST', '/api/portal/surveys', { encounter: 'enc-v3', answers })).statusCode, 409, 'too long ago');
      assert.equal(await count('QuestionnaireResponse'), before, 'nothing was written');

      // two at once: exactly one response
      const both = await Promise.all([1, 2].map(() => patient('POST', '/api/portal/surveys', { encounter: 'Encounter/enc-v1', answers })));
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [201, 409], both.map((r) => r.body).join('\n'));
      const qr = body(both.find((r) => r.statusCode === 201)!);
      assert.equal(qr.questionnaire, SURVEY_URL);
      assert.equal(qr.encounter.reference, 'Encounter/enc-v1');
      assert.equal(qr.subject.reference, 'Patient/pat-own');
      assert.equal(qr.status, 'completed');
      assert.deepEqual(qr.item.find((i: { linkId: string }) => i.linkId === 'overall').answer, [{ valueCoding: { system: 'http://huiyi.health/fhir/CodeSystem/satisfaction-scale', code: '5', display: '非常满意' } }]);
      assert.deepEqual(qr.item.find((i: { linkId: string }) => i.linkId === 'comment').answer, [{ valueString: '候诊有点久' }]);
      assert.equal(await count('QuestionnaireResponse'), before + 1);
      assert.deepEqual(body(await patient('GET', '/api/portal/surveys/pending')).visits, []);
      assert.equal((await patient('POST', '/api/portal/surveys', { encounter: 'enc-v1', answers })).statusCode, 409);
    });

    test('staff accounts are not portal users', async () => {
      for (const path of ['/api/portal/me', '/api/portal/inbox', '/api/portal/surveys/pending']) {
        assert.equal((await doctor('GET', path)).statusCode, 403, path);
      }
      assert.equal((await app.inject({ method: 'GET', url: '/api/portal/me' })).statusCode, 401);
    });
  });
}
