// The order tables are consistent, and every reference-interval and critical-limit boundary flags as documented.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loincCheckDigitOk } from '../notes/templates.js';
import { DOSE_UNITS, FREQUENCIES, ROUTES, timingOf } from './medication-vocabulary.js';
import { ANALYTES, TESTS } from './test-catalogue.js';
import { REFERENCE_RANGES, type ReferenceInterval } from './reference-ranges.js';
import { ageInYears, intervalFor, judge, type PatientFacts } from './interpretation.js';

const unique = (xs: string[], what: string) => assert.equal(new Set(xs).size, xs.length, `${what} repeat`);

describe('order vocabularies (data)', () => {
  test('routes, frequencies and dose units have unique codes and both names', () => {
    unique(ROUTES.map((r) => r.code), 'route codes');
    unique(FREQUENCIES.map((f) => f.code), 'frequency codes');
    unique(DOSE_UNITS.map((u) => u.code), 'dose units');
    for (const x of [...ROUTES, ...FREQUENCIES, ...DOSE_UNITS]) assert.ok(x.name.zh && x.name.en, JSON.stringify(x));
    for (const f of FREQUENCIES) assert.ok(!!f.repeat !== !!f.asNeeded, `${f.code}: a Timing or as-needed`);
    assert.deepEqual(timingOf(FREQUENCIES.find((f) => f.code === 'tid')!), {
      repeat: { frequency: 3, period: 1, periodUnit: 'd' },
      code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'TID', display: 'TID' }, { system: 'https://huiyi.dev/fhir/CodeSystem/medication-frequency', code: 'tid', display: '每日三次' }], text: 'tid' },
    });
    assert.equal(timingOf(FREQUENCIES.find((f) => f.code === 'prn')!), undefined);
  });

  test('catalogue: unique keys, valid LOINC codes, every lab analyte known, imaging without analytes', () => {
    unique(TESTS.map((t) => t.key), 'test keys');
    unique(ANALYTES.map((a) => a.loinc.code), 'analyte codes');
    for (const t of TESTS) {
      if (t.loinc) assert.ok(loincCheckDigitOk(t.loinc.code), `${t.key} ${t.loinc.code}`);
      if (t.kind === 'laboratory') {
        assert.ok(t.analytes?.length, t.key);
        for (const c of t.analytes ?? []) assert.ok(ANALYTES.some((a) => a.loinc.code === c), `${t.key}: ${c}`);
      } else assert.equal(t.analytes, undefined, t.key);
    }
    for (const a of ANALYTES) assert.ok(loincCheckDigitOk(a.loinc.code), `${a.abbr} ${a.loinc.code}`);
  });

  test('reference ranges: known analytes, low < high, critical limits outside every interval, sourced', () => {
    unique(REFERENCE_RANGES.map((r) => r.loinc), 'range analytes');
    for (const r of REFERENCE_RANGES) {
      assert.ok(ANALYTES.some((a) => a.loinc.code === r.loinc), r.loinc);
      for (const i of r.intervals) {
        assert.ok(i.low! < i.high!, `${r.loinc} ${i.low}–${i.high}`);
        assert.ok(i.source, r.loinc);
        if (r.critical?.low !== undefined) assert.ok(r.critical.low < i.low!, `${r.loinc} critical low inside the interval`);
        if (r.critical?.high !== undefined) assert.ok(r.critical.high > i.high!, `${r.loinc} critical high inside the interval`);
      }
    }
  });
});

describe('abnormal flags at every boundary', () => {
  // a patient the interval applies to
  const facts = (i: ReferenceInterval): PatientFacts => ({ ...(i.sex ? { sex: i.sex } : { sex: 'male' }), ageYears: i.age?.min ?? 40 });

  test('every interval: low and high are normal (high exclusive where marked), beyond them L / H', () => {
    for (const r of REFERENCE_RANGES) {
      for (const i of r.intervals) {
        const p = facts(i);
        assert.equal(intervalFor(r.loinc, p), i, `${r.loinc} ${JSON.stringify(p)} picks its interval`);
        const eps = 0.001;
        const expectAt = (v: number, flag: string) => {
          const crit = r.critical;
          const expected = crit?.low !== undefined && v <= crit.low ? 'LL' : crit?.high !== undefined && v >= crit.high ? 'HH' : flag;
          assert.equal(judge(r.loinc, v, p).flag, expected, `${r.loinc} ${i.sex ?? ''} ${JSON.stringify(i.age)} value ${v}`);
        };
        expectAt(i.low!, 'N');
        expectAt(i.low! - eps, 'L');
        expectAt(i.high!, i.highExclusive ? 'H' : 'N');
        expectAt(i.high! - eps, 'N');
        expectAt(i.high! + eps, 'H');
      }
    }
  });

  test('critical limits: at the limit is critical, just inside is not', () => {
    for (const r of REFERENCE_RANGES) {
      const p = facts(r.intervals[0]);
      if (r.critical?.low !== undefined) {
        assert.equal(judge(r.loinc, r.critical.low, p).flag, 'LL', r.loinc);
        assert.equal(judge(r.loinc, r.critical.low + 0.001, p).flag, 'L', r.loinc);
      }
      if (r.critical?.high !== undefined) {
        assert.equal(judge(r.loinc, r.critical.high, p).flag, 'HH', r.loinc);
        assert.equal(judge(r.loinc, r.critical.high - 0.001, p).flag, 'H', r.loinc);
      }
    }
  });

  test('sex, age bands and unknowns', () => {
    // haemoglobin 120 g/L: low for a man, normal for a woman; no interval without a sex (no flag), still critical at 60
    assert.equal(judge('718-7', 120, { sex: 'male', ageYears: 40 }).flag, 'L');
    assert.equal(judge('718-7', 120, { sex: 'female', ageYears: 40 }).flag, 'N');
    assert.equal(judge('718-7', 120, {}).flag, undefined);
    assert.equal(judge('718-7', 60, {}).flag, 'LL');
    // ALP in women: 20–49 and 50–79 bands; children and the very old have no interval here
    assert.equal(judge('6768-6', 110, { sex: 'female', ageYears: 49 }).flag, 'H');
    assert.equal(judge('6768-6', 110, { sex: 'female', ageYears: 50 }).flag, 'N');
    assert.equal(judge('6768-6', 110, { sex: 'female', ageYears: 85 }).flag, undefined);
    assert.equal(judge('6690-2', 12, { sex: 'male', ageYears: 10 }).flag, undefined, 'adult WBC interval not applied to a child');
    assert.equal(judge('6690-2', 12, { sex: 'male' }).flag, 'H', 'unknown age: adult intervals apply');
    // fasting glucose: 6.1 is already impaired fasting glucose
    assert.equal(judge('14771-0', 6.09, { ageYears: 30 }).flag, 'N');
    assert.equal(judge('14771-0', 6.1, { ageYears: 30 }).flag, 'H');
    assert.equal(judge('14771-0', 2.8, { ageYears: 30 }).flag, 'LL');
    // analytes without an interval get no flag
    assert.equal(judge('14631-6', 100, { sex: 'male', ageYears: 40 }).flag, undefined);
  });

  test('age in whole years at the sample date', () => {
    const at = new Date('2026-05-10T00:00:00Z');
    assert.equal(ageInYears('2000-05-10', at), 26);
    assert.equal(ageInYears('2000-05-11', at), 25);
    assert.equal(ageInYears('2000', at), 26);
    assert.equal(ageInYears(undefined, at), undefined);
  });
});
