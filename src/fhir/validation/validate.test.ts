// Good/bad pairs for each validation rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadR4Json } from '../definitions/definitions.js';
import type { OperationOutcomeIssue, Resource } from '../types.js';
import { skippedInvariants } from './invariants.js';
import { validateResource } from './validate.js';

const errors = (r: unknown, profiles?: Resource[]): OperationOutcomeIssue[] =>
  validateResource(r, profiles ? { profiles } : undefined).filter((i) => i.severity === 'error');

function valid(r: unknown, profiles?: Resource[]): void {
  const e = errors(r, profiles);
  assert.deepEqual(e, [], `expected no errors, got ${JSON.stringify(e, null, 1)}`);
}

/** Asserts an error whose path is `path` and whose diagnostics match `msg`. */
function invalid(r: unknown, path: string, msg: RegExp, profiles?: Resource[]): OperationOutcomeIssue {
  const e = errors(r, profiles);
  const hit = e.find((i) => i.expression?.[0] === path && msg.test(i.diagnostics ?? ''));
  assert.ok(hit, `expected an error at ${path} matching ${msg}, got ${JSON.stringify(e, null, 1)}`);
  return hit;
}

const obs = (extra: Record<string, unknown> = {}) => ({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, ...extra });
const pat = (extra: Record<string, unknown> = {}) => ({ resourceType: 'Patient', ...extra });

test('resourceType must be a known, concrete resource type', () => {
  valid(pat());
  invalid({ resourceType: 'Patientt' }, 'Patientt', /Unknown resource type/);
  invalid({ resourceType: 'DomainResource' }, 'DomainResource', /Unknown resource type/);
  invalid({ id: 'x' }, 'Resource', /no resourceType/);
  assert.equal(errors('Patient').length, 1);
});

test('unknown elements, including wrong case and bad _x companions', () => {
  valid(pat({ gender: 'male', _gender: { extension: [{ url: 'http://x.org/e', valueString: 'a' }] } }));
  invalid(pat({ foo: 1 }), 'Patient', /Unrecognized element 'foo'/);
  invalid(pat({ Gender: 'male' }), 'Patient', /'Gender' \(did you mean 'gender'\?\)/);
  invalid(pat({ name: [{ family: 'x', Given: ['a'] }] }), 'Patient.name[0]', /Unrecognized element 'Given'/);
  invalid(pat({ _name: [{ id: 'a' }] }), 'Patient', /Unrecognized element '_name'/); // name is not primitive
  invalid(pat({ _gender: { foo: 1 } }), 'Patient.gender', /Unrecognized element 'foo'/);
  invalid(pat({ fhir_comments: ['x'] }), 'Patient', /Unrecognized element 'fhir_comments'/);
});

test('JSON shapes: arrays by max cardinality, objects vs primitives, null, empty', () => {
  invalid(pat({ name: { family: 'x' } }), 'Patient.name', /must be a JSON Array/);
  invalid(pat({ gender: ['male'] }), 'Patient.gender', /must be a single value/);
  invalid(pat({ maritalStatus: 'M' }), 'Patient.maritalStatus', /must be a JSON object/);
  invalid(pat({ active: null }), 'Patient.active', /must not be null/);
  invalid(pat({ name: [] }), 'Patient.name', /Array cannot be empty/);
  invalid(pat({ name: [{}] }), 'Patient.name[0]', /ele-1/);
  invalid(pat({ name: [{ given: ['a', ''] }] }), 'Patient.name[0].given[1]', /empty string/);
  // null in a primitive array only with an aligned _x entry
  valid(pat({ name: [{ given: ['a', null], _given: [null, { extension: [{ url: 'http://x.org/e', valueString: 'b' }] }] }] }));
  invalid(pat({ name: [{ given: ['a', null] }] }), 'Patient.name[0].given[1]', /must not contain null/);
  invalid(pat({ name: [{ given: ['a', 'b'], _given: [null] }] }), 'Patient.name[0].given', /same length/);
});

