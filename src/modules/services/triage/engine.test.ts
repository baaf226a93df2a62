// The triage engine: the most-severe rule, the readings chosen where the text is ambiguous, levels → zone and
// maximum wait, complaint keywords, explicit flags winning, and the reasons' language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEVELS, levelInfo } from './codes.js';
import { roundTo } from './criteria.js';
import { suggestFlags } from './complaint.js';
import { runTriage, triageCatalogue, type TriageInput } from './engine.js';

const level = (i: TriageInput) => runTriage(i).level;
const codes = (i: TriageInput) => runTriage(i).criteria.map((c) => c.code);
const adult = (vitals: TriageInput['vitals'], more: Partial<TriageInput> = {}): TriageInput => ({ age: 40, expectedResources: 0, vitals, ...more });

test('rounding is decimal and half up', () => {
  assert.equal(roundTo(41.05, 1), 41.1);
  assert.equal(roundTo(41.04, 1), 41);
  assert.equal(roundTo(180.5, 0), 181);
  assert.equal(roundTo(3.325, 2), 3.33);
  assert.equal(roundTo(1e-7, 2), 0);
  assert.equal(roundTo(65.5, null), 65.5);
});

test('the ambiguous boundaries, read the documented way', () => {
  assert.equal(level(adult({ heartRate: 180 })), 2, 'HR 180 is in "150–180"');
  assert.equal(level(adult({ heartRate: 181 })), 1, 'HR 181 is "> 180"');
  assert.equal(level(adult({ heartRate: 40 })), 2, 'HR 40 is in "40–50"');
  assert.equal(level(adult({ systolicBP: 70 })), 2, 'SBP 70 is in "70–80"');
  assert.equal(level(adult({ systolicBP: 69 })), 1);
  assert.equal(level(adult({ spo2: 80 })), 2, 'SpO2 80 is in "80–90"');
  assert.equal(level(adult({ spo2: 79 })), 1);
  assert.equal(level(adult({ systolicBP: 100 })), 4, 'a fall cannot be judged without the usual BP');
  assert.equal(level(adult({ systolicBP: 100, usualSystolicBP: 130 })), 1, 'a fall of 30 below the usual');
  assert.equal(level(adult({ systolicBP: 100, usualSystolicBP: 129 })), 4, 'a fall of 29');
  assert.equal(level(adult({ systolicBP: 90, usualSystolicBP: 160 })), 1, 'a fall of 70 (more than 60) is Ⅰ too');
  assert.equal(level({ age: 40, vitals: {} }), 3, 'resources not assessed: Ⅲ, not Ⅳ');
});

test('the level is the most severe of the vital-sign level and the complaint level', () => {
  const both = runTriage(adult({ heartRate: 160, painScore: 5 }));
  assert.deepEqual([both.vitalLevel, both.complaintLevel, both.level], [2, 3, 2]);
  const complaint = runTriage(adult({ heartRate: 80 }, { flags: ['cardiacArrest'] }));
  assert.deepEqual([complaint.vitalLevel, complaint.complaintLevel, complaint.level], [null, 1, 1]);
  const vital = runTriage(adult({ heartRate: 200 }, { flags: ['suspectedStroke'] }));
  assert.deepEqual([vital.vitalLevel, vital.complaintLevel, vital.level], [1, 2, 1]);
  // every criterion that fired is listed, most severe first
  assert.deepEqual(vital.criteria.map((c) => c.code), ['cn2018.hr-gt-180', 'cn2018.suspectedStroke', 'cn2018.resources-0-1']);
  assert.equal(level(adult({}, { expectedResources: 3 })), 3);
  assert.equal(level(adult({ painScore: 8 }, { expectedResources: 3 })), 2);
  assert.equal(level({ age: 70, expectedResources: 0, flags: ['abdominalPain'] }), 3);
  assert.equal(level({ age: 50, expectedResources: 0, flags: ['abdominalPain'] }), 4);
});

test('the issue\'s example: chest pain, HR 130, SBP 85 → Ⅱ for chest pain suggesting ACS', () => {
  const r = runTriage({ age: 58, complaint: '胸痛2小时，伴出汗', vitals: { heartRate: 130, systolicBP: 85 }, expectedResources: 3 });
  assert.equal(r.level, 2);
  assert.equal(r.label, 'Ⅱ');
  assert.equal(r.zone, 'red');
  assert.equal(r.maxWaitMinutes, 10);
  assert.deepEqual(r.flags, ['chestPainACS']);
  assert.equal(r.criteria[0]?.code, 'cn2018.chestPainACS');
  assert.match(r.reasons[0] as string, /胸痛疑似急性冠脉综合征 → Ⅱ级/);
  assert.deepEqual(r.priority, { code: 'EM', display: 'emergency' });
  const en = runTriage({ age: 58, vitals: { heartRate: 190 }, expectedResources: 0 }, 'en');
  assert.equal(en.reasons[0], 'Heart rate > 180 /min (measured 190 /min) → level Ⅰ');
});

