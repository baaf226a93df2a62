// Scoring the guide on the labelled vignettes: top-1 / top-3 accuracy, red-flag recall, false alarms, latency.
// Shared by the test (quality floors) and the bench (printed figures).
import { runGuide } from './engine.js';
import type { Vignette } from './vignettes.js';

export interface Quality {
  cases: number;
  top1: number;
  top3: number;
  /** emergencies found / emergencies labelled */
  redFlagRecall: number;
  emergencies: number;
  /** emergency answered for a non-emergency case */
  falseAlarms: number;
  misses: { id: number; text: string; expect: string[]; got: string[]; emergency: boolean }[];
  /** milliseconds per call, sorted */
  times: number[];
}

export function measure(vignettes: readonly Vignette[], rounds = 1): Quality {
  let top1 = 0;
  let top3 = 0;
  let found = 0;
  let emergencies = 0;
  let falseAlarms = 0;
  const misses: Quality['misses'] = [];
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const v of vignettes) {
      const t0 = performance.now();
      const res = runGuide(v.input);
      times.push(performance.now() - t0);
      if (r > 0) continue;
      const got = res.departments.map((d) => d.code);
      const ok1 = v.expect.includes(got[0]);
      if (ok1) top1++;
      if (got.slice(0, 3).some((c) => v.expect.includes(c))) top3++;
      if (v.emergency) {
        emergencies++;
        if (res.emergency) found++;
      } else if (res.emergency) falseAlarms++;
      if (!ok1 || res.emergency !== v.emergency) misses.push({ id: v.id, text: v.input.text, expect: v.expect, got, emergency: res.emergency });
    }
  }
  const n = vignettes.length;
  return { cases: n, top1: top1 / n, top3: top3 / n, redFlagRecall: emergencies ? found / emergencies : 1, emergencies, falseAlarms, misses, times: times.sort((a, b) => a - b) };
}

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
