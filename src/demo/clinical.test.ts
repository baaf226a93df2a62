import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYS } from './codes.js';
import { DEFAULT_NOW, generateDemoHospital } from './generate.js';

const out = generateDemoHospital() as any[];
const ofType = (t: string): any[] => out.filter((r) => r.resourceType === t);
const encounters = new Map(ofType('Encounter').map((e) => [`Encounter/${e.id}`, e]));
const patients = new Map(ofType('Patient').map((p) => [`Patient/${p.id}`, p]));
const observations = ofType('Observation');
const now = Date.parse(DEFAULT_NOW);

const UNITS: Record<string, string> = {
  '8867-4': '/min', '9279-1': '/min', '8310-5': 'Cel', '2708-6': '%', '29463-7': 'kg', '8302-2': 'cm', '85354-9': 'mm[Hg]',
};

describe('encounters', () => {
  const all = [...encounters.values()];
  const count = (cls: string, status: string): number => all.filter((e) => e.class.code === cls && e.status === status).length;

  it('mixes outpatient, inpatient and emergency visits, some happening now', () => {
    assert.ok(count('AMB', 'finished') > 200);
    assert.ok(count('AMB', 'in-progress') >= 1);
    assert.ok(count('IMP', 'in-progress') >= 25);
    assert.ok(count('IMP', 'finished') >= 5);
    assert.ok(count('EMER', 'finished') >= 5);
  });

  it('has consistent periods: after birth, start ≤ end ≤ now, end only when finished', () => {
    for (const e of all) {
      const start = Date.parse(e.period.start);
      const born = Date.parse(`${patients.get(e.subject.reference).birthDate}T00:00:00+08:00`);
      assert.ok(start >= born && start <= now, e.id);
      assert.equal(e.period.end === undefined, e.status === 'in-progress', e.id);
      if (e.period.end) assert.ok(Date.parse(e.period.end) >= start && Date.parse(e.period.end) <= now, e.id);
    }
  });

  it('puts inpatients in a ward and bed, and discharges finished stays', () => {
    for (const e of all.filter((x) => x.class.code === 'IMP')) {
      const types = e.location.map((l: any) => l.physicalType.coding[0].code);
      assert.deepEqual(types, ['wa', 'ro', 'bd']);
      assert.ok(e.hospitalization.admitSource.coding[0].code);
      assert.equal(e.hospitalization.dischargeDisposition !== undefined, e.status === 'finished', e.id);
      for (const l of e.location) assert.equal(l.status, e.status === 'finished' ? 'completed' : 'active');
    }
  });
});

describe('vital signs', () => {
  it('follow the vital-signs profile: category, LOINC code, UCUM unit, subject and encounter', () => {
    for (const o of observations) {
      assert.ok(o.meta.profile.includes('http://hl7.org/fhir/StructureDefinition/vitalsigns'));
      assert.equal(o.category[0].coding[0].code, 'vital-signs');
      assert.equal(o.status, 'final');
      const code = o.code.coding[0];
      assert.equal(code.system, SYS.loinc);
      const q = o.valueQuantity ?? o.component?.[0]?.valueQuantity;
      assert.equal(q.system, SYS.ucum);
      assert.equal(q.code, UNITS[code.code], code.code);
      const enc = encounters.get(o.encounter.reference);
      assert.equal(o.subject.reference, enc.subject.reference);
      const t = Date.parse(o.effectiveDateTime);
      assert.ok(t >= Date.parse(enc.period.start) && t <= (enc.period.end ? Date.parse(enc.period.end) : now), o.id);
    }
  });

  it('stay in physiological ranges, with some abnormal readings', () => {
    const values = (code: string): number[] => observations.filter((o) => o.code.coding[0].code === code).map((o) => o.valueQuantity.value);
    const within = (xs: number[], lo: number, hi: number): void => { for (const x of xs) assert.ok(x >= lo && x <= hi, `${x}`); };
    within(values('8867-4'), 35, 220);
    within(values('9279-1'), 8, 80);
    within(values('8310-5'), 34.5, 41.5);
    within(values('2708-6'), 75, 100);
    within(values('29463-7'), 1.5, 150);
    within(values('8302-2'), 40, 200);
    const bp = observations.filter((o) => o.code.coding[0].code === '85354-9').map((o) => o.component.map((c: any) => c.valueQuantity.value));
    for (const [s, d] of bp) assert.ok(s >= 60 && s <= 240 && d >= 25 && d < s, `${s}/${d}`);
    assert.ok(values('8310-5').some((t) => t >= 38.0));
    assert.ok(values('2708-6').some((s) => s <= 93));
    assert.ok(bp.some(([s]) => s >= 160));
  });

  it('measures current inpatients several times a day, consistently', () => {
    const inpatients = [...encounters.values()].filter((e) => e.class.code === 'IMP' && e.status === 'in-progress');
    let multiDay = 0;
    for (const e of inpatients) {
      const hr = observations.filter((o) => o.encounter.reference === `Encounter/${e.id}` && o.code.coding[0].code === '8867-4');
      assert.ok(hr.length >= 1, e.id);
      const days = new Set(hr.map((o) => o.effectiveDateTime.slice(0, 10)));
      if (days.size >= 3) multiDay += 1;
      const values = hr.map((o) => o.valueQuantity.value);
      assert.ok(Math.max(...values) - Math.min(...values) <= 60, `${e.id} heart rate ${values}`);
    }
    assert.ok(multiDay >= 10, `${multiDay} inpatients with 3+ days of readings`);
  });
});

describe('conditions and allergies', () => {
  it('code conditions in ICD-10 with Chinese names', () => {
    for (const c of ofType('Condition')) {
      assert.equal(c.code.coding[0].system, SYS.icd10);
      assert.match(c.code.coding[0].code, /^[A-Z]\d\d(\.\d)?$/);
      assert.match(c.code.text, /\p{Script=Han}/u);
      assert.ok(patients.has(c.subject.reference));
    }
  });

  it('records allergies, penicillin among them', () => {
    const allergies = ofType('AllergyIntolerance');
    assert.ok(allergies.some((a) => a.code.text === '青霉素类抗生素'));
    for (const a of allergies) assert.ok(['low', 'high'].includes(a.criticality));
  });
});
