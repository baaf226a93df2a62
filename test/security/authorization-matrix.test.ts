// Every role × interaction × own/other patient × own/other tenant: the API shows exactly what the
// policy allows and nothing else leaks (not in bodies, not in includes, not in bundles), on both databases.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';
import { ROLES, type Role } from '../../src/security/identity/roles.js';
import { asRole, buildWorld, type Res, type World } from './fixtures.js';

type Target = 'own' | 'other' | 'tenant';
const TARGETS: Target[] = ['own', 'other', 'tenant'];
const P: Record<Target, string> = { own: 'pat-own', other: 'pat-other', tenant: 'pat-tenant' };
const O: Record<Target, string> = { own: 'obs-own', other: 'obs-other', tenant: 'obs-tenant' };

const READS_OBSERVATION: Role[] = ['doctor', 'nurse', 'pharmacist', 'technician', 'manager', 'patient'];
const READS_PATIENT: Role[] = [...READS_OBSERVATION, 'dispatcher'];
const ALL_PATIENTS: Role[] = ['doctor', 'pharmacist', 'technician', 'manager', 'dispatcher', 'device'];
const sees = (role: Role, t: Target) => t !== 'tenant' && (t === 'own' || ALL_PATIENTS.includes(role));

const INTERACTIONS: { name: string; type: 'Observation' | 'Patient'; call: (t: Target) => [string, string, unknown?] }[] = [
  { name: 'read', type: 'Observation', call: (t) => ['GET', `/fhir/Observation/${O[t]}`] },
  { name: 'search with _include', type: 'Observation', call: (t) => ['GET', `/fhir/Observation?subject=Patient/${P[t]}&_include=Observation:subject`] },
  { name: 'history', type: 'Observation', call: (t) => ['GET', `/fhir/Observation/${O[t]}/_history`] },
  { name: 'system search by _id', type: 'Observation', call: (t) => ['GET', `/fhir?_type=Observation&_id=${O[t]}`] },
  { name: 'compartment', type: 'Observation', call: (t) => ['GET', `/fhir/Patient/${P[t]}/Observation`] },
  { name: 'patient read', type: 'Patient', call: (t) => ['GET', `/fhir/Patient/${P[t]}`] },
  {
    name: 'batch bundle',
    type: 'Observation',
    call: (t) => ['POST', '/fhir', { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Observation/${O[t]}` } }, { request: { method: 'GET', url: `Observation?subject=Patient/${P[t]}` } }] }],
  },
];

/** a resource of the target in the response (ids echoed in links or error messages are not data) */
function leaks(res: Res, t: Target): boolean {
  return res.body.includes(`"id":"${O[t]}"`) || res.body.includes(`"id":"${P[t]}"`);
}

for (const d of testDatabases()) {
  describe(`authorisation matrix on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    for (const role of ROLES) {
      test(`${role}: every interaction on own / other patient / other tenant`, async () => {
        const call = asRole(app, world, role);
        for (const it of INTERACTIONS) {
          for (const t of TARGETS) {
            const [method, url, body] = it.call(t);
            const res = await call(method as 'GET', url, body);
            const cell = `${role} × ${it.name} × ${t}: ${res.statusCode} ${res.body.slice(0, 300)}`;
            assert.ok(res.statusCode < 500, cell);
            const typeOk = it.type === 'Patient' ? READS_PATIENT.includes(role) : READS_OBSERVATION.includes(role);
            const allowed = typeOk && sees(role, t);
            const id = it.type === 'Patient' ? P[t] : O[t];
            if (allowed) {
              assert.ok([200].includes(res.statusCode), cell);
              assert.ok(res.body.includes(`"id":"${id}"`), `should see ${id}: ${cell}`);
            } else {
              assert.ok(!leaks(res, t), `leak: ${cell}`);
              if (!typeOk && it.name !== 'batch bundle' && it.name !== 'compartment') assert.equal(res.statusCode, 403, cell);
            }
            // an _include never brings a patient the caller may not see
            if (it.name === 'search with _include' && !sees(role, t)) assert.ok(!res.body.includes(`"id":"${P[t]}"`), `include leak: ${cell}`);
          }
        }
      });
    }

    test('writes stay within the policy and roll back completely when they do not', async () => {
      const nurse = asRole(app, world, 'nurse');
      const mk = (id: string, patient: string) => ({ resourceType: 'Observation', id, status: 'final', code: { text: 'pulse' }, subject: { reference: `Patient/${patient}` } });
      assert.equal((await nurse('PUT', '/fhir/Observation/n-own', mk('n-own', 'pat-own'))).statusCode, 201);
      assert.equal((await nurse('PUT', '/fhir/Observation/n-other', mk('n-other', 'pat-other'))).statusCode, 403);
      // moving an own observation to another patient is refused too
      assert.equal((await nurse('PUT', '/fhir/Observation/n-own', mk('n-own', 'pat-other'))).statusCode, 403);
      // nor can a transaction smuggle one in: nothing of it is stored
      const tx = await nurse('POST', '/fhir', {
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:0d0c6a4e-1c8c-4a49-9c39-8b2a0a0a0001', resource: mk('x', 'pat-own'), request: { method: 'POST', url: 'Observation' } },
          { fullUrl: 'urn:uuid:0d0c6a4e-1c8c-4a49-9c39-8b2a0a0a0002', resource: mk('y', 'pat-other'), request: { method: 'POST', url: 'Observation' } },
        ],
      });
      assert.equal(tx.statusCode, 403, tx.body);
      const doctor = asRole(app, world, 'doctor');
      const all = JSON.parse((await doctor('GET', '/fhir/Observation?_summary=count')).body);
      assert.equal(all.total, 3, 'obs-own, obs-other, n-own: nothing from the refused writes');
      // a conditional create is a create: refused where a plain one is (it used to skip the check)
      const pharmacist = asRole(app, world, 'pharmacist');
      const newPatient = { resourceType: 'Patient', identifier: [{ system: 'urn:test', value: 'cc-1' }] };
      assert.equal((await pharmacist('POST', '/fhir/Patient', newPatient)).statusCode, 403);
      assert.equal((await pharmacist('POST', '/fhir/Patient', newPatient, { 'if-none-exist': 'identifier=urn:test|cc-1' })).statusCode, 403);
      // a nurse cannot delete, a patient cannot write observations, a device cannot read them back
      assert.equal((await nurse('DELETE', '/fhir/Observation/n-own')).statusCode, 403);
      assert.equal((await asRole(app, world, 'patient')('PUT', '/fhir/Observation/p1', mk('p1', 'pat-own'))).statusCode, 403);
      const device = asRole(app, world, 'device');
      assert.equal((await device('PUT', '/fhir/Observation/dev-obs', mk('dev-obs', 'pat-other'))).statusCode, 201);
      assert.equal((await device('GET', '/fhir/Observation/dev-obs')).statusCode, 403);
      // a patient answers a questionnaire for themselves only
      const qr = (id: string, p: string) => ({ resourceType: 'QuestionnaireResponse', id, status: 'completed', subject: { reference: `Patient/${p}` } });
      const patient = asRole(app, world, 'patient');
      assert.equal((await patient('PUT', '/fhir/QuestionnaireResponse/qr1', qr('qr1', 'pat-own'))).statusCode, 201);
      assert.equal((await patient('PUT', '/fhir/QuestionnaireResponse/qr2', qr('qr2', 'pat-other'))).statusCode, 403);
      // counts and paging are computed within the policy
      const ward = JSON.parse((await nurse('GET', '/fhir/Observation?_total=accurate&_count=1')).body);
      assert.equal(ward.total, 2, 'obs-own and n-own');
    });

    test('break the glass: a nurse opens another patient with a reason; audited and told to the doctors', async () => {
      const nurse = asRole(app, world, 'nurse');
      assert.equal((await nurse('GET', '/fhir/Observation/obs-other')).statusCode, 404);
      const bad = await nurse('POST', '/auth/break-glass', { patient: 'pat-other' });
      assert.equal(bad.statusCode, 400);
      const ok = await nurse('POST', '/auth/break-glass', { patient: 'Patient/pat-other', reason: 'Rapid response call on ward B' });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal((await nurse('GET', '/fhir/Observation/obs-other')).statusCode, 200);
      // a doctor's role may not break the glass (they already see everyone); a patient's neither
      assert.equal((await asRole(app, world, 'patient')('POST', '/auth/break-glass', { patient: 'pat-other', reason: 'curious about it' })).statusCode, 403);
      const doctor = asRole(app, world, 'doctor');
      const comms = JSON.parse((await doctor('GET', '/fhir/Communication?subject=Patient/pat-other')).body);
      assert.equal(comms.entry?.length, 1);
      assert.equal(comms.entry[0].resource.recipient[0].reference, 'Practitioner/dr-1');
      assert.match(comms.entry[0].resource.payload[0].contentString, /Rapid response/);
      const audit = JSON.parse((await doctor('GET', '/fhir/AuditEvent?patient=pat-other&_count=200')).body);
      assert.ok(audit.entry.some((e: { resource: { purposeOfEvent?: { coding?: { code: string }[] }[] } }) => JSON.stringify(e.resource).includes('BTG')), 'break-glass event');
    });

    test('policies are data: an admin edits one, it takes effect at once, and the change is audited', async () => {
      const admin = asRole(app, world, 'admin');
      const nurse = asRole(app, world, 'nurse');
      assert.equal((await nurse('GET', '/admin/policies')).statusCode, 403);
      const list = JSON.parse((await admin('GET', '/admin/policies')).body);
      assert.equal(list.policies.length, ROLES.length);
      const pharm = JSON.parse((await admin('GET', '/admin/policies/pharmacist')).body);
      assert.equal((await admin('PUT', '/admin/policies/pharmacist', { ...pharm, read: ['Medication'], updated: undefined, updatedBy: undefined })).statusCode, 200);
      assert.equal((await asRole(app, world, 'pharmacist')('GET', '/fhir/Observation/obs-own')).statusCode, 403);
      const invalid = await admin('PUT', '/admin/policies/pharmacist', { ...pharm, read: ['Nonsense'], patients: 'everyone', updated: undefined, updatedBy: undefined });
      assert.equal(invalid.statusCode, 400);
      assert.match(invalid.body, /Nonsense/);
      assert.equal((await admin('DELETE', '/admin/policies/pharmacist')).statusCode, 200);
      assert.equal((await asRole(app, world, 'pharmacist')('GET', '/fhir/Observation/obs-own')).statusCode, 200);
      const audit = JSON.parse((await admin('GET', '/fhir/AuditEvent?subtype=policy-change&_count=50')).body);
      assert.ok((audit.entry?.length ?? 0) >= 2, JSON.stringify(audit).slice(0, 400));
      // clinicians see who accessed records, not the security trail
      const asDoctor = JSON.parse((await asRole(app, world, 'doctor')('GET', '/fhir/AuditEvent?subtype=policy-change&_count=50')).body);
      assert.equal(asDoctor.entry?.length ?? 0, 0);
      const asNurse = JSON.parse((await asRole(app, world, 'nurse')('GET', '/fhir/AuditEvent?_count=200')).body);
      assert.ok((asNurse.entry?.length ?? 0) > 0);
      for (const e of asNurse.entry ?? []) {
        const text = JSON.stringify(e.resource);
        // her ward patient, or the one she broke the glass for; never logins or policy changes
        assert.ok(/Patient\/pat-(own|other)/.test(text) && !text.includes('110122') && !text.includes('policy-change'), text.slice(0, 300));
      }
    });

    test('without credentials the FHIR API answers 401; metadata stays open', async () => {
      const r = await app.inject({ method: 'GET', url: '/fhir/Patient/pat-own' });
      assert.equal(r.statusCode, 401);
      assert.equal(JSON.parse(r.body).resourceType, 'OperationOutcome');
      assert.equal((await app.inject({ method: 'GET', url: '/fhir/metadata' })).statusCode, 200);
    });
  });
}
