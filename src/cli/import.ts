import { openPlatformStore } from './platform-store.js';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config/config.js';
import { discoverFiles } from '../fhir/import/discover.js';
import { planImport } from '../fhir/import/plan.js';
import { importFiles } from '../fhir/import/run.js';
import { progressPrinter } from './progress.js';

export async function importCommand(paths: string[], opts: { db?: string; concurrency?: string; report?: string }): Promise<void> {
  const config = loadConfig(opts);
  const files = planImport(discoverFiles(paths));
  if (!files.length) throw new Error('no .json or .ndjson files found');
  const store = await openPlatformStore(config);
  const concurrency = opts.concurrency ? Number(opts.concurrency) : store.dialect === 'postgres' ? 4 : 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be 1..64');
  const show = progressPrinter();
  try {
    const s = await importFiles(store.repo, { tenant: config.tenant }, files, { concurrency, baseUrl: config.baseUrl, onProgress: (p) => show(p) });
    show(s, true);
    // fresh planner statistics: without them both databases pick poor plans for the new data
    await store.db.analyze();
    const secs = s.elapsedMs / 1000;
    console.log(
      `imported ${s.resourcesDone} of ${s.resourcesTotal} resources from ${s.filesDone - s.failed.length} of ${s.filesTotal} files ` +
        `in ${secs.toFixed(1)} s (${Math.round(s.resourcesDone / Math.max(secs, 0.001))} resources/s) into ${store.dialect}`,
    );
    if (s.failed.length) {
      console.error(`${s.failed.length} file(s) had errors:`);
      for (const f of s.failed) console.error(`  ${f.path}: ${f.error}`);
    }
    if (opts.report) writeFileSync(opts.report, JSON.stringify(s, null, 2));
    if (s.failed.length) process.exitCode = 2;
  } finally {
    await store.close();
  }
}
