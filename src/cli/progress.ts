import type { ImportProgress } from '../fhir/import/run.js';

/** One status line: a bar on a terminal (redrawn in place), a plain line every few seconds otherwise. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: ImportProgress, final?: boolean) => void {
  let last = 0;
  return (p, final = false) => {
    const now = Date.now();
    if (!final && now - last < (stream.isTTY ? 100 : 5000)) return;
    last = now;
    const rate = p.elapsedMs ? (p.resourcesDone / p.elapsedMs) * 1000 : 0;
    const left = p.resourcesTotal - p.resourcesDone;
    const eta = rate > 0 ? Math.ceil(left / rate) : 0;
    const frac = p.resourcesTotal ? p.resourcesDone / p.resourcesTotal : 1;
    const width = 24;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const line = `${bar} ${(frac * 100).toFixed(0).padStart(3)}%  files ${p.filesDone}/${p.filesTotal}  resources ${p.resourcesDone}/${p.resourcesTotal}  ${Math.round(rate)}/s  ETA ${fmt(eta)}`;
    if (stream.isTTY) stream.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}

function fmt(s: number): string {
  const m = Math.floor(s / 60);
  return m ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
