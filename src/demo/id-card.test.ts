import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idCardCheckDigit, isValidIdCard, makeIdCard, parseIdCard } from './id-card.js';

describe('身份证 check digit (ISO 7064 MOD 11-2)', () => {
  it('matches the GB 11643 examples', () => {
    assert.equal(idCardCheckDigit('11010519491231002'), 'X');
    assert.equal(idCardCheckDigit('44052418800101001'), '4');
    assert.ok(isValidIdCard('11010519491231002X'));
    assert.ok(isValidIdCard('440524188001010014'));
  });

  it('rejects anything but 17 digits', () => {
    assert.throws(() => idCardCheckDigit('1101051949123100'));
    assert.throws(() => idCardCheckDigit('1101051949123100A'));
  });
});

describe('isValidIdCard', () => {
  it('accepts a lowercase x, as people type it', () => {
    assert.ok(isValidIdCard('11010519491231002x'));
  });

  it('rejects a wrong check character, a bad date, an unknown province and a wrong length', () => {
    assert.equal(isValidIdCard('110105194912310021'), false);
    assert.equal(isValidIdCard('110105194902300020'.slice(0, 17) + idCardCheckDigit('11010519490230002')), false);
    assert.equal(isValidIdCard('991051' + '19491231002' + idCardCheckDigit('99105119491231002')), false);
    assert.equal(isValidIdCard('11010519491231002'), false);
    assert.equal(isValidIdCard('11010519491231002XX'), false);
    assert.equal(isValidIdCard(''), false);
  });

  it('knows leap days', () => {
    const ok = '44040220000229001';
    const bad = '44040219000229001';
    assert.ok(isValidIdCard(ok + idCardCheckDigit(ok)));
    assert.equal(isValidIdCard(bad + idCardCheckDigit(bad)), false);
  });
});

describe('makeIdCard / parseIdCard', () => {
  it('round-trips region, birth date and gender (odd sequence = male)', () => {
    for (const gender of ['male', 'female'] as const) {
      for (const seq of [1, 250, 499]) {
        const id = makeIdCard('440402', '1987-06-05', gender, seq);
        assert.ok(isValidIdCard(id), id);
        assert.deepEqual(parseIdCard(id), { regionCode: '440402', birthDate: '1987-06-05', gender });
        assert.equal(Number(id[16]) % 2, gender === 'male' ? 1 : 0);
      }
    }
    assert.equal(parseIdCard('110105194912310021'), undefined);
    assert.equal(parseIdCard('11010519491231002X')?.gender, 'female');
  });
});