test('cardinality: min at every level (only when the parent is present), max', () => {
  valid(obs());
  invalid({ resourceType: 'Observation', code: { text: 'x' } }, 'Observation', /Observation.status: minimum required = 1/);
  invalid({ resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' } }, 'MedicationRequest', /medication\[x\]: minimum required/);
  valid(pat()); // Patient.link.other is required only inside a link
  invalid(pat({ link: [{ type: 'seealso' }] }), 'Patient.link[0]', /Patient.link.other: minimum required = 1/);
  invalid(obs({ referenceRange: [{ text: 'n' }], component: [{ valueString: 'a' }] }), 'Observation.component[0]', /Observation.component.code: minimum required/);
  // a primitive present only through its extension satisfies min = 1
  valid({ resourceType: 'Observation', _status: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] }, code: { text: 'x' } });
});

test('primitive formats', () => {
  valid(pat({ id: 'a-b.1', birthDate: '2020-02-29', meta: { lastUpdated: '2020-01-01T10:00:00.123+01:00' }, multipleBirthInteger: 2 }));
  invalid(pat({ birthDate: '2020-13-01' }), 'Patient.birthDate', /Invalid date/);
  invalid(pat({ birthDate: '2021-02-29' }), 'Patient.birthDate', /no such day/);
  invalid(pat({ birthDate: '2020-01-01T10:00:00Z' }), 'Patient.birthDate', /Invalid date/);
  invalid(pat({ deceasedDateTime: '2020-01-01T10:00:00' }), 'Patient.deceased.ofType(dateTime)', /must have a timezone/);
  invalid(pat({ meta: { lastUpdated: '2020-01-01' } }), 'Patient.meta.lastUpdated', /Invalid instant/);
  invalid(pat({ id: 'bad_id' }), 'Patient.id', /Invalid id/);
  invalid(pat({ id: 'x'.repeat(65) }), 'Patient.id', /Invalid id/);
  invalid(pat({ meta: { tag: [{ code: 'a  b' }] } }), 'Patient.meta.tag[0].code', /Invalid code/);
  invalid(pat({ meta: { tag: [{ code: ' a' }] } }), 'Patient.meta.tag[0].code', /Invalid code/);
  invalid(obs({ valueQuantity: { value: '5' } }), 'Observation.value.ofType(Quantity).value', /expected a JSON number/);
  invalid(pat({ active: 'true' }), 'Patient.active', /expected a JSON boolean/);
  invalid(pat({ multipleBirthInteger: 1.5 }), 'Patient.multipleBirth.ofType(integer)', /not a valid integer/);
  invalid(pat({ multipleBirthInteger: 2 ** 31 }), 'Patient.multipleBirth.ofType(integer)', /out of range/);
  invalid(pat({ photo: [{ size: -1, contentType: 'image/png' }] }), 'Patient.photo[0].size', /out of range for unsignedInt/);
  invalid({ resourceType: 'Slot', schedule: { reference: 'Schedule/1' }, status: 'free', start: '2020-01-01T00:00:00Z', end: '2020-01-01T01:00:00Z', overbooked: 1 }, 'Slot.overbooked', /boolean/);
  invalid(pat({ photo: [{ data: 'not base64!' }] }), 'Patient.photo[0].data', /not valid base64/);
  invalid(pat({ implicitRules: 'http://a b' }), 'Patient.implicitRules', /Invalid uri/);
  invalid({ resourceType: 'Basic', code: { text: 'x' }, identifier: [{ system: 'urn:uuid:ABC' }] }, 'Basic.identifier[0].system', /UUIDs must be valid and lowercase/);
});

test('choice types: one variant only, and only the allowed suffixes', () => {
  valid(obs({ valueString: 'a' }));
  invalid(obs({ valueString: 'a', valueQuantity: { value: 1 } }), 'Observation', /Only one value\[x\]/);
  invalid(pat({ deceasedBoolean: true, deceasedDateTime: '2020' }), 'Patient', /Only one deceased\[x\]/);
  invalid(obs({ valueUri: 'http://x' }), 'Observation', /Unrecognized element 'valueUri'/);
});

