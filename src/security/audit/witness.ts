import { appendFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseCheckpoint, type Checkpoint } from './checkpoint.js';

// A witness keeps copies of checkpoints somewhere the database's owner cannot rewrite (another
// host, append-only storage, a notary service). Verifying against them detects a chain that was
// truncated or rewritten together with its checkpoint table.

export type ExportResult = { ok: true; witness: string } | { ok: false; witness: string; error: string };

const isUrl = (w: string) => /^https?:\/\//i.test(w);

/** Send a checkpoint to a witness: append a JSON line to a file, or POST it to an http(s) URL. Never throws. */
export async function exportCheckpoint(checkpoint: Checkpoint, witness: string, opts: { timeoutMs?: number } = {}): Promise<ExportResult> {
  try {
    const body = JSON.stringify(checkpoint);
    if (isUrl(witness)) {
      const res = await fetch(witness, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
      });
      await res.body?.cancel();
      if (!res.ok) return { ok: false, witness, error: `HTTP ${res.status}` };
    } else {
      await mkdir(dirname(witness), { recursive: true });
      await appendFile(witness, `${body}\n`);
    }
    return { ok: true, witness };
  } catch (e) {
    return { ok: false, witness, error: (e as Error).message };
  }
}

/** The checkpoints in a witness file (JSON lines, any tenants). */
export function readWitnessFile(path: string): Checkpoint[] {
  if (isUrl(path)) throw new Error(`read the witness's copy as a file: ${path} is a URL`);
  const out: Checkpoint[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(parseCheckpoint(JSON.parse(line)));
    } catch (e) {
      throw new Error(`${path}:${i + 1}: ${(e as Error).message}`);
    }
  });
  return out;
}
