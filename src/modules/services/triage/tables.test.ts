// Every boundary of both triage tables, generated from the tables themselves: a new row gets its tests.
// Numeric rules: at the threshold, one step above and below (the table's precision), and the rounding edges
// (half a step); age-restricted rules: at each edge of their age range; flag rules: with and without the flag;
// "not assessed" rules: with and without the value. Each point checks that exactly this criterion fires or not,
// and that the level is the most severe criterion reported.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Algorithm, Flag } from './codes.js';
import { PRECISION, type AgeRange, type NumericRule, type Rule } from './criteria.js';
import { RULES, runTriage, type TriageInput } from './engine.js';

const clean = (x: number) => Number(x.toFixed(6));
const stepOf = (r: NumericRule) => (PRECISION[r.measure] === null ? 1 / 12 : 10 ** -(PRECISION[r.measure] as number));

/** An age inside the range (the middle, or well past an open end). */
function ageInside(a: AgeRange | undefined): number {
  if (!a) return 40;
  if (a.min !== undefined && a.max !== undefined) return (a.min + a.max) / 2;
  if (a.min !== undefined) return a.min + 20;
  return (a.max as number) / 2;
}

/** The input that puts `x` into the rule's measure, with everything the rule also needs. */
function inputFor(alg: Algorithm, r: Rule, x?: number, age = ageInside(r.when?.age)): TriageInput {
  const flags: Flag[] = [...(r.when?.flags ?? []), ...(r.kind === 'flag' ? [r.flag] : [])];
  const input: TriageInput = { algorithm: alg, age, flags, expectedResources: r.when?.manyResources ? 2 : 0, vitals: {} };
  if (r.kind !== 'numeric' || x === undefined) return input;
  if (r.measure === 'age') input.age = x;
  else if (r.measure === 'expectedResources') input.expectedResources = x;
  else if (r.measure === 'sbpFall') input.vitals = { usualSystolicBP: 160, systolicBP: clean(160 - x) };
  else input.vitals = { [r.measure]: x };
  return input;
}

/** [value, fires?] at and around the rule's boundaries, each value once. */
function points(r: NumericRule): [number, boolean][] {
  return [...new Map(rawPoints(r)).entries()];
}

function rawPoints(r: NumericRule): [number, boolean][] {
  const s = stepOf(r);
  // counts and derived values have no rounding edge of their own (the fall is the difference of rounded pressures)
  const rounding = PRECISION[r.measure] !== null && r.measure !== 'expectedResources' && r.measure !== 'sbpFall';
  const at = (k: number, base: number) => clean(base + k * s);
  const v = r.value as number;
  switch (r.op) {
    case '>': return [[v, false], [at(1, v), true], [at(-1, v), false], ...(rounding ? [[at(0.4, v), false], [at(0.5, v), true]] as [number, boolean][] : [])];
    case '<': return [[v, false], [at(-1, v), true], [at(1, v), false], ...(rounding ? [[at(-0.5, v), false], [at(-0.6, v), true]] as [number, boolean][] : [])];
    case '>=': return [[v, true], [at(-1, v), false], [at(1, v), true], ...(rounding ? [[at(-0.5, v), true], [at(-0.6, v), false]] as [number, boolean][] : [])];
    case '<=': return [[v, true], [at(1, v), false], [at(-1, v), true], ...(rounding ? [[at(0.4, v), true], [at(0.5, v), false]] as [number, boolean][] : [])];
    case 'range': {
      const [lo, hi] = [r.min as number, r.max as number];
      const out: [number, boolean][] = [[lo, true], [at(-1, lo), false], [hi, true], [at(1, hi), false]];
      if (hi > lo) out.push([at(1, lo), true], [at(-1, hi), true]);
      if (rounding) out.push([at(-0.5, lo), true], [at(-0.6, lo), false], [at(0.4, hi), true], [at(0.5, hi), false]);
      // resources cannot be negative: the schema refuses them before the table sees them
      return r.measure === 'expectedResources' ? out.filter(([x]) => x >= 0) : out;
    }
  }
}

/** A value of the rule's measure that fires it, for testing its other conditions. */
function firing(r: NumericRule): number {
  return (points(r).find(([, fires]) => fires) as [number, boolean])[0];
}

/** Ages at and around the edges of an age range: [age, inside?]. */
function agePoints(a: AgeRange): [number, boolean][] {
  const e = 1 / 365;
  const out: [number, boolean][] = [];
  if (a.min !== undefined) out.push([a.min, a.minInclusive !== false], [clean(a.min - e), false], [clean(a.min + e), true]);
  if (a.max !== undefined) out.push([a.max, a.maxInclusive !== false], [clean(a.max + e), false], [clean(a.max - e), true]);
  return out.filter(([x]) => x >= 0);
}

let checked = 0;
function check(input: TriageInput, code: string, fires: boolean, level: number): void {
  const r = runTriage(input);
  const codes = r.criteria.map((c) => c.code);
  assert.equal(codes.includes(code), fires, `${code} ${fires ? 'fires' : 'does not fire'} for ${JSON.stringify(input)}; fired: ${codes.join(', ')}`);
  if (fires) assert.ok(r.level <= level, `level ${r.level} is at least as severe as ${level}`);
  assert.equal(r.level, Math.min(...r.criteria.map((c) => c.level)), 'the level is the most severe criterion');
  checked++;
}

for (const alg of Object.keys(RULES) as Algorithm[]) {
  describe(`${alg}: every boundary of every rule`, () => {
    for (const r of RULES[alg]) {
      if (r.kind === 'numeric') {
        for (const [x, fires] of points(r)) {
          test(`${r.id}: ${r.measure} ${x} ${fires ? 'fires' : 'does not fire'}`, () => check(inputFor(alg, r, x), r.id, fires, r.level));
        }
      } else if (r.kind === 'flag') {
        test(`${r.id}: fires with the flag, not without`, () => {
          check(inputFor(alg, r), r.id, true, r.level);
          check({ ...inputFor(alg, r), flags: [] }, r.id, false, r.level);
        });
      } else {
        test(`${r.id}: fires when ${r.measure} is not given, not when it is`, () => {
          const input = inputFor(alg, r);
          delete input.expectedResources;
          check(input, r.id, true, r.level);
          check({ ...input, expectedResources: 3 }, r.id, false, r.level);
        });
      }
      const ages = r.when?.age;
      if (ages && r.kind === 'numeric' && r.measure !== 'age') {
        for (const [age, inside] of agePoints(ages)) {
          test(`${r.id}: at age ${age} ${inside ? 'applies' : 'does not apply'}`, () => check(inputFor(alg, r, firing(r), age), r.id, inside, r.level));
        }
      }
      if (r.when?.manyResources && r.kind === 'numeric') {
        test(`${r.id}: only with two or more resources (or none given)`, () => {
          const input = inputFor(alg, r, firing(r));
          check({ ...input, expectedResources: 1 }, r.id, false, r.level);
          check({ ...input, expectedResources: 2 }, r.id, true, r.level);
          const unknown = { ...input };
          delete unknown.expectedResources;
          check(unknown, r.id, true, r.level);
        });
      }
    }
  });
}

test('boundary coverage in numbers', (t) => {
  const rules = Object.values(RULES).flat();
  t.diagnostic(`${rules.length} rules (cn2018 ${RULES.cn2018.length}, esi4 ${RULES.esi4.length}), ${checked} boundary checks`);
  assert.ok(checked > 300, `${checked} checks`);
});
