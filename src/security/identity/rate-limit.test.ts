import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryRateLimiter } from './rate-limit.js';

test('sliding window: max hits per window, then the wait until the oldest leaves it', async () => {
  const l = new MemoryRateLimiter({ max: 3, windowMs: 60_000 });
  assert.equal(await l.hit('a', 0), 0);
  assert.equal(await l.hit('a', 10_000), 0);
  assert.equal(await l.hit('a', 20_000), 0);
  assert.equal(await l.hit('a', 30_000), 30_000);
  assert.equal(await l.hit('b', 30_000), 0, 'keys are independent');
  assert.equal(await l.hit('a', 60_001), 0, 'the first hit left the window');
  assert.equal(await l.hit('a', 60_002), 9_998);
});

test('refund gives back a hit; the key table is bounded', async () => {
  const l = new MemoryRateLimiter({ max: 1, windowMs: 60_000 }, 2);
  assert.equal(await l.hit('a', 0), 0);
  await l.refund('a', 1);
  assert.equal(await l.hit('a', 2), 0);
  await l.hit('b', 3);
  await l.hit('c', 4);
  assert.equal(await l.hit('a', 5), 0, 'a was the least recently used and forgotten');
});
