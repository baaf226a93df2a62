import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HMT_REGIONS, MIN_BIRTH_YEAR, checkCharacter, checkCitizenId, chinaToday, isCalendarDate } from './citizen-id.js';

const TODAY = '2026-06-15';
const check = (n: string, today = TODAY) => checkCitizenId(n, { today });
const problem = (n: string, today = TODAY) => {
  const r = check(n, today);
  return r.ok ? 'ok' : r.problem;
};
/** a valid number for the region, date (YYYYMMDD) and sequence */
const make = (region: string, date: string, seq = '123') => {
  const first17 = `${region}${date}${seq}`;
  return first17 + checkCharacter(first17);
};

test('the examples of GB 11643-1999 are valid and say what they encode', () => {
  const a = check('11010519491231002X');
  assert.ok(a.ok);
  assert.deepEqual(a.facts, { number: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' });
  const b = check('440524188001010014');
  assert.ok(b.ok);
  assert.deepEqual(b.facts, { number: '440524188001010014', regionCode: '440524', birthDate: '1880-01-01', sex: 'male' });
});

test('check character: ISO 7064 MOD 11-2, X for 10, lower-case x accepted, every other character rejected', () => {
  assert.equal(checkCharacter('11010519491231002'), 'X');
  assert.equal(checkCharacter('44052418800101001'), '4');
  assert.ok(check('11010519491231002x').ok, 'lower-case x as people type it');
  assert.equal((check(' 11010519491231002x ') as { facts: { number: string } }).facts.number, '11010519491231002X', 'trimmed and upper-cased');
  for (const c of '0123456789') assert.equal(problem(`11010519491231002${c}`), 'check-digit', `last character ${c}`);
  for (const c of '012356789X') assert.equal(problem(`44052418800101001${c}`), 'check-digit', `last character ${c}`);
  // each of the 11 possible sums gives its own check character
  const seen = new Set<string>();
  for (let s = 0; s < 200 && seen.size < 11; s++) seen.add(checkCharacter(`110105199001${String(s).padStart(5, '0')}`));
  assert.deepEqual([...seen].sort(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  assert.throws(() => checkCharacter('1234'), /17 digits/);
});

test('length and characters', () => {
  assert.equal(problem(''), 'empty');
  assert.equal(problem('   '), 'empty');
  assert.equal(problem('110105491231002'), 'first-generation', '15 digits: the first-generation card');
  assert.equal(problem('1101054912310021'), 'length', '16');
  assert.equal(problem('11010519491231002'), 'length', '17');
  assert.equal(problem('11010519491231002X1'), 'length', '19');
  assert.equal(problem('1101051949123100X2'), 'characters', 'X only at the end');
  assert.equal(problem('11010519491231002Y'), 'characters');
  assert.equal(problem('11010519491231 02X'), 'characters');
  assert.equal(problem('１１０１０５１９４９１２３１００２ｘ'), 'ok', 'full-width digits, as a Chinese input method types them');
});

test('address code: mainland provinces by default; 71 and the 港澳台 codes are not on a 居民身份证', () => {
  for (const p of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65']) assert.equal(problem(make(`${p}0101`, '19900101')), 'ok', p);
  for (const p of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '71', '81', '82', '83', '90', '99']) {
    assert.equal(problem(make(`${p}0101`, '19900101')), 'region', p);
  }
  const hmt = (n: string) => checkCitizenId(n, { today: TODAY, regions: (c) => HMT_REGIONS.has(c) });
  for (const r of ['810000', '820000', '830000']) assert.ok(hmt(make(r, '19900101')).ok, r);
  for (const r of ['810001', '830100', '840000', '110105']) assert.equal((hmt(make(r, '19900101')) as { problem: string }).problem, 'region', r);
});

test('birth date: a real calendar date, not before the oldest person alive, not after today (China time)', () => {
  const at = (d: string, today = TODAY) => problem(make('110105', d), today);
  assert.equal(at('20000229'), 'ok', '2000 is a leap year');
  assert.equal(at('19000229'), 'birth-date', '1900 is not');
  assert.equal(at('20240229'), 'ok');
  assert.equal(at('20230229'), 'birth-date');
  assert.equal(at('19900431'), 'birth-date', 'April has 30 days');
  assert.equal(at('19900430'), 'ok');
  assert.equal(at('19901301'), 'birth-date', 'month 13');
  assert.equal(at('19900001'), 'birth-date', 'month 0');
  assert.equal(at('19900100'), 'birth-date', 'day 0');
  assert.equal(at('19900132'), 'birth-date', 'day 32');
  assert.equal(at(`${MIN_BIRTH_YEAR}0101`), 'ok');
  assert.equal(at(`${MIN_BIRTH_YEAR - 1}1231`), 'birth-date');
  assert.equal(at('20260615'), 'ok', 'born today');
  assert.equal(at('20260616'), 'birth-date-future', 'born tomorrow');
  assert.equal(at('20270101'), 'birth-date-future');
  assert.equal(at('20251231', '2025-12-31'), 'ok');
  assert.equal(at('20260101', '2025-12-31'), 'birth-date-future', 'across the year boundary');
});

test('the 17th digit gives the sex: odd male, even (0 included) female', () => {
  for (let d = 0; d <= 9; d++) {
    const r = check(make('110105', '19900101', `12${d}`));
    assert.ok(r.ok);
    assert.equal(r.facts.sex, d % 2 === 1 ? 'male' : 'female', `digit ${d}`);
  }
});

test('calendar dates and today in China Standard Time', () => {
  assert.ok(isCalendarDate(2024, 2, 29));
  assert.ok(!isCalendarDate(2023, 2, 29));
  assert.ok(!isCalendarDate(2023, 0, 1));
  assert.ok(!isCalendarDate(2023, 1, 1.5));
  // 2026-06-14T16:00Z is already 2026-06-15 00:00 in Beijing; one millisecond earlier it is still the 14th
  assert.equal(chinaToday(Date.UTC(2026, 5, 14, 16, 0, 0)), '2026-06-15');
  assert.equal(chinaToday(Date.UTC(2026, 5, 14, 15, 59, 59, 999)), '2026-06-14');
});