test('levels → zone and maximum wait, from the level tables', () => {
  assert.deepEqual(LEVELS.cn2018.map((l) => [l.label, l.zone, l.maxWaitMinutes]), [['Ⅰ', 'red', 0], ['Ⅱ', 'red', 10], ['Ⅲ', 'yellow', 30], ['Ⅳ', 'green', 240]]);
  assert.deepEqual(LEVELS.esi4.map((l) => [l.level, l.zone, l.maxWaitMinutes]), [[1, 'red', 0], [2, 'red', 10], [3, 'yellow', 30], [4, 'green', 60], [5, 'green', 120]]);
  assert.deepEqual(LEVELS.cn2018.map((l) => l.priority.code), ['S', 'EM', 'UR', 'R']);
  for (const alg of ['cn2018', 'esi4'] as const) {
    for (const l of LEVELS[alg]) {
      const r = runTriage({ algorithm: alg, age: 40, expectedResources: alg === 'esi4' ? [0, 0, 0, 2, 1, 0][l.level] : l.level >= 3 ? [0, 0, 0, 2, 0][l.level] : 0,
        flags: l.level === 1 ? ['cardiacArrest'] : l.level === 2 ? ['suspectedStroke'] : [] });
      assert.equal(r.level, l.level, `${alg} ${l.level}`);
      assert.equal(r.zone, l.zone);
      assert.equal(r.maxWaitMinutes, l.maxWaitMinutes);
    }
  }
  assert.throws(() => levelInfo('cn2018', 5));
});

test('ESI v4: A → 1, B → 2, resources decide 3/4/5, danger-zone vitals only with two or more resources', () => {
  const esi = (i: Partial<TriageInput>) => level({ algorithm: 'esi4', age: 40, ...i });
  assert.equal(esi({ flags: ['intubated'], expectedResources: 0 }), 1);
  assert.equal(esi({ vitals: { painScore: 7 }, expectedResources: 0 }), 2);
  assert.equal(esi({ expectedResources: 0 }), 5);
  assert.equal(esi({ expectedResources: 1 }), 4);
  assert.equal(esi({ expectedResources: 2 }), 3);
  assert.equal(esi({ expectedResources: 2, vitals: { heartRate: 101 } }), 2);
  assert.equal(esi({ expectedResources: 1, vitals: { heartRate: 130 } }), 4, 'D is reached only with many resources');
  assert.equal(esi({ vitals: { spo2: 91 } }), 2, 'no count given: D applies');
  // a 2-year-old: HR 150 is not danger zone (> 160), and adult heart-rate limits do not apply
  assert.equal(esi({ age: 2, expectedResources: 2, vitals: { heartRate: 150 } }), 3);
  assert.equal(esi({ age: 2, expectedResources: 2, vitals: { heartRate: 161 } }), 2);
  // the consensus's objective Ⅰ criteria are ESI A at every age when age-independent
  assert.equal(esi({ age: 2, expectedResources: 0, vitals: { glucose: 2.1 } }), 1);
  assert.ok(codes({ algorithm: 'esi4', age: 40, expectedResources: 0, vitals: { systolicBP: 65 } }).includes('esi4.A.sbp-lt-70'));
});

test('complaint keywords (zh and en) suggest flags; negations do not', () => {
  const flags = (t: string) => suggestFlags(t).map((s) => s.flag);
  assert.deepEqual(flags('胸口痛，出汗'), ['chestPainACS']);
  assert.deepEqual(flags('老人突然口角歪斜、说话不清'), ['suspectedStroke']);
  assert.deepEqual(flags('Crushing chest pain and confused'), ['acuteConfusion', 'chestPainACS']);
  assert.deepEqual(flags('肚子疼一天'), ['abdominalPain']);
  assert.deepEqual(flags('头痛，无胸痛'), []);
  assert.deepEqual(flags('headache, no chest pain'), []);
  assert.deepEqual(flags('shocked by the news'), [], 'whole words only');
  assert.deepEqual(suggestFlags('车祸后胸痛')[0]?.words, ['车祸']);
  assert.deepEqual(flags(''), []);
});

test('explicit flags win over the complaint\'s suggestions', () => {
  const suggested = runTriage({ age: 40, complaint: '胸痛', expectedResources: 0 });
  assert.equal(suggested.level, 2);
  assert.deepEqual(suggested.flags, ['chestPainACS']);
  const removed = runTriage({ age: 40, complaint: '胸痛', flags: [], expectedResources: 0 });
  assert.equal(removed.level, 4, 'the nurse removed the suggestion');
  assert.deepEqual(removed.suggestedFlags.map((s) => s.flag), ['chestPainACS'], 'still shown as a suggestion');
  const other = runTriage({ age: 40, complaint: '胸痛', flags: ['shock'], expectedResources: 0 });
  assert.deepEqual(other.flags, ['shock']);
});

test('the catalogue lists both algorithms with their levels, rules and notes, and every flag', () => {
  const c = triageCatalogue();
  assert.deepEqual(c.algorithms.map((a) => [a.code, a.levels.length]), [['cn2018', 4], ['esi4', 5]]);
  assert.ok(c.algorithms[0]?.rules.some((r) => r.code === 'cn2018.spo2-lt-80' && /safer/.test(r.note ?? '')));
  assert.ok(c.flags.some((f) => f.code === 'chestPainACS' && f.zh && f.en));
});
