import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanNames, pinyinKey, pinyinName, splitChineseName } from './names.js';
import { classifyQuery } from './search.js';
import { ageOn, maskNumber, summarize } from './summary.js';
import { CITIZEN_ID_SYSTEM } from './identity-documents.js';
import { MRN_SYSTEM } from './search-parameters.js';

test('Chinese names split into surname and given name, compound surnames included', () => {
  assert.deepEqual(splitChineseName('张三'), { family: '张', given: '三' });
  assert.deepEqual(splitChineseName('王小明'), { family: '王', given: '小明' });
  assert.deepEqual(splitChineseName('欧阳娜娜'), { family: '欧阳', given: '娜娜' });
  assert.deepEqual(splitChineseName('司马光'), { family: '司马', given: '光' });
  assert.deepEqual(splitChineseName('欧阳'), { family: '欧', given: '阳' }, 'two characters: surname and given name');
  assert.equal(splitChineseName('张'), undefined);
  assert.equal(splitChineseName('买买提·艾力'), undefined);
});

test('pinyin as GB/T 28039 writes it: surname readings, apostrophes, ü', () => {
  assert.deepEqual(pinyinName('王小明'), { family: 'Wang', given: 'Xiaoming', text: 'Wang Xiaoming' });
  assert.deepEqual(pinyinName('欧阳娜娜'), { family: 'Ouyang', given: 'Nana', text: 'Ouyang Nana' });
  assert.equal(pinyinName('单雄信').text, 'Shan Xiongxin', '单 as a surname is Shan');
  assert.equal(pinyinName('曾国藩').text, 'Zeng Guofan');
  assert.equal(pinyinName('李西安').text, "Li Xi'an");
  assert.equal(pinyinName('吕布').text, 'Lü Bu');
  assert.equal(pinyinName('买买提·艾力').text, 'Maimaiti Aili');
});

test('HumanNames: official Chinese name and usual pinyin name; Latin names as written', () => {
  assert.deepEqual(humanNames(' 王小明 '), [
    { use: 'official', text: '王小明', family: '王', given: ['小明'] },
    { use: 'usual', text: 'Wang Xiaoming', family: 'Wang', given: ['Xiaoming'] },
  ]);
  assert.deepEqual(humanNames('买买提·艾力'), [{ use: 'official', text: '买买提·艾力' }, { use: 'usual', text: 'Maimaiti Aili' }]);
  assert.deepEqual(humanNames('John  Smith'), [{ use: 'official', text: 'John Smith' }]);
});

test('pinyin search keys', () => {
  assert.equal(pinyinKey('Zhang San'), 'zhangsan');
  assert.equal(pinyinKey("Li Xi'an"), 'lixian');
  assert.equal(pinyinKey('Lü Bu'), 'lvbu');
});

test('the search box: what was typed decides the search', () => {
  const k = (q: string) => classifyQuery(q);
  assert.deepEqual(k(''), { kind: 'recent', params: [['_sort', '-_lastUpdated']] });
  assert.deepEqual(k(' 张三 '), { kind: 'name', params: [['name', '张三']] });
  assert.deepEqual(k('11010519491231002x').kind, 'id-number');
  assert.match(k('11010519491231002x').params[0][1], new RegExp(`^${CITIZEN_ID_SYSTEM}\\|11010519491231002X,`));
  assert.deepEqual(k('138 0013 8000'), { kind: 'phone', params: [['phone', '13800138000']] });
  assert.deepEqual(k('010-12345678'), { kind: 'phone', params: [['phone', '010-12345678']] });
  assert.deepEqual(k('07000003'), { kind: 'number', params: [['identifier', '07000003']] });
  assert.deepEqual(k('7000003'), { kind: 'number', params: [['identifier', `7000003,${MRN_SYSTEM}|07000003`]] }, 'an MRN typed without its leading zero');
  assert.deepEqual(k('e12345678'), { kind: 'document', params: [['identifier', 'E12345678']] });
  assert.deepEqual(k('军字第1234567号'), { kind: 'document', params: [['identifier', '军字第1234567号']] });
  assert.deepEqual(k('Zhang San'), { kind: 'pinyin', params: [['pinyin', 'zhangsan']] });
  assert.deepEqual(k('zs'), { kind: 'pinyin', params: [['pinyin', 'zs']] });
  assert.deepEqual(k("xi'an"), { kind: 'pinyin', params: [['pinyin', 'xian']] });
  assert.deepEqual(k('lü'), { kind: 'pinyin', params: [['pinyin', 'lv']] });
  assert.deepEqual(k('%%'), { kind: 'pinyin', params: [['_id', 'none-matches']] });
});

test('ages as clinical records write them: years, months under a year, days under a month', () => {
  assert.deepEqual(ageOn('1990-06-15', '2026-06-15'), { value: 36, unit: 'year' }, 'birthday today');
  assert.deepEqual(ageOn('1990-06-16', '2026-06-15'), { value: 35, unit: 'year' }, 'birthday tomorrow');
  assert.deepEqual(ageOn('2025-06-15', '2026-06-15'), { value: 1, unit: 'year' });
  assert.deepEqual(ageOn('2025-06-16', '2026-06-15'), { value: 11, unit: 'month' });
  assert.deepEqual(ageOn('2026-05-15', '2026-06-15'), { value: 1, unit: 'month' });
  assert.deepEqual(ageOn('2026-05-16', '2026-06-15'), { value: 30, unit: 'day' });
  assert.deepEqual(ageOn('2026-06-15', '2026-06-15'), { value: 0, unit: 'day' });
  assert.equal(ageOn('2026-06-16', '2026-06-15'), undefined, 'not born yet');
  assert.deepEqual(ageOn('1990', '2026-06-15'), { value: 36, unit: 'year' }, 'a bare year');
});

test('masked numbers and the compact patient', () => {
  assert.equal(maskNumber('11010519491231002X'), '110***********002X');
  assert.equal(maskNumber('E12345678'), 'E******78');
  assert.equal(maskNumber('1234'), '****');
  const s = summarize({
    resourceType: 'Patient', id: 'p1', active: false, gender: 'female', birthDate: '1949-12-31',
    name: [{ use: 'official', text: '张三', family: '张', given: ['三'] }, { use: 'usual', text: 'Zhang San' }],
    identifier: [{ system: CITIZEN_ID_SYSTEM, value: '11010519491231002X' }, { system: MRN_SYSTEM, value: '08000001' }],
    telecom: [{ system: 'email', value: 'a@b.c' }, { system: 'phone', value: '13800138000' }],
    link: [{ type: 'replaced-by', other: { reference: 'Patient/p2' } }],
  }, '2026-06-15');
  assert.deepEqual(s, {
    id: 'p1', active: false, name: '张三', pinyin: 'Zhang San', sex: 'female', birthDate: '1949-12-31', age: { value: 76, unit: 'year' },
    mrn: '08000001', idType: 'resident-id', idNumberMasked: '110***********002X', phone: '13800138000', mergedInto: 'p2',
  });
  assert.deepEqual(summarize({ resourceType: 'Patient', id: 'x', link: [{ type: 'replaces', other: { reference: 'Patient/y' } }] }), { id: 'x', active: true, name: '', replaces: ['y'] });
});
