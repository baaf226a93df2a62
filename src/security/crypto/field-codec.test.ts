import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '../../fhir/types.js';
import { SearchParamRegistry } from '../../fhir/definitions/search-params.js';
import { extractIndex } from '../../fhir/indexing/extract.js';
import { fieldCodec, parseFieldRules, SealedValueError, type FieldCipherName } from './field-codec.js';

const ID_CARD = 'https://www.example.cn/id-card';
const MRN = 'http://hospital.example/mrn';
const key = Buffer.alloc(32, 1);
const rules = parseFieldRules(`Patient.identifier|${ID_CARD},Patient.telecom|phone,RelatedPerson.telecom,Practitioner.identifier`);

const patient = (): Resource => ({
  resourceType: 'Patient',
  id: 'p1',
  identifier: [
    { system: MRN, value: 'MRN-1', type: { text: 'Medical Record' } },
    { system: ID_CARD, value: '110101199003074514', use: 'official' },
  ],
  telecom: [{ system: 'phone', value: '13800138000', use: 'mobile' }, { system: 'email', value: 'zhang@example.cn' }],
  name: [{ family: '张', given: ['三'] }],
});

const ciphers: FieldCipherName[] = ['aes-256-gcm', 'sm4'];
const sealedRe = (tag: string) => new RegExp(`^enc1\\.${tag}\\.[A-Za-z0-9_-]+$`);

for (const cipher of ciphers) {
  const codec = fieldCodec({ cipher, key, rules });
  const tag = cipher === 'sm4' ? 'sm4' : 'aes';

  test(`${cipher}: seal encrypts only the selected values, open restores them, input untouched`, () => {
    const p = patient();
    const before = structuredClone(p);
    const s = codec.seal(p) as any;
    assert.deepEqual(p, before);
    assert.equal(s.identifier[0].value, 'MRN-1');
    assert.match(s.identifier[1].value, sealedRe(tag));
    assert.equal(s.identifier[1].system, ID_CARD);
    assert.equal(s.identifier[1].use, 'official');
    assert.match(s.telecom[0].value, sealedRe(tag));
    assert.deepEqual([s.telecom[0].system, s.telecom[0].use], ['phone', 'mobile']);
    assert.equal(s.telecom[1].value, 'zhang@example.cn');
    assert.equal(s.name, p.name);
    assert.deepEqual(codec.open(s), before);
  });

  test(`${cipher}: deterministic and idempotent`, () => {
    const a = codec.seal(patient());
    assert.deepEqual(codec.seal(patient()), a);
    assert.deepEqual(codec.seal(a), a);
    assert.deepEqual(fieldCodec({ cipher, key: Buffer.from(key), rules }).seal(patient()), a);
  });

  test(`${cipher}: the same value in different contexts gives different ciphertexts`, () => {
    const c = fieldCodec({ cipher, key, rules: parseFieldRules('Patient.identifier,Patient.telecom,RelatedPerson.telecom') });
    const v = '13800138000';
    const s = c.seal({ resourceType: 'Patient', identifier: [{ system: 'urn:a', value: v }, { system: 'urn:b', value: v }, { value: v }], telecom: [{ system: 'phone', value: v }, { system: 'sms', value: v }] }) as any;
    const r = c.seal({ resourceType: 'RelatedPerson', telecom: [{ system: 'phone', value: v }] }) as any;
    const all = [...s.identifier, ...s.telecom, ...r.telecom].map((x: any) => x.value);
    assert.equal(new Set(all).size, all.length);
  });

  test(`${cipher}: tampering and moved values are detected on open`, () => {
    const s = codec.seal(patient()) as any;
    const flip = structuredClone(s);
    const v: string = flip.identifier[1].value;
    const i = v.length - 5;
    flip.identifier[1].value = v.slice(0, i) + (v[i] === 'A' ? 'B' : 'A') + v.slice(i + 1);
    assert.throws(() => codec.open(flip), SealedValueError);

    // id-card value moved to the MRN identifier, phone moved to email, system rewritten
    const moved = structuredClone(s);
    moved.identifier[0].value = s.identifier[1].value;
    assert.throws(() => codec.open(moved), /identifier\[0\]\.value does not authenticate/);
    const toEmail = structuredClone(s);
    toEmail.telecom[1].value = s.telecom[0].value;
    assert.throws(() => codec.open(toEmail), /telecom\[1\]/);
    const resys = structuredClone(s);
    resys.telecom[0].system = 'sms';
    assert.throws(() => codec.open(resys), SealedValueError);

    // to another resource type with the same element and system
    const rp = fieldCodec({ cipher, key, rules: parseFieldRules('RelatedPerson.telecom') });
    const other = { resourceType: 'RelatedPerson', id: 'r1', telecom: [{ system: 'phone', value: s.telecom[0].value }] };
    assert.throws(() => rp.open(other), /RelatedPerson\/r1 telecom\[0\]/);
  });

  test(`${cipher}: a wrong key fails to open`, () => {
    const s = codec.seal(patient());
    assert.throws(() => fieldCodec({ cipher, key: Buffer.alloc(32, 2), rules }).open(s), /wrong field key/);
  });

  test(`${cipher}: plaintext passes through open; sealed-looking client text is sealed as text`, () => {
    const p = patient();
    assert.deepEqual(codec.open(p), p);
    const fake = patient() as any;
    fake.identifier[1].value = 'enc1.aes.AAAA';
    const s = codec.seal(fake) as any;
    assert.notEqual(s.identifier[1].value, 'enc1.aes.AAAA');
    assert.equal((codec.open(s) as any).identifier[1].value, 'enc1.aes.AAAA');
  });
}

