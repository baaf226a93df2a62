import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import type { Store } from '../store/open.js';
import type { Resource } from '../types.js';
import { FhirError } from '../errors.js';

const ctx = { tenant: 'search' };

const fixtures: Resource[] = [
  { resourceType: 'Organization', id: 'org1', name: '慧医市第一人民医院', identifier: [{ system: 'urn:uscc', value: 'U1' }] },
  {
    resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1980-05-17', active: true,
    name: [{ family: 'Müller', given: ['Hans'] }, { text: '王小明', family: '王', given: ['小明'] }],
    identifier: [
      { system: 'urn:oid:2.16.156.10011.1.3', value: '11010519491231002X', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] } },
      { system: 'urn:mrn', value: 'MRN001' },
    ],
    telecom: [{ system: 'phone', value: '13800138000' }],
    managingOrganization: { reference: 'Organization/org1' },
  },
  { resourceType: 'Patient', id: 'p2', gender: 'female', birthDate: '1990', name: [{ family: 'Li', given: ['Na'] }], managingOrganization: { reference: 'Organization/org1' } },
  { resourceType: 'Patient', id: 'p3', birthDate: '2001-02-03', name: [{ family: 'Mueller' }] },
  {
    resourceType: 'Observation', id: 'o1', status: 'final', subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
    effectiveDateTime: '2024-03-10T08:30:00Z', valueQuantity: { value: 72, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  },
  {
    resourceType: 'Observation', id: 'o2', status: 'final', subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
    effectivePeriod: { start: '2024-03-11T00:00:00Z', end: '2024-03-12T00:00:00Z' }, valueQuantity: { value: 130, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  },
  {
    resourceType: 'Observation', id: 'bp', status: 'final', subject: { reference: 'Patient/p2' },
    code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }], text: 'Blood pressure' },
    effectiveDateTime: '2024-03-10',
    component: [
      { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 150, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
      { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 95, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
    ],
  },
  { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: 'Patient/p1' }, period: { start: '2024-03-10T08:00:00Z', end: '2024-03-10T09:00:00Z' } },
  { resourceType: 'Provenance', id: 'prov1', target: [{ reference: 'Observation/o1' }], recorded: '2024-03-10T08:31:00Z', agent: [{ who: { reference: 'Organization/org1' } }] },
  { resourceType: 'RiskAssessment', id: 'ra1', status: 'final', subject: { reference: 'Patient/p1' }, prediction: [{ probabilityDecimal: 0.25 }] },
  { resourceType: 'ValueSet', id: 'vs1', status: 'active', url: 'http://example.org/fhir/ValueSet/abc', version: '1.0' },
];

async function ids(store: Store, type: string, params: [string, string][]): Promise<string[]> {
  const r = await store.repo.search(ctx, { types: [type], params });
  return r.matches.map((m) => m.id as string).sort();
}

