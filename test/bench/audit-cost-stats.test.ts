import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanCi95, t95 } from '../../bench/stats.js';
import { auditVerdict } from '../../bench/report.js';
import { parseArgs } from '../../bench/args.js';
import { parsePerfStat } from '../../bench/syscalls.js';

test('t95 follows Student t at its table points and the normal limit beyond', () => {
  assert.equal(t95(1), 12.706);
  assert.equal(t95(15), 2.131);
  assert.equal(t95(30), 2.042);
  assert.equal(t95(31), 2.021);
  assert.equal(t95(60), 2.0);
  assert.equal(t95(1000), 1.96);
  assert.throws(() => t95(0), RangeError);
  assert.throws(() => t95(2.5), RangeError);
});

test('meanCi95: mean and a t interval, none for a single value', () => {
  assert.deepEqual(meanCi95([7]), { n: 1, mean: 7 });
  assert.ok(Number.isNaN(meanCi95([]).mean));
  // 2, 4, 6: mean 4, sd 2, half-width 4.303 × 2 / √3
  const m = meanCi95([2, 4, 6]);
  assert.equal(m.mean, 4);
  const h = (4.303 * 2) / Math.sqrt(3);
  assert.ok(m.ci && Math.abs(m.ci[0] - (4 - h)) < 1e-9 && Math.abs(m.ci[1] - (4 + h)) < 1e-9);
  // no spread: the interval is the mean
  assert.deepEqual(meanCi95([5, 5, 5, 5]).ci, [5, 5]);
});

test('the audit goal is met only when the whole interval is within it', () => {
  assert.equal(auditVerdict({ mean: 6, ci: [3, 9.9] }), 'met');
  assert.equal(auditVerdict({ mean: 6, ci: [3, 10] }), 'met');
  assert.equal(auditVerdict({ mean: 8.7, ci: [2.1, 15.3] }), 'not shown (interval reaches past the goal)');
  assert.equal(auditVerdict({ mean: 10.1, ci: [8, 12.2] }), 'NOT met');
  assert.equal(auditVerdict({ mean: 15.9, ci: [12, 19.8] }), 'NOT met');
  assert.equal(auditVerdict({ mean: 4 }), 'not shown (one round)');
  assert.equal(auditVerdict({ mean: 14 }), 'NOT met');
});

test('--audit-only and --syscalls are flags of their own; the default keeps every CRUD run and counts nothing', () => {
  assert.equal(parseArgs([]).auditOnly, false);
  assert.equal(parseArgs([]).syscalls, false);
  assert.equal(parseArgs(['--syscalls']).syscalls, true);
  const a = parseArgs(['--sections', 'crud', '--audit-only', '--audit-rounds', '16']);
  assert.equal(a.auditOnly, true);
  assert.equal(a.auditRounds, 16);
  assert.throws(() => parseArgs(['--audit-onl']), /unknown flag/);
});

test('perf stat output: every counted syscall, or nothing when one is missing or not counted', () => {
  const out = ['', '38012,,syscalls:sys_enter_pwrite64,10002345,100.00,,', '1201,,syscalls:sys_enter_pread64,10002345,100.00,,',
    '0,,syscalls:sys_enter_fdatasync,10002345,100.00,,', '3,,syscalls:sys_enter_fsync,10002345,100.00,,'].join('\n');
  assert.deepEqual(parsePerfStat(out), { pwrite64: 38012, pread64: 1201, fdatasync: 0, fsync: 3 });
  assert.equal(parsePerfStat(out.replace('3,,syscalls:sys_enter_fsync', '<not counted>,,syscalls:sys_enter_fsync')), undefined);
  assert.equal(parsePerfStat('Error: no permission'), undefined);
});
