import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from './random.js';

const draws = (rng: Rng, n = 8): number[] => Array.from({ length: n }, () => rng.uint32());

describe('Rng', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    assert.deepEqual(draws(new Rng(42)), draws(new Rng(42)));
    assert.notDeepEqual(draws(new Rng(42)), draws(new Rng(43)));
  });

  it('forks by label only, whatever the parent has drawn', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    draws(b, 100);
    assert.deepEqual(draws(a.fork('x')), draws(b.fork('x')));
    assert.notDeepEqual(draws(a.fork('x')), draws(a.fork('y')));
  });

  it('keeps int, float and next inside their bounds', () => {
    const rng = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const n = rng.int(3, 6);
      assert.ok(n >= 3 && n <= 6 && Number.isInteger(n));
      seen.add(n);
      const f = rng.float(-1, 1);
      assert.ok(f >= -1 && f < 1);
    }
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
  });

  it('picks by weight and never picks a zero weight', () => {
    const rng = new Rng(9);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 4000; i++) counts[rng.weighted(['a', 'b', 'c'] as const, (x) => (x === 'a' ? 3 : x === 'b' ? 1 : 0))] += 1;
    assert.equal(counts.c, 0);
    assert.ok(counts.a > 2.5 * counts.b && counts.a < 3.5 * counts.b, JSON.stringify(counts));
    assert.throws(() => rng.weighted([1, 2], () => 0));
    assert.throws(() => rng.pick([]));
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = new Rng(3).shuffle(input);
    assert.deepEqual(input, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual([...out].sort((x, y) => x - y), input);
  });

  it('draws normal deviates around the mean', () => {
    const rng = new Rng(5);
    const xs = Array.from({ length: 4000 }, () => rng.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    assert.ok(Math.abs(mean - 10) < 0.15 && Math.abs(sd - 2) < 0.15, `${mean} ${sd}`);
  });
});
