import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRegistration, parsePhone, type RegistrationInput } from './registration-input.js';
import { problemText, PROBLEM_TEXT } from './problem-codes.js';

const TODAY = '2026-06-15';
const VALID: RegistrationInput = { name: '张三', sex: 'female', birthDate: '1949-12-31', idType: 'resident-id', idNumber: '11010519491231002X', phone: '13800138000' };
const problems = (input: RegistrationInput, lang: 'zh' | 'en' = 'en') => {
  const r = checkRegistration(input, lang, TODAY);
  return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);
};

test('a complete form passes and comes back normalised', () => {
  const r = checkRegistration({ ...VALID, name: '  张三 ', idNumber: '11010519491231002x', phone: '+86 138 0013 8000', address: ' 北京市朝阳区 ' }, 'zh', TODAY);
  assert.ok(r.ok);
  assert.equal(r.value.name, '张三');
  assert.equal(r.value.idNumber, '11010519491231002X');
  assert.deepEqual(r.value.phone, { value: '13800138000', use: 'mobile' });
  assert.equal(r.value.address, '北京市朝阳区');
  assert.equal(r.value.document.code, 'resident-id');
});

test('every missing required field is reported, each against its field', () => {
  assert.deepEqual(problems({}), ['name:required', 'sex:required', 'birthDate:required', 'idType:required', 'idNumber:required', 'phone:required']);
  assert.deepEqual(problems({ name: ' ', sex: '', birthDate: '', idType: '', idNumber: '  ', phone: '' }), ['name:required', 'sex:required', 'birthDate:required', 'idType:required', 'idNumber:required', 'phone:required']);
});

test('names: Chinese characters (with ·) or Latin letters, at most 50 characters', () => {
  for (const ok of ['张三', '欧阳娜娜', '买买提·艾力', 'John Smith', "O'Brien", 'Jean-Luc Picard', 'Mary J. Blige', 'Zoë']) {
    assert.deepEqual(problems({ ...VALID, name: ok }), [], ok);
  }
  for (const bad of ['张3', 'John2', '张 三', '·张三', '张三·', '@@', '张三!']) assert.deepEqual(problems({ ...VALID, name: bad }), ['name:name-invalid'], bad);
  assert.deepEqual(problems({ ...VALID, name: 'A'.repeat(50) }), []);
  assert.deepEqual(problems({ ...VALID, name: 'A'.repeat(51) }), ['name:name-too-long']);
});

test('sex: one of the FHIR administrative genders, and as the 身份证 number says', () => {
  assert.deepEqual(problems({ ...VALID, sex: 'F' }), ['sex:sex-invalid']);
  assert.deepEqual(problems({ ...VALID, sex: 'male' }), ['sex:sex-mismatch']);
  assert.deepEqual(problems({ ...VALID, sex: 'unknown' }), [], 'unknown is not a contradiction');
  assert.deepEqual(problems({ ...VALID, sex: 'other' }), []);
  const r = checkRegistration({ ...VALID, sex: 'male' }, 'zh', TODAY);
  assert.ok(!r.ok);
  assert.equal(problemText(r.problems[0].code, 'zh', r.problems[0].params), '性别与身份证号码不符（号码第 17 位表示女性）');
});

test('birth date: a real date, not in the future, not implausibly early, and as the number says', () => {
  assert.deepEqual(problems({ ...VALID, birthDate: '1949/12/31' }), ['birthDate:birth-date-invalid']);
  assert.deepEqual(problems({ ...VALID, birthDate: '1949-02-30' }), ['birthDate:birth-date-invalid']);
  assert.deepEqual(problems({ ...VALID, birthDate: '1949-12-31T00:00' }), ['birthDate:birth-date-invalid']);
  const passport = { ...VALID, idType: 'passport', idNumber: 'E12345678' };
  assert.deepEqual(problems({ ...passport, birthDate: TODAY }), [], 'born today');
  assert.deepEqual(problems({ ...passport, birthDate: '2026-06-16' }), ['birthDate:birth-date-future']);
  assert.deepEqual(problems({ ...passport, birthDate: '1875-01-01' }), []);
  assert.deepEqual(problems({ ...passport, birthDate: '1874-12-31' }), ['birthDate:birth-date-too-early']);
  assert.deepEqual(problems({ ...VALID, birthDate: '1949-12-30' }), ['birthDate:birth-date-mismatch']);
  const r = checkRegistration({ ...VALID, birthDate: '1950-01-01' }, 'en', TODAY);
  assert.ok(!r.ok);
  assert.deepEqual(r.problems[0].params, { date: '1949-12-31' });
});

