import { readFileSync } from 'node:fs';
import type { Resource } from '../types.js';
import type { RequestContext } from '../store/repository.js';
import type { SqlRepository } from '../store/sql-repository.js';
import { FhirError } from '../errors.js';
import { processBundle } from '../bundle/process.js';
import type { ImportFile } from './plan.js';

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  resourcesDone: number;
  resourcesTotal: number;
  elapsedMs: number;
}

export interface ImportSummary extends ImportProgress {
  failed: { path: string; error: string }[];
}

export interface ImportOptions {
  concurrency?: number;
  baseUrl?: string;
  /** NDJSON lines per transaction */
  chunk?: number;
  onProgress?: (p: ImportProgress) => void;
}

const UUID_URN = /^urn:uuid:([A-Za-z0-9\-.]{1,64})$/;

/**
 * Make a bundle idempotent: a POST whose resource has an id (or whose fullUrl is urn:uuid:X)
 * becomes PUT Type/id, so importing the same files twice leaves one copy of each resource.
 */
export function idempotent(bundle: Resource): Resource {
  const entry = (Array.isArray(bundle.entry) ? bundle.entry : []) as { fullUrl?: string; resource?: Resource; request?: { method?: string; url?: string; ifNoneExist?: string } }[];
  return {
    ...bundle,
    entry: entry.map((e) => {
      if (e?.request?.method !== 'POST' || e.request.ifNoneExist || !e.resource) return e;
      const id = (typeof e.resource.id === 'string' && e.resource.id) || UUID_URN.exec(e.fullUrl ?? '')?.[1];
      if (!id) return e;
      return { ...e, resource: { ...e.resource, id }, request: { ...e.request, method: 'PUT', url: `${e.resource.resourceType}/${id}` } };
    }),
  };
}

function asBundle(f: ImportFile, text: string, chunk: number): Resource[] {
  if (f.kind === 'bundle') return [idempotent(JSON.parse(text) as Resource)];
  const resources = f.kind === 'ndjson' ? text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Resource) : [JSON.parse(text) as Resource];
  const out: Resource[] = [];
  for (let i = 0; i < resources.length; i += chunk) {
    const entry = resources.slice(i, i + chunk).map((r) =>
      r.id ? { resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } } : { resource: r, request: { method: 'POST', url: r.resourceType } },
    );
    out.push({ resourceType: 'Bundle', type: 'transaction', entry });
  }
  return out;
}

/** Load the planned files: each bundle as given (batch or transaction), NDJSON in transactional chunks. */
export async function importFiles(repo: SqlRepository, ctx: RequestContext, files: ImportFile[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const start = Date.now();
  const summary: ImportSummary = { filesDone: 0, filesTotal: files.length, resourcesDone: 0, resourcesTotal: files.reduce((n, f) => n + f.resources, 0), elapsedMs: 0, failed: [] };
  const tick = () => {
    summary.elapsedMs = Date.now() - start;
    opts.onProgress?.(summary);
  };
  const baseUrl = opts.baseUrl ?? 'http://localhost/fhir';
  // rank groups run one after another (organisations before the patients that reference them)
  const ranks = [...new Set(files.map((f) => f.rank))].sort((a, b) => a - b);
  for (const rank of ranks) {
    const queue = files.filter((f) => f.rank === rank);
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        await importOne(repo, ctx, f, baseUrl, opts.chunk ?? 500, summary);
        summary.filesDone++;
        tick();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
  }
  tick();
  return summary;
}

async function importOne(repo: SqlRepository, ctx: RequestContext, f: ImportFile, baseUrl: string, chunk: number, summary: ImportSummary): Promise<void> {
  if (f.error) {
    summary.failed.push({ path: f.path, error: f.error });
    return;
  }
  try {
    const bundles = asBundle(f, readFileSync(f.path, 'utf8'), chunk);
    for (const b of bundles) {
      const res = await processBundle(repo, ctx, b, { baseUrl, maxEntries: Number.MAX_SAFE_INTEGER });
      const entries = (res.entry as { response: { status: string; outcome?: { issue?: { diagnostics?: string }[] } } }[]) ?? [];
      const bad = entries.filter((e) => !/^2/.test(e.response.status));
      summary.resourcesDone += entries.length - bad.length;
      if (bad.length) {
        summary.failed.push({ path: f.path, error: `${bad.length} entries failed, first: ${bad[0].response.status} ${bad[0].response.outcome?.issue?.[0]?.diagnostics ?? ''}` });
      }
    }
  } catch (e) {
    const msg = e instanceof FhirError ? `${e.status} ${e.message}` : (e as Error).message;
    summary.failed.push({ path: f.path, error: msg.slice(0, 500) });
  }
}
