import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '../../fhir/types.js';
import { canonicalJson } from './canonical.js';
import { accessEvent, accessRecord, breakGlassEvent, failureEvent, loginEvent, patientsOf, patientsOfResource, policyChangeEvent, writeEvent, writeRecord, type Actor } from './events.js';
import { doctor, everyBuilderEvent } from './pipeline-fixtures.test.js';
import { ledgerIndex } from './ledger-index.js';
import { expandText } from './compact.js';
import { canonicalText } from './append.js';
import { eventId } from './event-id.js';

type Entity = { what?: { reference: string }; type?: { code: string }; role?: { code: string }; query?: string; name?: string; detail?: { type: string; valueString: string }[] };
type Agent = { who?: { reference?: string; display?: string }; requestor?: boolean; altId?: string; network?: { address: string }; type?: { coding: { code: string }[] }; purposeOfUse?: { text?: string; coding: { code: string }[] }[] };
const entities = (e: Resource) => (e.entity ?? []) as Entity[];
const agents = (e: Resource) => e.agent as Agent[];
const requestor = (e: Resource) => agents(e).find((a) => a.requestor) as Agent;
const codes = (e: Resource) => ((e.subtype ?? []) as { code: string }[]).map((s) => s.code);

const obs = (id: string, patient: string, v = '1'): Resource => ({ resourceType: 'Observation', id, meta: { versionId: v }, subject: { reference: `Patient/${patient}` } });

