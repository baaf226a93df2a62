import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '../types.js';
import { isColumnParam, SearchParamRegistry, validateSearchParameter } from './search-params.js';
import { loadR4Json, resourceTypes } from './definitions.js';

const reg = SearchParamRegistry.base();

test('base registry: resource-level params on every concrete type', () => {
  assert.equal(SearchParamRegistry.base(), reg, 'cached singleton');
  for (const type of resourceTypes()) {
    for (const code of ['_id', '_lastUpdated', '_tag', '_profile', '_security', '_source', '_content', '_list', '_has', '_type', '_query']) {
      assert.ok(reg.get(type, code), `${type}.${code}`);
    }
  }
  assert.ok(reg.get('Patient', '_text'));
  assert.equal(reg.get('Bundle', '_text'), undefined, '_text is DomainResource-only');
  assert.equal(reg.get('Patient', '_id')!.type, 'token');
  assert.equal(reg.get('Patient', '_lastUpdated')!.type, 'date');
  assert.ok(isColumnParam('_id') && isColumnParam('_lastUpdated') && !isColumnParam('_tag'));
});

test('lookups by type, code and url', () => {
  const given = reg.get('Patient', 'given')!;
  assert.equal(given.type, 'string');
  assert.equal(given.expression, 'Patient.name.given | Practitioner.name.given');
  assert.equal(reg.byUrl('http://hl7.org/fhir/SearchParameter/individual-given'), given);
  assert.equal(reg.byUrl('http://hl7.org/fhir/SearchParameter/individual-given|4.0.1'), given);
  const patientParam = reg.get('Observation', 'patient')!;
  assert.ok(patientParam.base.includes('Observation') && patientParam.base.includes('Condition'));
  assert.equal(reg.forType('Observation').get('code-value-quantity')!.components!.length, 2);
  assert.equal(reg.forType('NoSuchType').size, 0);
  const codes = reg.paramsForType('Observation').map((d) => d.code);
  assert.deepEqual(codes, [...codes].sort());
  assert.ok(reg.resourceTypes().includes('Patient'));
  assert.throws(() => { (reg.get('Patient', 'given') as { code: string }).code = 'x'; }, TypeError, 'defs are frozen');
});

const sp = (fields: Record<string, unknown>): Resource => ({
  resourceType: 'SearchParameter', url: 'http://example.org/SearchParameter/x', status: 'active', code: 'x', base: ['Patient'], type: 'string', expression: 'Patient.name.family', ...fields,
});

test('validateSearchParameter accepts valid params', () => {
  assert.deepEqual(validateSearchParameter(sp({})), []);
  assert.deepEqual(validateSearchParameter(sp({ type: 'reference', expression: 'Patient.generalPractitioner.where(resolve() is Practitioner)', target: ['Practitioner'] })), []);
  assert.deepEqual(validateSearchParameter(sp({
    type: 'composite', base: ['Observation'], expression: 'Observation',
    component: [{ definition: 'http://hl7.org/fhir/SearchParameter/clinical-code', expression: 'code' }, { definition: 'http://hl7.org/fhir/SearchParameter/Observation-value-quantity', expression: 'value.as(Quantity)' }],
  })), []);
});

test('every R4 base SearchParameter would pass as a custom one (except reserved codes and special)', () => {
  const failures: string[] = [];
  for (const { resource } of loadR4Json('search-parameters.json').entry) {
    if (resource.code.startsWith('_') || resource.type === 'special') continue;
    const errors = validateSearchParameter(resource);
    if (errors.length) failures.push(`${resource.id}: ${errors.join('; ')}`);
  }
  assert.deepEqual(failures, []);
});

