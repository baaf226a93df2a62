// Quality floors on the labelled vignettes, so a change to the knowledge base or the engine that loses a red flag
// or a department fails here. Red-flag recall must be 100 %.
//
// Why these floors: the rows were written first and the knowledge base was then completed against them, so their
// score (top-1 0.99, top-3 1.00 when this was written) measures "nothing that worked broke", not accuracy on new
// wording. The floors sit a few cases below it (top-1 ≥ 0.95: at most ~15 of the 292 may slip; top-3 ≥ 0.98). The
// honest estimate for unseen wording is the blind batches' first runs, before they changed anything (vignettes.ts
// HELD_OUT_FIRST_RUN: top-1 0.61, top-3 0.68, red-flag recall 11/20; BLIND2_FIRST_RUN: top-1 0.73, top-3 0.74,
// red-flag recall 23/40; BLIND3_FIRST_RUN: top-1 0.75, top-3 0.82, red-flag recall 28/35, 1 false alarm): that is why every red flag is also asserted one by one here, and why the bench prints them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VIGNETTES } from './vignettes.js';
import { measure } from './quality.js';
import { runGuide } from './engine.js';

const FLOOR = { top1: 0.95, top3: 0.98 } as const;

describe('guide vignettes', () => {
  test('≥ 150 cases: Chinese, English and mixed; children, pregnancy, older people, negation, red flags', () => {
    assert.ok(VIGNETTES.length >= 150, `${VIGNETTES.length}`);
    const tags = new Set(VIGNETTES.map((v) => v.tag));
    for (const t of ['red-flag', 'negation', 'colloquial', 'child', 'pregnancy', 'elderly', 'sex', 'english', 'mixed', 'multi']) assert.ok(tags.has(t as never), t);
    const latin = VIGNETTES.filter((v) => /[a-z]/i.test(v.input.text));
    const cjk = VIGNETTES.filter((v) => /[\u4e00-\u9fff]/.test(v.input.text));
    assert.ok(latin.length >= 40 && cjk.length >= 100, `${latin.length} with English, ${cjk.length} with Chinese`);
    assert.ok(VIGNETTES.filter((v) => v.emergency).length >= 40);
    assert.equal(new Set(VIGNETTES.map((v) => v.id)).size, VIGNETTES.length);
  });

  test('red-flag recall is 100 %: every emergency case answers emergency with 急诊医学科 first', () => {
    for (const v of VIGNETTES.filter((x) => x.emergency)) {
      const r = runGuide(v.input);
      assert.equal(r.emergency, true, `#${v.id} ${v.input.text}`);
      assert.equal(r.departments[0].code, '20', `#${v.id}`);
      assert.ok(r.redFlags.length > 0 && r.redFlags.every((f) => f.reason.length > 0), `#${v.id}`);
    }
  });

  test(`top-1 ≥ ${FLOOR.top1}, top-3 ≥ ${FLOOR.top3}, no false alarms`, () => {
    const q = measure(VIGNETTES);
    const detail = q.misses.map((m) => `#${m.id} ${m.text} expect ${m.expect} got ${m.got.slice(0, 3)}`).join('\n');
    assert.ok(q.top1 >= FLOOR.top1, `top-1 ${q.top1.toFixed(3)}\n${detail}`);
    assert.ok(q.top3 >= FLOOR.top3, `top-3 ${q.top3.toFixed(3)}\n${detail}`);
    assert.equal(q.redFlagRecall, 1);
    assert.equal(q.falseAlarms, 0, detail);
  });
});
