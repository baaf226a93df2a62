import { openStore } from '../src/fhir/store/open.js';
import { importFiles, type ImportSummary } from '../src/fhir/import/run.js';
import type { ImportFile } from '../src/fhir/import/plan.js';
import type { BenchArgs, Kind } from './args.js';
import { freshDb, type BenchDb } from './databases.js';
import { captureRows, chunkByBundle, rawInsert } from './raw-insert.js';
import { countResources } from './synthea.js';
import { duration, throttled } from './progress.js';
import { round } from './stats.js';

export interface IngestRun {
  concurrency: number;
  resources: number;
  seconds: number;
  resourcesPerSec: number;
  failedFiles: number;
  firstError?: string;
}

export interface IngestResult {
  files: number;
  resources: number;
  runs: IngestRun[];
  raw: { rows: number; rowsByTable: Record<string, number>; transactions: number; seconds: number; resourcesPerSec: number; rowsPerSec: number };
  /** Huiyi's best rate as a share of the raw rate */
  shareOfRaw: number;
}

export const CTX = { tenant: 'default' };

/** Load the files into a fresh database with importFiles; returns the run and the (still open) database. */
export async function huiyiLoad(kind: Kind, pgUrl: string, files: ImportFile[], concurrency: number, label: string): Promise<{ run: IngestRun; db: BenchDb; summary: ImportSummary }> {
  const db = freshDb(kind, pgUrl, label);
  const store = await openStore(db.url);
  const show = throttled();
  try {
    const s = await importFiles(store.repo, CTX, files, {
      concurrency,
      onProgress: (p) => show(() => `${kind} c=${concurrency}: ${p.resourcesDone}/${p.resourcesTotal} resources, ${Math.round((p.resourcesDone / Math.max(1, p.elapsedMs)) * 1000)}/s`),
    });
    const seconds = s.elapsedMs / 1000;
    const run: IngestRun = {
      concurrency,
      resources: s.resourcesDone,
      seconds: round(seconds),
      resourcesPerSec: Math.round(s.resourcesDone / seconds),
      failedFiles: s.failed.length,
      firstError: s.failed[0] ? `${s.failed[0].path}: ${s.failed[0].error}`.slice(0, 300) : undefined,
    };
    return { run, db, summary: s };
  } finally {
    await store.close();
  }
}

/**
 * Section 1. Synthea as transactions at concurrency 1 and 4, then the raw insert of exactly the rows
 * the concurrency-1 run wrote. Returns the loaded concurrency-4 database for the CRUD section to reuse.
 */
export async function ingestSection(kind: Kind, args: BenchArgs, files: ImportFile[]): Promise<{ result: IngestResult; loaded: BenchDb }> {
  console.error(`[${kind}] ingest: ${files.length} files, ${countResources(files)} resources, concurrency 1`);
  const one = await huiyiLoad(kind, args.pgUrl, files, 1, 'ingest1');
  const runs = [one.run];

  const raw = await rawRun(kind, args, one.db, files);

  console.error(`[${kind}] ingest: concurrency 4`);
  const four = await huiyiLoad(kind, args.pgUrl, files, 4, 'ingest4');
  runs.push(four.run);
  for (const r of runs) console.error(`[${kind}]   c=${r.concurrency}: ${r.resourcesPerSec} res/s (${duration(r.seconds)})`);

  const best = Math.max(...runs.map((r) => r.resourcesPerSec));
  return {
    result: { files: files.length, resources: countResources(files), runs, raw, shareOfRaw: round(best / raw.resourcesPerSec, 4) },
    loaded: four.db,
  };
}

/** Capture the rows of `loaded` (then drop it) and time the plain driver inserting them. Its own function so the rows can be freed. */
async function rawRun(kind: Kind, args: BenchArgs, loaded: BenchDb, files: ImportFile[]): Promise<IngestResult['raw']> {
  const store = await openStore(loaded.url, { migrate: false });
  const tables = await captureRows(store.db);
  await store.close();
  await loaded.cleanup();
  const chunks = chunkByBundle(tables, files.map((f) => f.resources));
  const rows = tables.reduce((n, t) => n + t.rows.length, 0);
  const resources = tables[0].rows.length;
  console.error(`[${kind}] raw insert: ${rows} rows (${resources} resources) in ${chunks.length} transactions`);
  const target = freshDb(kind, args.pgUrl, 'raw');
  try {
    const secs = await rawInsert(target, tables, chunks);
    console.error(`[${kind}]   raw: ${Math.round(resources / secs)} res/s (${duration(secs)})`);
    const rowsByTable = Object.fromEntries(tables.map((t) => [t.name, t.rows.length]));
    return { rows, rowsByTable, transactions: chunks.length, seconds: round(secs), resourcesPerSec: Math.round(resources / secs), rowsPerSec: Math.round(rows / secs) };
  } finally {
    await target.cleanup();
  }
}