test('Reference format', () => {
  for (const reference of ['Patient/1', 'Patient/1/_history/2', 'http://example.org/fhir/Patient/1', 'urn:uuid:8a2f1d3e-5b6c-4d7e-8f90-a1b2c3d4e5f6', 'urn:oid:1.2.3', 'Patient?identifier=a|b']) {
    valid(obs({ subject: { reference } }));
  }
  invalid(obs({ subject: { reference: 'patient 1' } }), 'Observation.subject.reference', /must be of the form/);
  invalid(obs({ subject: { reference: 'Foo/1' } }), 'Observation.subject.reference', /Unknown resource type 'Foo'/);
  invalid(obs({ subject: { reference: 'Patient/' } }), 'Observation.subject.reference', /must be of the form/);
});

test('Reference target types (targetProfile)', () => {
  invalid(obs({ subject: { reference: 'Medication/1' } }), 'Observation.subject.reference', /targets a Medication, but only Patient, Group, Device, Location/);
  invalid(obs({ subject: { reference: 'http://example.org/fhir/Practitioner/1' } }), 'Observation.subject.reference', /targets a Practitioner/);
  valid(obs({ performer: [{ reference: 'Practitioner/1' }, { reference: 'Organization/2' }] }));
  valid({ resourceType: 'Provenance', target: [{ reference: 'Medication/1' }], recorded: '2020-01-01T00:00:00Z', agent: [{ who: { reference: 'Device/1' } }] }); // Reference(Any)
});

test('contained resources: validated as resources, dom-2/3/4/5, ref-1', () => {
  const org = { resourceType: 'Organization', id: 'o1', name: 'x' };
  valid(pat({ contained: [org], managingOrganization: { reference: '#o1' } }));
  invalid(pat({ contained: [{ ...org, foo: 1 }], managingOrganization: { reference: '#o1' } }), 'Patient.contained[0]', /Unrecognized element 'foo'/);
  invalid(pat({ contained: [{ ...org, name: 5 }], managingOrganization: { reference: '#o1' } }), 'Patient.contained[0].name', /expected a JSON string/);
  invalid(pat({ contained: [{ ...org, meta: { versionId: '1' } }], managingOrganization: { reference: '#o1' } }), 'Patient.contained[0]', /dom-4/);
  invalid(pat({ contained: [{ ...org, meta: { security: [{ code: 'R' }] } }], managingOrganization: { reference: '#o1' } }), 'Patient.contained[0]', /dom-5/);
  invalid(pat({ contained: [{ ...org, contained: [{ resourceType: 'Basic', code: { text: 'x' } }] }], managingOrganization: { reference: '#o1' } }), 'Patient.contained[0]', /dom-2/);
  invalid(pat({ contained: [org] }), 'Patient.contained[0]', /dom-3/);
  invalid(pat({ managingOrganization: { reference: '#o2' } }), 'Patient.managingOrganization', /ref-1/);
  // a contained resource may instead refer back to its container
  valid(pat({ id: 'p', contained: [{ resourceType: 'Provenance', id: 'pv', target: [{ reference: '#' }], recorded: '2020-01-01T00:00:00Z', agent: [{ who: { display: 'x' } }] }] }));
});

test('Bundle entries and Parameters resources are validated as resources', () => {
  valid({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:8a2f1d3e-5b6c-4d7e-8f90-a1b2c3d4e5f6', resource: pat() }] });
  invalid({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: pat({ gender: 'mail' }) }] }, 'Bundle.entry[0].resource.gender', /required value set/);
  invalid({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'Patient/1', resource: pat() }] }, 'Bundle.entry[0]', /fullUrl must be an absolute URL/);
  invalid({ resourceType: 'Parameters', parameter: [{ name: 'p', resource: { resourceType: 'Nope' } }] }, 'Parameters.parameter[0].resource', /Unknown resource type/);
});

