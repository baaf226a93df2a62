import { readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';

/** The .json and .ndjson files named by the paths (folders are walked), sorted for a repeatable order. */
export function discoverFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const n of readdirSync(p).sort()) walk(join(p, n));
    } else if (['.json', '.ndjson'].includes(extname(p).toLowerCase())) out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}
