// Summarise a V8 .cpuprofile: where the time goes by area, and the top functions by self and total time.
import { readFileSync } from 'node:fs';
import { table } from './report.js';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: Node[];
  samples: number[];
  startTime: number;
  endTime: number;
}

const short = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*?\/node_modules\//, 'node_modules/').replace(/^.*?\/(src|bench)\//, '$1/');

function key(n: Node): string {
  const f = n.callFrame;
  if (!f.url) return f.functionName || '(native)';
  // tsx-compiled sources come out on a line or two, so their line numbers mean nothing
  const u = short(f.url);
  return `${f.functionName || '(anonymous)'} ${u}${/^(src|bench)\//.test(u) ? '' : `:${f.lineNumber + 1}`}`;
}

/** Coarse area of a function: a source folder, a package, node internals, or V8 itself. */
function area(n: Node): string {
  const u = short(n.callFrame.url);
  if (!u) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : 'V8 builtins (JSON, RegExp, …)';
  if (u.startsWith('node:')) return 'node internals';
  if (u.startsWith('node_modules/')) return u.split('/').slice(0, u.startsWith('node_modules/@') ? 3 : 2).join('/');
  const m = /^(src\/[^/]+\/[^/]+|src\/[^/]+|bench)/.exec(u);
  return m ? m[1].replace(/\.ts$/, '') : u;
}

export function summarizeProfile(p: Profile, top = 20): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const s of p.samples) self.set(s, (self.get(s) ?? 0) + 1);
  const msPerSample = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length);
  const total = p.samples.length;
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
  const pct = (n: number) => `${((n / total) * 100).toFixed(1)} %`;
  const rows = (m: Map<string, number>, skip: (k: string) => boolean = () => false) =>
    [...m].filter(([k]) => !skip(k)).sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, n]) => [k, pct(n), Math.round(n * msPerSample)]);
  const wrappers = (k: string) => k === '(root)' || k.startsWith('(anonymous) ') || k.includes('node:internal') || k.includes('node_modules/tsx');
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
    const idle = p.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((a, n) => a + (n.hitCount ?? 0), 0);
    if (idle > 0.9 * p.samples.length) console.log(`\n${f}: ${Math.round((idle / p.samples.length) * 100)} % idle (a loader thread), skipped`);
    else console.log(`\n${f}\n${summarizeProfile(p)}`);
  }
}
