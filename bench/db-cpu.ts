import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU ms used so far by every process named `postgres` (the database's backends and its background processes), or
 * undefined where /proc does not tell (not Linux, no such process). A backend that exits takes its time with it, so
 * take differences over short spans only.
 */
export function postgresCpuMs(): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  let total = 0;
  let seen = false;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
    const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    total += (Number(f[11]) + Number(f[12])) * 10; // utime + stime, clock ticks of 10 ms
    seen = true;
  }
  return seen ? total : undefined;
}
