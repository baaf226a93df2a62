import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../bench/args.js';
import { sliced, type HttpRun } from '../../bench/crud-mix.js';
import { measure, type Profile } from '../../bench/cpu-summary.js';
import { postgresCpuMs } from '../../bench/db-cpu.js';
import pg from 'pg';
import { PG_URL } from '../support/databases.js';

const run = (requests: number, seconds: number, p50: number, p99: number, byOp: HttpRun['byOp'], extra: Partial<HttpRun> = {}): HttpRun => ({
  name: 'slice', connections: 16, seconds, requests, reqPerSec: Math.round(requests / seconds), p50, p99,
  non2xx: 0, errors: 0, timeouts: 0, rssPeakMb: 300, byOp, ...extra,
});

test('--pin is a flag, off unless given', () => {
  assert.equal(parseArgs([]).pin, false);
  assert.equal(parseArgs(['--pin', '--audit-only']).pin, true);
  assert.equal(parseArgs(['--pin', '--audit-only']).auditOnly, true);
});

test('sliced: one side of an audit round is its slices summed, not averaged per slice', () => {
  const r = sliced('mix, audit on (paired 1)', [
    run(1000, 2.5, 10, 40, { read: { n: 600, non2xx: 0, p50: 8, p99: 30 } }),
    run(3000, 2.5, 12, 90, { read: { n: 1800, non2xx: 2, p50: 12, p99: 80 } }, { non2xx: 2, firstFailure: 'read → 503', rssPeakMb: 310 }),
  ]);
  // 4,000 requests in 5 s, not the mean of 400 and 1,200 req/s weighted equally by accident
  assert.equal(r.requests, 4000);
  assert.equal(r.seconds, 5);
  assert.equal(r.reqPerSec, 800);
  assert.equal(r.p50, 11);
  assert.equal(r.p99, 90);
  assert.equal(r.non2xx, 2);
  assert.equal(r.firstFailure, 'read → 503');
  assert.equal(r.rssPeakMb, 310);
  // per operation: counts add up, p50 weighted by count, p99 the highest
  assert.deepEqual(r.byOp.read, { n: 2400, non2xx: 2, p50: 11, p99: 80 });
});

test('measure keeps only the profile\'s last seconds when asked', () => {
  // root → a (early samples) and root → b (late samples), one sample per second over 10 s
  const p: Profile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: 0 }, children: [2, 3] },
      { id: 2, callFrame: { functionName: 'a', url: 'file:///x/src/a.ts', lineNumber: 0 } },
      { id: 3, callFrame: { functionName: 'b', url: 'file:///x/src/b.ts', lineNumber: 0 } },
    ],
    samples: [2, 2, 2, 2, 2, 2, 3, 3, 3, 3],
    timeDeltas: Array(10).fill(1e6),
    startTime: 0,
    endTime: 10e6,
  };
  const all = measure(p);
  assert.equal(all.total, 10);
  assert.equal(all.selfBy.get('a src/a.ts'), 6);
  const last = measure(p, { last: 3.5 });
  assert.equal(measure(p, { skip: 6.5 }).total, 4, 'skip drops the first seconds');
  assert.equal(last.total, 4);
  assert.equal(last.selfBy.get('a src/a.ts'), 0);
  assert.equal(last.selfBy.get('b src/b.ts'), 4);
  assert.equal(last.incl.get('(root)'), 4);
});

test("postgresCpuMs: the database processes' CPU, which grows while a query works", async (t) => {
  const before = postgresCpuMs();
  if (before === undefined) {
    t.skip('no process named postgres is visible in /proc here');
    return;
  }
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  let after: number;
  try {
    // ~0.3 s of one backend's CPU (the figure counts clock ticks of 10 ms); read before the backend exits with it
    await client.query('SELECT count(*) FROM generate_series(1, 5000000)');
    after = postgresCpuMs() as number;
  } finally {
    await client.end();
  }
  assert.ok(after - before >= 50, `grew by ${after - before} ms`);
});
