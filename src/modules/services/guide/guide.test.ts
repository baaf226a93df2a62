// POST /api/guide over HTTP (public, stores nothing: one database is enough), its refusals as OperationOutcomes,
// its OpenAPI entry; and the pre-visit note: guideResponse → stored QuestionnaireResponse → readGuideResponse.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../../test/support/databases.js';
import { testApp } from '../../../../test/support/app.js';
import type { Store } from '../../../fhir/store/open.js';
import { runGuide, type GuideInput } from './engine.js';
import { guideResponse, readGuideResponse, SMART_GUIDE_QUESTIONNAIRE } from './questionnaire-response.js';
import { MAX_TEXT } from './routes.js';

describe('POST /api/guide', () => {
  const db = testDatabases()[0];
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    store = await db.open();
    app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '' });
  });
  after(async () => {
    await app?.close();
    await store?.close();
    await db.cleanup();
  });
  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/api/guide', payload: payload as object });

  test('anyone may ask, without signing in: the contract', async () => {
    const r = await post({ text: '胸口疼出冷汗', age: 58, sex: 'male', pregnant: false, lang: 'zh' });
    assert.equal(r.statusCode, 200, r.body);
    const b = r.json();
    assert.deepEqual(Object.keys(b).sort(), ['advice', 'departments', 'emergency', 'redFlags']);
    assert.equal(b.emergency, true);
    assert.deepEqual(Object.keys(b.redFlags[0]).sort(), ['code', 'label', 'reason']);
    assert.deepEqual(Object.keys(b.departments[0]).sort(), ['code', 'evidence', 'name', 'nameEn', 'score']);
    assert.equal(b.departments[0].code, '20');
    const plain = (await post({ text: 'diarrhea for two days', lang: 'en', bodyParts: ['abdomen'] })).json();
    assert.equal(plain.emergency, false);
    assert.equal(plain.departments[0].code, '03.02');
    assert.match(plain.advice, /^Suggested department: Gastroenterology/);
  });

  test('bad input: 400 OperationOutcomes naming the field, never a 500', async () => {
    const cases: [unknown, string][] = [
      [{}, 'text'],
      [{ text: '' }, 'text'],
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(MAX_TEXT + 1) }, 'text'],
      [{ text: '头疼', age: -1 }, 'age'],
      [{ text: '头疼', age: 200 }, 'age'],
      [{ text: '头疼', age: 'old' }, 'age'],
      [{ text: '头疼', sex: 'x' }, 'sex'],
      [{ text: '头疼', sex: 'M' }, 'sex'],
      [{ text: '头疼', lang: 'fr' }, 'lang'],
      [{ text: '头疼', pregnant: true, sex: 'male' }, 'pregnant'],
      [{ text: '头疼', bodyParts: ['tail'] }, 'bodyParts.0'],
      [{ text: { zh: '头疼' } }, 'text'],
    ];
    for (const [payload, field] of cases) {
      const r = await post(payload);
      assert.equal(r.statusCode, 400, `${JSON.stringify(payload).slice(0, 60)} → ${r.statusCode} ${r.body.slice(0, 200)}`);
      const o = r.json();
      assert.equal(o.resourceType, 'OperationOutcome');
      assert.deepEqual(o.issue[0].expression, [field], JSON.stringify(o.issue[0]));
    }
    const notJson = await app.inject({ method: 'POST', url: '/api/guide', payload: '{"text":', headers: { 'content-type': 'application/json' } });
    assert.equal(notJson.statusCode, 400);
    assert.equal(notJson.json().resourceType, 'OperationOutcome');
  });

  test('documented at /api/docs: tag services, public, with an example', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const op = doc.paths['/api/guide']?.post;
    assert.ok(op, Object.keys(doc.paths).filter((p: string) => p.includes('guide')).join(','));
    assert.deepEqual(op.tags, ['services']);
    assert.deepEqual(op.security, []);
    const body = JSON.stringify(op.requestBody);
    assert.match(body, /胸口疼/, 'the example is shown');
  });
});

describe('the pre-visit note (QuestionnaireResponse)', () => {
  const input: GuideInput = { text: '怀孕20周，刷牙牙龈出血', age: 28, sex: 'female', pregnant: true, bodyParts: ['mouth-teeth'] };

  test('guideResponse → readGuideResponse gives back the text, emergency, red flags and departments', () => {
    for (const i of [input, { text: '胸口疼出冷汗', age: 60, sex: 'male' as const }, { text: 'headache', lang: 'en' as const }]) {
      const result = runGuide(i);
      const qr = guideResponse(i, result, { patient: 'Patient/p1', authored: '2026-03-01T08:00:00+08:00' });
      assert.equal(qr.questionnaire, SMART_GUIDE_QUESTIONNAIRE);
      assert.equal(qr.status, 'completed');
      assert.deepEqual(qr.subject, { reference: 'Patient/p1' });
      assert.deepEqual(readGuideResponse(qr), {
        text: i.text,
        emergency: result.emergency,
        redFlags: result.redFlags.map((f) => f.label),
        departments: result.departments.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn })),
      });
    }
  });

  test('it is a valid FHIR resource the store accepts, and reads back the same after storing', async () => {
    const db = testDatabases()[0];
    const store = await db.open();
    try {
      const ctx = { tenant: 'default' };
      const patient = await store.repo.create(ctx, { resourceType: 'Patient', name: [{ text: '张三' }] });
      const qr = guideResponse(input, runGuide(input), { patient: `Patient/${patient.resource.id}` });
      const saved = await store.repo.create(ctx, qr);
      const back = await store.repo.read(ctx, 'QuestionnaireResponse', saved.resource.id as string);
      assert.deepEqual(readGuideResponse(back), readGuideResponse(qr));
      assert.equal(readGuideResponse(back)?.departments[0].code, '12');
    } finally {
      await store.close();
      await db.cleanup();
    }
  });

  test('anything else reads as null', () => {
    assert.equal(readGuideResponse({ resourceType: 'Patient' }), null);
    assert.equal(readGuideResponse({ resourceType: 'QuestionnaireResponse', questionnaire: 'http://example.org/other', status: 'completed' }), null);
    assert.equal(readGuideResponse({ resourceType: 'QuestionnaireResponse', questionnaire: SMART_GUIDE_QUESTIONNAIRE, status: 'completed', item: [] }), null);
  });
});
