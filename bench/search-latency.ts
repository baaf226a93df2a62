import type { SearchInput } from '../src/fhir/store/repository.js';
import { openStore, type Store } from '../src/fhir/store/open.js';
import type { ImportFile } from '../src/fhir/import/plan.js';
import type { BenchArgs, Kind } from './args.js';
import { analyze, freshDb } from './databases.js';
import { GrowingLoader } from './multiply.js';
import { sampleData, type PatientRef, type Sample } from './sample.js';
import { summarize, round } from './stats.js';
import { duration, throttled } from './progress.js';
import { CTX } from './ingest.js';

interface Query {
  name: string;
  /** counts towards the patient-scoped goal */
  patientScoped: boolean;
  build(p: PatientRef, i: number, s: Sample): SearchInput;
}

const code = (s: Sample, k = 0) => `${s.codes[k % s.codes.length].system}|${s.codes[k % s.codes.length].code}`;
const month = (i: number) => `2019-${String((i % 12) + 1).padStart(2, '0')}`;
const nextMonth = (i: number) => ((i % 12) + 1 === 12 ? '2020-01' : `2019-${String((i % 12) + 2).padStart(2, '0')}`);

/** The fixed set of realistic queries; patients, names and codes rotate per call. */
export const QUERIES: Query[] = [
  { name: 'Observation?patient&code&date', patientScoped: true, build: (p, _i, s) => ({ types: ['Observation'], params: [['patient', `Patient/${p.id}`], ['code', code(s)], ['date', 'ge2010-01-01'], ['date', 'lt2022-01-01']] }) },
  { name: 'Encounter?date (one month)', patientScoped: false, build: (_p, i) => ({ types: ['Encounter'], params: [['date', `ge${month(i)}-01`], ['date', `lt${nextMonth(i)}-01`]] }) },
  { name: 'Patient?name', patientScoped: false, build: (p) => ({ types: ['Patient'], params: [['name', p.family]] }) },
  { name: 'Observation?code (all patients)', patientScoped: false, build: (_p, i, s) => ({ types: ['Observation'], params: [['code', code(s, i)]] }) },
  { name: 'Observation?patient.name (chain)', patientScoped: false, build: (p) => ({ types: ['Observation'], params: [['patient.name', p.family]] }) },
  { name: 'Observation?patient&code&_include', patientScoped: true, build: (p, _i, s) => ({ types: ['Observation'], params: [['patient', `Patient/${p.id}`], ['code', code(s)], ['_include', 'Observation:patient']] }) },
  { name: 'Patient?_id&_revinclude', patientScoped: true, build: (p) => ({ types: ['Patient'], params: [['_id', p.id], ['_revinclude', 'Observation:patient']] }) },
];

export interface QueryResult {
  name: string;
  patientScoped: boolean;
  p50: number;
  p99: number;
  mean: number;
  /** average matches + included resources returned per call */
  avgReturned: number;
  error?: string;
}

export interface SizeResult {
  target: number;
  resources: number;
  loadSeconds: number;
  queries: QueryResult[];
}

export interface SearchSectionResult {
  method: string;
  iterations: number;
  loadResourcesPerSec?: number;
  sizes: SizeResult[];
  skipped: { target: number; estimatedLoadMinutes: number }[];
}

async function measure(store: Store, iterations: number): Promise<QueryResult[]> {
  const s = await sampleData(store.db, CTX.tenant, 50, 10);
  const out: QueryResult[] = [];
  for (const q of QUERIES) {
    const times: number[] = [];
    let returned = 0;
    try {
      for (let i = -5; i < iterations; i++) {
        const k = i < 0 ? i + 5 : i; // 5 untimed warm-up calls
        const input = q.build(s.patients[k % s.patients.length], k, s);
        const t0 = performance.now();
        const r = await store.repo.search(CTX, input);
        if (i >= 0) {
          times.push(performance.now() - t0);
          returned += r.matches.length + r.included.length;
        }
      }
      const sm = summarize(times);
      out.push({ name: q.name, patientScoped: q.patientScoped, p50: sm.p50, p99: sm.p99, mean: sm.mean, avgReturned: round(returned / iterations, 1) });
    } catch (e) {
      out.push({ name: q.name, patientScoped: q.patientScoped, p50: NaN, p99: NaN, mean: NaN, avgReturned: 0, error: (e as Error).message.slice(0, 300) });
    }
  }
  return out;
}

/** Section 3: grow one database through the sizes, ANALYZE, then time each query (direct repository calls). */
export async function searchSection(kind: Kind, args: BenchArgs, files: ImportFile[]): Promise<SearchSectionResult> {
  const db = freshDb(kind, args.pgUrl, 'search');
  const loader = new GrowingLoader(files, 4);
  const result: SearchSectionResult = { method: 'direct SqlRepository.search calls in the bench process (no HTTP)', iterations: args.iterations, sizes: [], skipped: [] };
  let loadMs = 0;
  try {
    for (const target of args.sizes) {
      if (result.loadResourcesPerSec) {
        const minutes = (target - loader.loaded) / result.loadResourcesPerSec / 60;
        if (minutes > args.maxLoadMinutes) {
          console.error(`[${kind}] search: skipping ${target} resources, loading would take ~${Math.round(minutes)} min (--max-load-minutes ${args.maxLoadMinutes})`);
          result.skipped.push({ target, estimatedLoadMinutes: Math.round(minutes) });
          continue;
        }
      }
      const store = await openStore(db.url);
      const from = loader.loaded;
      const t0 = performance.now();
      const show = throttled();
      try {
        const line = (n: number) => {
          const rate = ((n - from) / Math.max(1, performance.now() - t0)) * 1000;
          return `${kind} search data: ${n}/${target} resources, ${Math.round(rate)}/s, ETA ${duration(Math.max(0, target - n) / rate)}`;
        };
        await loader.growTo(store.repo, target, (n) => show(() => line(n)));
        show(() => line(loader.loaded), true);
        if (loader.failed) console.error(`[${kind}]   ${loader.failed} bundles failed, first: ${loader.firstError}`);
        await analyze(store);
      } finally {
        await store.close();
      }
      const secs = (performance.now() - t0) / 1000;
      loadMs += secs * 1000;
      result.loadResourcesPerSec = Math.round((loader.loaded / loadMs) * 1000);
      // reopen, so every connection plans with the fresh statistics
      const fresh = await openStore(db.url, { migrate: false });
      try {
        const resources = Number((await fresh.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM resources'))?.n);
        console.error(`[${kind}] search: ${resources} resources (loaded in ${duration(secs)}), timing ${QUERIES.length} queries × ${args.iterations}`);
        const queries = await measure(fresh, args.iterations);
        for (const q of queries) console.error(`[${kind}]   ${q.name.padEnd(36)} p50 ${q.p50} ms  p99 ${q.p99} ms${q.error ? `  ERROR ${q.error}` : ''}`);
        result.sizes.push({ target, resources, loadSeconds: round(secs), queries });
      } finally {
        await fresh.close();
      }
    }
  } finally {
    await db.cleanup();
  }
  return result;
}
