import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUri, totpAt, verifyTotp } from './totp.js';

test('base32 (RFC 4648 test vectors), lenient decoding', () => {
  const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
  for (const [plain, enc] of vectors) {
    assert.equal(base32Encode(Buffer.from(plain)), enc);
    assert.equal(base32Decode(enc).toString(), plain);
  }
  assert.equal(base32Decode('mzxw 6ytb-oi==').toString(), 'foobar');
  assert.throws(() => base32Decode('MZ1'));
  assert.equal(base32Decode(generateTotpSecret()).length, 20);
});

test('HOTP: RFC 4226 appendix D', () => {
  const key = Buffer.from('12345678901234567890');
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, i) => assert.equal(hotp(key, i), code));
});

test('TOTP: RFC 6238 appendix B, SHA-1 vectors', () => {
  const key = Buffer.from('12345678901234567890');
  const vectors: [number, string][] = [
    [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
    [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
  ];
  for (const [t, code] of vectors) assert.equal(totpAt(key, t * 1000, 8), code, `T=${t}`);
});

test('verify accepts ±1 step, refuses others, and refuses steps already used', () => {
  const secret = generateTotpSecret();
  const key = base32Decode(secret);
  const now = 1_800_000_000_000;
  const step = Math.floor(now / 30000);
  assert.equal(verifyTotp(secret, totpAt(key, now), now), step);
  assert.equal(verifyTotp(secret, totpAt(key, now - 30000), now), step - 1);
  assert.equal(verifyTotp(secret, totpAt(key, now + 30000), now), step + 1);
  assert.equal(verifyTotp(secret, totpAt(key, now - 60000), now), null);
  assert.equal(verifyTotp(secret, totpAt(key, now), now, step), null, 'replay of the same code');
  assert.equal(verifyTotp(secret, totpAt(key, now - 30000), now, step), null, 'an older code after a newer one');
  assert.equal(verifyTotp(secret, '12345', now), null);
  assert.equal(verifyTotp(secret, 'abcdef', now), null);
});

test('otpauth URI for enrolment', () => {
  const uri = new URL(otpauthUri('JBSWY3DPEHPK3PXP', '张伟@t1', 'Huiyi'));
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.host, 'totp');
  assert.equal(decodeURIComponent(uri.pathname), '/Huiyi:张伟@t1');
  assert.equal(uri.searchParams.get('secret'), 'JBSWY3DPEHPK3PXP');
  assert.equal(uri.searchParams.get('issuer'), 'Huiyi');
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
  assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
});
