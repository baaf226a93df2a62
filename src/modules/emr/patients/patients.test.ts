// Patients over HTTP on both databases: registration (every bad input a 400 naming its field, nothing written),
// duplicate detection, MRNs that never collide (also when registrations race, in one server or two), the one search
// box (name, pinyin, initials, ID number, MRN, phone; access policies apply), and merge (one transaction, recorded,
// refused when it makes no sense).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../../test/support/databases.js';
import { testApp } from '../../../../test/support/app.js';
import { asRole, buildWorld, type Res, type World } from '../../../../test/security/fixtures.js';
import type { Store } from '../../../fhir/store/open.js';
import type { Resource } from '../../../fhir/types.js';
import { checkCharacter } from './citizen-id.js';
import { CITIZEN_ID_SYSTEM } from './identity-documents.js';
import { MRN_SYSTEM } from './search-parameters.js';

const body = (r: Res) => JSON.parse(r.body) as Record<string, any>;
const issues = (r: Res) => (body(r).issue ?? []) as { severity: string; code: string; expression?: string[]; details?: { coding?: { code: string }[]; text?: string } }[];
const fieldCodes = (r: Res) => issues(r).map((i) => `${i.expression?.join('+')}:${i.details?.coding?.[0]?.code}`);
const idNumber = (region: string, date: string, seq: string) => `${region}${date}${seq}${checkCharacter(`${region}${date}${seq}`)}`;
const mrnOf = (p: Resource) => (p.identifier as { system: string; value: string }[] | undefined)?.find((i) => i.system === MRN_SYSTEM)?.value;
const T = { tenant: 'default' };

// two "demo" patients written the way the demo hospital writes them (official + usual pinyin name, MRN 07…)
const demo = (id: string, zh: [string, string], py: [string, string], mrn: string, extra: Record<string, unknown> = {}): Resource => ({
  resourceType: 'Patient', id, active: true, gender: 'male', birthDate: '1980-05-01',
  name: [{ use: 'official', text: zh.join(''), family: zh[0], given: [zh[1]] }, { use: 'usual', text: py.join(' '), family: py[0], given: [py[1]] }],
  identifier: [{ system: MRN_SYSTEM, value: mrn }], ...extra,
});
const DEMO: Resource[] = [
  demo('demo-1', ['王', '小明'], ['Wang', 'Xiaoming'], '07000003', { telecom: [{ system: 'phone', value: '13911112222' }] }),
  demo('demo-2', ['欧阳', '娜娜'], ['Ouyang', 'Nana'], '07000007', { gender: 'female', identifier: [{ system: MRN_SYSTEM, value: '07000007' }, { system: CITIZEN_ID_SYSTEM, value: idNumber('110105', '19800501', '124') }] }),
  demo('demo-3', ['李', '西安'], ['Li', "Xi'an"], '07000011'),
  // on the nurse's ward (the fixtures' Encounter enc-own puts pat-own on ward A)
];

