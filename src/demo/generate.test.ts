import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Resource } from '../fhir/types.js';
import { DEPARTMENTS } from './departments.js';
import { DEFAULT_NOW, generateDemoHospital } from './generate.js';
import { isValidIdCard, parseIdCard } from './id-card.js';
import { SYS } from './codes.js';

const out = generateDemoHospital();
const ofType = (t: string): any[] => out.filter((r) => r.resourceType === t);

/** Every nested object of a resource, depth first. */
function walk(value: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

describe('generateDemoHospital determinism', () => {
  it('is byte-identical across runs and with the defaults spelled out', () => {
    const json = JSON.stringify(out);
    assert.equal(JSON.stringify(generateDemoHospital()), json);
    assert.equal(JSON.stringify(generateDemoHospital({ seed: 20231101, patients: 200, now: new Date('2026-11-01T00:00:00Z') })), json);
  });

  it('differs for another seed but keeps the ids of the fixed parts', () => {
    const other = generateDemoHospital({ seed: 7 });
    assert.notEqual(JSON.stringify(other), JSON.stringify(out));
    const ids = (rs: Resource[], t: string): string[] => rs.filter((r) => r.resourceType === t).map((r) => r.id as string);
    assert.deepEqual(ids(other, 'Organization'), ids(out, 'Organization'));
    assert.deepEqual(ids(other, 'Patient'), ids(out, 'Patient'));
  });

  it('shares no object between resources, nor with a later run', () => {
    const seen = new Set<object>();
    for (const r of out) walk(r, (o) => { assert.ok(!seen.has(o), JSON.stringify(o)); seen.add(o); });
    walk(generateDemoHospital({ patients: 5 }), (o) => assert.ok(!seen.has(o)));
  });

  it('rejects nonsense options', () => {
    assert.throws(() => generateDemoHospital({ patients: -1 }));
    assert.throws(() => generateDemoHospital({ seed: 1.5 }));
    assert.throws(() => generateDemoHospital({ now: new Date('nope') }));
  });
});

describe('generateDemoHospital shape', () => {
  it('has the expected counts for the default run', () => {
    assert.equal(ofType('Patient').length, 200);
    assert.ok(ofType('Practitioner').length >= 50 && ofType('Practitioner').length <= 80);
    assert.equal(ofType('PractitionerRole').length, ofType('Practitioner').length);
    assert.ok(ofType('Encounter').length >= 300);
    assert.ok(ofType('Observation').length >= 2000);
    assert.ok(ofType('Condition').length >= 200);
    assert.ok(ofType('AllergyIntolerance').length >= 5);
    assert.equal(out[0]?.resourceType, 'Organization');
  });

  it('honours opts.patients, down to none', () => {
    assert.equal(generateDemoHospital({ patients: 37 }).filter((r) => r.resourceType === 'Patient').length, 37);
    const empty = generateDemoHospital({ patients: 0 });
    assert.equal(empty.filter((r) => r.resourceType === 'Patient' || r.resourceType === 'Encounter').length, 0);
  });

  it('gives every resource a valid id, unique within its type', () => {
    const seen = new Set<string>();
    for (const r of out) {
      assert.match(r.id ?? '', /^[A-Za-z0-9\-.]{1,64}$/);
      const key = `${r.resourceType}/${r.id}`;
      assert.ok(!seen.has(key), key);
      seen.add(key);
    }
  });

  it('resolves every reference to an earlier resource in the output', () => {
    const position = new Map(out.map((r, i) => [`${r.resourceType}/${r.id}`, i]));
    let refs = 0;
    out.forEach((r, i) => walk(r, (o) => {
      if (typeof o.reference !== 'string') return;
      refs += 1;
      const at = position.get(o.reference);
      assert.ok(at !== undefined, `${r.resourceType}/${r.id} → ${o.reference}`);
      assert.ok(at < i, `${r.resourceType}/${r.id} comes before ${o.reference}`);
    }));
    assert.ok(refs > 10000);
  });

  it('writes every time in China time, never after now', () => {
    const now = Date.parse(DEFAULT_NOW);
    out.forEach((r) => walk(r, (o) => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(v)) continue;
        assert.match(v, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/, k);
        assert.ok(Date.parse(v) <= now, `${r.id} ${k} ${v}`);
      }
    }));
  });

  it('follows a caller-supplied now', () => {
    const now = new Date('2031-03-15T10:30:00+08:00');
    const later = generateDemoHospital({ patients: 20, now });
    const starts = later.filter((r) => r.resourceType === 'Encounter').map((e: any) => Date.parse(e.period.start));
    assert.ok(Math.max(...starts) <= now.getTime() && Math.max(...starts) > now.getTime() - 200 * 86_400_000);
  });
});