describe('audit event builders', () => {
  test('a search event lists every returned resource, their patients and the query', () => {
    const resources = [obs('o1', 'p1'), obs('o2', 'p2', '3'), obs('o3', 'p1'), { resourceType: 'Patient', id: 'p1', meta: { versionId: '2' } }, obs('o1', 'p1')];
    const e = accessEvent(doctor, { interaction: 'search', type: 'Observation', params: [['code', 'http://loinc.org|8867-4'], ['_include', 'Observation:subject']], resources });
    assert.equal(e.resourceType, 'AuditEvent');
    assert.match(e.id as string, /^[0-9a-f-]{36}$/);
    assert.ok(Math.abs(Date.parse(e.recorded as string) - Date.now()) < 5000);
    assert.deepEqual(e.type, { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' });
    assert.deepEqual(codes(e), ['search']);
    assert.equal(e.action, 'E');
    assert.equal(e.outcome, '0');
    assert.deepEqual((e.meta as { profile: string[] }).profile, ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientQuery']);
    const ents = entities(e);
    const patients = ents.filter((x) => x.role?.code === '1');
    assert.deepEqual(patients.map((x) => [x.what?.reference, x.type?.code]), [['Patient/p1', '1'], ['Patient/p2', '1']]);
    // search results are listed compactly: the reference alone
    const data = ents.filter((x) => !x.role && x.what?.reference).map((x) => x.what?.reference);
    assert.deepEqual(data, ['Observation/o1/_history/1', 'Observation/o2/_history/3', 'Observation/o3/_history/1', 'Patient/p1/_history/2'], 'each returned resource once');
    const query = ents.find((x) => x.role?.code === '24');
    assert.equal(Buffer.from(query?.query as string, 'base64').toString(), 'Observation?code=http%3A%2F%2Floinc.org%7C8867-4&_include=Observation%3Asubject');
    assert.deepEqual(patientsOf(e), ['p1', 'p2']);
    assert.doesNotThrow(() => canonicalJson(e));
  });

  test('the requestor: fhirUser, username, address, roles; the server is the source', () => {
    const e = accessEvent(doctor, { interaction: 'read', type: 'Patient', id: 'p9', resources: [{ resourceType: 'Patient', id: 'p9', meta: { versionId: '4' } }] });
    const r = requestor(e);
    assert.equal(r.who?.reference, 'PractitionerRole/prole-001');
    assert.equal(r.altId, 'dr.li');
    assert.equal(r.network?.address, '10.0.0.7');
    assert.equal(e.action, 'R');
    assert.deepEqual(codes(e), ['read']);
    const server = agents(e).find((a) => a.type?.coding[0].code === '110153');
    assert.equal(server?.requestor, false);
    assert.ok(agents(e).some((a) => a.type?.coding[0].code === '110150' && a.who?.display === 'huiyi-web'), 'the client app');
    assert.deepEqual((e.source as { observer: unknown }).observer, { display: 'huiyi' });
    assert.deepEqual(entities(e).map((x) => x.what?.reference), ['Patient/p9', 'Patient/p9/_history/4']);

    const plain: Actor = { tenant: 't', userId: 'u1', username: 'admin' };
    assert.equal(requestor(accessEvent(plain, { interaction: 'history', resources: [] })).who?.reference, 'User/u1');
    const service: Actor = { tenant: 't', clientId: 'lab-gateway' };
    const s = accessEvent(service, { interaction: 'vread', resources: [] });
    assert.deepEqual(requestor(s).who, { reference: 'Device/lab-gateway', display: 'lab-gateway' });
    assert.equal(agents(s).length, 2, 'no separate app agent without a user');
    assert.equal(s.entity, undefined);
  });

  test('write events: C/U/D with the version written', () => {
    const actions = (['create', 'update', 'delete'] as const).map((action) => {
      const e = writeEvent(doctor, { action, resource: obs('o1', 'p1', '5') });
      assert.deepEqual(codes(e), [action]);
      assert.deepEqual(entities(e).map((x) => x.what?.reference), ['Patient/p1', 'Observation/o1/_history/5']);
      return e.action;
    });
    assert.deepEqual(actions, ['C', 'U', 'D']);
  });

  test('failures: outcome 4 for 4xx, 8 for 5xx; the patient of the path', () => {
    const denied = failureEvent(doctor, { method: 'GET', path: '/fhir/Patient/p7/_history/2', status: 403, message: 'forbidden' });
    assert.equal(denied.outcome, '4');
    assert.equal(denied.outcomeDesc, '403 forbidden');
    assert.equal(denied.action, 'R');
    assert.deepEqual(patientsOf(denied), ['p7']);
    const crash = failureEvent(doctor, { method: 'post', path: '/fhir/Observation', status: 500, message: 'boom' });
    assert.equal(crash.outcome, '8');
    assert.equal(crash.action, 'C');
    assert.deepEqual(patientsOf(crash), []);
    assert.equal(entities(crash)[0].name, 'POST /fhir/Observation');
  });

  test('login and logout: DCM 110114 with 110122 / 110123', () => {
    const ok = loginEvent({ tenant: 't', userId: 'u1', ip: '1.2.3.4' }, { username: 'dr.li', success: true });
    assert.deepEqual(ok.type, { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' });
    assert.deepEqual(ok.subtype, [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110122', display: 'Login' }]);
    assert.equal(ok.outcome, '0');
    assert.equal(requestor(ok).altId, 'dr.li');
    const bad = loginEvent({ tenant: 't', ip: '1.2.3.4' }, { username: 'mallory', success: false, reason: 'bad password' });
    assert.equal(bad.outcome, '4');
    assert.equal(bad.outcomeDesc, 'bad password');
    assert.deepEqual(requestor(bad).who, { display: 'mallory' });
    assert.deepEqual(codes(loginEvent({ tenant: 't', userId: 'u1' }, { username: 'dr.li', success: true, logout: true })), ['110123']);
  });

  test('break-glass: BTG purpose, the reason, the patient', () => {
    const e = breakGlassEvent(doctor, { patient: 'Patient/p3', reason: 'unconscious in the ED' });
    assert.deepEqual(codes(e), ['break-glass', '110127']);
    assert.deepEqual(e.purposeOfEvent, [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'BTG', display: 'break the glass' }] }]);
    assert.equal(requestor(e).purposeOfUse?.[0].text, 'unconscious in the ED');
    assert.deepEqual(patientsOf(e), ['p3']);
  });

  test('policy change: the role and the policy before and after', () => {
    const e = policyChangeEvent({ tenant: 't', userId: 'admin' }, { role: 'nurse', before: { read: ['Patient'] }, after: { read: ['Patient', 'Observation'] } });
    assert.deepEqual(codes(e), ['policy-change', '110136']);
    assert.equal(e.action, 'U');
    const [ent] = entities(e);
    assert.equal(ent.name, 'nurse');
    assert.deepEqual(ent.detail?.map((d) => [d.type, JSON.parse(d.valueString)]), [['before', { read: ['Patient'] }], ['after', { read: ['Patient', 'Observation'] }]]);
  });

  test('every builder writes its keys in canonical order, so JSON.stringify of it is its canonical JSON', () => {
    const built = everyBuilderEvent();
    for (const e of built) {
      // structuredClone drops the builder's mark, so this is the general (sorting) serialiser
      assert.equal(JSON.stringify(e), canonicalJson(structuredClone(e)), `${String((e.subtype as { code: string }[] | undefined)?.[0]?.code ?? (e.type as { code: string }).code)} is canonical as built`);
      assert.equal(canonicalJson(e), JSON.stringify(e));
      assert.notEqual(canonicalJson({ ...e, zz: 1, aa: 2 }), JSON.stringify({ ...e, zz: 1, aa: 2 }), 'a changed copy is sorted again');
    }
  });

  test('REST events written as text: canonical JSON, and the search columns ledgerIndex reads back from it', () => {
    const actors: Actor[] = [
      doctor,
      { ...doctor, userAgent: 'Mozilla/5.0 "quoted" \\ \u0007 张三', roles: [] },
      { tenant: 't' },
      { tenant: 't', clientId: 'lab-gateway' },
      { tenant: 't', userId: 'u1', username: '张三', ip: '::1' },
    ];
    const p = { resourceType: 'Patient', id: 'p1', meta: { versionId: '2' } };
    const odd = { resourceType: 'Observation', id: 'o9', subject: { reference: 'Patient/bad id!' } };
    const records = actors.flatMap((a) => [
      accessRecord(a, { interaction: 'read', type: 'Patient', id: 'p1', resources: [p] }),
      accessRecord(a, { interaction: 'vread', resources: [obs('o1', 'p1', '7')] }),
      accessRecord(a, { interaction: 'search', type: 'Observation', params: [['patient', 'p1'], ['code', 'a|b&c=d é']], resources: [obs('o1', 'p1'), obs('o2', 'p2'), p, obs('o1', 'p1')] }),
      accessRecord(a, { interaction: 'search', resources: [] }),
      accessRecord(a, { interaction: 'history', resources: [obs('o1', 'p1', '1'), obs('o1', 'p1', '2')] }),
      accessRecord(a, { interaction: 'read', resources: [odd] }),
      writeRecord(a, { action: 'create', resource: obs('o3', 'p3') }),
      writeRecord(a, { action: 'update', resource: { resourceType: 'Organization', id: 'org1', meta: { versionId: '4' } } }),
      writeRecord(a, { action: 'delete', resource: p }),
    ]);
    for (const r of records) {
      // written in the stored form only: the text is its expansion (what the chain hashes)
      const text = canonicalText(r);
      assert.equal(text, expandText(r.stored));
      const e = JSON.parse(text) as Resource;
      assert.equal(canonicalJson(e), text, 'canonical as written');
      assert.ok(r.stored.length < text.length, 'the stored form is shorter');
      assert.deepEqual(r.index, ledgerIndex(e, 0), `the index of ${text.slice(0, 60)}`);
    }
    // agents are cached per actor: actors whose fields would join to the same string still get their own
    const a1 = requestor(JSON.parse(canonicalText(accessRecord({ ...doctor, ip: '10.0.0.1', userAgent: 'x\u0000y' }, { interaction: 'search', resources: [] }))) as Resource);
    const a2 = requestor(JSON.parse(canonicalText(accessRecord({ ...doctor, ip: '10.0.0.1\u0000x', userAgent: 'y' }, { interaction: 'search', resources: [] }))) as Resource);
    assert.deepEqual([a1.network?.address, a2.network?.address], ['10.0.0.1', '10.0.0.1\u0000x']);
    const bad = JSON.parse(canonicalText(records[5])) as Resource;
    assert.deepEqual(entities(bad).map((x) => x.what?.reference), ['Observation/o9'], 'a malformed patient reference names no patient');
  });

  test('event ids are UUIDv7: version 7, RFC 9562 variant, the time in the first 48 bits, unique', () => {
    const at = Date.UTC(2026, 10, 27, 12);
    const ids = Array.from({ length: 2000 }, (_, i) => eventId(at + i));
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(parseInt(ids[5].replace(/-/g, '').slice(0, 12), 16), at + 5);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), ids, 'later ids sort after earlier ones');
  });

  test('the patients a REST event names are those of its resources, event after event', () => {
    const sets: Resource[][] = [
      [
        { resourceType: 'Patient', id: 'p1' },
        obs('o1', 'p2'),
        { resourceType: 'Consent', id: 'c1', patient: { reference: 'https://x.org/fhir/Patient/c/_history/1' } },
        { resourceType: 'Observation', id: 'o2', subject: { reference: 'Patient/bad id!' } },
        { resourceType: 'Encounter', id: 'e1', subject: { reference: 'Group/g' } },
        { resourceType: 'Basic', id: 'b1', individual: [{ reference: 'Patient/d' }, { reference: 'Patient/e' }] },
        obs('o3', 'p2'),
      ],
      // starts where the last one ended: the same reference must count again
      [{ resourceType: 'Patient', id: 'p9' }, obs('o4', 'p2')],
      [obs('o5', 'p2')],
    ];
    for (const resources of sets) {
      const expected = [...new Set(resources.flatMap((r) => patientsOfResource(r)))];
      const r = accessRecord(doctor, { interaction: 'search', resources });
      assert.deepEqual(patientsOf(JSON.parse(canonicalText(r)) as Resource), expected);
      assert.deepEqual(r.index.patients, expected);
    }
  });

  test('patients of a resource: subject, patient, beneficiary, individual', () => {
    assert.deepEqual(patientsOfResource({ resourceType: 'Coverage', beneficiary: { reference: 'Patient/b' } }), ['b']);
    assert.deepEqual(patientsOfResource({ resourceType: 'Consent', patient: { reference: 'https://x.org/fhir/Patient/c/_history/1' } }), ['c']);
    assert.deepEqual(patientsOfResource({ resourceType: 'Encounter', subject: { reference: 'Group/g' } }), []);
    assert.deepEqual(patientsOfResource({ resourceType: 'X', individual: [{ reference: 'Patient/d' }, { reference: 'Patient/e' }] }), ['d', 'e']);
  });
});