for (const d of testDatabases()) {
  describe(`patients on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    let doctor: ReturnType<typeof asRole>;
    let nurse: ReturnType<typeof asRole>;
    let seq = 100;
    /** a valid registration with a fresh 身份证 number */
    const form = (over: Record<string, unknown> = {}) => {
      seq += 2;
      return { name: '张三', sex: 'male', birthDate: '1990-03-07', idType: 'resident-id', idNumber: idNumber('320102', '19900307', String(seq + 1).padStart(3, '0')), phone: '13800138000', ...over };
    };
    const patients = async () => (await store.repo.search(T, { types: ['Patient'], params: [['_count', '500']] })).matches;
    const provenances = async () => (await store.repo.search(T, { types: ['Provenance'], params: [['_count', '500']] })).matches;

    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      for (const p of DEMO) await store.repo.update(T, p);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
      doctor = asRole(app, world, 'doctor');
      nurse = asRole(app, world, 'nurse');
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    test('the identity documents and relationships are listed for forms', async () => {
      const r = await doctor('GET', '/api/emr/patients/identity-documents');
      assert.equal(r.statusCode, 200);
      const docs = body(r).documents as { code: string; zh: string }[];
      assert.ok(docs.some((x) => x.code === 'resident-id' && x.zh === '居民身份证'));
      assert.ok(body(r).relationships.some((x: { code: string }) => x.code === 'SPS'));
    });

    test('registration: the Patient with Chinese and pinyin names, document, MRN after the highest in use, phone', async () => {
      const f = form({ name: '欧阳娜娜', sex: 'female', birthDate: '1985-10-01', idNumber: idNumber('440305', '19851001', '022'), address: '深圳市南山区', contact: { name: '欧阳明', relationship: 'FTH', phone: '13700137000' } });
      const r = await doctor('POST', '/api/emr/patients', f);
      assert.equal(r.statusCode, 201, r.body);
      const p = body(r) as Resource;
      assert.equal(r.headers.location, `/fhir/Patient/${p.id as string}`);
      assert.deepEqual(p.name, [
        { use: 'official', text: '欧阳娜娜', family: '欧阳', given: ['娜娜'] },
        { use: 'usual', text: 'Ouyang Nana', family: 'Ouyang', given: ['Nana'] },
      ]);
      assert.equal(p.gender, 'female');
      assert.equal(p.birthDate, '1985-10-01');
      assert.equal(p.active, true);
      assert.equal(mrnOf(p), '08000001', 'the demo numbers (07…) are below the floor of new numbers');
      const doc = (p.identifier as Record<string, any>[]).find((i) => i.system === CITIZEN_ID_SYSTEM);
      assert.equal(doc?.value, f.idNumber);
      assert.equal(doc?.type.coding[0].code, 'NI');
      assert.deepEqual(p.telecom, [{ system: 'phone', value: '13800138000', use: 'mobile' }]);
      assert.deepEqual(p.address, [{ use: 'home', text: '深圳市南山区' }]);
      assert.equal((p.contact as Record<string, any>[])[0].relationship[1].coding[0].code, 'FTH');
      // a FHIR client reads the same record
      const fhir = await doctor('GET', `/fhir/Patient/${p.id as string}`);
      assert.equal(fhir.statusCode, 200);
      // the next number follows the highest in use, also one written by someone else
      await store.repo.update(T, demo('imported', ['赵', '六'], ['Zhao', 'Liu'], '08000120'));
      const next = await doctor('POST', '/api/emr/patients', form({ name: '赵七' }));
      assert.equal(next.statusCode, 201, next.body);
      assert.ok(Number(mrnOf(body(next) as Resource)) > 8_000_001);
    });

    test('every bad input is a 400 naming its field, in the caller\'s language, and writes nothing', async () => {
      const before = (await patients()).length;
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['name:required', 'sex:required', 'birthDate:required', 'idType:required', 'idNumber:required', 'phone:required']],
        [form({ idNumber: '320102199003071234' }), ['idNumber:id-check-digit']],
        [form({ idNumber: '32010219900307123' }), ['idNumber:id-length']],
        [form({ idNumber: '320102900307123' }), ['idNumber:id-first-generation']],
        [form({ idType: 'passport', idNumber: 'E1' }), ['idNumber:id-format']],
        [form({ idType: 'passport', idNumber: 'E12345678', birthDate: '2999-01-01' }), ['birthDate:birth-date-future']],
        [form({ birthDate: '1990-03-08' }), ['birthDate:birth-date-mismatch']],
        [form({ sex: 'female' }), ['sex:sex-mismatch']],
        [form({ phone: '1380013800' }), ['phone:phone-invalid']],
        [form({ idType: 'library-card' }), ['idType:id-type-invalid']],
        [form({ name: 'x1', contact: { name: '李四', phone: '12' } }), ['name:name-invalid', 'contact.phone:phone-invalid']],
      ];
      for (const [payload, want] of cases) {
        const r = await doctor('POST', '/api/emr/patients', payload);
        assert.equal(r.statusCode, 400, JSON.stringify(payload));
        assert.equal(body(r).resourceType, 'OperationOutcome');
        assert.deepEqual(fieldCodes(r), want, JSON.stringify(payload));
      }
      const zh = await app.inject({
        method: 'POST', url: '/api/emr/patients', payload: form({ idNumber: '320102199003071234' }),
        headers: { cookie: world.users.get('doctor')!.cookie, 'x-csrf-token': world.users.get('doctor')!.csrf, 'accept-language': 'zh-CN,zh;q=0.9' },
      });
      assert.equal(issues(zh)[0].details?.text, '校验码错误，请核对号码');
      const en = await doctor('POST', '/api/emr/patients', form({ idNumber: '320102199003071234' }));
      assert.equal(issues(en)[0].details?.text, 'The check digit is wrong; check the number');
      // malformed requests are OperationOutcomes too
      for (const payload of ['[1,2]', '"x"', '{"name": {"a": 1}}']) {
        const r = await app.inject({ method: 'POST', url: '/api/emr/patients', payload, headers: { cookie: world.users.get('doctor')!.cookie, 'x-csrf-token': world.users.get('doctor')!.csrf, 'content-type': 'application/json' } });
        assert.equal(r.statusCode, 400, payload);
        assert.equal(body(r).resourceType, 'OperationOutcome', payload);
      }
      assert.equal((await patients()).length, before, 'nothing written');
    });

    test('duplicates: the same document number never twice; same name + birth date + phone only when confirmed', async () => {
      const first = form({ name: '孙悟空', birthDate: '1990-03-07' });
      const a = await doctor('POST', '/api/emr/patients', first);
      assert.equal(a.statusCode, 201, a.body);
      const id = body(a).id as string;
      const count = (await patients()).length;
      for (const again of [{ ...first, name: '孙行者' }, { ...first, confirmDuplicate: true }, { ...first, idType: 'household-register', idNumber: first.idNumber.toLowerCase() }]) {
        const r = await doctor('POST', '/api/emr/patients', again);
        assert.equal(r.statusCode, 409, r.body);
        const oo = body(r);
        assert.equal(oo.issue[0].code, 'duplicate');
        assert.equal(oo.issue[0].details.coding[0].code, 'duplicate-id');
        assert.deepEqual(oo.issue[0].expression, ['idNumber']);
        assert.equal(oo.contained[0].id, id, 'the existing patient comes with the answer');
        assert.equal(oo.issue[0].extension[0].valueReference.reference, `#${id}`);
      }
      // a different document, same name, birth date and phone: possibly the same person
      const similar = form({ name: '孙悟空', birthDate: '1990-03-07' });
      const w = await doctor('POST', '/api/emr/patients', similar);
      assert.equal(w.statusCode, 409);
      assert.equal(body(w).issue[0].details.coding[0].code, 'possible-duplicate');
      assert.deepEqual(body(w).issue[0].expression, ['name', 'birthDate', 'phone']);
      assert.equal(body(w).contained[0].id, id);
      assert.equal((await patients()).length, count, 'nothing written on 409');
      const anyway = await doctor('POST', '/api/emr/patients', { ...similar, confirmDuplicate: true });
      assert.equal(anyway.statusCode, 201, anyway.body);
      // a different phone is no duplicate
      assert.equal((await doctor('POST', '/api/emr/patients', form({ name: '孙悟空', birthDate: '1990-03-07', phone: '13800138001' }))).statusCode, 201);
    });

    test('MRNs stay unique when registrations race, in one server and across two servers on one database', async () => {
      const app2 = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
      try {
        const doctor2 = asRole(app2, world, 'doctor');
        const forms = Array.from({ length: 12 }, (_, i) => form({ name: `钱${'一二三四五六七八九十甲乙'[i]}` }));
        const answers = await Promise.all(forms.map((f, i) => (i % 3 === 0 ? doctor2 : doctor)('POST', '/api/emr/patients', f)));
        for (const r of answers) assert.equal(r.statusCode, 201, r.body);
        const mrns = answers.map((r) => mrnOf(body(r) as Resource));
        assert.equal(new Set(mrns).size, mrns.length, `distinct: ${mrns.join(' ')}`);
        // and across the whole database
        const all = (await patients()).map(mrnOf).filter(Boolean);
        assert.equal(new Set(all).size, all.length);
        // the second server's cached next number was taken meanwhile by the first: it moves on
        const r1 = await doctor2('POST', '/api/emr/patients', form({ name: '周一' }));
        const r2 = await doctor('POST', '/api/emr/patients', form({ name: '周二' }));
        const r3 = await doctor2('POST', '/api/emr/patients', form({ name: '周三' }));
        const got = [r1, r2, r3].map((r) => mrnOf(body(r) as Resource));
        assert.equal(new Set(got).size, 3, got.join(' '));
      } finally {
        await app2.close();
      }
    });

    test('search: Chinese name, pinyin (full, spaced, initials), ID number, MRN, phone; compact items; paging', async () => {
      const q = async (text: string, extra = '') => {
        const r = await doctor('GET', `/api/emr/patients?q=${encodeURIComponent(text)}${extra}`);
        assert.equal(r.statusCode, 200, r.body);
        return body(r) as { matchedBy: string; total?: number; items: Record<string, any>[]; next?: string };
      };
      const ids = (r: { items: Record<string, any>[] }) => r.items.map((i) => i.id as string);
      assert.deepEqual(ids(await q('王小明')), ['demo-1']);
      assert.ok(ids(await q('王')).includes('demo-1'), 'surname');
      assert.deepEqual(ids(await q('小明')), ['demo-1'], 'given name');
      const anywhere = await q('明');
      assert.equal(anywhere.matchedBy, 'name-contains');
      assert.ok(ids(anywhere).includes('demo-1'));
      for (const p of ['wangxiaoming', 'wang xiaoming', 'Wang Xiaoming', 'wxm', 'wangx']) assert.deepEqual(ids(await q(p)), ['demo-1'], p);
      assert.ok(ids(await q('oynn')).includes('demo-2'));
      assert.ok(ids(await q('ouyangnana')).includes('demo-2'));
      assert.deepEqual(ids(await q('lxa')), ['demo-3'], "Xi'an is two syllables");
      assert.deepEqual(ids(await q('07000003')), ['demo-1'], 'MRN');
      assert.deepEqual(ids(await q('7000003')), ['demo-1'], 'MRN without the leading zero');
      assert.deepEqual(ids(await q(idNumber('110105', '19800501', '124'))), ['demo-2'], '身份证');
      assert.deepEqual(ids(await q('139 1111 2222')), ['demo-1'], 'phone');
      const item = (await q('07000007')).items[0];
      assert.deepEqual(Object.keys(item).sort(), ['active', 'age', 'birthDate', 'id', 'idNumberMasked', 'idType', 'mrn', 'name', 'phone', 'pinyin', 'sex'].filter((k) => k !== 'phone').sort());
      assert.equal(item.name, '欧阳娜娜');
      assert.equal(item.pinyin, 'Ouyang Nana');
      assert.equal(item.idNumberMasked, '110***********' + idNumber('110105', '19800501', '124').slice(-4));
      assert.deepEqual(await q('nobody-zzz'), { query: 'nobody-zzz', matchedBy: 'pinyin', total: 0, items: [] });
      // registered patients are found by their pinyin initials as well
      const reg = await doctor('POST', '/api/emr/patients', form({ name: '诸葛亮', idNumber: idNumber('370100', '19810101', '011'), birthDate: '1981-01-01' }));
      assert.equal(reg.statusCode, 201, reg.body);
      assert.ok(ids(await q('zgl')).includes(body(reg).id));
      assert.ok(ids(await q('zhuge liang')).includes(body(reg).id));
      // the FHIR API offers the same parameters to any client
      const fhir = await doctor('GET', '/fhir/Patient?pinyin=wxm');
      assert.deepEqual(body(fhir).entry.map((e: { resource: Resource }) => e.resource.id), ['demo-1']);
      // paging
      const page1 = await q('', '&count=2');
      assert.equal(page1.matchedBy, 'recent');
      assert.equal(page1.items.length, 2);
      assert.ok(page1.total! > 2 && page1.next);
      const page2 = await q('', `&count=2&page=${page1.next}`);
      assert.equal(page2.items.length, 2);
      assert.ok(!ids(page2).some((id) => ids(page1).includes(id)));
      assert.equal((await doctor('GET', '/api/emr/patients?count=500')).statusCode, 400, 'count is capped');
      assert.equal((await doctor('GET', `/api/emr/patients?q=${'x'.repeat(101)}`)).statusCode, 400);
    });

    test('search follows the access policy: the nurse sees her ward, the admin no patients, nobody unauthenticated', async () => {
      const r = await nurse('GET', '/api/emr/patients?q=');
      assert.equal(r.statusCode, 200);
      assert.deepEqual(body(r).items.map((i: { id: string }) => i.id), ['pat-own']);
      assert.deepEqual(body(await nurse('GET', '/api/emr/patients?q=wxm')).items, []);
      assert.equal((await asRole(app, world, 'admin')('GET', '/api/emr/patients?q=wxm')).statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: '/api/emr/patients?q=wxm' })).statusCode, 401);
      // registering needs a policy that may create patients
      const before = (await patients()).length;
      for (const role of ['nurse', 'pharmacist', 'technician', 'manager', 'patient', 'admin'] as const) {
        const n = await asRole(app, world, role)('POST', '/api/emr/patients', form({ name: '无权登记' }));
        assert.equal(n.statusCode, 403, `${role}: ${n.body}`);
      }
      assert.equal((await patients()).length, before);
    });

    test('merge: one transaction, recorded with the user and reason, visible on the merged record', async () => {
      const a = body(await doctor('POST', '/api/emr/patients', form({ name: '周瑜' })));
      const b = body(await doctor('POST', '/api/emr/patients', form({ name: '周公瑾' })));
      const r = await doctor('POST', '/api/emr/patients/merge', { source: a.id, target: `Patient/${b.id}`, reason: '同一患者重复建档' });
      assert.equal(r.statusCode, 200, r.body);
      const out = body(r);
      assert.equal(out.source.active, false);
      assert.deepEqual(out.source.link, [{ other: { reference: `Patient/${b.id}` }, type: 'replaced-by' }]);
      assert.deepEqual(out.target.link, [{ other: { reference: `Patient/${a.id}` }, type: 'replaces' }]);
      assert.equal(out.target.active, true);
      const prov = out.provenance as Record<string, any>;
      assert.deepEqual(prov.target, [{ reference: `Patient/${a.id}` }, { reference: `Patient/${b.id}` }]);
      assert.equal(prov.agent[0].who.reference, 'PractitionerRole/role-dr');
      assert.equal(prov.reason[0].text, '同一患者重复建档');
      assert.equal(prov.activity.coding[0].code, 'merge');
      // stored as FHIR: both patients and the Provenance
      assert.equal((await store.repo.read(T, 'Patient', a.id)).active, false);
      assert.equal((await store.repo.read(T, 'Provenance', prov.id)).id, prov.id);
      // the merged record shows it, and so does the search
      const shown = body(await doctor('GET', `/api/emr/patients/${a.id}`));
      assert.equal(shown.patient.mergedInto, b.id);
      assert.equal(shown.merges[0].reason, '同一患者重复建档');
      assert.equal(shown.merges[0].source, a.id);
      assert.equal(shown.merges[0].target, b.id);
      assert.equal(shown.merges[0].agent, 'PractitionerRole/role-dr');
      assert.equal(shown.merges[0].agentName, 'doctor-user');
      assert.deepEqual(body(await doctor('GET', `/api/emr/patients/${b.id}`)).patient.replaces, [a.id]);
      const found = body(await doctor('GET', `/api/emr/patients?q=${encodeURIComponent(mrnOf(a as Resource)!)}`)).items[0];
      assert.equal(found.active, false);
      assert.equal(found.mergedInto, b.id);

      // refusals: nothing written
      const c = body(await doctor('POST', '/api/emr/patients', form({ name: '黄盖' })));
      const versions = async () => Promise.all([a.id, b.id, c.id].map(async (id: string) => (await store.repo.read(T, 'Patient', id)).meta?.versionId));
      const v0 = await versions();
      const p0 = (await provenances()).length;
      const refusals: [Record<string, unknown>, number, string][] = [
        [{ source: a.id, target: b.id, reason: 'again' }, 409, 'source:merge-source-inactive'],
        [{ source: c.id, target: a.id, reason: 'into a merged record' }, 409, 'target:merge-target-inactive'],
        [{ source: c.id, target: c.id, reason: 'self' }, 400, 'target:merge-self'],
        [{ source: c.id, target: `Patient/${c.id}`, reason: 'self' }, 400, 'target:merge-self'],
        [{ source: c.id, target: b.id, reason: '  ' }, 400, 'reason:required'],
        [{ source: c.id, target: b.id, reason: 'x'.repeat(501) }, 400, 'reason:reason-too-long'],
        [{ target: b.id, reason: 'r' }, 400, 'source:required'],
      ];
      for (const [payload, status, want] of refusals) {
        const x = await doctor('POST', '/api/emr/patients/merge', payload);
        assert.equal(x.statusCode, status, `${JSON.stringify(payload)}: ${x.body}`);
        assert.deepEqual(fieldCodes(x), [want], JSON.stringify(payload));
      }
      assert.equal((await doctor('POST', '/api/emr/patients/merge', { source: 'no-such', target: b.id, reason: 'r' })).statusCode, 404);
      assert.equal((await nurse('POST', '/api/emr/patients/merge', { source: c.id, target: b.id, reason: 'r' })).statusCode, 404, 'not on her ward: unknown to her');
      assert.equal((await asRole(app, world, 'admin')('POST', '/api/emr/patients/merge', { source: c.id, target: b.id, reason: 'r' })).statusCode, 403);
      assert.deepEqual(await versions(), v0, 'no patient changed');
      assert.equal((await provenances()).length, p0, 'no Provenance written');
    });

    test('two merges of the same record at once: one wins, the other is refused; the transaction is all or nothing', async () => {
      const a = body(await doctor('POST', '/api/emr/patients', form({ name: '刘备' })));
      const b = body(await doctor('POST', '/api/emr/patients', form({ name: '刘玄德' })));
      const c = body(await doctor('POST', '/api/emr/patients', form({ name: '刘皇叔' })));
      const p0 = (await provenances()).length;
      const [x, y] = await Promise.all([
        doctor('POST', '/api/emr/patients/merge', { source: a.id, target: b.id, reason: 'dup' }),
        doctor('POST', '/api/emr/patients/merge', { source: a.id, target: c.id, reason: 'dup' }),
      ]);
      assert.deepEqual([x.statusCode, y.statusCode].sort(), [200, 409], `${x.body} ${y.body}`);
      assert.equal((await provenances()).length, p0 + 1, 'exactly one Provenance');
      const loser = x.statusCode === 409 ? b : c;
      assert.equal((await store.repo.read(T, 'Patient', loser.id)).link, undefined, 'the losing target was not linked');
    });
  });
}