test('values sealed under one cipher stay readable under the other, and are re-sealed on write', () => {
  const aes = fieldCodec({ cipher: 'aes-256-gcm', key, rules });
  const sm4 = fieldCodec({ cipher: 'sm4', key, rules });
  const a = aes.seal(patient());
  assert.deepEqual(sm4.open(a), patient());
  assert.deepEqual(sm4.seal(a), sm4.seal(patient()));
});

test('rules by system select the right identifiers; no rule for the type leaves it alone', () => {
  const codec = fieldCodec({ cipher: 'aes-256-gcm', key, rules });
  const pr = codec.seal({ resourceType: 'Practitioner', identifier: [{ system: 'urn:a', value: '1' }, { value: '2' }], telecom: [{ system: 'phone', value: '3' }] }) as any;
  assert.ok(pr.identifier.every((x: any) => x.value.startsWith('enc1.')));
  assert.equal(pr.telecom[0].value, '3');
  const rp = codec.seal({ resourceType: 'RelatedPerson', telecom: [{ system: 'email', value: 'a@b' }, { value: 'x' }, { system: 'phone' }] }) as any;
  assert.ok(rp.telecom[0].value.startsWith('enc1.') && rp.telecom[1].value.startsWith('enc1.'));
  assert.deepEqual(rp.telecom[2], { system: 'phone' });
  const obs: Resource = { resourceType: 'Observation', identifier: [{ system: ID_CARD, value: '1' }] };
  assert.deepEqual(codec.seal(obs), obs);
  assert.equal(codec.covers('Observation'), false);
  assert.equal(codec.covers('Patient'), true);
});

const reg = SearchParamRegistry.base();
const codes = (r: Resource, param: string) => extractIndex(r, reg).filter((e) => e.param === param).map((e: any) => ({ system: e.system, code: e.code }));

