// npm run bench -- --help. Ingest, CRUD over HTTP and search latency on SQLite and PostgreSQL.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { DB_SECTIONS, parseArgs, type Kind, type Section } from './args.js';
import { machineInfo } from './machine.js';
import { cleanupAll, type BenchDb } from './databases.js';
import { REPO_ROOT, SYNTHEA_DIR, syntheaFiles } from './synthea.js';
import { huiyiLoad, ingestSection } from './ingest.js';
import { crudSection } from './crud-mix.js';
import { searchSection } from './search-latency.js';
import { comparisonTable, crudTables, goalsTable, ingestTable, searchTable, PUBLISHED, GOALS, type DbResults } from './report.js';
import { guideSection, guideTable, type GuideResult } from './guide.js';
import { pinToCpus } from './server.js';

const args = parseArgs(process.argv.slice(2));
const startedAt = new Date();
// --pin: decided before anything starts, and recorded with the results (args.pin says it was asked for)
const unpinned = args.pin ? pinToCpus() : undefined;
if (unpinned) console.error(`--pin: not pinning (${unpinned})`);
const pinned = args.pin && !unpinned;
const machine = await machineInfo(args.dbs, args.pgUrl);
const stamp = startedAt.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
const dbSections = args.sections.some((s) => DB_SECTIONS.includes(s));
const label = !dbSections ? 'guide' : args.dbs.length > 1 ? 'both' : args.dbs[0];
const outDir = join(REPO_ROOT, 'bench', 'results');
const outFile = join(outDir, `${stamp}-${label}${args.quick ? '-quick' : ''}.json`);
mkdirSync(outDir, { recursive: true });

const databases: Partial<Record<Kind, DbResults>> = {};
let guide: GuideResult | undefined;
const save = () =>
  writeFileSync(
    outFile,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), args: { ...args, pgUrl: undefined }, pinned, machine, goals: GOALS, published: PUBLISHED, databases, ...(guide ? { guide } : {}) }, null, 2)}\n`,
  );

process.on('SIGINT', () => {
  console.error('\ninterrupted: dropping the benchmark databases');
  void cleanupAll().finally(() => process.exit(130));
});

console.error(`Huiyi bench: ${args.dbs.join(', ')}; sections ${args.sections.join(', ')}${args.quick ? ' (quick)' : ''}`);
console.error(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB, node ${machine.node}, SQLite ${machine.sqlite}${machine.postgres ? `, PostgreSQL ${machine.postgres}` : ''}, load ${machine.loadAvgAtStart}`);
if (pinned) console.error('pinned: servers on CPU 1, this process (load generator) on CPU 0');
console.error(`code: ${machine.git.commit}${machine.git.changedFiles.length ? ` + ${machine.git.changedFiles.length} changed files outside bench/` : ''}`);
// the smart guide needs neither Synthea nor a database
if (args.sections.includes('guide')) {
  guide = guideSection(args.quick ? 3 : 20);
  console.log(guideTable(guide));
  save();
}
const files = dbSections ? syntheaFiles(args.quick) ?? [] : [];
if (dbSections && !files.length) console.error(`Synthea test data not found at ${SYNTHEA_DIR}: skipping ingest, crud and search (they all need it).`);

for (const kind of dbSections ? args.dbs : []) {
  const d: DbResults = (databases[kind] = { loadAvg: {}, errors: {} });
  let loaded: BenchDb | undefined;
  const section = async (name: string, fn: () => Promise<void>) => {
    if (!files.length || !args.sections.includes(name as Section)) return;
    d.loadAvg[name] = Math.round(loadavg()[0] * 100) / 100;
    try {
      await fn();
    } catch (e) {
      d.errors[name] = (e as Error).stack ?? String(e);
      console.error(`[${kind}] ${name} failed: ${(e as Error).message}`);
    }
    save();
  };
  try {
    await section('ingest', async () => {
      const r = await ingestSection(kind, args, files);
      d.ingest = r.result;
      loaded = r.loaded;
      console.log(ingestTable(kind, r.result));
    });
    await section('crud', async () => {
      if (!loaded) {
        console.error(`[${kind}] crud: loading the Synthea set first`);
        loaded = (await huiyiLoad(kind, args.pgUrl, files, 4, 'crud')).db;
      }
      d.crud = await crudSection(kind, args, loaded);
      console.log(crudTables(kind, d.crud));
    });
    await loaded?.cleanup();
    await section('search', async () => {
      d.search = await searchSection(kind, args, files);
      console.log(searchTable(kind, d.search));
    });
  } finally {
    await cleanupAll();
  }
}

save();
if (Object.values(databases).some((d) => d?.ingest || d?.crud)) console.log(comparisonTable(machine, databases));
if (files.length) console.log(goalsTable(databases));
if (guide) console.log(`guide: top-1 ${guide.top1}, top-3 ${guide.top3}, red-flag recall ${guide.redFlagRecall}, p50 ${guide.latency.p50Ms} ms, p99 ${guide.latency.p99Ms} ms (goal ≤ 20 ms: ${guide.latency.p99Ms <= 20 ? 'met' : 'NOT met'})`);
console.log(`\nresults: ${outFile}`);
