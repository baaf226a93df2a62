// Where two sets of V8 CPU profiles differ, per request: which functions the audit ledger (or any switch) adds.
//   node --import tsx bench/cpu-diff.ts [--last S | --skip S,S] [--requests A,B] a/*.cpuprofile -- b/*.cpuprofile
// Profiles of loader threads that only idle are skipped. --last keeps only each profile's last seconds, --skip
// drops the first seconds of A's and B's profiles (start-up and warm-up: the audit rounds start the off server
// first, so its measured slices begin later); with --requests (the requests each set served in that time) the
// figures are µs per request, without them ms in all.
import { readFileSync } from 'node:fs';
import { isIdleThread, measure, wrappers, type Measured, type Profile } from './cpu-summary.js';
import { table } from './report.js';

function load(files: string[], window: { last?: number; skip?: number }): Measured[] {
  return files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Profile).filter((p) => !isIdleThread(p)).map((p) => measure(p, window));
}

/** ms per key over several profiles */
function sum(ms: Measured[], pick: (m: Measured) => Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of ms) for (const [k, n] of pick(m)) out.set(k, (out.get(k) ?? 0) + n * m.msPerSample);
  return out;
}

const argv = process.argv.slice(2);
let requests: [number, number] | undefined;
let last: number | undefined;
let skip: [number, number] = [0, 0];
while (argv[0]?.startsWith('--') && argv[0] !== '--') {
  const [flag, value] = argv.splice(0, 2);
  if (flag === '--requests') {
    const [a, b] = (value ?? '').split(',').map(Number);
    if (!(a > 0 && b > 0)) throw new Error('--requests A,B: two positive numbers');
    requests = [a, b];
  } else if (flag === '--last' && Number(value) > 0) last = Number(value);
  else if (flag === '--skip' && /^[\d.]+,[\d.]+$/.test(value ?? '')) skip = value.split(',').map(Number) as [number, number];
  else throw new Error(`unknown or bad option ${flag} ${value ?? ''}`);
}
const cut = argv.indexOf('--');
if (cut < 1 || cut === argv.length - 1) {
  console.error('usage: bench/cpu-diff.ts [--last S | --skip SA,SB] [--requests A,B] A.cpuprofile… -- B.cpuprofile…');
  process.exit(2);
}
const [a, b] = [load(argv.slice(0, cut), { last, skip: skip[0] }), load(argv.slice(cut + 1), { last, skip: skip[1] })];
const scale: [number, number] = requests ? [1000 / requests[0], 1000 / requests[1]] : [1, 1];
const unit = requests ? 'µs/request' : 'ms';
const busy = (ms: Measured[]) => ms.reduce((t, m) => t + (m.total - (m.selfBy.get('(idle)') ?? 0)) * m.msPerSample, 0);
console.log(`busy: A ${(busy(a) * scale[0]).toFixed(1)}, B ${(busy(b) * scale[1]).toFixed(1)} ${unit}`);

function diff(title: string, pick: (m: Measured) => Map<string, number>, skip: (k: string) => boolean, top = 25): string {
  const [x, y] = [sum(a, pick), sum(b, pick)];
  const rows = [...new Set([...x.keys(), ...y.keys()])]
    .filter((k) => !skip(k) && k !== '(idle)')
    .map((k) => [k, (x.get(k) ?? 0) * scale[0], (y.get(k) ?? 0) * scale[1]] as const)
    .sort((p, q) => Math.abs(q[1] - q[2]) - Math.abs(p[1] - p[2]))
    .slice(0, top)
    .map(([k, p, q]) => [k, p.toFixed(1), q.toFixed(1), (p - q).toFixed(1)]);
  return table(title, ['function', `A ${unit}`, `B ${unit}`, 'A − B'], rows);
}
console.log(diff('Self time by area', (m) => m.areaBy, () => false));
console.log(diff('Self time by function', (m) => m.selfBy, () => false));
console.log(diff('Total time (callees included)', (m) => m.incl, wrappers));
