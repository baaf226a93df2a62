import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '../types.js';
import { SearchParamRegistry } from '../definitions/search-params.js';
import { extractIndex } from './extract.js';
import { DATE_MAX, type IndexEntry } from './entry.js';
import { parseReference } from './values.js';

const reg = SearchParamRegistry.base();
const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
const ms = (iso: string): number => Date.parse(iso);

/** The values of one param (without the `param` field), optionally from a custom registry. */
function values(resource: Resource, param: string, registry = reg): unknown[] {
  return extractIndex(resource, registry)
    .filter((e) => e.param === param)
    .map((e) => {
      const { param: _p, ...rest } = e;
      return rest;
    });
}

const patient: Resource = {
  resourceType: 'Patient',
  id: 'p1',
  active: true,
  name: [
    { family: 'Müller', given: ['José', '  Ana   Maria '], prefix: ['Dr.'], suffix: ['Jr'], text: 'Dr. José Müller' },
    { family: '张', given: ['三'] },
  ],
  identifier: [
    { system: 'http://hospital.example/mrn', value: '123', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }], text: 'Medical Record' } },
    { system: 'urn:oid:2.16.840.1.113883.4.1', value: '999' },
  ],
  telecom: [{ system: 'phone', value: '+86 10 1234 5678' }, { system: 'email', value: 'ana@example.org' }],
  gender: 'female',
  birthDate: '1980-05',
  address: [{ line: ['1 Bahnhofstraße'], city: 'Zürich', postalCode: '8001', country: 'CH' }],
  generalPractitioner: [{ reference: 'Practitioner/pr1/_history/2' }],
  managingOrganization: { reference: 'http://other.example/fhir/Organization/o1' },
  link: [{ other: { reference: '#c1' }, type: 'seealso' }],
  deceasedBoolean: false,
};

test('HumanName: every part is its own normalised value, exact kept', () => {
  const name = values(patient, 'name');
  const exp = (value: string, exact: string) => ({ type: 'string', value, exact });
  assert.deepEqual(name, [
    exp('muller', 'Müller'), exp('jose', 'José'), exp('ana maria', '  Ana   Maria '), exp('dr.', 'Dr.'), exp('jr', 'Jr'),
    exp('dr. jose muller', 'Dr. José Müller'), exp('张', '张'), exp('三', '三'),
  ]);
  assert.deepEqual(values(patient, 'family'), [exp('muller', 'Müller'), exp('张', '张')]);
  assert.deepEqual(values(patient, 'address-city'), [exp('zurich', 'Zürich')]);
  assert.ok(values(patient, 'address').some((v: any) => v.value === '1 bahnhofstraße'));
});

