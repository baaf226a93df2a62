import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataTypeNames, definitionsLoadMs, isResourceType, mandatoryElements, resourceTypes, summaryElements, typeDefinition } from './definitions.js';
import { inPatientCompartment, patientCompartmentParams, patientCompartmentTypes } from './compartments.js';

test('R4 concrete resource types', (t) => {
  const types = resourceTypes();
  t.diagnostic(`definitions loaded in ${definitionsLoadMs.toFixed(0)} ms`);
  assert.equal(types.length, 146);
  for (const name of ['Patient', 'Observation', 'Bundle', 'Binary', 'Parameters']) assert.ok(isResourceType(name), name);
  for (const name of ['Resource', 'DomainResource', 'MetadataResource', 'SubscriptionStatus', 'HumanName']) assert.ok(!isResourceType(name), name);
  assert.deepEqual([...types], [...types].sort());
});

test('type definitions for resources and data types', () => {
  const obs = typeDefinition('Observation')!;
  assert.equal(obs.kind, 'resource');
  assert.equal(obs.baseType, 'DomainResource');
  const value = obs.elements.find((e) => e.path === 'Observation.value[x]')!;
  assert.ok(value.types.some((x) => x.code === 'Quantity'));
  assert.deepEqual(obs.elements.find((e) => e.path === 'Observation.subject')!.types[0].targetProfile?.includes('http://hl7.org/fhir/StructureDefinition/Patient'), true);
  assert.equal(typeDefinition('HumanName')!.kind, 'complex-type');
  assert.equal(typeDefinition('dateTime')!.kind, 'primitive-type');
  assert.ok(dataTypeNames().includes('Quantity'));
  assert.ok(!dataTypeNames().includes('SimpleQuantity')); // a profile, not a type
});

test('summaryElements: isSummary top-level elements plus id/meta/implicitRules, choices expanded', () => {
  const s = summaryElements('Patient');
  for (const n of ['id', 'meta', 'implicitRules', 'identifier', 'name', 'gender', 'birthDate', 'deceasedBoolean', 'deceasedDateTime']) assert.ok(s.has(n), n);
  for (const n of ['text', 'contained', 'photo', 'contact', 'communication']) assert.ok(!s.has(n), n);
  const o = summaryElements('Observation');
  assert.ok(o.has('valueQuantity') && o.has('effectiveDateTime') && o.has('status'));
});

test('mandatoryElements: top-level min >= 1', () => {
  assert.deepEqual([...mandatoryElements('Observation')].sort(), ['code', 'status']);
  assert.deepEqual([...mandatoryElements('Patient')], []);
});

test('Patient compartment', () => {
  assert.deepEqual(patientCompartmentParams('Observation'), ['subject', 'performer']);
  assert.deepEqual(patientCompartmentParams('Patient'), ['link']);
  assert.deepEqual(patientCompartmentParams('Organization'), []);
  assert.ok(inPatientCompartment('Encounter'));
  assert.ok(inPatientCompartment('Patient'));
  assert.ok(!inPatientCompartment('Practitioner'));
  assert.ok(patientCompartmentTypes().includes('AllergyIntolerance'));
});