test('validateSearchParameter reports what is wrong', () => {
  const errs = (fields: Record<string, unknown>) => validateSearchParameter(sp(fields));
  assert.match(errs({ code: undefined }).join(), /code is required/);
  assert.match(errs({ code: '_mine' }).join(), /reserved/);
  assert.match(errs({ base: undefined }).join(), /base is required/);
  assert.match(errs({ base: ['Foo'] }).join(), /unknown base type Foo/);
  assert.match(errs({ type: undefined }).join(), /type is required/);
  assert.match(errs({ type: 'fuzzy' }).join(), /invalid type fuzzy/);
  assert.match(errs({ expression: undefined }).join(), /expression is required/);
  assert.match(errs({ url: undefined }).join(), /url is required/);
  assert.match(errs({ expression: 'Patient.name.where(' }).join(), /^expression: /);
  assert.match(errs({ expression: 'Patient.name.foo()' }).join(), /unsupported function foo/);
  assert.match(errs({ expression: 'Patient.link.other.resolve().name' }).join(), /resolve\(\) is only supported/);
  assert.match(errs({ base: ['Observation'], expression: 'Patient.name' }).join(), /no part that applies to Observation/);
  assert.match(errs({ type: 'composite' }).join(), /needs components/);
  assert.match(errs({ type: 'composite', component: [{ definition: 'http://example.org/nope', expression: 'code' }] }).join(), /definition http:\/\/example.org\/nope not found/);
  assert.match(errs({ type: 'composite', component: [{ definition: 'http://hl7.org/fhir/SearchParameter/clinical-code' }] }).join(), /expression is required/);
  assert.deepEqual(validateSearchParameter({ resourceType: 'Patient' }), ['not a SearchParameter']);
});

test('withCustom: new registry, base untouched, custom replaces same base+code, retired ignored', () => {
  const custom = reg.withCustom([
    sp({ code: 'family', url: 'http://example.org/SearchParameter/family', expression: 'Patient.name.family.first()' }),
    sp({ code: 'nickname', url: 'http://example.org/SearchParameter/nickname', expression: "Patient.name.where(use = 'nickname').given" }),
    sp({ code: 'retired-one', url: 'http://example.org/SearchParameter/r', status: 'retired' }),
    sp({ code: 'broken', url: 'http://example.org/SearchParameter/broken', base: ['Nope'] }),
  ]);
  assert.notEqual(custom, reg);
  assert.equal(custom.get('Patient', 'family')!.custom, true);
  assert.equal(custom.get('Practitioner', 'family')!.custom, undefined, 'other bases keep the base param');
  assert.equal(reg.get('Patient', 'family')!.custom, undefined);
  assert.ok(custom.get('Patient', 'nickname'));
  assert.equal(custom.get('Patient', 'retired-one'), undefined);
  assert.equal(custom.get('Patient', 'broken'), undefined);
  assert.equal(custom.rejected.length, 1);
  assert.match(custom.rejected[0].errors.join(), /unknown base type Nope/);
  assert.equal(custom.byUrl('http://example.org/SearchParameter/nickname')!.code, 'nickname');
});

test('withCustom: composite over a rejected custom param is rejected too (either order)', () => {
  const badDate = sp({ code: 'bad-date', url: 'http://example.org/SearchParameter/bad-date', type: 'date', expression: 'Patient.birthDate.foo()' });
  const composite = sp({
    code: 'name-date', url: 'http://example.org/SearchParameter/name-date', type: 'composite', expression: 'Patient',
    component: [
      { definition: 'http://hl7.org/fhir/SearchParameter/individual-given', expression: 'name.given' },
      { definition: 'http://example.org/SearchParameter/bad-date', expression: 'birthDate' },
    ],
  });
  for (const batch of [[badDate, composite], [composite, badDate]]) {
    const custom = reg.withCustom(batch);
    assert.equal(custom.get('Patient', 'name-date'), undefined);
    assert.deepEqual(custom.rejected.map((r) => r.resource.code).sort(), ['bad-date', 'name-date']);
  }
  const good = reg.withCustom([{ ...badDate, expression: 'Patient.birthDate' }, composite]);
  assert.ok(good.get('Patient', 'name-date'));
  assert.deepEqual(good.rejected, []);
});
