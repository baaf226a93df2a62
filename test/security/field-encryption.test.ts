// 国密 option: configured fields (身份证 numbers, phone numbers) are encrypted at rest with SM4 or AES-GCM,
// yet read back in clear and stay searchable by exact value — on both databases.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testDatabases } from '../support/databases.js';
import { openStore, type Store } from '../../src/fhir/store/open.js';
import { fieldCodec, parseFieldRules, type FieldCipherName } from '../../src/security/crypto/field-codec.js';
import type { Resource } from '../../src/fhir/types.js';

const ID_CARD = 'urn:oid:2.16.156.10011.1.3';
const patient = (id: string, card: string, phone: string): Resource => ({
  resourceType: 'Patient', id,
  identifier: [{ system: ID_CARD, value: card }, { system: 'http://hospital.example/mrn', value: `MRN-${id}` }],
  telecom: [{ system: 'phone', value: phone, use: 'mobile' }],
  name: [{ text: '张三' }],
});

for (const cipher of ['sm4', 'aes-256-gcm'] as FieldCipherName[]) {
  for (const d of testDatabases()) {
    describe(`field encryption (${cipher}) on ${d.name}`, () => {
      let store: Store;
      const ctx = { tenant: 'default' };
      before(async () => {
        const codec = fieldCodec({ cipher, key: randomBytes(32), rules: parseFieldRules(`Patient.identifier|${ID_CARD},Patient.telecom|phone`) });
        await (await d.open()).close(); // create the schema
        store = await openStore(d.url, { codec });
      });
      after(async () => {
        await store?.close();
        await d.cleanup();
      });

      test('stored encrypted, read in clear, found by exact value; other fields untouched', async () => {
        const card = '11010519491231002X';
        await store.repo.update(ctx, patient('enc-1', card, '13800138000'));
        await store.repo.update(ctx, patient('enc-2', '110105194912310038', '13900139000'));
        const raw = await store.db.all<{ content: string }>("SELECT content FROM resource_history WHERE id = 'enc-1'");
        assert.ok(!raw[0].content.includes(card) && !raw[0].content.includes('13800138000'), 'no clear text at rest');
        assert.match(raw[0].content, new RegExp(`enc1\\.${cipher === 'sm4' ? 'sm4' : 'aes'}\\.`));
        assert.ok(raw[0].content.includes('MRN-enc-1'), 'unconfigured identifiers stay in clear');
        const tokens = await store.db.all<{ code: string }>("SELECT t.code FROM idx_token t JOIN resources r ON r.rid = t.rid WHERE r.id = 'enc-1'");
        assert.ok(tokens.every((t) => t.code !== card && t.code !== '13800138000'), 'no clear text in the index either');
        const back = await store.repo.read(ctx, 'Patient', 'enc-1');
        assert.equal((back.identifier as { value: string }[])[0].value, card);
        assert.equal((back.telecom as { value: string }[])[0].value, '13800138000');
        const ids = async (params: [string, string][]) => (await store.repo.search(ctx, { types: ['Patient'], params })).matches.map((m) => m.id);
        assert.deepEqual(await ids([['identifier', `${ID_CARD}|${card}`]]), ['enc-1']);
        assert.deepEqual(await ids([['identifier', card]]), ['enc-1']);
        assert.deepEqual(await ids([['phone', '13900139000']]), ['enc-2']);
        assert.deepEqual(await ids([['telecom', '13800138000']]), ['enc-1']);
        assert.deepEqual(await ids([['identifier', 'http://hospital.example/mrn|MRN-enc-2']]), ['enc-2']);
      });

      test('an unchanged update writes no new version; history and patch see clear text', async () => {
        const before = await store.repo.read(ctx, 'Patient', 'enc-1');
        const again = await store.repo.update(ctx, patient('enc-1', '11010519491231002X', '13800138000'));
        assert.equal(again.unchanged, true);
        assert.equal(again.resource.meta?.versionId, before.meta?.versionId);
        await store.repo.patch(ctx, 'Patient', 'enc-1', [{ op: 'replace', path: '/telecom/0/value', value: '13700137000' }]);
        const h = await store.repo.history(ctx, { type: 'Patient', id: 'enc-1' });
        assert.deepEqual(h.entries.map((e) => (e.resource?.telecom as { value: string }[])[0].value), ['13700137000', '13800138000']);
      });

      test('a value altered in the database is detected, not silently returned', async () => {
        const row = await store.db.get<{ hid: number; content: string }>("SELECT hid, content FROM resource_history WHERE id = 'enc-2' ORDER BY version DESC LIMIT 1");
        const tampered = row!.content.replace(/(enc1\.[a-z0-9]+\.)(.)/, (_m, p: string, c: string) => p + (c === 'A' ? 'B' : 'A'));
        await store.db.run('UPDATE resource_history SET content = ? WHERE hid = ?', [tampered, row!.hid]);
        await assert.rejects(() => store.repo.read(ctx, 'Patient', 'enc-2'), /authenticate/);
      });
    });
  }
}
