import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateFieldKey } from './key-file.js';
import { loadFieldCodec } from './field-codec.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'huiyi-fieldkey-'));

test('loadOrCreateFieldKey creates a 0600 key and re-reads the same key', (t) => {
  const dir = tmp();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'sub', 'field-key');
  const k = loadOrCreateFieldKey(path);
  assert.equal(k.length, 32);
  if (process.platform !== 'win32') assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(loadOrCreateFieldKey(path), k);
  assert.deepEqual(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'), k);
});

test('loadOrCreateFieldKey reads hex and base64, rejects anything else', (t) => {
  const dir = tmp();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const key = Buffer.alloc(32, 0xab);
  const f = join(dir, 'k');
  writeFileSync(f, key.toString('hex') + '\n');
  assert.deepEqual(loadOrCreateFieldKey(f), key);
  writeFileSync(f, ` ${key.toString('base64url')}`);
  assert.deepEqual(loadOrCreateFieldKey(f), key);
  for (const bad of ['', 'not a key', Buffer.alloc(16).toString('base64'), 'ab'.repeat(31)]) {
    writeFileSync(f, bad);
    assert.throws(() => loadOrCreateFieldKey(f), /must hold 32 bytes as base64 or 64 hex digits/);
  }
});

test('loadFieldCodec: off without fields, key in the data dir, clear errors', (t) => {
  const dir = tmp();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(loadFieldCodec({}, dir), undefined);
  assert.equal(loadFieldCodec({ HUIYI_ENCRYPT_FIELDS: ' ' }, dir), undefined);
  const env = { HUIYI_ENCRYPT_FIELDS: 'Patient.telecom|phone', HUIYI_FIELD_CIPHER: 'SM4' };
  const c = loadFieldCodec(env, dir)!;
  const s = c.seal({ resourceType: 'Patient', telecom: [{ system: 'phone', value: '1' }] }) as any;
  assert.match(s.telecom[0].value, /^enc1\.sm4\./);
  assert.equal(statSync(join(dir, 'field-key')).mode & 0o777, 0o600);
  assert.deepEqual(loadFieldCodec(env, dir)!.open(s), { resourceType: 'Patient', telecom: [{ system: 'phone', value: '1' }] });
  assert.throws(() => loadFieldCodec({ ...env, HUIYI_FIELD_CIPHER: 'des' }, dir), /HUIYI_FIELD_CIPHER must be aes-256-gcm or sm4, got "des"/);
  assert.throws(() => loadFieldCodec({ HUIYI_ENCRYPT_FIELDS: 'Patient.name' }, dir), /HUIYI_ENCRYPT_FIELDS entry "Patient.name"/);
  const other = join(dir, 'other-key');
  writeFileSync(other, 'short');
  assert.throws(() => loadFieldCodec({ ...env, HUIYI_FIELD_KEY_FILE: other }, dir), /field key file .*other-key must hold 32 bytes/);
});
