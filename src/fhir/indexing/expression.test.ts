import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alternativesFor, rewriteForFhirpath, splitUnion, usesResolve } from './expression.js';

test('splitUnion splits top-level | only', () => {
  assert.deepEqual(splitUnion('Patient.name | Practitioner.name'), ['Patient.name', 'Practitioner.name']);
  assert.deepEqual(splitUnion("(A.x | A.y).where(z = 'a|b') | B.c"), ["(A.x | A.y).where(z = 'a|b')", 'B.c']);
  assert.deepEqual(splitUnion('A.x.exists() and A.y | A.z'), ['A.x.exists() and A.y | A.z'], 'and binds looser than |');
  assert.deepEqual(splitUnion("A.x.where(y = 'b') | A.z"), ["A.x.where(y = 'b')", 'A.z']);
  assert.deepEqual(splitUnion('A.code.contains(\'x\') | A.z'), ["A.code.contains('x')", 'A.z']);
});

test('alternativesFor keeps the parts for the type, relative parts and Resource parts', () => {
  const expr = 'AllergyIntolerance.patient | CarePlan.subject.where(resolve() is Patient) | (Observation.value as Quantity) | name | %resource.id | Resource.meta.tag';
  assert.deepEqual(alternativesFor(expr, 'Observation'), ['(Observation.value as Quantity)', 'name', '%resource.id', 'Resource.meta.tag']);
  assert.deepEqual(alternativesFor(expr, 'CarePlan'), ['CarePlan.subject.where(resolve() is Patient)', 'name', '%resource.id', 'Resource.meta.tag']);
});

test('rewriteForFhirpath removes resolve() and as', () => {
  assert.equal(rewriteForFhirpath('Observation.subject.where(resolve() is Patient)'),
    "Observation.subject.where(reference.startsWith('Patient/') or reference.contains('/Patient/'))");
  assert.equal(rewriteForFhirpath('(Observation.value as Quantity)'), 'Observation.value.ofType(Quantity)');
  assert.equal(rewriteForFhirpath('Observation.value as Quantity'), 'Observation.value.ofType(Quantity)');
  assert.equal(rewriteForFhirpath('(Observation.value as CodeableConcept).text'), 'Observation.value.ofType(CodeableConcept).text');
  assert.equal(rewriteForFhirpath('Condition.onset.as(Age)'), 'Condition.onset.ofType(Age)');
  assert.equal(usesResolve('Observation.subject.where(resolve() is Patient)'), false);
  assert.equal(usesResolve('Observation.subject.resolve().name'), true);
});

test('tokenizer knows $this, date literals and {} so unions still split', () => {
  assert.deepEqual(splitUnion("Patient.name.where($this.use = 'official') | Practitioner.name"), ["Patient.name.where($this.use = 'official')", 'Practitioner.name']);
  assert.deepEqual(splitUnion('Patient.birthDate.where($this > @2000-01-01) | {}'), ['Patient.birthDate.where($this > @2000-01-01)', '{}']);
});