test('required bindings: code, CodeableConcept, Coding', () => {
  valid(pat({ gender: 'male' }));
  invalid(pat({ gender: 'mail' }), 'Patient.gender', /'mail' is not in the required value set http:\/\/hl7.org\/fhir\/ValueSet\/administrative-gender/);
  invalid(obs({ status: 'done' }), 'Observation.status', /'done' is not in the required value set/);
  const allergy = (system: string, code: string) => ({ resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/1' }, clinicalStatus: { coding: [{ system, code }] } });
  valid(allergy('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active'));
  valid(allergy('http://example.org/local', 'whatever')); // only codings from the ValueSet's systems are checked
  invalid(allergy('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'bogus'), 'AllergyIntolerance.clinicalStatus.coding[0].code', /'bogus'/);
  // codes of FHIR-defined code systems are checked wherever a Coding uses them
  invalid(pat({ meta: { tag: [{ system: 'http://hl7.org/fhir/administrative-gender', code: 'mail' }] } }), 'Patient.meta.tag[0].code', /Unknown code 'mail'/);
});

test('invariants: evaluated, with the key in the diagnostics', () => {
  valid(obs({ valueString: 'a' }));
  invalid(obs({ valueString: 'a', dataAbsentReason: { text: 'x' } }), 'Observation', /^obs-6:/);
  invalid({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, period: { start: '2020-01-02', end: '2020-01-01' } }, 'Encounter.period', /^per-1:/);
  valid({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, period: { start: '2020-01-01', end: '2020-01-02T10:00:00Z' } });
  // same day at different precisions: FHIRPath gives empty, which fails (as in the reference validator)
  invalid({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, period: { start: '2020-01-01', end: '2020-01-01T10:00:00Z' } }, 'Encounter.period', /^per-1:/);
  invalid(pat({ contact: [{ gender: 'male' }] }), 'Patient.contact[0]', /^pat-1:/);
  invalid({ resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/1' }, prediction: [{ probabilityDecimal: 150 }] }, 'RiskAssessment.prediction[0]', /^ras-2:/);
  invalid({ resourceType: 'Organization' }, 'Organization', /^org-1:/);
  valid({ resourceType: 'Organization', name: 'x' });
  invalid(pat({ text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div>' } }), 'Patient.text.div', /^txt-1:/);
  // ctm-1 needs resolve(): skipped, and listed as such once CareTeam is compiled
  valid({ resourceType: 'CareTeam', participant: [{ member: { reference: 'Patient/1' }, onBehalfOf: { reference: 'Organization/1' } }] });
  assert.ok(skippedInvariants().has('ctm-1'), 'ctm-1 is listed as skipped');
});

test('extensions: url required, value or nested extensions but not both', () => {
  valid(pat({ extension: [{ url: 'http://x.org/a', valueString: 'a' }, { url: 'http://x.org/b', extension: [{ url: 'c', valueBoolean: true }] }] }));
  invalid(pat({ extension: [{ valueString: 'a' }] }), 'Patient.extension[0]', /Extension.url: minimum required/);
  invalid(pat({ extension: [{ url: 'http://x.org/a', valueString: 'a', extension: [{ url: 'c', valueBoolean: true }] }] }), 'Patient.extension[0]', /^ext-1:/);
  invalid(pat({ extension: [{ url: 'http://x.org/a' }] }), 'Patient.extension[0]', /^ext-1:/);
  invalid(pat({ modifierExtension: [{ url: 'http://x.org/a', valueFoo: 1 }] }), 'Patient.modifierExtension[0]', /Unrecognized element 'valueFoo'/);
});

const profile = (differential: unknown[], type = 'Patient'): Resource => ({
  resourceType: 'StructureDefinition', url: `http://example.org/StructureDefinition/test-${type}`, type, derivation: 'constraint', differential: { element: differential },
});

test('profiles: cardinality, fixed/pattern, types, bindings', () => {
  const needsBirthDate = profile([{ id: 'Patient', path: 'Patient' }, { id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1 }]);
  valid(pat({ birthDate: '2000-01-01' }), [needsBirthDate]);
  invalid(pat(), 'Patient', /Patient.birthDate: minimum required = 1.*from profile/, [needsBirthDate]);
  const noTelecom = profile([{ id: 'Patient.telecom', path: 'Patient.telecom', max: '0' }]);
  invalid(pat({ telecom: [{ value: '1' }] }), 'Patient', /max allowed = 0/, [noTelecom]);
  const fixed = profile([{ id: 'Patient.gender', path: 'Patient.gender', fixedCode: 'female' }]);
  invalid(pat({ gender: 'male' }), 'Patient.gender', /fixed to "female"/, [fixed]);
  valid(pat({ gender: 'female' }), [fixed]);
  const onlyQuantity = profile([{ id: 'Observation.value[x]', path: 'Observation.value[x]', type: [{ code: 'Quantity' }] }], 'Observation');
  invalid(obs({ valueString: 'a' }), 'Observation.value.ofType(string)', /Type string is not allowed/, [onlyQuantity]);
  const pattern = profile([{ id: 'Observation.code', path: 'Observation.code', patternCodeableConcept: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] } }], 'Observation');
  valid(obs({ code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] } }), [pattern]);
  invalid(obs(), 'Observation.code', /required pattern/, [pattern]);
  const onlyPatients = profile([{ id: 'Observation.subject', path: 'Observation.subject', type: [{ code: 'Reference', targetProfile: ['http://hl7.org/fhir/StructureDefinition/Patient'] }] }], 'Observation');
  invalid(obs({ subject: { reference: 'Group/1' } }), 'Observation.subject.reference', /targets a Group/, [onlyPatients]);
  const binding = profile([{ id: 'Patient.maritalStatus', path: 'Patient.maritalStatus', binding: { strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' } }]);
  invalid(pat({ maritalStatus: { coding: [{ system: 'http://hl7.org/fhir/administrative-gender', code: 'M' }] } }), 'Patient.maritalStatus.coding[0].code', /not in the required value set/, [binding]);
  invalid(pat(), 'Patient', /constrains Observation, not Patient/, [onlyQuantity]);
});

test('profiles: slicing by pattern/value/type (R4 vital signs) and unsupported constructs as warnings', () => {
  const others = loadR4Json('profiles-others.json').entry.map((e: any) => e.resource);
  const bodytemp = others.find((r: any) => r.id === 'bodytemp');
  const temp = (codings: unknown[]) => ({
    resourceType: 'Observation', status: 'final', subject: { reference: 'Patient/1' }, effectiveDateTime: '2020-01-01T10:00:00Z',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: codings }, valueQuantity: { value: 36.5, unit: 'C', system: 'http://unitsofmeasure.org', code: 'Cel' },
  });
  valid(temp([{ system: 'http://loinc.org', code: '8310-5' }]), [bodytemp]);
  invalid(temp([{ system: 'http://snomed.info/sct', code: '276885007' }]), 'Observation.code', /Slice 'Observation.code.coding:BodyTempCode': minimum required = 1/, [bodytemp]);
  const byProfile = profile([
    { id: 'Patient.identifier', path: 'Patient.identifier', slicing: { discriminator: [{ type: 'profile', path: '$this' }], rules: 'open' } },
    { id: 'Patient.identifier:x', path: 'Patient.identifier', sliceName: 'x', min: 1 },
  ]);
  const issues = validateResource(pat(), { profiles: [byProfile] });
  assert.ok(issues.some((i) => i.severity === 'warning' && /not supported/.test(i.diagnostics ?? '')), 'a warning for the profile discriminator');
  assert.ok(!issues.some((i) => i.severity === 'error'), 'no errors from an unsupported slice');
});
