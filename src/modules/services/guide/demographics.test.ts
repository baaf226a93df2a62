// Age, sex and pregnancy rules at every boundary: children < 14, newborns < 28 days, babies < 3 months with fever,
// 老年病 from 60, women-only departments never for men, pregnancy → 产科.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runGuide, type GuideInput } from './engine.js';
import { CHILD_MAX_AGE, ELDERLY_MIN_AGE, INFANT_MAX_AGE, NEWBORN_MAX_AGE } from './kb/demographics.js';
import { DEPARTMENTS, SYMPTOMS } from './kb/index.js';

const codes = (text: string, o: Omit<GuideInput, 'text'> = {}) => runGuide({ text, ...o }).departments.map((d) => d.code);
const FEMALE_ONLY = new Set(DEPARTMENTS.filter((d) => d.sex === 'female').map((d) => d.code));

describe('children', () => {
  test('the boundary is 14: at 13 a medical complaint goes to 儿科, at 14 to the adult department', () => {
    assert.equal(CHILD_MAX_AGE, 14);
    assert.equal(codes('肚子疼，拉肚子', { age: 13 })[0], '07');
    assert.equal(codes('肚子疼，拉肚子', { age: 13.99 })[0], '07');
    assert.equal(codes('肚子疼，拉肚子', { age: 14 })[0], '03.02');
    assert.ok(!codes('肚子疼，拉肚子', { age: 14 }).includes('07'), 'no 儿科 for a 14-year-old');
    assert.equal(codes('咳嗽咳痰', { age: 13 })[0], '07');
    assert.equal(codes('咳嗽咳痰', { age: 14 })[0], '03.01');
  });

  test('surgical complaints go to 小儿外科 with the adult surgical department kept after it; eyes, ENT, teeth, skin keep theirs', () => {
    assert.deepEqual(codes('骨折了', { age: 10 }).slice(0, 2), ['08', '04.03']);
    assert.deepEqual(codes('疝气', { age: 3 }).slice(0, 2), ['08', '04.01']);
    assert.equal(codes('骨折了', { age: 14 })[0], '04.03');
    assert.equal(codes('耳朵疼，流脓', { age: 6 })[0], '11');
    assert.equal(codes('眼睛红，眼屎多', { age: 6 })[0], '10');
    assert.equal(codes('牙疼', { age: 6 })[0], '12');
    assert.equal(codes('湿疹', { age: 2 })[0], '13');
  });

  test('newborns (< 28 days) go to 新生儿; the words say it when no age is given', () => {
    assert.ok(Math.abs(NEWBORN_MAX_AGE - 28 / 365) < 1e-9);
    assert.equal(codes('吐奶，黄疸', { age: 27 / 365 })[0], '07.01');
    assert.equal(codes('吐奶', { age: 28 / 365 })[0], '07');
    assert.equal(codes('宝宝拉肚子')[0], '07', 'no age, but 宝宝');
    assert.equal(codes('新生儿吐奶')[0], '07.01');
  });

  test('fever under 3 months is an emergency; at 3 months it is not (NICE NG143)', () => {
    assert.equal(INFANT_MAX_AGE, 0.25);
    assert.equal(runGuide({ text: '发烧', age: 0.24 }).emergency, true);
    assert.equal(runGuide({ text: '发烧', age: 0.25 }).emergency, false);
    assert.equal(runGuide({ text: '发烧' }).emergency, false);
    assert.equal(runGuide({ text: '2个月大的宝宝发烧了' }).emergency, true, 'the age in the text counts when the form has none');
    assert.equal(runGuide({ text: '2个月大的宝宝发烧了', age: 30 }).emergency, false, 'the form wins over the text');
  });
});

describe('older people', () => {
  test('老年病 is offered from 60, after the organ specialty, and never below 60', () => {
    assert.equal(ELDERLY_MIN_AGE, 60);
    const at60 = codes('头晕，血压高', { age: 60 });
    assert.equal(at60[0], '03.04');
    assert.ok(at60.includes('03.10'));
    assert.ok(!codes('头晕，血压高', { age: 59 }).includes('03.10'));
    assert.ok(!codes('老年痴呆', { age: 40 }).includes('03.10'));
  });
});

describe('sex and pregnancy', () => {
  test('men never get 妇科, 产科, 计划生育 or 妇女保健, whatever they write (every symptom of the tables tried)', () => {
    for (const c of SYMPTOMS) {
      for (const text of [c.zh[0], c.en[0]]) {
        const out = codes(text, { sex: 'male', age: 35 });
        assert.ok(!out.some((d) => FEMALE_ONLY.has(d)), `${text} → ${out.join(',')}`);
      }
    }
  });

  test("a man's women's-health words go to 泌尿外科 (男科): 小腹坠胀, 下腹疼", () => {
    assert.equal(codes('小腹坠胀', { sex: 'male' })[0], '04.04');
    assert.equal(codes('小腹坠胀', { sex: 'female' })[0], '05.01');
    assert.equal(codes('小腹坠胀')[0], '05.01', 'sex not given: 妇科 stays possible');
  });

  test('concepts of one sex are ignored for the other: 痛经 for a man, 前列腺 for a woman', () => {
    assert.ok(!runGuide({ text: '痛经', sex: 'male' }).departments.some((d) => d.score > 0));
    assert.ok(!codes('前列腺增生', { sex: 'female' }).includes('04.04'));
    assert.equal(codes('前列腺增生', { sex: 'male' })[0], '04.04');
  });

  test('pregnant: 妇科-type complaints go to 产科, 产科 is always listed, other organs keep their department', () => {
    assert.equal(codes('下面出血', { sex: 'female' })[0], '05.01');
    assert.equal(codes('白带多', { sex: 'female', pregnant: true })[0], '05.02');
    assert.ok(!codes('白带多', { sex: 'female', pregnant: true }).includes('05.01'));
    assert.deepEqual(codes('牙疼', { sex: 'female', pregnant: true }).slice(0, 2), ['12', '05.02']);
    assert.equal(codes('牙疼', { sex: 'female', pregnant: false }).includes('05.02'), false);
    assert.equal(runGuide({ text: '下面出血', sex: 'female', pregnant: true }).emergency, true, 'bleeding in pregnancy');
    assert.equal(runGuide({ text: '下面出血', sex: 'female', pregnant: false }).emergency, false);
  });
});
