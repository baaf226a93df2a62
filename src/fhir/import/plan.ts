import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Resource } from '../types.js';

// Shared, referenced-by-others resources go first, so that patient bundles' conditional
// references (Organization?identifier=…, Practitioner?identifier=…) resolve.
const RANK: Record<string, number> = {
  Organization: 0, Location: 1, Practitioner: 2, PractitionerRole: 3, HealthcareService: 3, Endpoint: 0,
  Medication: 4, Device: 4, Patient: 5,
};

export interface ImportFile {
  path: string;
  kind: 'bundle' | 'ndjson' | 'resource';
  resources: number;
  rank: number;
  error?: string;
}

/** Read each file once to count its resources and rank it; unreadable files are kept with their error. */
export function planImport(paths: string[]): ImportFile[] {
  const files = paths.map((path): ImportFile => {
    try {
      const text = readFileSync(path, 'utf8');
      if (extname(path).toLowerCase() === '.ndjson') {
        const lines = text.split('\n').filter((l) => l.trim());
        const first = lines.length ? (JSON.parse(lines[0]) as Resource).resourceType : undefined;
        return { path, kind: 'ndjson', resources: lines.length, rank: RANK[first ?? ''] ?? 6 };
      }
      const json = JSON.parse(text) as Resource;
      if (json.resourceType === 'Bundle') {
        const entries = Array.isArray(json.entry) ? (json.entry as { resource?: Resource }[]) : [];
        const rank = Math.max(0, ...entries.map((e) => RANK[e.resource?.resourceType ?? ''] ?? 6));
        return { path, kind: 'bundle', resources: entries.length, rank };
      }
      return { path, kind: 'resource', resources: 1, rank: RANK[json.resourceType] ?? 6 };
    } catch (e) {
      return { path, kind: 'resource', resources: 0, rank: 9, error: `cannot read: ${(e as Error).message.slice(0, 200)}` };
    }
  });
  return files.sort((a, b) => a.rank - b.rank || a.path.localeCompare(b.path));
}
