// Orders over HTTP on both databases: the closed loop of a lab order (technician), an imaging order and a
// medication order (pharmacist dispenses, nurse administers), the trail, steps out of turn (409), roles the policies
// refuse (403), bad input (4xx naming the field) and all-or-nothing writes.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../../test/support/databases.js';
import { testApp } from '../../../../test/support/app.js';
import { asRole, buildWorld, type Res, type World } from '../../../../test/security/fixtures.js';
import type { Store } from '../../../fhir/store/open.js';

const body = (r: Res) => JSON.parse(r.body) as Record<string, any>;
const outcome = (r: Res) => body(r).issue?.[0] as { code: string; diagnostics: string; expression?: string[] };
const step = (r: Res, name: string) => (body(r).trail.steps as { step: string; done: boolean; actor?: { reference: string }; time?: string; count?: number }[]).find((s) => s.step === name);

for (const d of testDatabases()) {
  describe(`orders on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    let doctor: ReturnType<typeof asRole>;
    let nurse: ReturnType<typeof asRole>;
    let technician: ReturnType<typeof asRole>;
    let pharmacist: ReturnType<typeof asRole>;
    let admin: ReturnType<typeof asRole>;
    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      // a 45-year-old man: sex- and age-specific intervals apply
      await store.repo.update({ tenant: 'default' }, { resourceType: 'Patient', id: 'pat-own', name: [{ family: 'Own' }], gender: 'male', birthDate: '1981-03-02' });
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
      doctor = asRole(app, world, 'doctor');
      nurse = asRole(app, world, 'nurse');
      technician = asRole(app, world, 'technician');
      pharmacist = asRole(app, world, 'pharmacist');
      admin = asRole(app, world, 'admin');
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    const count = async (type: string) => (await store.repo.search({ tenant: 'default' }, { types: [type], params: [['_summary', 'count']] })).total;
    const counts = async () => Object.fromEntries(await Promise.all(['ServiceRequest', 'MedicationRequest', 'Task', 'Provenance', 'Observation', 'DiagnosticReport', 'MedicationDispense', 'MedicationAdministration'].map(async (t) => [t, await count(t)])));
    const order = async (test: string) => {
      const r = await doctor('POST', '/api/emr/orders/service', { patient: 'Patient/pat-own', encounter: 'Encounter/enc-own', test, reason: '发热待查', note: '空腹采血' });
      assert.equal(r.statusCode, 201, r.body);
      return body(r).order.id as string;
    };

    test('the catalogue lists vocabularies, tests and ranges', async () => {
      const r = await doctor('GET', '/api/emr/order-catalogue');
      assert.equal(r.statusCode, 200);
      const b = body(r);
      assert.ok(b.routes.some((x: { code: string }) => x.code === 'PO'));
      assert.ok(b.frequencies.some((x: { code: string }) => x.code === 'q8h'));
      assert.ok(b.tests.some((x: { key: string }) => x.key === 'cbc'));
      assert.ok(b.referenceRanges.length > 10);
    });

    test('lab order: ordered → received → performed → resulted, flagged, against the order', async () => {
      const id = await order('cbc');
      const sr = body(await doctor('GET', `/api/emr/orders/service/${id}`));
      assert.equal(sr.order.status, 'active');
      assert.equal(sr.order.code.coding[0].code, '58410-2');
      assert.equal(sr.order.category[0].coding[0].code, 'LAB');
      assert.equal(sr.order.requester.reference, 'PractitionerRole/role-dr');
      assert.equal(sr.trail.current, 'ordered');

      // steps out of turn
      assert.equal((await technician('POST', `/api/emr/orders/service/${id}/perform`)).statusCode, 409);
      assert.equal((await technician('POST', `/api/emr/orders/service/${id}/results`, { results: [{ code: '718-7', value: 120 }] })).statusCode, 409);

      const received = await technician('POST', `/api/emr/orders/service/${id}/receive`);
      assert.equal(received.statusCode, 200, received.body);
      assert.equal(body(received).trail.current, 'received');
      assert.equal(body(received).trail.task.status, 'received');
      assert.equal(step(received, 'received')?.actor?.reference, 'Practitioner/dr-1');
      assert.equal((await technician('POST', `/api/emr/orders/service/${id}/receive`)).statusCode, 409, 'received twice');
      const performed = await technician('POST', `/api/emr/orders/service/${id}/perform`);
      assert.equal(performed.statusCode, 200, performed.body);
      assert.equal(body(performed).trail.task.status, 'in-progress');

      // bad results: 4xx naming the field, nothing written
      const before = await counts();
      const bad: [unknown, number, string][] = [
        [{}, 422, 'results'],
        [{ results: [] }, 400, 'results'],
        [{ results: [{ code: '718-7' }] }, 400, 'results.0.value'],
        [{ results: [{ code: '718-7', value: 'lots' }] }, 400, 'results.0.value'],
        [{ results: [{ code: '718-7', value: -1 }] }, 400, 'results.0.value'],
        [{ results: [{ code: '2823-3', value: 4 }] }, 422, 'results.0.code'],
        [{ results: [{ code: '718-7', value: 120 }, { code: '718-7', value: 121 }] }, 422, 'results.1.code'],
        [{ results: [{ code: '718-7', value: 120, unit: 'g/dL' }] }, 422, 'results.0.unit'],
        [{ results: [{ code: '718-7', value: 120 }], collected: '2999-01-01T00:00:00Z' }, 422, 'collected'],
        [{ results: [{ code: '718-7', value: 120 }], collected: 'yesterday' }, 422, 'collected'],
        [{ findings: 'x', conclusion: 'y' }, 422, 'findings'],
      ];
      for (const [payload, status, field] of bad) {
        const r = await technician('POST', `/api/emr/orders/service/${id}/results`, payload);
        assert.equal(r.statusCode, status, `${JSON.stringify(payload)} → ${r.body}`);
        assert.deepEqual(outcome(r).expression, [field], `${JSON.stringify(payload)} → ${r.body}`);
      }
      assert.deepEqual(await counts(), before);

      // a pharmacist may not report results (policy: no Observation / DiagnosticReport)
      assert.equal((await pharmacist('POST', `/api/emr/orders/service/${id}/results`, { results: [{ code: '718-7', value: 120 }] })).statusCode, 403);
      assert.deepEqual(await counts(), before);

      const resulted = await technician('POST', `/api/emr/orders/service/${id}/results`, {
        results: [{ code: '6690-2', value: 12.6, unit: '10*9/L' }, { code: '718-7', value: 128 }, { code: '777-3', value: 210 }, { code: '770-8', value: 75 }],
      });
      assert.equal(resulted.statusCode, 200, resulted.body);
      const t = body(resulted).trail;
      assert.equal(t.current, 'resulted');
      assert.equal(t.status, 'completed');
      assert.equal(t.task.status, 'completed');
      assert.equal(t.report.status, 'final');
      assert.equal(t.report.basedOn[0].reference, `ServiceRequest/${id}`);
      assert.equal(t.report.result.length, 4);
      const flag = (code: string) => t.observations.find((o: any) => o.code.coding[0].code === code).interpretation?.[0].coding[0].code;
      assert.equal(flag('6690-2'), 'H');
      assert.equal(flag('718-7'), 'L', 'men: 130–175 g/L');
      assert.equal(flag('777-3'), 'N');
      assert.equal(flag('770-8'), 'N', '75 is the upper limit, included');
      assert.deepEqual(t.flags, { abnormal: 2, critical: 0 });
      for (const o of t.observations) assert.equal(o.basedOn[0].reference, `ServiceRequest/${id}`);
      assert.deepEqual(t.steps.map((s: { step: string; done: boolean }) => [s.step, s.done]), [['ordered', true], ['received', true], ['performed', true], ['resulted', true]]);
      assert.ok(t.steps.every((s: { time?: string }) => s.time), 'every step has its time');
      assert.ok(t.steps[0].time <= t.steps[1].time && t.steps[1].time <= t.steps[2].time && t.steps[2].time <= t.steps[3].time, 'steps in order');
      // the results are ordinary FHIR, found by a third-party client the usual way
      const viaFhir = body(await doctor('GET', `/fhir/Observation?based-on=ServiceRequest/${id}&code=http://loinc.org|718-7`));
      assert.equal(viaFhir.entry.length, 1);
      assert.equal(viaFhir.entry[0].resource.referenceRange[0].low.value, 130);
      // resulted once only
      assert.equal((await technician('POST', `/api/emr/orders/service/${id}/results`, { results: [{ code: '718-7', value: 120 }] })).statusCode, 409);
      // listed for the patient with its trail
      const list = body(await doctor('GET', '/api/emr/orders?patient=Patient/pat-own'));
      assert.equal(list.orders.find((o: { ref: string }) => o.ref === `ServiceRequest/${id}`).current, 'resulted');
    });

    test('a critical value is flagged HH/LL', async () => {
      const id = await order('electrolytes');
      await technician('POST', `/api/emr/orders/service/${id}/receive`);
      await technician('POST', `/api/emr/orders/service/${id}/perform`);
      const r = await technician('POST', `/api/emr/orders/service/${id}/results`, { results: [{ code: '2823-3', value: 6.5 }, { code: '2951-2', value: 118 }, { code: '2075-0', value: 104 }] });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(body(r).trail.flags, { abnormal: 2, critical: 2 });
    });

    test('a result for a cancelled order is a 409; cancelling needs a reason; nothing written on failure', async () => {
      const id = await order('fpg');
      await technician('POST', `/api/emr/orders/service/${id}/receive`);
      await technician('POST', `/api/emr/orders/service/${id}/perform`);
      assert.equal((await doctor('POST', `/api/emr/orders/service/${id}/cancel`, {})).statusCode, 400);
      assert.equal((await technician('POST', `/api/emr/orders/service/${id}/cancel`, { reason: 'x' })).statusCode, 200, 'technicians may revoke (policy allows ServiceRequest)');
      const t = body(await doctor('GET', `/api/emr/orders/service/${id}`)).trail;
      assert.equal(t.status, 'revoked');
      assert.equal(t.current, 'cancelled');
      assert.equal(t.task.status, 'cancelled');
      assert.equal(t.cancelled.reason, 'x');
      const before = await counts();
      const r = await technician('POST', `/api/emr/orders/service/${id}/results`, { results: [{ code: '14771-0', value: 5 }] });
      assert.equal(r.statusCode, 409, r.body);
      assert.equal(outcome(r).code, 'conflict');
      assert.deepEqual(await counts(), before);
      assert.equal((await doctor('POST', `/api/emr/orders/service/${id}/cancel`, { reason: 'again' })).statusCode, 409);
    });

    test('imaging order: findings and conclusion in the report', async () => {
      const id = await order('cxr');
      await technician('POST', `/api/emr/orders/service/${id}/receive`);
      await technician('POST', `/api/emr/orders/service/${id}/perform`);
      assert.equal((await technician('POST', `/api/emr/orders/service/${id}/results`, { conclusion: '右下肺炎' })).statusCode, 422);
      assert.equal((await technician('POST', `/api/emr/orders/service/${id}/results`, { results: [{ code: '718-7', value: 1 }] })).statusCode, 422);
      const r = await technician('POST', `/api/emr/orders/service/${id}/results`, { findings: '右下肺野见斑片状模糊影。', conclusion: '右下肺炎，建议治疗后复查。' });
      assert.equal(r.statusCode, 200, r.body);
      const rep = body(r).trail.report;
      assert.equal(rep.category[0].coding[0].code, 'RAD');
      assert.equal(rep.conclusion, '右下肺炎，建议治疗后复查。');
      assert.equal(Buffer.from(rep.presentedForm[0].data, 'base64').toString('utf8'), '右下肺野见斑片状模糊影。');
      assert.equal(body(r).trail.kind, 'imaging');
    });

    test('medication order: pharmacist reviews and dispenses, nurse administers; roles the policy refuses get 403', async () => {
      const bad: [unknown, number, string][] = [
        [{ patient: 'Patient/pat-own', medication: '阿莫西林胶囊', dose: { value: 0.5, unit: 'g' }, route: 'XX', frequency: 'tid' }, 400, 'route'],
        [{ patient: 'Patient/pat-own', medication: '阿莫西林胶囊', dose: { value: 0, unit: 'g' }, route: 'PO', frequency: 'tid' }, 400, 'dose.value'],
        [{ patient: 'Patient/pat-own', medication: '阿莫西林胶囊', dose: { value: 0.5, unit: 'kg' }, route: 'PO', frequency: 'tid' }, 400, 'dose.unit'],
        [{ patient: 'Patient/pat-own', medication: '阿莫西林胶囊', dose: { value: 0.5 }, route: 'PO', frequency: 'tid' }, 400, 'dose.unit'],
        [{ patient: 'Patient/pat-own', medication: '阿莫西林胶囊', dose: { value: 0.5, unit: 'g' }, route: 'PO', frequency: 'sometimes' }, 400, 'frequency'],
        [{ patient: 'Patient/pat-own', medication: ' ', dose: { value: 0.5, unit: 'g' }, route: 'PO', frequency: 'tid' }, 422, 'medication'],
        [{ patient: 'Patient/pat-own', encounter: 'Encounter/enc-other', medication: '阿莫西林', dose: { value: 0.5, unit: 'g' }, route: 'PO', frequency: 'tid' }, 422, 'encounter'],
        [{ patient: 'Patient/ghost', medication: '阿莫西林', dose: { value: 0.5, unit: 'g' }, route: 'PO', frequency: 'tid' }, 422, 'patient'],
      ];
      const before = await count('MedicationRequest');
      for (const [payload, status, field] of bad) {
        const r = await doctor('POST', '/api/emr/orders/medication', payload);
        assert.equal(r.statusCode, status, `${JSON.stringify(payload)} → ${r.body}`);
        assert.deepEqual(outcome(r).expression, [field], `${JSON.stringify(payload)} → ${r.body}`);
      }
      assert.equal(await count('MedicationRequest'), before);

      const created = await doctor('POST', '/api/emr/orders/medication', { patient: 'Patient/pat-own', encounter: 'Encounter/enc-own', medication: '阿莫西林胶囊 0.25g', dose: { value: 0.5, unit: 'g' }, route: 'PO', frequency: 'tid', days: 5, note: '饭后服用' });
      assert.equal(created.statusCode, 201, created.body);
      const mr = body(created).order;
      const id = mr.id as string;
      assert.equal(mr.category[0].coding[0].code, 'inpatient', 'the encounter is an inpatient stay');
      assert.equal(mr.dosageInstruction[0].text, '0.5 g 口服 tid');
      assert.deepEqual(mr.dosageInstruction[0].doseAndRate[0].doseQuantity, { value: 0.5, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' });
      assert.equal(mr.dosageInstruction[0].route.coding[0].code, 'PO');
      assert.equal(mr.dosageInstruction[0].timing.code.coding[0].code, 'TID');
      assert.deepEqual(mr.note[0].authorReference, { reference: 'Practitioner/dr-1' }, 'an Annotation names the Practitioner behind the PractitionerRole');

      assert.equal((await nurse('POST', `/api/emr/orders/medication/${id}/administer`, {})).statusCode, 409, 'not dispensed yet');
      assert.equal((await pharmacist('POST', `/api/emr/orders/medication/${id}/dispense`, {})).statusCode, 409, 'not reviewed yet');
      assert.equal((await pharmacist('POST', `/api/emr/orders/medication/${id}/receive`)).statusCode, 200);
      assert.equal((await nurse('POST', `/api/emr/orders/medication/${id}/dispense`, {})).statusCode, 403, 'nurses do not dispense');
      const dispensed = await pharmacist('POST', `/api/emr/orders/medication/${id}/dispense`, { quantity: { value: 30, unit: '{cap}' }, days: 5, note: '已交代用法' });
      assert.equal(dispensed.statusCode, 200, dispensed.body);
      assert.equal(body(dispensed).trail.current, 'dispensed');
      assert.equal(body(dispensed).trail.dispenses[0].authorizingPrescription[0].reference, `MedicationRequest/${id}`);
      assert.equal((await pharmacist('POST', `/api/emr/orders/medication/${id}/dispense`)).statusCode, 409, 'dispensed once (a POST without a body is fine)');

      assert.equal((await technician('POST', `/api/emr/orders/medication/${id}/administer`, {})).statusCode, 403, 'technicians do not administer');
      assert.equal((await nurse('POST', `/api/emr/orders/medication/${id}/administer`, { dose: { value: 500, unit: 'mg' } })).statusCode, 422);
      assert.equal((await nurse('POST', `/api/emr/orders/medication/${id}/administer`, { notGiven: true })).statusCode, 422);
      const given = await nurse('POST', `/api/emr/orders/medication/${id}/administer`);
      assert.equal(given.statusCode, 200, given.body);
      const ma = body(given).trail.administrations[0];
      assert.equal(ma.request.reference, `MedicationRequest/${id}`);
      assert.equal(ma.performer[0].actor.reference, 'PractitionerRole/role-rn');
      assert.deepEqual(ma.dosage.dose, { value: 0.5, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' });
      const again = await nurse('POST', `/api/emr/orders/medication/${id}/administer`, { notGiven: true, reason: '患者拒服', note: '已告知医生' });
      assert.equal(again.statusCode, 200);
      assert.equal(step(again, 'administered')?.count, 1, 'a dose not given is not counted');
      const t = body(again).trail;
      assert.equal(t.current, 'administered');
      assert.deepEqual(t.steps.map((s: { step: string }) => s.step), ['ordered', 'received', 'dispensed', 'administered']);
      assert.equal(step(again, 'dispensed')?.actor?.reference, 'Practitioner/dr-1');

      // stop after dispensing: stopped, and no further doses
      const stopped = await doctor('POST', `/api/emr/orders/medication/${id}/cancel`, { reason: '过敏' });
      assert.equal(stopped.statusCode, 200);
      assert.equal(body(stopped).order.status, 'stopped');
      assert.equal((await nurse('POST', `/api/emr/orders/medication/${id}/administer`, {})).statusCode, 409);
    });

    test('a step is all or nothing: when its Provenance is refused, the task is not written either', async () => {
      const id = await order('rft');
      const pol = body(await admin('GET', '/admin/policies/technician'));
      assert.equal((await admin('PUT', '/admin/policies/technician', { ...pol, write: ['Task', 'ServiceRequest', 'Observation', 'DiagnosticReport'], updated: undefined, updatedBy: undefined })).statusCode, 200);
      try {
        const before = await counts();
        const r = await technician('POST', `/api/emr/orders/service/${id}/receive`);
        assert.equal(r.statusCode, 403, r.body);
        assert.deepEqual(await counts(), before);
      } finally {
        assert.equal((await admin('DELETE', '/admin/policies/technician')).statusCode, 200);
      }
      assert.equal((await technician('POST', `/api/emr/orders/service/${id}/receive`)).statusCode, 200);
    });

    test('unknown orders and bad ids', async () => {
      assert.equal((await doctor('GET', '/api/emr/orders/service/nope')).statusCode, 404);
      assert.equal((await doctor('GET', '/api/emr/orders/lab/x')).statusCode, 400);
      assert.equal((await doctor('GET', '/api/emr/orders?patient=pat-own')).statusCode, 400);
      assert.equal((await technician('POST', '/api/emr/orders/medication/x/perform')).statusCode, 400);
    });
  });
}
