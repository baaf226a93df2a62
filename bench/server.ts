import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { REPO_ROOT } from './synthea.js';

export interface ServerProcess {
  base: string;
  pid: number;
  /** resident set size now and its peak so far (MB), from /proc/<pid>/status */
  memory(): { rssMb: number; hwmMb: number };
  /** CPU time the server process has used so far (user + system, ms), from /proc/<pid>/stat */
  cpuMs(): number;
  /** the same for its main thread alone (the event loop; not libuv's or workers' threads) */
  mainThreadCpuMs(): number;
  /** CPU so far of each of its threads (ms by thread id, ascending: main thread, V8's and libuv's, then workers) */
  threadsCpuMs(): Map<number, number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** user + system time (ms) from a /proc stat file */
export function cpuOf(file: string): number {
  const f = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
}

let started = 0;
/** the CPU every server is pinned to (--pin), or none */
let serverCpu: number | undefined;

/**
 * --pin: this process (the load generator) on CPU 0 and every server on CPU 1, so the two never compete for a core
 * and a server's capacity is one core with all its threads (GC, checkpoints) counted (bench/README.md). Linux
 * with taskset only; undefined when pinned, else why not.
 */
export function pinToCpus(): string | undefined {
  if (availableParallelism() < 2) return 'fewer than 2 CPUs';
  const r = spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { encoding: 'utf8' });
  if (r.status !== 0) return `taskset failed: ${r.error?.message ?? r.stderr.trim()}`;
  serverCpu = 1;
  return undefined;
}

/**
 * HUIYI_BENCH_CPU_PROF=DIR: each server child writes a V8 CPU profile into DIR/NN-audit-on|off|default/ when it
 * stops (summarise with bench/cpu-summary.ts; compare two with bench/cpu-diff.ts).
 */
function profileArgs(env: Record<string, string>): string[] {
  const dir = process.env.HUIYI_BENCH_CPU_PROF;
  if (!dir) return [];
  started++;
  return ['--cpu-prof', `--cpu-prof-dir=${dir}/${String(started).padStart(2, '0')}-audit-${env.HUIYI_AUDIT ?? 'default'}`];
}

/** servers run pinned to one CPU (pinToCpus succeeded) */
export const serversPinned = (): boolean => serverCpu !== undefined;

/** The real server as a child process, so load generator and server don't share an event loop. */
export async function startServer(dbUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const args = [...profileArgs(env), '--import', 'tsx', 'src/cli/main.ts', 'serve', '--db', dbUrl, '--port', String(port)];
  const pinned = serverCpu !== undefined;
  // its own data directory (audit keys, and on PostgreSQL the reads' journal), removed when it stops
  const dataDir = env.HUIYI_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'huiyi-bench-data-'));
  const child: ChildProcess = spawn(pinned ? 'taskset' : process.execPath, pinned ? ['-c', String(serverCpu), process.execPath, ...args] : args, {
    cwd: REPO_ROOT,
    env: { ...process.env, HUIYI_LOG_LEVEL: 'warn', HUIYI_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid as number;
  return {
    base,
    pid,
    cpuMs: () => cpuOf(`/proc/${pid}/stat`),
    mainThreadCpuMs: () => cpuOf(`/proc/${pid}/task/${pid}/stat`),
    threadsCpuMs() {
      const out = new Map<number, number>();
      for (const tid of readdirSync(`/proc/${pid}/task`).map(Number).sort((a, b) => a - b)) {
        try {
          out.set(tid, cpuOf(`/proc/${pid}/task/${tid}/stat`));
        } catch {
          // the thread ended
        }
      }
      return out;
    },
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      return { rssMb: Math.round(kb('VmRSS') / 1024), hwmMb: Math.round(kb('VmHWM') / 1024) };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(t);
      if (!env.HUIYI_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
