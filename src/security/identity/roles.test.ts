import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFhirLink, parseRoles } from './roles.js';

test('roles parse from lists and strings; unknown and mixed kinds are refused', () => {
  assert.deepEqual(parseRoles('Doctor, manager'), ['doctor', 'manager']);
  assert.throws(() => parseRoles('surgeon'), /unknown role/);
  assert.throws(() => parseRoles(''), /at least one/);
  assert.throws(() => checkFhirLink(['nurse', 'patient'], 'Patient/1'), /cannot be combined/);
});

test('the FHIR link must fit the role', () => {
  assert.equal(checkFhirLink(['doctor'], 'PractitionerRole/prole-001'), 'PractitionerRole/prole-001');
  assert.equal(checkFhirLink(['nurse'], 'Practitioner/prac-004'), 'Practitioner/prac-004');
  assert.equal(checkFhirLink(['patient'], 'RelatedPerson/rp1'), 'RelatedPerson/rp1');
  assert.equal(checkFhirLink(['device'], 'Device/m1'), 'Device/m1');
  assert.equal(checkFhirLink(['admin'], undefined), null, 'admins may have no FHIR identity');
  assert.throws(() => checkFhirLink(['doctor'], 'Patient/1'), /expected Practitioner or PractitionerRole/);
  assert.throws(() => checkFhirLink(['patient'], 'Practitioner/1'), /expected Patient or RelatedPerson/);
  assert.throws(() => checkFhirLink(['device'], 'Patient/1'), /expected Device/);
  assert.throws(() => checkFhirLink(['doctor'], null), /requires a FHIR link/);
  assert.throws(() => checkFhirLink(['doctor'], 'http://x/Practitioner/1'), /relative reference/);
});