for (const cipher of ciphers) {
  test(`${cipher}: sealToken returns what the indexer stores for the sealed resource`, () => {
    const codec = fieldCodec({ cipher, key, rules: parseFieldRules(`Patient.identifier|${ID_CARD},Patient.telecom|phone,Patient.telecom|email`) });
    const s = codec.seal(patient());
    assert.deepEqual(codes(s, 'identifier'), [
      { system: MRN, code: codec.sealToken('Patient', 'identifier', MRN, 'MRN-1') },
      { system: ID_CARD, code: codec.sealToken('Patient', 'identifier', ID_CARD, '110101199003074514') },
    ]);
    assert.equal(codec.sealToken('Patient', 'identifier', MRN, 'MRN-1'), 'MRN-1');
    assert.deepEqual(codes(s, 'phone'), [{ system: null, code: codec.sealToken('Patient', 'phone', undefined, '13800138000') }]);
    assert.deepEqual(codes(s, 'email'), [{ system: null, code: codec.sealToken('Patient', 'email', undefined, 'zhang@example.cn') }]);
    assert.notEqual(codec.sealToken('Patient', 'phone', undefined, '13800138000'), '13800138000');
    // telecom rows carry no ContactPoint.system, so sealToken cannot pin the context; tokenForms lists it
    const telecom = codes(s, 'telecom').map((x) => x.code);
    assert.equal(codec.sealToken('Patient', 'telecom', undefined, '13800138000'), '13800138000');
    assert.ok(codec.tokenForms('Patient', 'telecom', undefined, '13800138000').includes(telecom[0]!));
    assert.ok(codec.tokenForms('Patient', 'telecom', undefined, 'zhang@example.cn').includes(telecom[1]!));
    assert.ok(codec.tokenForms('Patient', 'identifier', undefined, '110101199003074514').includes(codes(s, 'identifier')[1].code));
    assert.deepEqual(codec.tokenForms('Patient', 'identifier', MRN, 'MRN-1'), ['MRN-1']);
    assert.equal(codec.sealToken('Patient', 'name', undefined, '张'), '张');
    assert.equal(codec.sealToken('Observation', 'identifier', ID_CARD, '1'), '1');
  });

  test(`${cipher}: sealToken agrees with the indexer for other types and catch-all rules`, () => {
    const codec = fieldCodec({ cipher, key, rules: parseFieldRules('Practitioner.identifier,PractitionerRole.telecom,Person.telecom|phone') });
    const pr = codec.seal({ resourceType: 'Practitioner', identifier: [{ system: 'urn:a', value: 'x' }, { value: 'y' }] });
    assert.deepEqual(codes(pr, 'identifier').map((v) => v.code), [codec.sealToken('Practitioner', 'identifier', 'urn:a', 'x'), codec.sealToken('Practitioner', 'identifier', '', 'y')]);
    const role = codec.seal({ resourceType: 'PractitionerRole', telecom: [{ system: 'phone', value: '1' }, { system: 'fax', value: '2' }] });
    assert.deepEqual(codes(role, 'phone').map((v) => v.code), [codec.sealToken('PractitionerRole', 'phone', undefined, '1')]);
    const forms = codec.tokenForms('PractitionerRole', 'telecom', undefined, '2');
    assert.ok(forms.includes(codes(role, 'telecom')[1].code));
    const person = codec.seal({ resourceType: 'Person', telecom: [{ system: 'phone', value: '1' }] });
    assert.deepEqual(codes(person, 'phone').map((v) => v.code), [codec.sealToken('Person', 'phone', undefined, '1')]);
    assert.equal(codec.sealToken('Person', 'email', undefined, '1'), '1');
  });
}

test('Bundle.identifier (a single Identifier, not a list) is handled', () => {
  const codec = fieldCodec({ cipher: 'sm4', key, rules: parseFieldRules('Bundle.identifier') });
  const b: Resource = { resourceType: 'Bundle', type: 'document', identifier: { system: 'urn:x', value: 'doc-1' } };
  const s = codec.seal(b) as any;
  assert.match(s.identifier.value, /^enc1\.sm4\./);
  assert.deepEqual(codec.open(s), b);
});
