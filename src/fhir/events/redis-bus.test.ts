import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { RedisBus, openEventBus } from './redis-bus.js';
import type { ChangeEvent } from './bus.js';

const URL = process.env.HUIYI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const event = (id: string): ChangeEvent => ({ tenant: 't', type: 'Patient', id, versionId: '1', action: 'create', lastUpdated: new Date().toISOString() });

test('two API nodes share change events through Redis; each subscriber sees each event once', async () => {
  const channel = `huiyi:test:${randomUUID()}`;
  const a = await RedisBus.connect(URL, { channel });
  const b = await RedisBus.connect(URL, { channel });
  try {
    const seenA: string[] = [];
    const seenB: string[] = [];
    a.subscribe((e) => void seenA.push(e.id));
    b.subscribe((e) => void seenB.push(e.id));
    await a.publish([event('from-a')]);
    await b.publish([event('from-b1'), event('from-b2')]);
    for (let i = 0; i < 50 && (seenA.length < 3 || seenB.length < 3); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(seenA.sort(), ['from-a', 'from-b1', 'from-b2']);
    assert.deepEqual(seenB.sort(), ['from-a', 'from-b1', 'from-b2']);
  } finally {
    await a.close();
    await b.close();
  }
});

test('openEventBus: memory by default, redis:// for Redis, anything else refused', async () => {
  const m = await openEventBus(undefined);
  await m.close();
  await assert.rejects(openEventBus('kafka://x'), /Unsupported event bus/);
});
