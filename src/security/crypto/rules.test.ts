import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFieldRules, tokenTarget } from './rules.js';

test('parseFieldRules: good specs', () => {
  assert.deepEqual(parseFieldRules('Patient.identifier|https://www.example.cn/id-card,Patient.telecom|phone,RelatedPerson.telecom'), [
    { type: 'Patient', element: 'identifier', system: 'https://www.example.cn/id-card' },
    { type: 'Patient', element: 'telecom', system: 'phone' },
    { type: 'RelatedPerson', element: 'telecom' },
  ]);
  assert.deepEqual(parseFieldRules(''), []);
  assert.deepEqual(parseFieldRules(' Patient.identifier , ,Patient.identifier,'), [{ type: 'Patient', element: 'identifier' }]);
  assert.deepEqual(parseFieldRules('Organization.identifier|urn:oid:1.2.156.1'), [{ type: 'Organization', element: 'identifier', system: 'urn:oid:1.2.156.1' }]);
});

test('parseFieldRules: bad specs are rejected with clear messages', () => {
  const bad: [string, RegExp][] = [
    ['Patient', /"Patient": expected Type\.element/],
    ['Patient.identifier.value', /expected Type\.element/],
    ['Patinet.identifier', /"Patinet" is not a FHIR R4 resource type/],
    ['Patient.name', /only identifier and telecom/],
    ['Observation.telecom', /Observation has no telecom element/],
    ['Patient.telecom|mobile', /telecom system must be one of phone, fax, email/],
    ['Patient.identifier|', /empty system/],
    ['Patient.identifier|urn:a|b', /contains whitespace or "\|"/],
    ['Patient.identifier|urn a', /whitespace/],
    ['Resource.identifier', /not a FHIR R4 resource type/],
  ];
  for (const [spec, re] of bad) assert.throws(() => parseFieldRules(spec), re, spec);
  assert.throws(() => parseFieldRules('Patient.identifier,Patient.foo'), /HUIYI_ENCRYPT_FIELDS entry "Patient.foo"/);
});

test('tokenTarget follows the R4 search parameter expressions', () => {
  assert.deepEqual(tokenTarget('Patient', 'identifier'), { element: 'identifier' });
  assert.deepEqual(tokenTarget('Patient', 'telecom'), { element: 'telecom' });
  assert.deepEqual(tokenTarget('Patient', 'phone'), { element: 'telecom', system: 'phone' });
  assert.deepEqual(tokenTarget('RelatedPerson', 'email'), { element: 'telecom', system: 'email' });
  assert.deepEqual(tokenTarget('OrganizationAffiliation', 'phone'), { element: 'telecom', system: 'phone' });
  assert.deepEqual(tokenTarget('Observation', 'identifier'), { element: 'identifier' });
  assert.equal(tokenTarget('Patient', 'name'), undefined);
  assert.equal(tokenTarget('Patient', 'nope'), undefined);
  assert.equal(tokenTarget('Nope', 'identifier'), undefined);
});
