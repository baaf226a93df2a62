import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GIVEN_CHARS, GIVEN_PINYIN, SURNAMES, givenNamePinyin } from './names.js';
import { chineseName, humanNames } from './person.js';
import { Rng } from './random.js';

describe('name tables', () => {
  it('lists 60 distinct surnames, most common first', () => {
    assert.equal(SURNAMES.length, 60);
    assert.equal(new Set(SURNAMES.map((s) => s.zh)).size, 60);
    assert.deepEqual(SURNAMES.slice(0, 5).map((s) => s.zh), ['王', '李', '张', '刘', '陈']);
    for (let i = 1; i < SURNAMES.length; i++) assert.ok(SURNAMES[i]!.share <= SURNAMES[i - 1]!.share);
  });

  it('has pinyin for every given-name character', () => {
    const chars = new Set(Object.values(GIVEN_CHARS).flatMap((eras) => Object.values(eras).flatMap((s) => [...s])));
    for (const ch of chars) assert.match(GIVEN_PINYIN[ch] ?? '', /^[a-zü]+$/, ch);
    assert.ok(chars.size >= 120, `${chars.size} characters`);
  });

  it('spells given names as GB/T 28039 does', () => {
    assert.equal(givenNamePinyin('明'), 'Ming');
    assert.equal(givenNamePinyin('建国'), 'Jianguo');
    assert.equal(givenNamePinyin('建安'), "Jian'an");
    assert.throws(() => givenNamePinyin('龘'));
  });
});

describe('chineseName', () => {
  it('gives a Chinese official name and a pinyin usual name', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const n = chineseName(rng, i % 2 ? 'male' : 'female', 1940 + (i % 80));
      assert.match(n.given, /^\p{Script=Han}{1,2}$/u);
      const [zh, py] = humanNames(n) as [Record<string, unknown>, Record<string, unknown>];
      assert.equal(zh.use, 'official');
      assert.equal(zh.text, n.family + n.given);
      assert.equal(py.use, 'usual');
      assert.match(py.text as string, /^[A-Z][a-zü]+ [A-Z][a-zü']+$/);
    }
  });
});
