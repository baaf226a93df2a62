import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, verify } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyIdOf, LedgerKeys } from './keys.js';

test('the key is created 0600 on first use, reloaded after, and rotated keeping old public keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-keys-'));
  try {
    assert.equal(LedgerKeys.readPublicKeys(dir).size, 0);
    const a = LedgerKeys.open(dir);
    const file = join(dir, 'audit-keys', 'ledger-ed25519.pem');
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(a.keyId, /^[0-9a-f]{32}$/);
    assert.equal(keyIdOf(a.publicKeyPem), a.keyId);
    assert.deepEqual(a.warnings, []);
    const msg = Buffer.from('hello');
    assert.ok(verify(null, msg, a.publicKeyPem, Buffer.from(a.sign(msg), 'base64')));

    assert.equal(LedgerKeys.open(dir).keyId, a.keyId, 'same key on reload');
    const old = a.keyId;
    const fresh = a.rotate();
    assert.notEqual(fresh, old);
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(LedgerKeys.open(dir).keyId, fresh);
    assert.deepEqual([...LedgerKeys.readPublicKeys(dir).keys()].sort(), [old, fresh].sort());
    assert.ok(!existsSync(`${file}.new`));

    // a public key file renamed to another id is not trusted under that id
    const pub = join(dir, 'audit-keys', 'public');
    writeFileSync(join(pub, `${'0'.repeat(32)}.pem`), a.publicKeyPem);
    assert.equal(LedgerKeys.readPublicKeys(dir).size, 2);
    assert.equal(readdirSync(pub).length, 3);

    chmodSync(file, 0o644);
    if (process.platform !== 'win32') assert.match(LedgerKeys.open(dir).warnings.join(), /readable by other users/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a key file that is not Ed25519 is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-keys-'));
  try {
    const keyFile = join(dir, 'rsa.pem');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(keyFile, rsa, { mode: 0o600 });
    assert.throws(() => LedgerKeys.open(dir, { keyFile }), /expected an Ed25519 key/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
