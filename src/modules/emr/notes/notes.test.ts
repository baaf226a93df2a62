// Clinical notes over HTTP on both databases: drafts, signing (Composition + Provenance together), amendments that
// keep the signed version, and every refusal (4xx OperationOutcome naming the field, nothing written).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../../test/support/databases.js';
import { testApp } from '../../../../test/support/app.js';
import { asRole, buildWorld, type Res, type World } from '../../../../test/security/fixtures.js';
import type { Store } from '../../../fhir/store/open.js';
import type { Resource } from '../../../fhir/types.js';
import { NOTE_TEMPLATES, loincCheckDigitOk } from './templates.js';
import { fromDiv, toDiv } from './composition.js';

const body = (r: Res) => JSON.parse(r.body) as Record<string, any>;
const outcome = (r: Res) => body(r).issue?.[0] as { code: string; diagnostics: string; expression?: string[] };

describe('note templates (data)', () => {
  test('four templates, unique keys, valid LOINC codes, at least one required section each', () => {
    assert.deepEqual(NOTE_TEMPLATES.map((t) => t.key), ['outpatient', 'admission', 'progress', 'discharge']);
    for (const t of NOTE_TEMPLATES) {
      assert.ok(loincCheckDigitOk(t.loinc.code), `${t.key} ${t.loinc.code}`);
      const keys = t.sections.map((s) => s.key);
      assert.equal(new Set(keys).size, keys.length, `${t.key}: section keys repeat`);
      assert.ok(t.sections.some((s) => s.required), t.key);
      for (const s of t.sections) {
        if (s.loinc) assert.ok(loincCheckDigitOk(s.loinc.code), `${t.key}.${s.key} ${s.loinc.code}`);
        assert.ok(s.title.zh && s.title.en && s.hint.zh && s.hint.en, `${t.key}.${s.key} titles and hints`);
      }
    }
    assert.ok(!loincCheckDigitOk('34108-2'), 'a wrong check digit is caught');
  });

  test('section text survives the narrative round trip (escaping, line breaks)', () => {
    const text = '咳嗽 3 天 <伴> "发热" & 乏力\n\n第二段';
    assert.equal(fromDiv(toDiv(text)), text);
    assert.match(toDiv('a<b'), /^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"><p>a&lt;b<\/p><\/div>$/);
  });
});

for (const d of testDatabases()) {
  describe(`clinical notes on ${d.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    let world: World;
    let doctor: ReturnType<typeof asRole>;
    let nurse: ReturnType<typeof asRole>;
    let admin: ReturnType<typeof asRole>;
    before(async () => {
      store = await d.open();
      world = await buildWorld(store);
      app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
      doctor = asRole(app, world, 'doctor');
      nurse = asRole(app, world, 'nurse');
      admin = asRole(app, world, 'admin');
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await d.cleanup();
    });

    const count = async (type: string) => (await store.repo.search({ tenant: 'default' }, { types: [type], params: [['_summary', 'count']] })).total;
    const FULL = {
      'chief-complaint': '咳嗽、咳痰3天', 'present-illness': '3天前受凉后咳嗽，咳黄痰，伴发热，最高38.5℃。', 'past-history': '体健，否认高血压、糖尿病史。',
      'physical-exam': 'T 38.2℃ P 96次/分 R 20次/分 BP 125/80mmHg。右下肺可闻及湿啰音。', diagnosis: '社区获得性肺炎', plan: '血常规、胸片；阿莫西林 0.5g po tid；3天后复诊。',
    };

    test('templates are listed for the UI', async () => {
      const r = await doctor('GET', '/api/emr/note-templates');
      assert.equal(r.statusCode, 200);
      assert.equal(body(r).templates.length, 4);
      assert.equal(body(r).templates[0].sections[0].title.zh, '主诉');
    });

    test('bad input is a 4xx OperationOutcome naming the field, and nothing is written', async () => {
      const before = await count('Composition');
      const cases: [unknown, number, string][] = [
        [{ template: 'outpatient' }, 400, 'patient'],
        [{ patient: 'Patient/pat-own', template: 'nonsense' }, 400, 'template'],
        [{ patient: 'Patient/pat-own', template: 'outpatient', sections: { 'chief-complaint': { text: 'x' } } }, 400, 'sections.chief-complaint'],
        [{ patient: 'Patient/nobody', template: 'outpatient' }, 422, 'patient'],
        [{ patient: 'pat-own', template: 'outpatient' }, 422, 'patient'],
        [{ patient: 'Patient/pat-own', encounter: 'Encounter/enc-other', template: 'outpatient' }, 422, 'encounter'],
        [{ patient: 'Patient/pat-own', template: 'outpatient', sections: { nonsense: 'x' } }, 422, 'sections.nonsense'],
      ];
      for (const [payload, status, field] of cases) {
        const r = await doctor('POST', '/api/emr/notes', payload);
        assert.equal(r.statusCode, status, `${JSON.stringify(payload)} → ${r.body}`);
        assert.equal(body(r).resourceType, 'OperationOutcome');
        assert.deepEqual(outcome(r).expression, [field], r.body);
      }
      assert.equal(await count('Composition'), before);
    });

    test('draft → edit → sign → amend, with the signed version kept and a Provenance per signature', async () => {
      // draft
      const created = await doctor('POST', '/api/emr/notes', { patient: 'Patient/pat-own', encounter: 'Encounter/enc-own', template: 'outpatient', sections: { 'chief-complaint': '咳嗽3天' } });
      assert.equal(created.statusCode, 201, created.body);
      const c0 = body(created).composition as Resource;
      const id = c0.id as string;
      assert.equal(c0.status, 'preliminary');
      assert.deepEqual((c0.author as { reference: string }[]).map((a) => a.reference), ['PractitionerRole/role-dr']);
      assert.equal((c0.type as { coding: { code: string }[] }).coding[0].code, '34108-1');
      assert.equal((c0.subject as { reference: string }).reference, 'Patient/pat-own');
      assert.equal((c0.encounter as { reference: string }).reference, 'Encounter/enc-own');
      assert.equal(body(created).note.sections['chief-complaint'], '咳嗽3天');

      // only the author edits a draft
      const byNurse = await nurse('PUT', `/api/emr/notes/${id}`, { sections: { diagnosis: 'x' } });
      assert.equal(byNurse.statusCode, 403, byNurse.body);
      const edited = await doctor('PUT', `/api/emr/notes/${id}`, { sections: { 'present-illness': FULL['present-illness'] }, version: '1' });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(body(edited).note.version, '2');
      assert.equal(body(edited).note.sections['chief-complaint'], '咳嗽3天', 'other sections are kept');
      // a stale version is refused
      const stale = await doctor('PUT', `/api/emr/notes/${id}`, { sections: { plan: 'x' }, version: '1' });
      assert.equal(stale.statusCode, 409, stale.body);

      // signing with required sections empty: 422 naming them, nothing written
      const provBefore = await count('Provenance');
      const incomplete = await doctor('POST', `/api/emr/notes/${id}/sign`, {});
      assert.equal(incomplete.statusCode, 422, incomplete.body);
      assert.ok(outcome(incomplete).expression?.includes('sections.past-history'), incomplete.body);
      assert.ok(outcome(incomplete).expression?.includes('sections.plan'));
      assert.ok(!outcome(incomplete).expression?.includes('sections.chief-complaint'));
      assert.equal((await doctor('GET', `/api/emr/notes/${id}`)).statusCode, 200);
      assert.equal(body(await doctor('GET', `/api/emr/notes/${id}`)).note.version, '2');
      assert.equal(await count('Provenance'), provBefore);

      // another user cannot sign the author's draft
      assert.equal((await nurse('POST', `/api/emr/notes/${id}/sign`, { sections: FULL })).statusCode, 403);

      // sign (last edits saved in the same version)
      const signed = await doctor('POST', `/api/emr/notes/${id}/sign`, { sections: FULL, version: '2' });
      assert.equal(signed.statusCode, 200, signed.body);
      const sb = body(signed);
      assert.equal(sb.composition.status, 'final');
      assert.equal(sb.composition.meta.versionId, '3');
      assert.equal(sb.composition.attester[0].mode, 'legal');
      assert.equal(sb.composition.attester[0].party.reference, 'PractitionerRole/role-dr');
      assert.equal(sb.composition.section.length, 6, 'only written sections are stored');
      assert.equal(sb.provenance.target[0].reference, `Composition/${id}/_history/3`);
      assert.equal(sb.provenance.agent[0].who.reference, 'PractitionerRole/role-dr');
      assert.equal(sb.provenance.signature[0].who.reference, 'PractitionerRole/role-dr');
      assert.equal(sb.provenance.activity.coding[0].code, 'LA');
      assert.equal(sb.provenance.recorded, sb.composition.attester[0].time);
      assert.equal(sb.note.signers.length, 1);
      // the Provenance is a real resource, readable over FHIR
      const fhirProv = await doctor('GET', `/fhir/Provenance?target=Composition/${id}`);
      assert.equal(body(fhirProv).total ?? body(fhirProv).entry.length, 1);

      // a signed note: no second signature, no plain edit, no delete
      for (const [m, url, payload] of [['POST', `/api/emr/notes/${id}/sign`, {}], ['PUT', `/api/emr/notes/${id}`, { sections: { plan: 'x' } }], ['DELETE', `/api/emr/notes/${id}`, undefined]] as const) {
        const r = await doctor(m, url, payload);
        assert.equal(r.statusCode, 409, `${m} ${url}: ${r.body}`);
        assert.equal(outcome(r).code, 'conflict');
      }

      // amend: reason required, must change something, must stay complete
      assert.equal((await doctor('POST', `/api/emr/notes/${id}/amend`, { sections: { diagnosis: '肺炎' } })).statusCode, 400);
      const blank = await doctor('POST', `/api/emr/notes/${id}/amend`, { sections: { diagnosis: '  ' }, reason: 'x' });
      assert.equal(blank.statusCode, 422);
      assert.deepEqual(outcome(blank).expression, ['sections.diagnosis']);
      const same = await doctor('POST', `/api/emr/notes/${id}/amend`, { sections: { diagnosis: FULL.diagnosis }, reason: 'x' });
      assert.equal(same.statusCode, 422);
      const amended = await doctor('POST', `/api/emr/notes/${id}/amend`, { sections: { diagnosis: '社区获得性肺炎（右下叶）' }, reason: '补充病变部位', version: '3' });
      assert.equal(amended.statusCode, 200, amended.body);
      const ab = body(amended);
      assert.equal(ab.composition.status, 'amended');
      assert.equal(ab.composition.meta.versionId, '4');
      assert.equal(ab.composition.attester.length, 2);
      assert.equal(ab.provenance.target[0].reference, `Composition/${id}/_history/4`);
      assert.equal(ab.provenance.entity[0].what.reference, `Composition/${id}/_history/3`);
      assert.equal(ab.provenance.reason[0].text, '补充病变部位');

      // the signed version stays readable, with its own Provenance
      const v3 = await doctor('GET', `/api/emr/notes/${id}/versions/3`);
      assert.equal(v3.statusCode, 200);
      assert.equal(body(v3).note.status, 'final');
      assert.equal(body(v3).note.sections.diagnosis, FULL.diagnosis);
      assert.equal(body(v3).provenance.activity.coding[0].code, 'LA');
      const hist = body(await doctor('GET', `/api/emr/notes/${id}/history`)).versions as { note: { version: string; status: string }; provenance?: unknown }[];
      assert.deepEqual(hist.map((h) => [h.note.version, h.note.status, !!h.provenance]), [['1', 'preliminary', false], ['2', 'preliminary', false], ['3', 'final', true], ['4', 'amended', true]]);

      // listed for the patient
      const list = body(await doctor('GET', '/api/emr/notes?patient=Patient/pat-own'));
      assert.ok(list.notes.some((n: { id: string; status: string }) => n.id === id && n.status === 'amended'));
    });

    test('a failure in the Provenance rolls the signature back (one transaction)', async () => {
      const created = body(await doctor('POST', '/api/emr/notes', { patient: 'Patient/pat-own', template: 'progress', sections: { subjective: '无不适', plan: '继续治疗' } }));
      const id = created.composition.id as string;
      const pol = body(await admin('GET', '/admin/policies/doctor'));
      const put = await admin('PUT', '/admin/policies/doctor', { ...pol, write: ['Composition'], updated: undefined, updatedBy: undefined });
      assert.equal(put.statusCode, 200, put.body);
      try {
        const r = await doctor('POST', `/api/emr/notes/${id}/sign`, {});
        assert.equal(r.statusCode, 403, r.body);
        const now = body(await doctor('GET', `/api/emr/notes/${id}`));
        assert.equal(now.note.status, 'preliminary');
        assert.equal(now.note.version, '1');
      } finally {
        assert.equal((await admin('DELETE', '/admin/policies/doctor')).statusCode, 200);
      }
      assert.equal(body(await doctor('POST', `/api/emr/notes/${id}/sign`)).note.status, 'final', 'a POST without a body signs as it is');
    });

    test('a draft can be discarded by its author; users without a practitioner link cannot write notes', async () => {
      const id = body(await doctor('POST', '/api/emr/notes', { patient: 'Patient/pat-own', template: 'discharge' })).composition.id as string;
      assert.equal((await nurse('DELETE', `/api/emr/notes/${id}`)).statusCode, 403);
      assert.equal((await doctor('DELETE', `/api/emr/notes/${id}`)).statusCode, 204);
      assert.equal((await doctor('GET', `/api/emr/notes/${id}`)).statusCode, 410);
      const manager = asRole(app, world, 'manager');
      const r = await manager('POST', '/api/emr/notes', { patient: 'Patient/pat-own', template: 'outpatient' });
      assert.equal(r.statusCode, 403, r.body);
    });
  });
}