test('identity documents: unknown types, every number problem with its own code', () => {
  assert.deepEqual(problems({ ...VALID, idType: 'library-card' }), ['idType:id-type-invalid']);
  const id = (idNumber: string) => problems({ ...VALID, idNumber });
  assert.deepEqual(id('110105491231002'), ['idNumber:id-first-generation']);
  assert.deepEqual(id('1101051949123100'), ['idNumber:id-length']);
  assert.deepEqual(id('1101051949123100Y2'), ['idNumber:id-characters']);
  assert.deepEqual(id('10010519491231002X'), ['idNumber:id-region']);
  assert.deepEqual(id('110105194913310021'), ['idNumber:id-birth-date']);
  assert.deepEqual(id('110105203001010028'), ['idNumber:id-birth-date-future']);
  assert.deepEqual(id('110105194912310021'), ['idNumber:id-check-digit']);
  const r = checkRegistration({ ...VALID, idType: 'hk-macao-permit', idNumber: 'H123' }, 'zh', TODAY);
  assert.ok(!r.ok);
  assert.deepEqual(r.problems.map((p) => p.code), ['id-format']);
  assert.equal(problemText('id-format', 'zh', r.problems[0].params), '号码格式不符：H 或 M 加 8 位数字，不含换证次数');
  // a valid passport needs no agreement with birth date or sex
  assert.deepEqual(problems({ ...VALID, sex: 'male', birthDate: '1990-01-01', idType: 'passport', idNumber: 'E12345678' }), []);
});

test('phones: mobile numbers (13–19…, 11 digits, +86) and landlines with area code', () => {
  assert.deepEqual(parsePhone('13800138000'), { value: '13800138000', use: 'mobile' });
  assert.deepEqual(parsePhone('+86 19912345678'), { value: '19912345678', use: 'mobile' });
  assert.deepEqual(parsePhone('0086-13800138000'.replace('-', '')), { value: '13800138000', use: 'mobile' });
  assert.deepEqual(parsePhone('１３８００１３８０００'), { value: '13800138000', use: 'mobile' }, 'full-width');
  assert.deepEqual(parsePhone('010-12345678'), { value: '010-12345678', use: 'home' });
  assert.deepEqual(parsePhone('(0755) 1234567'), { value: '07551234567', use: 'home' });
  for (const bad of ['1380013800', '138001380001', '12800138000', '10800138000', '010123456', '010-123456', 'abc', '+1 2025550123']) {
    assert.equal(parsePhone(bad), undefined, bad);
  }
  assert.deepEqual(problems({ ...VALID, phone: '12345' }), ['phone:phone-invalid']);
});

test('address and emergency contact are optional but checked when given', () => {
  assert.deepEqual(problems({ ...VALID, address: 'x'.repeat(200) }), []);
  assert.deepEqual(problems({ ...VALID, address: 'x'.repeat(201) }), ['address:address-too-long']);
  assert.deepEqual(problems({ ...VALID, contact: {} }), [], 'an empty contact is no contact');
  assert.deepEqual(problems({ ...VALID, contact: { phone: '13900139000' } }), ['contact.name:required']);
  assert.deepEqual(problems({ ...VALID, contact: { name: '李四', relationship: 'BOSS', phone: '123' } }), ['contact.relationship:relationship-invalid', 'contact.phone:phone-invalid']);
  const r = checkRegistration({ ...VALID, contact: { name: '李四', relationship: 'SPS', phone: '13900139000' } }, 'en', TODAY);
  assert.ok(r.ok);
  assert.deepEqual(r.value.contact, { name: '李四', relationship: 'SPS', phone: { value: '13900139000', use: 'mobile' } });
});

test('every problem code has a Chinese and an English text', () => {
  for (const [code, [zh, en]] of Object.entries(PROBLEM_TEXT)) {
    assert.ok(zh && /[\u4e00-\u9fff]/.test(zh), code);
    assert.ok(en && /^[A-Z0-9]/.test(en), code);
  }
});
