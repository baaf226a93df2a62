import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash, createHmac } from 'node:crypto';
import { aesSuite, encodeContext, sm4Suite } from './suites.js';

test('SM4 is the GB/T 32907-2016 cipher (standard test vector)', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  const ct = Buffer.concat([c.update(key), c.final()]);
  assert.equal(ct.toString('hex'), '681edf34d206965e86b3e94f536e4246');
});

test('SM4-CTR keystream block 0 is SM4(IV): the CTR mode we use is built on that cipher', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const ctr = createCipheriv('sm4-ctr', key, key).update(Buffer.alloc(16));
  assert.equal(ctr.toString('hex'), '681edf34d206965e86b3e94f536e4246');
});

test('SM3("abc") is the GB/T 32905-2016 value, and HMAC-SM3 is available', () => {
  assert.equal(createHash('sm3').update('abc').digest('hex'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  assert.equal(createHmac('sm3', 'k').update('abc').digest().length, 32);
});

const master = Buffer.alloc(32, 7);
for (const make of [aesSuite, sm4Suite]) {
  const s = make(master);
  const ctx = encodeContext('Patient.identifier|urn:x');

  test(`${s.tag}: round trip, deterministic, bound to context`, () => {
    const pt = Buffer.from('110101199003074514');
    const a = s.seal(ctx, pt);
    assert.deepEqual(s.seal(ctx, pt), a);
    assert.deepEqual(s.open(ctx, a), pt);
    assert.notDeepEqual(s.seal(encodeContext('Patient.identifier|urn:y'), pt), a);
    assert.equal(s.open(encodeContext('Patient.identifier|urn:y'), a), null);
    assert.notDeepEqual(s.seal(ctx, Buffer.from('110101199003074515')), a);
    assert.deepEqual(s.open(ctx, s.seal(ctx, Buffer.alloc(0))), Buffer.alloc(0));
  });

  test(`${s.tag}: every flipped bit, truncation and other keys fail`, () => {
    const a = s.seal(ctx, Buffer.from('13800138000'));
    for (let i = 0; i < a.length; i++) {
      const b = Buffer.from(a);
      b[i] ^= 1;
      assert.equal(s.open(ctx, b), null, `byte ${i}`);
    }
    assert.equal(s.open(ctx, a.subarray(0, a.length - 1)), null);
    assert.equal(s.open(ctx, a.subarray(0, 8)), null);
    assert.equal(make(Buffer.alloc(32, 8)).open(ctx, a), null);
  });
}

test('context encoding is length-prefixed (no shifting between context and plaintext)', () => {
  const s = aesSuite(master);
  assert.notDeepEqual(s.seal(encodeContext('a|b'), Buffer.from('c')), s.seal(encodeContext('a|'), Buffer.from('bc')));
});
