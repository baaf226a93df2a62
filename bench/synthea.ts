import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverFiles } from '../src/fhir/import/discover.js';
import { planImport, type ImportFile } from '../src/fhir/import/plan.js';
import type { Resource } from '../src/fhir/types.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SYNTHEA_DIR = join(REPO_ROOT, '..', 'shared', 'testdata', 'synthea');
const QUICK_PATIENTS = 4;

/** Planned Synthea files (shared organisations/practitioners first), or undefined when the data is absent. */
export function syntheaFiles(quick: boolean): ImportFile[] | undefined {
  if (!existsSync(SYNTHEA_DIR)) return undefined;
  const files = planImport(discoverFiles([SYNTHEA_DIR])).filter((f) => !f.error);
  return quick ? quickSubset(files) : files;
}

/** hospitalInformation / practitionerInformation batches: loaded once, referenced by every patient */
export const isShared = (f: ImportFile) => f.rank < 5;

export const countResources = (files: ImportFile[]) => files.reduce((n, f) => n + f.resources, 0);

/**
 * Smoke run: a few patients, and of the shared batches only the entries those patients reference
 * (Practitioner?identifier=…, …), written to a temp folder that is removed at exit.
 */
function quickSubset(files: ImportFile[]): ImportFile[] {
  const patients = files.filter((f) => !isShared(f)).slice(0, QUICK_PATIENTS);
  const wanted = new Set<string>();
  for (const p of patients) {
    for (const m of readFileSync(p.path, 'utf8').matchAll(/"reference": ?"([A-Za-z]+)\?identifier=([^"]+)"/g)) wanted.add(`${m[1]}?${m[2]}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-bench-quick-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const f of files.filter(isShared)) {
    const bundle = JSON.parse(readFileSync(f.path, 'utf8')) as { entry: { resource: Resource }[] };
    bundle.entry = bundle.entry.filter((e) => {
      const ids = (e.resource.identifier as { system?: string; value?: string }[] | undefined) ?? [];
      return ids.some((i) => wanted.has(`${e.resource.resourceType}?${i.system}|${i.value}`));
    });
    writeFileSync(join(dir, basename(f.path)), JSON.stringify(bundle));
  }
  return [...planImport(discoverFiles([dir])).filter((f) => f.resources > 0), ...patients];
}
