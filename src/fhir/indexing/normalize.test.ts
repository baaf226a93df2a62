import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeString } from './normalize.js';

test('normalizeString: case, accents, whitespace', () => {
  assert.equal(normalizeString('  Dr.   José\tMÜLLER  '), 'dr. jose muller');
  assert.equal(normalizeString('Ångström'), 'angstrom');
  assert.equal(normalizeString('Łódź'), 'łodz'); // Ł is a letter, not a letter + mark
  assert.equal(normalizeString('Straße'), 'straße');
});

test('normalizeString: CJK', () => {
  assert.equal(normalizeString('张三'), '张三');
  assert.equal(normalizeString('北京市 朝阳区'), '北京市 朝阳区');
  assert.equal(normalizeString('ＷＡＮＧ　１２３'), 'wang 123'); // full-width letters, digits and space
  assert.equal(normalizeString('がっこう'), 'がっこう'); // dakuten kept
});
