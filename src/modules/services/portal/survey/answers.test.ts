// The survey as data (short, every rated item on the same 5-point scale, bilingual) and the answer checks by type.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '../../../../fhir/types.js';
import { FREE_TEXT_MAX, SURVEY } from './questionnaire.js';
import { checkAnswers, type QuestionnaireItem } from './answers.js';

const items = SURVEY.item as (QuestionnaireItem & { _text?: unknown })[];

describe('outpatient satisfaction survey', () => {
  test('5–8 rated items on one 5-point scale, a yes/no and an optional free text; every text in zh and en', () => {
    const rated = items.filter((i) => i.type === 'choice');
    assert.ok(rated.length >= 5 && rated.length <= 8, String(rated.length));
    for (const i of rated) {
      assert.equal(i.required, true, i.linkId);
      assert.deepEqual(i.answerOption?.map((o) => o.valueCoding?.code), ['5', '4', '3', '2', '1'], i.linkId);
    }
    assert.equal(items.filter((i) => i.type === 'text').length, 1);
    assert.equal(items.find((i) => i.type === 'text')?.required, false);
    for (const i of items) assert.match(JSON.stringify(i._text), /"valueCode":"en"/, i.linkId);
    assert.equal(new Set(items.map((i) => i.linkId)).size, items.length);
  });

  test('answers: accepted by type, at the free-text limit and just over it', () => {
    const all = { registration: '5', waiting: '1', doctor: '3', staff: '4', privacy: '2', environment: '5', overall: '4', recommend: false };
    const ok = checkAnswers(SURVEY, { ...all, comment: 'x'.repeat(FREE_TEXT_MAX) });
    assert.ok(ok.ok);
    assert.equal(ok.ok && ok.items.length, items.length);
    assert.ok(checkAnswers(SURVEY, { ...all, comment: '' }).ok, 'blank optional text is no answer');
    const long = checkAnswers(SURVEY, { ...all, comment: 'x'.repeat(FREE_TEXT_MAX + 1) });
    assert.deepEqual(!long.ok && long.problems, [{ field: 'answers.comment', code: 'survey-too-long', params: { max: String(FREE_TEXT_MAX) } }]);
    const wrong = checkAnswers(SURVEY, { ...all, recommend: null, overall: '6', waiting: true });
    assert.deepEqual(!wrong.ok && wrong.problems.map((p) => `${p.field} ${p.code}`), ['answers.waiting survey-type', 'answers.overall survey-option', 'answers.recommend survey-required']);
  });

  test('integer and string items of another questionnaire', () => {
    const q: Resource = { resourceType: 'Questionnaire', item: [{ linkId: 'n', type: 'integer', required: true }, { linkId: 's', type: 'string' }] };
    assert.deepEqual(checkAnswers(q, { n: 3, s: ' a ' }), { ok: true, items: [{ linkId: 'n', answer: [{ valueInteger: 3 }] }, { linkId: 's', answer: [{ valueString: 'a' }] }] });
    assert.deepEqual(checkAnswers(q, { n: 2.5 }), { ok: false, problems: [{ field: 'answers.n', code: 'survey-type' }] });
  });
});
