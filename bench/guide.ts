// The smart guide on its labelled vignettes (src/modules/services/guide/vignettes.ts): top-1 / top-3 accuracy,
// red-flag recall, false alarms, and the engine's latency per call (in process, no HTTP, no database).
import { warmUp } from '../src/modules/services/guide/engine.js';
import { BLIND2_FIRST_RUN, BLIND3_FIRST_RUN, HELD_OUT_FIRST_RUN, VIGNETTES } from '../src/modules/services/guide/vignettes.js';
import { measure, percentile } from '../src/modules/services/guide/quality.js';
import { table } from './report.js';

export interface GuideResult {
  cases: number;
  top1: number;
  top3: number;
  redFlagRecall: number;
  emergencies: number;
  falseAlarms: number;
  heldOut: { cases: number; top1: number; top3: number; redFlagRecall: number; firstRun: typeof HELD_OUT_FIRST_RUN };
  /** the second blind batch (ids 2001…), now and at its first run */
  blind2: { cases: number; top1: number; top3: number; redFlagRecall: number; falseAlarms: number; firstRun: typeof BLIND2_FIRST_RUN };
  /** the third blind batch (ids 3001…), now and at its first run */
  blind3: { cases: number; top1: number; top3: number; redFlagRecall: number; falseAlarms: number; firstRun: typeof BLIND3_FIRST_RUN };
  /** knowledge base and jieba dictionary load, ms */
  warmUpMs: number;
  latency: { calls: number; p50Ms: number; p99Ms: number; maxMs: number };
  misses: { id: number; text: string; expect: string[]; got: string[] }[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function guideSection(rounds: number): GuideResult {
  const t0 = performance.now();
  warmUp();
  const warmUpMs = Math.round(performance.now() - t0);
  measure(VIGNETTES); // JIT warm-up, not timed
  const q = measure(VIGNETTES, rounds);
  const h = measure(VIGNETTES.filter((v) => v.batch === 'held-out'));
  const b = measure(VIGNETTES.filter((v) => v.batch === 'blind2'));
  const c = measure(VIGNETTES.filter((v) => v.batch === 'blind3'));
  return {
    cases: q.cases, top1: r3(q.top1), top3: r3(q.top3), redFlagRecall: r3(q.redFlagRecall), emergencies: q.emergencies, falseAlarms: q.falseAlarms,
    heldOut: { cases: h.cases, top1: r3(h.top1), top3: r3(h.top3), redFlagRecall: r3(h.redFlagRecall), firstRun: HELD_OUT_FIRST_RUN },
    blind2: { cases: b.cases, top1: r3(b.top1), top3: r3(b.top3), redFlagRecall: r3(b.redFlagRecall), falseAlarms: b.falseAlarms, firstRun: BLIND2_FIRST_RUN },
    blind3: { cases: c.cases, top1: r3(c.top1), top3: r3(c.top3), redFlagRecall: r3(c.redFlagRecall), falseAlarms: c.falseAlarms, firstRun: BLIND3_FIRST_RUN },
    warmUpMs,
    latency: { calls: q.times.length, p50Ms: r3(percentile(q.times, 0.5)), p99Ms: r3(percentile(q.times, 0.99)), maxMs: r3(q.times.at(-1) ?? 0) },
    misses: q.misses.map(({ id, text, expect, got }) => ({ id, text, expect, got: got.slice(0, 3) })),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function guideTable(r: GuideResult): string {
  const f = r.heldOut.firstRun;
  const g = r.blind2.firstRun;
  const k = r.blind3.firstRun;
  return table(
    `Smart guide — ${r.cases} labelled vignettes (${r.emergencies} emergencies); latency over ${r.latency.calls} calls in process, after ${r.warmUpMs} ms to load the knowledge base`,
    ['set', 'cases', 'top-1', 'top-3', 'red-flag recall', 'false alarms', 'p50 ms', 'p99 ms'],
    [
      ['all vignettes', r.cases, pct(r.top1), pct(r.top3), pct(r.redFlagRecall), r.falseAlarms, r.latency.p50Ms, r.latency.p99Ms],
      ['held-out rows, now', r.heldOut.cases, pct(r.heldOut.top1), pct(r.heldOut.top3), pct(r.heldOut.redFlagRecall), '', '', ''],
      ['held-out rows, first run (unseen wording)', f.cases, pct(f.top1), pct(f.top3), pct(f.redFlagRecall), '', '', ''],
      ['blind batch 2, now', r.blind2.cases, pct(r.blind2.top1), pct(r.blind2.top3), pct(r.blind2.redFlagRecall), r.blind2.falseAlarms, '', ''],
      ['blind batch 2, first run (unseen wording)', g.cases, pct(g.top1), pct(g.top3), pct(g.redFlagRecall), 0, '', ''],
      ['blind batch 3, now', r.blind3.cases, pct(r.blind3.top1), pct(r.blind3.top3), pct(r.blind3.redFlagRecall), r.blind3.falseAlarms, '', ''],
      ['blind batch 3, first run (unseen wording)', k.cases, pct(k.top1), pct(k.top3), pct(k.redFlagRecall), k.falseAlarms, '', ''],
    ],
  ) + (r.misses.length ? `\nmisses: ${r.misses.map((m) => `#${m.id} ${m.text.slice(0, 30)} (expected ${m.expect.join('/')}, got ${m.got.join(', ')})`).join('; ')}` : '');
}
