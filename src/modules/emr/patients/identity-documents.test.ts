import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCharacter } from './citizen-id.js';
import {
  CITIZEN_ID_SYSTEM, DOCUMENT_TYPE_SYSTEM, IDENTITY_DOCUMENTS, V2_ID_TYPE, checkDocumentNumber, documentIdentifier, documentOf, identityDocument,
  normaliseNumber,
} from './identity-documents.js';

const TODAY = '2026-06-15';
const doc = (code: string) => {
  const d = identityDocument(code);
  assert.ok(d, code);
  return d;
};
const problem = (code: string, n: string) => {
  const r = checkDocumentNumber(doc(code), n, TODAY);
  return r.ok ? 'ok' : r.problem;
};
const withCheck = (first17: string) => first17 + checkCharacter(first17);

test('the table: every document the smart-service standard names, unique codes, a system and a v2 type each', () => {
  const codes = IDENTITY_DOCUMENTS.map((d) => d.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const zh of ['居民身份证', '居民户口簿', '军官证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照', '外国人永久居留身份证', '港澳台居民居住证', '出生医学证明']) {
    assert.ok(IDENTITY_DOCUMENTS.some((d) => d.zh === zh), zh);
  }
  for (const d of IDENTITY_DOCUMENTS) {
    assert.match(d.system, /^(https:\/\/huiyi\.dev\/fhir\/sid\/|urn:oid:)/, d.code);
    assert.match(d.v2.code, /^[A-Z]{1,4}$/, d.code);
    assert.match(d.nationalCode, /^(0[1-7]|99)$/, d.code);
    assert.ok(d.en && d.hint.zh && d.hint.en, d.code);
  }
  // the national number is one identifier, whichever document carries it
  for (const c of ['resident-id', 'household-register', 'hmt-residence-permit']) assert.equal(doc(c).system, CITIZEN_ID_SYSTEM);
  assert.equal(identityDocument('nope'), undefined);
});

test('居民身份证 and 户口簿: the citizen ID rules, mainland address codes only', () => {
  for (const c of ['resident-id', 'household-register']) {
    assert.equal(problem(c, '11010519491231002X'), 'ok');
    assert.equal(problem(c, '11010519491231002x'), 'ok');
    assert.equal(problem(c, '110105194912310021'), 'check-digit');
    assert.equal(problem(c, withCheck('81000019900101123')), 'region');
    assert.equal(problem(c, ''), 'empty');
  }
  const r = checkDocumentNumber(doc('resident-id'), '440524188001010014', TODAY);
  assert.deepEqual(r, { ok: true, number: '440524188001010014', birthDate: '1880-01-01', sex: 'male' });
});

test('港澳台居民居住证: the citizen ID rules with address code 810000, 820000 or 830000', () => {
  for (const r of ['810000', '820000', '830000']) assert.equal(problem('hmt-residence-permit', withCheck(`${r}19900101123`)), 'ok', r);
  assert.equal(problem('hmt-residence-permit', withCheck('81000119900101123')), 'region');
  assert.equal(problem('hmt-residence-permit', '11010519491231002X'), 'region');
  assert.equal(problem('hmt-residence-permit', withCheck('83000020990101123')), 'birth-date-future');
});

test('外国人永久居留身份证: 2023 card (9…, MOD 11-2) and 2017 card (3 letters + 12 digits)', () => {
  assert.equal(problem('foreign-permanent-resident', withCheck('93115619900101123')), 'ok');
  const first17 = '93115619900101123';
  const wrong = checkCharacter(first17) === '0' ? '1' : '0';
  assert.equal(problem('foreign-permanent-resident', first17 + wrong), 'check-digit');
  assert.equal(problem('foreign-permanent-resident', 'USA110085060101'), 'ok');
  assert.equal(problem('foreign-permanent-resident', 'usa110085060101'), 'ok', 'upper-cased');
  assert.equal(problem('foreign-permanent-resident', 'US1110085060101'), 'format');
  assert.equal(problem('foreign-permanent-resident', 'USA11008506010'), 'format', '14 characters');
  assert.equal(problem('foreign-permanent-resident', withCheck('83000019900101123')), 'format', 'not starting with 9');
});

test('pattern documents: boundaries of each format', () => {
  const cases: [string, string, string][] = [
    ['passport', 'E12345678', 'ok'], ['passport', 'EA1234567', 'ok'], ['passport', 'e12345678', 'ok'], ['passport', 'E 1234 5678', 'ok'],
    ['passport', '12345', 'ok'], ['passport', '1234', 'format'], ['passport', 'A'.repeat(17), 'ok'], ['passport', 'A'.repeat(18), 'format'],
    ['passport', 'E1234-567', 'format'],
    ['hk-macao-permit', 'H12345678', 'ok'], ['hk-macao-permit', 'M12345678', 'ok'], ['hk-macao-permit', 'h12345678', 'ok'],
    ['hk-macao-permit', 'H1234567', 'format'], ['hk-macao-permit', 'H123456789', 'format'], ['hk-macao-permit', 'X12345678', 'format'],
    ['hk-macao-permit', 'H1234567801', 'format'],
    ['taiwan-permit', '12345678', 'ok'], ['taiwan-permit', '1234567', 'format'], ['taiwan-permit', '123456789', 'format'], ['taiwan-permit', 'T2345678', 'format'],
    ['birth-certificate', 'X320101001', 'ok'], ['birth-certificate', 'x320101001', 'ok'], ['birth-certificate', 'X32010100', 'format'],
    ['birth-certificate', 'X3201010011', 'format'], ['birth-certificate', '1320101001', 'format'],
    ['military-officer', '军字第1234567号', 'ok'], ['military-officer', '123', 'format'], ['military-officer', '1234', 'ok'], ['military-officer', '1'.repeat(21), 'format'],
    ['other', 'AB', 'ok'], ['other', 'A', 'format'], ['other', 'A'.repeat(40), 'ok'], ['other', 'A'.repeat(41), 'format'], ['other', 'A#1', 'format'],
  ];
  for (const [c, n, want] of cases) assert.equal(problem(c, n), want, `${c} ${n}`);
  assert.equal(normaliseNumber(' ｅ１２３ 45 '), 'E12345', 'full-width and spaces');
});

test('the identifier written for a document, and the document read back from it', () => {
  for (const d of IDENTITY_DOCUMENTS) {
    const id = documentIdentifier(d, 'N1') as { system: string; value: string; type: { coding: { system: string; code: string }[]; text: string } };
    assert.equal(id.system, d.system);
    assert.equal(id.value, 'N1');
    assert.deepEqual(id.type.coding.map((c) => c.system), [V2_ID_TYPE, DOCUMENT_TYPE_SYSTEM, 'https://huiyi.dev/fhir/CodeSystem/cv02-01-101']);
    assert.equal(id.type.text, d.zh);
    assert.equal(documentOf(id)?.code, d.code, 'by the coded document type, also where systems are shared');
  }
  // identifiers written by others (the demo hospital): by system
  assert.equal(documentOf({ system: CITIZEN_ID_SYSTEM, type: { coding: [{ system: V2_ID_TYPE, code: 'NI' }] } })?.code, 'resident-id');
  assert.equal(documentOf({ system: 'https://example.org/other' }), undefined);
});
