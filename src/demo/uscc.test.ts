import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeUscc, orgCodeCheckChar, usccCheckChar } from './uscc.js';

describe('统一社会信用代码', () => {
  it('computes the GB 32100 check character of published codes', () => {
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T']) {
      assert.equal(usccCheckChar(code.slice(0, 17)), code[17], code);
    }
  });

  it('computes the GB 11714 organisation-code check character', () => {
    assert.equal(orgCodeCheckChar('80210043'), '3');
    assert.equal(orgCodeCheckChar('70846113'), '6');
  });

  it('builds a 事业单位 code whose two check characters hold', () => {
    const code = makeUscc('449900', '45560128');
    assert.match(code, /^12449900[0-9A-Z]{10}$/);
    assert.equal(code[16], orgCodeCheckChar('45560128'));
    assert.equal(code[17], usccCheckChar(code.slice(0, 17)));
  });
});
