import os from 'node:os';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Kind } from './args.js';
import { REPO_ROOT } from './synthea.js';

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  sqlite: string;
  postgres?: string;
  /** 1-minute load average at start: other work on the machine skews every figure */
  loadAvgAtStart: number;
  /** the code measured: commit, and files changed outside bench/ (others may edit while it runs) */
  git: { commit: string; changedFiles: string[] };
}

function gitState(): MachineInfo['git'] {
  const git = (...a: string[]) => execFileSync('git', a, { cwd: REPO_ROOT, encoding: 'utf8' });
  try {
    const changedFiles = git('status', '--porcelain').split('\n').map((l) => l.slice(3)).filter((f) => f && !f.startsWith('bench/'));
    return { commit: git('rev-parse', '--short', 'HEAD').trim(), changedFiles };
  } catch {
    return { commit: 'unknown', changedFiles: [] };
  }
}

export async function machineInfo(dbs: Kind[], pgUrl: string): Promise<MachineInfo> {
  const mem = new Database(':memory:');
  const sqlite = (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  mem.close();
  let postgres: string | undefined;
  if (dbs.includes('postgres')) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      postgres = ((await c.query('SHOW server_version')).rows[0] as { server_version: string }).server_version;
    } finally {
      await c.end();
    }
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    sqlite,
    postgres,
    loadAvgAtStart: Math.round(os.loadavg()[0] * 100) / 100,
    git: gitState(),
  };
}
