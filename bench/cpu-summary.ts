// Summarise a V8 .cpuprofile: where the time goes by area, and the top functions by self and total time.
import { readFileSync } from 'node:fs';
import { table } from './report.js';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface Profile {
  nodes: Node[];
  samples: number[];
  /** µs between samples (the first from startTime) */
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

const short = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*?\/node_modules\//, 'node_modules/').replace(/^.*?\/(src|bench)\//, '$1/');

export function key(n: Node): string {
  const f = n.callFrame;
  if (!f.url) return f.functionName || '(native)';
  // tsx-compiled sources come out on a line or two, so their line numbers mean nothing
  const u = short(f.url);
  return `${f.functionName || '(anonymous)'} ${u}${/^(src|bench)\//.test(u) ? '' : `:${f.lineNumber + 1}`}`;
}

/** Coarse area of a function: a source folder, a package, node internals, or V8 itself. */
export function area(n: Node): string {
  const u = short(n.callFrame.url);
  if (!u) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : 'V8 builtins (JSON, RegExp, …)';
  if (u.startsWith('node:')) return 'node internals';
  if (u.startsWith('node_modules/')) return u.split('/').slice(0, u.startsWith('node_modules/@') ? 3 : 2).join('/');
  const m = /^(src\/[^/]+\/[^/]+|src\/[^/]+|bench)/.exec(u);
  return m ? m[1].replace(/\.ts$/, '') : u;
}

export interface Measured {
  /** samples and ms per sample */
  total: number;
  msPerSample: number;
  selfBy: Map<string, number>;
  areaBy: Map<string, number>;
  /** samples with the function on the stack (callees included, recursion counted once) */
  incl: Map<string, number>;
}

/** Samples per function (self and inclusive) and per area. */
export function measure(p: Profile, window: { last?: number; skip?: number } = {}): Measured {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const msPerSample = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length);
  // only the samples of the profile's last seconds, or after its first ones (a server's measured run, without
  // its start-up and warm-up)
  const from = Math.max(window.last ? p.endTime - window.last * 1e6 : -Infinity, window.skip ? p.startTime + window.skip * 1e6 : -Infinity);
  let t = p.startTime;
  let total = 0;
  p.samples.forEach((s, i) => {
    t += p.timeDeltas?.[i] ?? 0;
    if (t < from) return;
    self.set(s, (self.get(s) ?? 0) + 1);
    total++;
  });
  const subtree = new Map<number, number>();
  const sub = (n: Node): number => {
    let t = self.get(n.id) ?? 0;
    for (const c of n.children ?? []) t += sub(byId.get(c) as Node);
    subtree.set(n.id, t);
    return t;
  };
  const root = p.nodes[0];
  sub(root);
  const selfBy = new Map<string, number>();
  const areaBy = new Map<string, number>();
  const incl = new Map<string, number>();
  const onStack = new Map<string, number>();
  const walk = (n: Node) => {
    const k = key(n);
    const s = self.get(n.id) ?? 0;
    selfBy.set(k, (selfBy.get(k) ?? 0) + s);
    areaBy.set(area(n), (areaBy.get(area(n)) ?? 0) + s);
    // count a function's subtree once, not again for its recursive calls
    if (!onStack.get(k)) incl.set(k, (incl.get(k) ?? 0) + (subtree.get(n.id) ?? 0));
    onStack.set(k, (onStack.get(k) ?? 0) + 1);
    for (const c of n.children ?? []) walk(byId.get(c) as Node);
    onStack.set(k, (onStack.get(k) as number) - 1);
  };
  walk(root);
  return { total, msPerSample, selfBy, areaBy, incl };
}

/** A profile's thread idled nearly all the time (tsx's loader thread under --cpu-prof). */
export function isIdleThread(p: Profile): boolean {
  const idle = p.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((a, n) => a + (n.hitCount ?? 0), 0);
  return idle > 0.9 * p.samples.length;
}

/** Functions that only wrap others: left out of "by total time" tables. */
export const wrappers = (k: string) => k === '(root)' || k.startsWith('(anonymous) ') || k.includes('node:internal') || k.includes('node_modules/tsx');

export function summarizeProfile(p: Profile, top = 20): string {
  const { total, msPerSample, selfBy, areaBy, incl } = measure(p);
  const pct = (n: number) => `${((n / total) * 100).toFixed(1)} %`;
  const rows = (m: Map<string, number>, skip: (k: string) => boolean = () => false) =>
    [...m].filter(([k]) => !skip(k)).sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, n]) => [k, pct(n), Math.round(n * msPerSample)]);
  return [
    `profile: ${total} samples, ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s`,
    table('Self time by area', ['area', 'share', 'ms'], rows(areaBy)),
    table('Top functions by self time', ['function', 'share', 'ms'], rows(selfBy)),
    table('Top functions by total time (callees included)', ['function', 'share', 'ms'], rows(incl, wrappers)),
  ].join('\n');
}

if (process.argv[1]?.endsWith('cpu-summary.ts')) {
  for (const f of process.argv.slice(2)) {
    const p = JSON.parse(readFileSync(f, 'utf8')) as Profile;
    // --cpu-prof also profiles tsx's loader thread, which idles
    if (isIdleThread(p)) console.log(`\n${f}: idle nearly all the time (a loader thread), skipped`);
    else console.log(`\n${f}\n${summarizeProfile(p)}`);
  }
}