describe('organizations', () => {
  it('has the hospital and at least 20 departments coded by 诊疗科目, part of the hospital', () => {
    const [hospital, ...rest] = ofType('Organization');
    assert.equal(hospital.name, '慧医市第一人民医院');
    assert.ok(hospital.identifier.some((i: any) => i.system === SYS.uscc && /^[0-9A-Z]{18}$/.test(i.value)));
    const depts = rest.filter((o) => o.type.some((t: any) => t.coding?.[0]?.system === SYS.department));
    assert.ok(depts.length >= 20);
    for (const d of rest) assert.equal(d.partOf.reference, `Organization/${hospital.id}`);
    const codes = new Set(depts.map((d) => d.type[0].coding[0].code));
    for (const needed of ['03.04', '04.01', '05.02', '07', '10', '11', '12', '13', '15', '20', '28', '30', '32', '50']) {
      assert.ok(codes.has(needed), needed);
    }
    assert.equal(codes.size, DEPARTMENTS.length);
  });
});

describe('patients', () => {
  const patients = ofType('Patient');

  it('carry a valid 身份证 that encodes their birth date and gender (newborns excepted)', () => {
    let withId = 0;
    for (const p of patients) {
      const nid = p.identifier.find((i: any) => i.system === SYS.idCard);
      if (!nid) {
        assert.ok(Date.parse(p.birthDate) > Date.parse(DEFAULT_NOW) - 31 * 86_400_000, `${p.id} has no 身份证`);
        continue;
      }
      withId += 1;
      assert.ok(isValidIdCard(nid.value), nid.value);
      const facts = parseIdCard(nid.value);
      assert.equal(facts?.birthDate, p.birthDate);
      assert.equal(facts?.gender, p.gender);
      assert.equal(nid.type.coding[0].code, 'NI');
    }
    assert.ok(withId >= 190);
    const ids = patients.flatMap((p) => p.identifier.filter((i: any) => i.system === SYS.idCard).map((i: any) => i.value));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('have a unique MRN, Chinese and pinyin names, phones and a Chinese address', () => {
    const mrns = patients.map((p) => p.identifier.find((i: any) => i.system === SYS.mrn)?.value);
    assert.equal(new Set(mrns).size, patients.length);
    for (const p of patients) {
      assert.match(p.name[0].text, /^\p{Script=Han}{2,3}$/u);
      assert.equal(p.name[0].text, p.name[0].family + p.name[0].given[0]);
      assert.equal(p.name[1].use, 'usual');
      for (const t of p.telecom ?? []) assert.match(t.value, /^1[358]\d{9}$/);
      assert.match(p.address[0].text, /^\p{Script=Han}/u);
      assert.equal(p.contact[0].relationship[0].coding[0].code, 'C');
      assert.equal(p.communication[0].language.coding[0].code, 'zh-CN');
    }
  });

  it('span newborns to the very old, both sexes', () => {
    const years = patients.map((p) => 2026 - Number(p.birthDate.slice(0, 4)));
    assert.ok(Math.min(...years) === 0 && Math.max(...years) >= 85);
    const male = patients.filter((p) => p.gender === 'male').length;
    assert.ok(male > 70 && male < 130);
  });
});

describe('staff', () => {
  const practitioners = ofType('Practitioner');
  const roles = ofType('PractitionerRole');

  it('has doctors, nurses, pharmacists, technicians and IT staff with the usual titles', () => {
    const titles = new Set(practitioners.map((p) => p.qualification[0].code.text));
    for (const t of ['主任医师', '副主任医师', '主治医师', '住院医师', '主管护师', '护师', '主管药师', '主管技师']) assert.ok(titles.has(t), t);
    const codes = new Set(roles.flatMap((r) => r.code.map((c: any) => c.coding[0].code)));
    for (const c of ['doctor', 'nurse', 'pharmacist', 'ict', 'technician', 'head-nurse', 'department-director']) assert.ok(codes.has(c), c);
  });

  it('licenses clinicians and links each role to a department and its places', () => {
    for (const p of practitioners) {
      assert.match(p.name[0].text, /^\p{Script=Han}{2,3}$/u);
      assert.ok(p.identifier.length >= 1);
    }
    const doctors = roles.filter((r) => r.code[0].coding[0].code === 'doctor');
    assert.ok(doctors.length >= 30);
    for (const r of doctors) {
      assert.match(r.organization.reference, /^Organization\/dept-/);
      assert.ok(r.location?.length >= 1, r.id);
      assert.equal(r.specialty[0].coding[0].system, SYS.department);
    }
  });
});