for (const d of testDatabases()) {
  describe(`search on ${d.name}`, () => {
    let store: Store;
    before(async () => {
      store = await d.open();
      for (const r of fixtures) await store.repo.update(ctx, r);
    });
    after(async () => {
      await store?.close();
      await d.cleanup();
    });

    test('string: default prefix, case/accent-insensitive; :exact; :contains; Chinese', async () => {
      assert.deepEqual(await ids(store, 'Patient', [['family', 'mul']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['family', 'MUE']]), ['p3']);
      assert.deepEqual(await ids(store, 'Patient', [['name', 'hans']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['family:exact', 'Müller']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['family:exact', 'müller']]), []);
      assert.deepEqual(await ids(store, 'Patient', [['name:contains', 'ell']]), ['p3']);
      assert.deepEqual(await ids(store, 'Patient', [['name', '王']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['name', '小明']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['name', 'li,mue']]), ['p2', 'p3']);
      assert.deepEqual(await ids(store, 'Patient', [['name:contains', '%']]), []);
    });

    test('token: code, system|code, |code, system|, :not, :text, :of-type, boolean', async () => {
      assert.deepEqual(await ids(store, 'Observation', [['code', '8867-4']]), ['o1', 'o2']);
      assert.deepEqual(await ids(store, 'Observation', [['code', 'http://loinc.org|8867-4']]), ['o1', 'o2']);
      assert.deepEqual(await ids(store, 'Observation', [['code', 'http://other|8867-4']]), []);
      assert.deepEqual(await ids(store, 'Observation', [['code', '|8867-4']]), []);
      assert.deepEqual(await ids(store, 'Patient', [['identifier', 'urn:mrn|']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['gender:not', 'male']]), ['p2', 'p3']);
      assert.deepEqual(await ids(store, 'Observation', [['code:text', 'blood']]), ['bp']);
      assert.deepEqual(await ids(store, 'Observation', [['code:text', 'heart']]), ['o1']);
      assert.deepEqual(
        await ids(store, 'Patient', [['identifier:of-type', 'http://terminology.hl7.org/CodeSystem/v2-0203|NI|11010519491231002X']]),
        ['p1'],
      );
      assert.deepEqual(await ids(store, 'Patient', [['active', 'true']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['telecom', '13800138000']]), ['p1']);
    });

    test(':missing', async () => {
      assert.deepEqual(await ids(store, 'Patient', [['gender:missing', 'true']]), ['p3']);
      assert.deepEqual(await ids(store, 'Patient', [['gender:missing', 'false']]), ['p1', 'p2']);
    });

    test('date: prefixes against partial dates and periods, at the edges', async () => {
      // p2 birthDate 1990 covers the whole year
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', '1990']]), ['p2']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', '1990-06']]), []);
      // strict R4 semantics: ge = the range above overlaps, or the search range contains the value
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'ge1990-12-31']]), ['p3']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'ge1990']]), ['p2', 'p3']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'lt1990-01-01']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'le1990-01-01']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'le1990']]), ['p1', 'p2']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'gt1990']]), ['p3']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'sa1990']]), ['p3']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'eb1990']]), ['p1']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'ne1980-05-17']]), ['p2', 'p3']);
      assert.deepEqual(await ids(store, 'Patient', [['birthdate', 'ge1980-05-17'], ['birthdate', 'le1980-05-17']]), ['p1']);
      // o2's period [03-11T00:00, 03-12T00:00]: eq day 11 does not contain it (it ends on the 12th)
      assert.deepEqual(await ids(store, 'Observation', [['date', '2024-03-11']]), []);
      assert.deepEqual(await ids(store, 'Observation', [['date', 'ge2024-03-11']]), ['o2']);
      assert.deepEqual(await ids(store, 'Observation', [['date', 'gt2024-03-11T23:59:59Z']]), ['o2']);
      assert.deepEqual(await ids(store, 'Observation', [['date', 'lt2024-03-11T00:00:00Z']]), ['bp', 'o1']);
      assert.deepEqual(await ids(store, 'Observation', [['date', '2024-03-10T08:30:00Z']]), ['o1']);
      assert.deepEqual(await ids(store, 'Observation', [['date', '2024-03-10T16:30:00+08:00']]), ['o1']);
      assert.deepEqual(await ids(store, 'Observation', [['date', '2024-03']]), ['bp', 'o1', 'o2']);
      assert.deepEqual(await ids(store, 'Encounter', [['date', 'ap2024-03-10']]), ['e1']);
    });

    test('number and quantity with prefixes, precision and units', async () => {
      assert.deepEqual(await ids(store, 'RiskAssessment', [['probability', '0.25']]), ['ra1']);
      assert.deepEqual(await ids(store, 'RiskAssessment', [['probability', '0.3']]), ['ra1'], '0.3 means [0.25, 0.35)');
      assert.deepEqual(await ids(store, 'RiskAssessment', [['probability', '0.4']]), []);
      assert.deepEqual(await ids(store, 'RiskAssessment', [['probability', '0.250']]), ['ra1']);
      assert.deepEqual(await ids(store, 'RiskAssessment', [['probability', 'gt0.2']]), ['ra1']);
      assert.deepEqual(await ids(store, 'RiskAssessment', [['probability', 'lt0.25']]), []);
      assert.deepEqual(await ids(store, 'RiskAssessment', [['probability', 'le0.25']]), ['ra1']);
      assert.deepEqual(await ids(store, 'Observation', [['value-quantity', '72']]), ['o1']);
      assert.deepEqual(await ids(store, 'Observation', [['value-quantity', 'gt100']]), ['o2']);
      assert.deepEqual(await ids(store, 'Observation', [['value-quantity', 'ge72|http://unitsofmeasure.org|/min']]), ['o1', 'o2']);
      assert.deepEqual(await ids(store, 'Observation', [['value-quantity', '72||/min']]), ['o1']);
      assert.deepEqual(await ids(store, 'Observation', [['value-quantity', '72|http://unitsofmeasure.org|kg']]), []);
      assert.deepEqual(await ids(store, 'Observation', [['value-quantity', 'ap70']]), ['o1']);
    });

    test('reference: Type/id, bare id, :Type, absolute URL; uri :below/:above', async () => {
      assert.deepEqual(await ids(store, 'Observation', [['subject', 'Patient/p1']]), ['o1', 'o2']);
      assert.deepEqual(await ids(store, 'Observation', [['patient', 'p1']]), ['o1', 'o2']);
      assert.deepEqual(await ids(store, 'Observation', [['subject:Patient', 'p2']]), ['bp']);
      assert.deepEqual(await ids(store, 'Observation', [['subject', 'http://example.org/fhir/Patient/p2']]), ['bp']);
      assert.deepEqual(await ids(store, 'ValueSet', [['url', 'http://example.org/fhir/ValueSet/abc']]), ['vs1']);
      assert.deepEqual(await ids(store, 'ValueSet', [['url:below', 'http://example.org/fhir']]), ['vs1']);
      assert.deepEqual(await ids(store, 'ValueSet', [['url:above', 'http://example.org/fhir/ValueSet/abc/extra']]), ['vs1']);
      assert.deepEqual(await ids(store, 'ValueSet', [['url', 'http://example.org/fhir']]), []);
    });

    test('composite: code-value-quantity and component-code-value-quantity', async () => {
      assert.deepEqual(await ids(store, 'Observation', [['code-value-quantity', 'http://loinc.org|8867-4$gt100']]), ['o2']);
      assert.deepEqual(await ids(store, 'Observation', [['component-code-value-quantity', 'http://loinc.org|8480-6$ge140']]), ['bp']);
      assert.deepEqual(await ids(store, 'Observation', [['component-code-value-quantity', 'http://loinc.org|8462-4$ge140']]), []);
      await assert.rejects(store.repo.search(ctx, { types: ['Observation'], params: [['code-value-quantity', '8867-4']] }), FhirError);
    });

    test('_id, _lastUpdated, chains, reverse chains', async () => {
      assert.deepEqual(await ids(store, 'Patient', [['_id', 'p1,p3']]), ['p1', 'p3']);
      assert.deepEqual(await ids(store, 'Patient', [['_lastUpdated', 'gt2000-01-01']]), ['p1', 'p2', 'p3']);
      assert.deepEqual(await ids(store, 'Patient', [['_lastUpdated', 'lt2000-01-01']]), []);
      assert.deepEqual(await ids(store, 'Observation', [['subject:Patient.name', 'li']]), ['bp']);
      assert.deepEqual(await ids(store, 'Observation', [['patient.gender', 'male']]), ['o1', 'o2']);
      assert.deepEqual(await ids(store, 'Observation', [['patient.organization.name', '慧医']]), ['bp', 'o1', 'o2']);
      assert.deepEqual(await ids(store, 'Patient', [['_has:Observation:patient:code', '85354-9']]), ['p2']);
      assert.deepEqual(await ids(store, 'Patient', [['_has:Observation:subject:_has:Provenance:target:agent', 'Organization/org1']]), ['p1']);
    });

    test('_tag, _profile, _security on meta', async () => {
      await store.repo.update(ctx, {
        resourceType: 'Observation', id: 'o-meta', status: 'final', code: { text: 'm' },
        meta: { tag: [{ system: 'urn:tags', code: 'demo' }], profile: ['http://hl7.org/fhir/StructureDefinition/vitalsigns'], security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
      });
      assert.deepEqual(await ids(store, 'Observation', [['_tag', 'urn:tags|demo']]), ['o-meta']);
      assert.deepEqual(await ids(store, 'Observation', [['_profile', 'http://hl7.org/fhir/StructureDefinition/vitalsigns']]), ['o-meta']);
      assert.deepEqual(await ids(store, 'Observation', [['_security', 'R']]), ['o-meta']);
      assert.deepEqual(await ids(store, 'Observation', [['_tag', 'urn:tags|other']]), []);
      await store.repo.delete(ctx, 'Observation', 'o-meta');
    });

    test('AND by repetition, OR by comma', async () => {
      assert.deepEqual(await ids(store, 'Observation', [['code', '8867-4'], ['value-quantity', 'lt100']]), ['o1']);
      assert.deepEqual(await ids(store, 'Observation', [['code', '8867-4,85354-9']]), ['bp', 'o1', 'o2']);
    });

    test('_include, _revinclude (with :iterate), no duplicates', async () => {
      const r = await store.repo.search(ctx, {
        types: ['Observation'],
        params: [['code', '8867-4'], ['_include', 'Observation:subject'], ['_revinclude', 'Provenance:target']],
      });
      assert.deepEqual(r.matches.map((m) => m.id).sort(), ['o1', 'o2']);
      assert.deepEqual(r.included.map((m) => `${m.resourceType}/${m.id}`).sort(), ['Patient/p1', 'Provenance/prov1']);
      const it = await store.repo.search(ctx, {
        types: ['Observation'],
        params: [['_id', 'o1'], ['_include', 'Observation:subject'], ['_include:iterate', 'Patient:organization']],
      });
      assert.deepEqual(it.included.map((m) => `${m.resourceType}/${m.id}`).sort(), ['Organization/org1', 'Patient/p1']);
    });

    test('_sort, _count, paging links, _total, _summary=count', async () => {
      const asc = await store.repo.search(ctx, { types: ['Patient'], params: [['_sort', 'birthdate']] });
      assert.deepEqual(asc.matches.map((m) => m.id), ['p1', 'p2', 'p3']);
      const desc = await store.repo.search(ctx, { types: ['Patient'], params: [['_sort', '-birthdate']] });
      assert.deepEqual(desc.matches.map((m) => m.id), ['p3', 'p2', 'p1']);
      const byGender = await store.repo.search(ctx, { types: ['Patient'], params: [['_sort', 'gender,-_id']] });
      assert.deepEqual(byGender.matches.map((m) => m.id), ['p2', 'p1', 'p3'], 'missing values sort last');
      const page = await store.repo.search(ctx, { types: ['Patient'], params: [['_count', '2'], ['_total', 'accurate']] });
      assert.equal(page.matches.length, 2);
      assert.equal(page.total, 3);
      assert.ok(page.nextQuery);
      const next = await store.repo.search(ctx, { types: ['Patient'], params: [...new URLSearchParams(page.nextQuery)] });
      assert.equal(next.matches.length, 1);
      assert.equal(next.nextQuery, undefined);
      assert.ok(next.previousQuery);
      const prev = await store.repo.search(ctx, { types: ['Patient'], params: [...new URLSearchParams(next.previousQuery)] });
      assert.deepEqual(prev.matches.map((m) => m.id), page.matches.map((m) => m.id));
      const cnt = await store.repo.search(ctx, { types: ['Patient'], params: [['_summary', 'count']] });
      assert.equal(cnt.total, 3);
      assert.equal(cnt.matches.length, 0);
    });

    test('deleted resources disappear from search and includes', async () => {
      await store.repo.update(ctx, { resourceType: 'Patient', id: 'p-gone', gender: 'other' });
      assert.deepEqual(await ids(store, 'Patient', [['gender', 'other']]), ['p-gone']);
      await store.repo.delete(ctx, 'Patient', 'p-gone');
      assert.deepEqual(await ids(store, 'Patient', [['gender', 'other']]), []);
    });

    test('system search with _type and compartment search', async () => {
      const sys = await store.repo.search(ctx, { params: [['_type', 'Patient,Organization'], ['_id', 'org1,p2']] });
      assert.deepEqual(sys.matches.map((m) => m.id).sort(), ['org1', 'p2']);
      const comp = await store.repo.search(ctx, { types: ['Observation'], params: [], compartment: { type: 'Patient', id: 'p1' } });
      assert.deepEqual(comp.matches.map((m) => m.id).sort(), ['o1', 'o2']);
      const all = await store.repo.search(ctx, { params: [], compartment: { type: 'Patient', id: 'p1' } });
      assert.deepEqual(all.matches.map((m) => `${m.resourceType}/${m.id}`).sort(), ['Encounter/e1', 'Observation/o1', 'Observation/o2', 'Patient/p1', 'RiskAssessment/ra1']);
    });

    test('unknown parameters: warning by default, 400 when strict; junk values are 400 not 500', async () => {
      const r = await store.repo.search(ctx, { types: ['Patient'], params: [['nonsense', 'x']] });
      assert.equal(r.matches.length, 3);
      assert.equal(r.issues.length, 1);
      await assert.rejects(store.repo.search(ctx, { types: ['Patient'], params: [['nonsense', 'x']], strict: true }), (e: unknown) => e instanceof FhirError && e.status === 400);
      for (const [k, v] of [
        ['birthdate', "1990'; DROP TABLE resources; --"], ['birthdate', 'gt'], ['birthdate', '2020-13-01'], ['_count', '-1'],
        ['value-quantity', 'abc'], ['subject', 'Patient/../../etc'], ['_sort', 'nonsense'], ['gender:bogus', 'x'],
        ['_has:Observation', 'x'], ['_include', 'Observation'], ['_cursor', 'zz'], ['family', ''],
      ] as const) {
        await assert.rejects(
          store.repo.search(ctx, { types: [k.startsWith('value') || k === 'subject' ? 'Observation' : 'Patient'], params: [[k, v]] }),
          (e: unknown) => e instanceof FhirError && e.status === 400,
          `${k}=${v}`,
        );
      }
      assert.deepEqual(await ids(store, 'Patient', [['family', "x' OR '1'='1"]]), []);
    });

    test('paging is stable while resources are created concurrently', async () => {
      const t = { tenant: 'paging' };
      for (let i = 0; i < 30; i++) await store.repo.update(t, { resourceType: 'Patient', id: `pp${i}`, gender: 'male' });
      const seen: string[] = [];
      let q: [string, string][] = [['gender', 'male'], ['_count', '7']];
      let inserted = 0;
      for (;;) {
        const page = await store.repo.search(t, { types: ['Patient'], params: q });
        seen.push(...page.matches.map((m) => m.id as string));
        // writes between pages: new matches and updates of already-seen ones
        await store.repo.update(t, { resourceType: 'Patient', id: `new${inserted++}`, gender: 'male' });
        await store.repo.update(t, { resourceType: 'Patient', id: 'pp0', gender: 'male', active: true });
        if (!page.nextQuery) break;
        q = [...new URLSearchParams(page.nextQuery)];
      }
      assert.equal(new Set(seen).size, seen.length, 'no resource appears twice');
      for (let i = 0; i < 30; i++) assert.ok(seen.includes(`pp${i}`), `pp${i} seen`);
    });

    test('a custom SearchParameter (incl. composite) becomes searchable after a reindex, without DDL', async () => {
      const t = { tenant: 'custom' };
      await store.repo.update(t, { resourceType: 'Patient', id: 'c1', birthDate: '1970-01-01', extension: [{ url: 'http://huiyi.dev/ext/blood-type', valueCode: 'AB' }] });
      await store.repo.update(t, { resourceType: 'Patient', id: 'c2', birthDate: '1971-01-01', extension: [{ url: 'http://huiyi.dev/ext/blood-type', valueCode: 'O' }] });
      await assert.rejects(store.repo.search(t, { types: ['Patient'], params: [['blood-type', 'AB']], strict: true }));
      await store.repo.create(t, {
        resourceType: 'SearchParameter', url: 'http://huiyi.dev/SearchParameter/patient-blood-type', name: 'blood-type', status: 'active',
        description: 'ABO blood type', code: 'blood-type', base: ['Patient'], type: 'token',
        expression: "Patient.extension('http://huiyi.dev/ext/blood-type').value",
      });
      assert.deepEqual((await store.repo.search(t, { types: ['Patient'], params: [['blood-type', 'AB']], strict: true })).matches.map((m) => m.id), ['c1']);
      await store.repo.create(t, {
        resourceType: 'SearchParameter', url: 'http://huiyi.dev/SearchParameter/patient-blood-birth', name: 'blood-birth', status: 'active',
        description: 'blood type and birth date', code: 'blood-birth', base: ['Patient'], type: 'composite', expression: 'Patient',
        component: [
          { definition: 'http://huiyi.dev/SearchParameter/patient-blood-type', expression: "extension('http://huiyi.dev/ext/blood-type').value" },
          { definition: 'http://hl7.org/fhir/SearchParameter/individual-birthdate', expression: 'birthDate' },
        ],
      });
      assert.deepEqual((await store.repo.search(t, { types: ['Patient'], params: [['blood-birth', 'O$ge1971']], strict: true })).matches.map((m) => m.id), ['c2']);
      // new writes are indexed by the new parameter too
      await store.repo.update(t, { resourceType: 'Patient', id: 'c3', extension: [{ url: 'http://huiyi.dev/ext/blood-type', valueCode: 'AB' }] });
      assert.deepEqual((await store.repo.search(t, { types: ['Patient'], params: [['blood-type', 'AB']] })).matches.map((m) => m.id).sort(), ['c1', 'c3']);
      // other tenants do not get it
      await assert.rejects(store.repo.search(ctx, { types: ['Patient'], params: [['blood-type', 'AB']], strict: true }));
      // an invalid SearchParameter is refused
      await assert.rejects(
        store.repo.create(t, { resourceType: 'SearchParameter', url: 'http://x/y', name: 'y', status: 'active', description: 'd', code: 'y', base: ['Patient'], type: 'token', expression: 'Patient.(' }),
        (e: unknown) => e instanceof FhirError && e.status < 500,
      );
    });
  });
}
