// The smart guide on its labelled vignettes (src/modules/services/guide/vignettes.ts): top-1 / top-3 accuracy,
// red-flag recall, false alarms, and the engine's latency per call (in process, no HTTP, no database).
import { warmUp } from '../src/modules/services/guide/engine.js';
import { BLIND2_FIRST_RUN, BLIND3_FIRST_RUN, HELD_OUT_FIRST_RUN, VIGNETTES } from '../src/modules/services/guide/vignettes.js';
import { measure, percentile, type Quality } from '../src/modules/services/guide/quality.js';
import { table } from './report.js';

/** The batches scored once before anything was changed for them: their first run is the figure for unseen wording. */
const BATCHES = [
  { key: 'heldOut', batch: 'held-out', label: 'held-out rows', firstRun: HELD_OUT_FIRST_RUN },
  { key: 'blind2', batch: 'blind2', label: 'blind batch 2', firstRun: BLIND2_FIRST_RUN },
  { key: 'blind3', batch: 'blind3', label: 'blind batch 3', firstRun: BLIND3_FIRST_RUN },
] as const;
type BatchKey = (typeof BATCHES)[number]['key'];

interface Figures {
  cases: number;
  top1: number;
  top3: number;
  redFlagRecall: number;
  falseAlarms: number;
}

/** a batch now, and at its first run (false alarms not recorded for the oldest) */
type BatchFigures = Figures & { firstRun: Omit<Figures, 'falseAlarms'> & { falseAlarms?: number } };

export interface GuideResult extends Figures, Record<BatchKey, BatchFigures> {
  emergencies: number;
  /** knowledge base and jieba dictionary load, ms */
  warmUpMs: number;
  latency: { calls: number; p50Ms: number; p99Ms: number; maxMs: number };
  misses: { id: number; text: string; expect: string[]; got: string[] }[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const figures = (q: Quality): Figures => ({ cases: q.cases, top1: r3(q.top1), top3: r3(q.top3), redFlagRecall: r3(q.redFlagRecall), falseAlarms: q.falseAlarms });

export function guideSection(rounds: number): GuideResult {
  const t0 = performance.now();
  warmUp();
  const warmUpMs = Math.round(performance.now() - t0);
  measure(VIGNETTES); // JIT warm-up, not timed
  const q = measure(VIGNETTES, rounds);
  const batches = Object.fromEntries(BATCHES.map((b) => [b.key, { ...figures(measure(VIGNETTES.filter((v) => v.batch === b.batch))), firstRun: b.firstRun }])) as Record<BatchKey, BatchFigures>;
  return {
    ...figures(q), emergencies: q.emergencies,
    ...batches,
    warmUpMs,
    latency: { calls: q.times.length, p50Ms: r3(percentile(q.times, 0.5)), p99Ms: r3(percentile(q.times, 0.99)), maxMs: r3(q.times.at(-1) ?? 0) },
    misses: q.misses.map(({ id, text, expect, got }) => ({ id, text, expect, got: got.slice(0, 3) })),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function guideTable(r: GuideResult): string {
  return table(
    `Smart guide — ${r.cases} labelled vignettes (${r.emergencies} emergencies); latency over ${r.latency.calls} calls in process, after ${r.warmUpMs} ms to load the knowledge base`,
    ['set', 'cases', 'top-1', 'top-3', 'red-flag recall', 'false alarms', 'p50 ms', 'p99 ms'],
    [
      ['all vignettes', r.cases, pct(r.top1), pct(r.top3), pct(r.redFlagRecall), r.falseAlarms, r.latency.p50Ms, r.latency.p99Ms],
      ...BATCHES.flatMap(({ key, label }) => {
        const now = r[key];
        const first = now.firstRun;
        return [
          [`${label}, now`, now.cases, pct(now.top1), pct(now.top3), pct(now.redFlagRecall), now.falseAlarms, '', ''],
          [`${label}, first run (unseen wording)`, first.cases, pct(first.top1), pct(first.top3), pct(first.redFlagRecall), first.falseAlarms ?? '', '', ''],
        ];
      }),
    ],
  ) + (r.misses.length ? `\nmisses: ${r.misses.map((m) => `#${m.id} ${m.text.slice(0, 30)} (expected ${m.expect.join('/')}, got ${m.got.join(', ')})`).join('; ')}` : '');
}
