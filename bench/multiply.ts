import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Resource } from '../src/fhir/types.js';
import type { SqlRepository } from '../src/fhir/store/sql-repository.js';
import type { ImportFile } from '../src/fhir/import/plan.js';
import { idempotent, importFiles } from '../src/fhir/import/run.js';
import { processBundle } from '../src/fhir/bundle/process.js';
import { isShared } from './synthea.js';
import { CTX } from './ingest.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A fresh, deterministic UUID for `id` in copy `copy`. */
export function copyId(id: string, copy: number): string {
  const h = createHash('sha1').update(`${copy}:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Source {
  text: string;
  /** ids of the bundle's own resources (and their urn:uuid fullUrls) */
  ids: Set<string>;
  entries: number;
}

function readSource(path: string): Source {
  const text = readFileSync(path, 'utf8');
  const bundle = JSON.parse(text) as { entry?: { fullUrl?: string; resource?: Resource }[] };
  const ids = new Set<string>();
  for (const e of bundle.entry ?? []) {
    if (e.resource?.id) ids.add(e.resource.id);
    const m = /^urn:uuid:(.+)$/.exec(e.fullUrl ?? '');
    if (m) ids.add(m[1]);
  }
  return { text, ids, entries: bundle.entry?.length ?? 0 };
}

/**
 * Copy `copy` of a patient bundle: every id of the bundle's own resources is replaced, in ids,
 * fullUrls, references and identifiers alike; shared organisations/practitioners keep theirs.
 */
export function copyBundle(src: Source, copy: number): Resource {
  const text = copy === 0 ? src.text : src.text.replace(UUID, (u) => (src.ids.has(u) ? copyId(u, copy) : u));
  return idempotent(JSON.parse(text) as Resource);
}

/** Grows one database by whole patient bundles (original, then copy 1, 2, …) up to a resource count. */
export class GrowingLoader {
  loaded = 0;
  private sources: Source[] | undefined;
  private next = 0; // position in the endless (copy, patient) sequence
  failed = 0;
  firstError?: string;

  constructor(private readonly files: ImportFile[], private readonly concurrency: number) {}

  /** Load until at least `target` resources are stored; calls onProgress as bundles complete. */
  async growTo(repo: SqlRepository, target: number, onProgress: (loaded: number) => void): Promise<void> {
    if (!this.sources) {
      const s = await importFiles(repo, CTX, this.files.filter(isShared), { concurrency: this.concurrency });
      this.loaded += s.resourcesDone;
      this.sources = this.files.filter((f) => !isShared(f)).map((f) => readSource(f.path));
      onProgress(this.loaded);
    }
    const sources = this.sources;
    const worker = async () => {
      while (this.loaded < target) {
        const n = this.next++;
        const src = sources[n % sources.length];
        const res = await processBundle(repo, CTX, copyBundle(src, Math.floor(n / sources.length)), { baseUrl: 'http://localhost/fhir', maxEntries: Number.MAX_SAFE_INTEGER }).catch((e: Error) => {
          this.failed++;
          this.firstError ??= e.message.slice(0, 300);
          return undefined;
        });
        const entries = (res?.entry ?? []) as { response: { status: string } }[];
        this.loaded += entries.filter((e) => e.response.status.startsWith('2')).length;
        onProgress(this.loaded);
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
  }
}
