import { spawn, spawnSync } from 'node:child_process';

// Syscall counts of a running server from the kernel's tracepoints (`perf stat`, needs Linux perf and the
// right to trace the process): deterministic where time is not. A commit's WAL frames are pwrite64 calls,
// pages read again after another connection's commit are pread64 calls.
export const SYSCALLS = ['pwrite64', 'pread64', 'fdatasync', 'fsync'] as const;
export type SyscallCounts = Record<(typeof SYSCALLS)[number], number>;

let available: boolean | undefined;
/** whether `perf stat` can count the syscall tracepoints here (checked once) */
export function perfAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync('perf', ['stat', '-x,', '-e', 'syscalls:sys_enter_pwrite64', '--', 'true'], { encoding: 'utf8' });
    available = r.status === 0 && /syscalls:sys_enter_pwrite64/.test(r.stderr);
  }
  return available;
}

/** Start counting the syscalls of `pid` (all its threads); the returned function stops and gives the counts. */
export function countSyscalls(pid: number): () => Promise<SyscallCounts | undefined> {
  const p = spawn('perf', ['stat', '-x,', '-e', SYSCALLS.map((s) => `syscalls:sys_enter_${s}`).join(','), '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  p.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => p.once('close', () => resolve()));
  return async () => {
    p.kill('SIGINT');
    await exited;
    return parsePerfStat(err);
  };
}

/** The counts in `perf stat -x,` output (value,unit,event,…); undefined unless every syscall is there. */
export function parsePerfStat(text: string): SyscallCounts | undefined {
  const out: Partial<SyscallCounts> = {};
  for (const line of text.split('\n')) {
    const f = line.split(',');
    const name = f[2]?.replace('syscalls:sys_enter_', '') as (typeof SYSCALLS)[number] | undefined;
    if (name && SYSCALLS.includes(name) && /^\d+$/.test(f[0])) out[name] = Number(f[0]);
  }
  return SYSCALLS.every((s) => out[s] !== undefined) ? (out as SyscallCounts) : undefined;
}