test('Identifier: system|value with of-type from type.coding', () => {
  assert.deepEqual(values(patient, 'identifier'), [
    { type: 'token', system: 'http://hospital.example/mrn', code: '123', text: 'medical record', ofType: { system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' } },
    { type: 'token', system: 'urn:oid:2.16.840.1.113883.4.1', code: '999', text: null },
  ]);
});

test('tokens from code, boolean, ContactPoint (filtered by system) and a computed boolean', () => {
  assert.deepEqual(values(patient, 'gender'), [{ type: 'token', system: null, code: 'female', text: null }]);
  assert.deepEqual(values(patient, 'active'), [{ type: 'token', system: null, code: 'true', text: null }]);
  assert.deepEqual(values(patient, 'phone'), [{ type: 'token', system: null, code: '+86 10 1234 5678', text: null }]);
  assert.deepEqual(values(patient, 'email'), [{ type: 'token', system: null, code: 'ana@example.org', text: null }]);
  // `Patient.deceased.exists() and Patient.deceased != false` goes through fhirpath.js
  assert.deepEqual(values(patient, 'deceased'), [{ type: 'token', system: null, code: 'false', text: null }]);
});

test('references: relative with history, absolute, contained', () => {
  assert.deepEqual(values(patient, 'general-practitioner'), [{ type: 'reference', targetType: 'Practitioner', targetId: 'pr1', url: null }]);
  assert.deepEqual(values(patient, 'organization'), [
    { type: 'reference', targetType: 'Organization', targetId: 'o1', url: 'http://other.example/fhir/Organization/o1' },
  ]);
  assert.deepEqual(values(patient, 'link'), []); // '#c1' is contained
  assert.deepEqual(parseReference('http://x.example/fhir/Patient/9/_history/3'), { type: 'reference', targetType: 'Patient', targetId: '9', url: 'http://x.example/fhir/Patient/9' });
  assert.deepEqual(parseReference('urn:uuid:0c5d2f1e-4a55-4c52-9d25-0f1f4c3e0a11'), { type: 'reference', targetType: null, targetId: null, url: 'urn:uuid:0c5d2f1e-4a55-4c52-9d25-0f1f4c3e0a11' });
  for (const bad of ['#x', '', 'Patient?identifier=1', 'Foo/1', 'Patient/', 'patient/1']) assert.equal(parseReference(bad), null, bad);
});

test('Reference with only identifier or type is ignored; where(resolve() is T) filters by target type', () => {
  const obs: Resource = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { identifier: { value: '1' }, type: 'Patient' } };
  assert.deepEqual(values(obs, 'subject'), []);
  assert.deepEqual(values(obs, 'patient'), []);
  const grp: Resource = { ...obs, subject: { reference: 'Group/g1' } };
  assert.deepEqual(values(grp, 'patient'), []);
  assert.deepEqual(values(grp, 'subject'), [{ type: 'reference', targetType: 'Group', targetId: 'g1', url: null }]);
  const abs: Resource = { ...obs, subject: { reference: 'https://h.example/fhir/Patient/p7' } };
  assert.deepEqual(values(abs, 'patient'), [{ type: 'reference', targetType: 'Patient', targetId: 'p7', url: 'https://h.example/fhir/Patient/p7' }]);
});

test('birthdate: partial date indexes the whole month', () => {
  assert.deepEqual(values(patient, 'birthdate'), [{ type: 'date', lo: ms('1980-05-01T00:00:00Z'), hi: ms('1980-05-31T23:59:59.999Z') }]);
});

const condition: Resource = {
  resourceType: 'Condition',
  code: { text: 'Chest pain' },
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item', display: 'Problem List Item' }], text: 'Problem' }],
  subject: { reference: 'Patient/p1' },
  onsetPeriod: { start: '2020-01-01' },
  abatementRange: { low: { value: 5, unit: 'yr', system: UCUM, code: 'a' }, high: { value: 10, unit: 'yr', system: UCUM, code: 'a' } },
};

test('CodeableConcept: text only → code-less value; text kept when codings have other displays', () => {
  assert.deepEqual(values(condition, 'code'), [{ type: 'token', system: null, code: null, text: 'chest pain' }]);
  assert.deepEqual(values(condition, 'category'), [
    { type: 'token', system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item', text: 'problem list item' },
    { type: 'token', system: null, code: null, text: 'problem' },
  ]);
});

test('Period with an open end, Range as quantity with the low units', () => {
  assert.deepEqual(values(condition, 'onset-date'), [{ type: 'date', lo: ms('2020-01-01T00:00:00Z'), hi: DATE_MAX }]);
  assert.deepEqual(values(condition, 'abatement-age'), [{ type: 'quantity', lo: 5, hi: 10, system: UCUM, code: 'a', unit: 'yr' }]);
  const open: Resource = { ...condition, abatementRange: { high: { value: 3, code: 'a', system: UCUM } } };
  assert.deepEqual(values(open, 'abatement-age'), [{ type: 'quantity', lo: -Infinity, hi: 3, system: UCUM, code: 'a', unit: null }]);
});

test('Timing: events and repeat.boundsPeriod', () => {
  const sr: Resource = {
    resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
    occurrenceTiming: { event: ['2021-03-04'], repeat: { boundsPeriod: { start: '2021-03-01', end: '2021-03-31' } } },
  };
  assert.deepEqual(values(sr, 'occurrence'), [
    { type: 'date', lo: ms('2021-03-04T00:00:00Z'), hi: ms('2021-03-04T23:59:59.999Z') },
    { type: 'date', lo: ms('2021-03-01T00:00:00Z'), hi: ms('2021-03-31T23:59:59.999Z') },
  ]);
});

test('Money, number with Range, canonical with version', () => {
  const inv: Resource = { resourceType: 'Invoice', status: 'issued', totalGross: { value: 12.5, currency: 'EUR' } };
  assert.deepEqual(values(inv, 'totalgross'), [{ type: 'quantity', lo: 12.5, hi: 12.5, system: 'urn:iso:std:iso:4217', code: 'EUR', unit: null }]);
  const ra: Resource = {
    resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/p1' },
    prediction: [{ probabilityDecimal: 0.25 }, { probabilityRange: { low: { value: 0.1 }, high: { value: 0.3 } } }],
  };
  assert.deepEqual(values(ra, 'probability'), [{ type: 'number', lo: 0.25, hi: 0.25 }, { type: 'number', lo: 0.1, hi: 0.3 }]);
  const qr: Resource = { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'http://example.org/Questionnaire/q1|2.0' };
  assert.deepEqual(values(qr, 'questionnaire'), [{ type: 'reference', targetType: null, targetId: null, url: 'http://example.org/Questionnaire/q1', version: '2.0' }]);
  const noVersion: Resource = { ...qr, questionnaire: 'http://example.org/Questionnaire/q1' };
  assert.deepEqual(values(noVersion, 'questionnaire'), [{ type: 'reference', targetType: null, targetId: null, url: 'http://example.org/Questionnaire/q1', version: null }]);
});

test('meta params and exclusions (_id, _lastUpdated are columns, not rows)', () => {
  const r: Resource = {
    resourceType: 'Basic', id: 'b1', code: { text: 'x' },
    meta: { lastUpdated: '2024-01-01T00:00:00Z', profile: ['http://example.org/StructureDefinition/p'], tag: [{ system: 'urn:t', code: 'a' }], security: [{ system: 'urn:s', code: 'R' }], source: 'urn:src' },
  };
  const params = new Set(extractIndex(r, reg).map((e) => e.param));
  assert.ok(!params.has('_id') && !params.has('_lastUpdated'));
  assert.deepEqual(values(r, '_tag'), [{ type: 'token', system: 'urn:t', code: 'a', text: null }]);
  assert.deepEqual(values(r, '_security'), [{ type: 'token', system: 'urn:s', code: 'R', text: null }]);
  assert.deepEqual(values(r, '_profile'), [{ type: 'uri', value: 'http://example.org/StructureDefinition/p' }]);
  assert.deepEqual(values(r, '_source'), [{ type: 'uri', value: 'urn:src' }]);
});

const bp: Resource = {
  resourceType: 'Observation',
  id: 'bp',
  status: 'final',
  code: { coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel' }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2021-06-01T08:30:00+02:00',
  component: [
    { code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic' }] }, valueQuantity: { value: 120, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
    { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: { value: 80, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
  ],
};
const mmHg = (v: number) => ({ type: 'quantity', lo: v, hi: v, system: UCUM, code: 'mm[Hg]', unit: 'mmHg' });

test('composite: component-code-value-quantity on a blood-pressure Observation', () => {
  const systolic = { type: 'token', system: LOINC, code: '8480-6', text: 'systolic' };
  const diastolic = { type: 'token', system: LOINC, code: '8462-4', text: null };
  const expected = [{ type: 'composite', components: [systolic, mmHg(120)] }, { type: 'composite', components: [diastolic, mmHg(80)] }];
  assert.deepEqual(values(bp, 'component-code-value-quantity'), expected);
  assert.deepEqual(values(bp, 'combo-code-value-quantity'), expected); // the panel itself has no value
  assert.deepEqual(values(bp, 'code-value-quantity'), []);
  assert.deepEqual(values(bp, 'date'), [{ type: 'date', lo: ms('2021-06-01T06:30:00Z'), hi: ms('2021-06-01T06:30:00.999Z') }]);
});

test('composite: code-value-quantity is the product of code codings and the value', () => {
  const weight: Resource = {
    resourceType: 'Observation', status: 'final', subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: LOINC, code: '29463-7' }, { system: 'http://snomed.info/sct', code: '27113001' }] },
    valueQuantity: { value: 70.5, unit: 'kg', system: UCUM, code: 'kg' },
  };
  const kg = { type: 'quantity', lo: 70.5, hi: 70.5, system: UCUM, code: 'kg', unit: 'kg' };
  assert.deepEqual(values(weight, 'code-value-quantity'), [
    { type: 'composite', components: [{ type: 'token', system: LOINC, code: '29463-7', text: null }, kg] },
    { type: 'composite', components: [{ type: 'token', system: 'http://snomed.info/sct', code: '27113001', text: null }, kg] },
  ]);
  assert.deepEqual(values(weight, 'value-quantity'), [kg]);
});

const MMN = 'http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName';
const custom: Resource[] = [
  {
    resourceType: 'SearchParameter', url: 'http://example.org/SearchParameter/mothers-maiden-name', status: 'active',
    code: 'mothers-maiden-name', base: ['Patient'], type: 'string', expression: `Patient.extension('${MMN}').value`,
  },
  {
    resourceType: 'SearchParameter', url: 'http://example.org/SearchParameter/obs-effective', status: 'active',
    code: 'effective', base: ['Observation'], type: 'date', expression: 'Observation.effective',
  },
  {
    resourceType: 'SearchParameter', url: 'http://example.org/SearchParameter/code-effective', status: 'active',
    code: 'code-effective', base: ['Observation'], type: 'composite', expression: 'Observation',
    component: [
      { definition: 'http://hl7.org/fhir/SearchParameter/clinical-code', expression: 'code' },
      { definition: 'http://example.org/SearchParameter/obs-effective', expression: 'effective' },
    ],
  },
  {
    resourceType: 'SearchParameter', url: 'http://example.org/SearchParameter/gender', status: 'active',
    code: 'gender', base: ['Patient'], type: 'token', expression: "Patient.extension('http://example.org/gender-identity').value",
  },
  { resourceType: 'SearchParameter', url: 'http://example.org/SearchParameter/old', status: 'retired', code: 'old', base: ['Patient'], type: 'string', expression: 'Patient.name' },
  { resourceType: 'SearchParameter', url: 'http://example.org/SearchParameter/bad', status: 'active', code: 'bad', base: ['Patient'], type: 'string', expression: 'Patient.name.where(' },
];

test('withCustom: custom string, custom composite over base + custom params, replacement, rejects', () => {
  const tenant = reg.withCustom(custom);
  assert.equal(tenant.get('Patient', 'old'), undefined);
  assert.equal(tenant.get('Patient', 'bad'), undefined);
  assert.deepEqual(tenant.rejected.map((r) => r.resource.url), ['http://example.org/SearchParameter/bad']);
  assert.equal(reg.get('Patient', 'mothers-maiden-name'), undefined, 'base registry is unchanged');

  const p: Resource = { ...patient, extension: [{ url: MMN, valueString: 'Šimková' }, { url: 'http://example.org/gender-identity', valueCode: 'nb' }] };
  assert.deepEqual(values(p, 'mothers-maiden-name', tenant), [{ type: 'string', value: 'simkova', exact: 'Šimková' }]);
  assert.deepEqual(values(p, 'gender', tenant), [{ type: 'token', system: null, code: 'nb', text: null }]);
  assert.deepEqual(values(p, 'gender'), [{ type: 'token', system: null, code: 'female', text: null }]);

  assert.deepEqual(values(bp, 'code-effective', tenant), [{
    type: 'composite',
    components: [
      { type: 'token', system: LOINC, code: '85354-9', text: 'blood pressure panel' },
      { type: 'date', lo: ms('2021-06-01T06:30:00Z'), hi: ms('2021-06-01T06:30:00.999Z') },
    ],
  }]);
});

test('unknown resource types and odd data index nothing instead of throwing', () => {
  assert.deepEqual(extractIndex({ resourceType: 'NotAType', id: 'x' }, reg), []);
  const odd: Resource = { resourceType: 'Patient', name: [null, 'x', { family: 42, given: [null, 'A'] }], birthDate: '1980-13', gender: 7 };
  const out: IndexEntry[] = extractIndex(odd, reg);
  assert.deepEqual(out.filter((e) => e.param === 'birthdate'), []);
  assert.ok(out.some((e) => e.param === 'given' && e.type === 'string' && e.value === 'a'));
});
