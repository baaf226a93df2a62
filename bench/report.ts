import { SYSCALLS } from './syscalls.js';
import type { Kind } from './args.js';
import type { IngestResult } from './ingest.js';
import type { CrudResult } from './crud-mix.js';
import type { SearchSectionResult } from './search-latency.js';
import type { MachineInfo } from './machine.js';

export interface DbResults {
  /** 1-minute load average when each section started (other work on the machine) */
  loadAvg: Record<string, number>;
  ingest?: IngestResult;
  crud?: CrudResult;
  search?: SearchSectionResult;
  errors: Record<string, string>;
}

/** Published figures of other servers (their own hardware and methods; not like-for-like). */
export const PUBLISHED = {
  crudReqPerSecPerCore: { Aidbox: 650, HAPI: 380, Medplum: 180 },
  bundleImportResPerSecPerCore: { HAPI: 280 },
  medplum5010TwoCores: { createReqPerSec: 202, readReqPerSec: 857, nameSearchReqPerSec: 500, transaction100Seconds: '0.7–0.9' },
};

export const GOALS = {
  ingestResPerSec: { sqlite: 20000, postgres: 5000 } as Record<Kind, number>,
  shareOfRaw: 0.5,
  crudReqPerSec: 1500,
  rssMb: 512,
  patientScopedP50Ms: 5,
  patientScopedP99Ms: 50,
  /** the audit ledger's share of the CRUD mix's throughput (security issue), percent */
  auditCostPct: 10,
};

export function table(title: string, head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  // text columns align left, figures right
  const left = head.map((_, i) => i === 0 || rows.some((r) => typeof r[i] === 'string' && /[a-z]{3}/i.test(String(r[i]).replace(/ (ms|MB|rows\/s)\b/g, ''))));
  const line = (r: string[]) => `| ${r.map((c, i) => (left[i] ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' | ')} |`;
  const rule = `|${w.map((n, i) => (left[i] ? '-'.repeat(n + 2) : `${'-'.repeat(n + 1)}:`)).join('|')}|`;
  return [`\n${title}`, line(cells[0] as string[]), rule, ...cells.slice(1).map((r) => line(r as string[]))].join('\n');
}

const fmt = (n: number) => (!Number.isFinite(n) ? '–' : Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));
const ok = (b: boolean) => (b ? 'met' : 'NOT met');

export function ingestTable(kind: Kind, r: IngestResult): string {
  const rows: (string | number)[][] = r.runs.map((x) => [`Huiyi importFiles, concurrency ${x.concurrency}`, x.resources, x.seconds, x.resourcesPerSec, x.failedFiles ? `${x.failedFiles} files failed` : '']);
  rows.push([`raw driver, same rows (${r.raw.rows.toLocaleString('en-US')} rows, ${r.raw.transactions} tx)`, r.resources, r.raw.seconds, r.raw.resourcesPerSec, `${r.raw.rowsPerSec.toLocaleString('en-US')} rows/s`]);
  rows.push([`Huiyi best / raw`, '', '', `${(r.shareOfRaw * 100).toFixed(1)} %`, '']);
  return table(`Ingest — ${kind} (Synthea ${r.files} files as transactions)`, ['run', 'resources', 'seconds', 'resources/s', 'note'], rows);
}

export function crudTables(kind: Kind, r: CrudResult): string {
  const main = table(
    `CRUD over HTTP — ${kind} (server child process, autocannon; ${r.resourcesAtStart.toLocaleString('en-US')} resources at start${r.analyzed ? ', after ANALYZE' : ''}; mix: ${r.mix})`,
    ['run', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'RSS peak MB'],
    r.runs.map((x) => [x.name, x.connections, x.reqPerSec, x.p50, x.p99, x.non2xx, x.errors + x.timeouts, x.rssPeakMb]),
  );
  const ops = table(
    `CRUD mix by operation — ${kind} (latency from request build to response, ms)`,
    ['run', 'operation', 'requests', 'non-2xx', 'p50 ms', 'p99 ms'],
    r.runs.filter((x) => x.name === 'mix').flatMap((x) => Object.entries(x.byOp).map(([op, v]) => [`mix c=${x.connections}`, op, v.n, v.non2xx, Math.round(v.p50 * 10) / 10, Math.round(v.p99 * 10) / 10])),
  );
  const t = r.transaction100;
  const tx = t ? `100-entry transaction (sequential, ${t.n}×): p50 ${t.p50} ms, p99 ${t.p99} ms, non-2xx ${t.non2xx}; ` : '';
  return `${main}\n${r.runs.some((x) => x.name === 'mix') ? `${ops}\n` : ''}  ${tx}server RSS idle ${r.rssIdleMb} MB, peak (VmHWM) ${r.rssHwmMb} MB${auditLines(r)}`;
}

/** The audit ledger's cost: throughput and CPU with their intervals, the main thread's CPU, syscalls. */
function auditLines(r: CrudResult): string {
  if (r.auditCostPct === undefined) return '';
  const range = r.auditCostRangePct;
  const spread = range ? ` (single rounds ${range[0]}…${range[1]} %${r.auditCostRounds?.ci ? `, ${ciText(r.auditCostRounds)}` : ''})` : '';
  const cpuCi = r.auditCpuCostRounds?.ci ? ` (${ciText(r.auditCpuCostRounds)})` : '';
  const mainThread = r.mainThreadCpuPerRequestUs ? `; main thread ${r.mainThreadCpuPerRequestUs.on} vs ${r.mainThreadCpuPerRequestUs.off} µs` : '';
  const db = r.dbCpuPerRequestUs ? `; PostgreSQL's processes during its slices ${r.dbCpuPerRequestUs.on} vs ${r.dbCpuPerRequestUs.off} µs per request` : '';
  const busy = r.busyPct ? `; busy during its slices ${r.busyPct.on} vs ${r.busyPct.off} % (CPU ÷ slice time: below 100 it waited for requests)` : '';
  const sc = r.syscallsPerRequest;
  const syscalls = sc ? `\n  syscalls per request, audited vs not: ${SYSCALLS.map((k) => `${k} ${sc.on[k]} vs ${sc.off[k]}`).join(', ')}` : '';
  return `\n  audit ledger cost on the mix (16 connections, paired runs, both servers at once in alternating slices, ${r.auditRounds ?? 2} rounds${r.pinned ? ', server pinned to one CPU' : ''}): ${r.auditCostPct} % of throughput${spread}; server CPU per request ${r.cpuPerRequestUs?.on} µs audited vs ${r.cpuPerRequestUs?.off} µs → ${r.auditCpuCostPct} % of capacity${cpuCi} (goal ≤ ${GOALS.auditCostPct} %)${mainThread}${busy}${db}${syscalls}`;
}

/** "mean of the rounds M % (95 % CI lo…hi %)" */
function ciText(m: { mean: number; ci?: [number, number] }): string {
  return `mean of the rounds ${m.mean} % (95 % CI ${m.ci?.[0]}…${m.ci?.[1]} %)`;
}

/**
 * The audit goal is met only when the whole 95 % interval of the rounds' cost is within it; a mean within
 * it but an interval that reaches past it is "not shown" (measure more rounds), not "met".
 */
export function auditVerdict(m: { mean: number; ci?: [number, number] }, goalPct = GOALS.auditCostPct): string {
  if (!m.ci) return m.mean <= goalPct ? 'not shown (one round)' : 'NOT met';
  if (m.ci[1] <= goalPct) return 'met';
  return m.mean <= goalPct ? 'not shown (interval reaches past the goal)' : 'NOT met';
}

export function searchTable(kind: Kind, r: SearchSectionResult): string {
  const sizes = r.sizes;
  const head = ['query', ...sizes.map((s) => `${s.resources.toLocaleString('en-US')} p50/p99 ms`), 'returned'];
  if (sizes.length > 1) head.push('p50 growth');
  const rows = (sizes[0]?.queries ?? []).map((q, i) => {
    const cells: (string | number)[] = [`${q.name}${q.patientScoped ? ' *' : ''}`];
    for (const s of sizes) {
      const x = s.queries[i];
      cells.push(x.error ? 'error' : `${x.p50} / ${x.p99}`);
    }
    cells.push(sizes[sizes.length - 1].queries[i].avgReturned);
    if (sizes.length > 1) cells.push(`×${(sizes[sizes.length - 1].queries[i].p50 / q.p50).toFixed(1)}`);
    return cells;
  });
  const skipped = r.skipped.map((s) => `\n  skipped ${s.target.toLocaleString('en-US')} resources: loading would take ~${s.estimatedLoadMinutes} min at ${r.loadResourcesPerSec} res/s`).join('');
  return `${table(`Search latency — ${kind} (${r.method}; ${r.iterations} calls per query and size; * = patient-scoped)`, head, rows)}${skipped}`;
}

export function comparisonTable(machine: MachineInfo, dbs: Partial<Record<Kind, DbResults>>): string {
  const kinds = Object.keys(dbs) as Kind[];
  const cores = machine.cores;
  const get = (k: Kind, f: (d: DbResults) => number | undefined) => {
    const d = dbs[k];
    const v = d ? f(d) : undefined;
    return v === undefined || !Number.isFinite(v) ? '–' : v;
  };
  const run = (d: DbResults, name: string, c = 16) => d.crud?.runs.find((x) => x.name === name && x.connections === c);
  const bestMix = (d: DbResults) => Math.max(...(d.crud?.runs.filter((x) => x.name === 'mix').map((x) => x.reqPerSec) ?? [NaN]));
  const bestIngest = (d: DbResults) => Math.max(...(d.ingest?.runs.map((x) => x.resourcesPerSec) ?? [NaN]));
  const rows: (string | number)[][] = [
    ['CRUD req/s per core (mix, best)', ...kinds.map((k) => get(k, (d) => Math.round(bestMix(d) / cores))), 'Aidbox ~650, HAPI ~380, Medplum ~180'],
    ['bundle import res/s per core', ...kinds.map((k) => get(k, (d) => Math.round(bestIngest(d) / cores))), 'HAPI ~280'],
    ['create req/s (whole machine)', ...kinds.map((k) => get(k, (d) => run(d, 'create Observation only')?.reqPerSec)), 'Medplum 5.0.10, 2 cores: 202'],
    ['read req/s (whole machine)', ...kinds.map((k) => get(k, (d) => run(d, 'read only')?.reqPerSec)), 'Medplum 5.0.10, 2 cores: 857'],
    ['name search req/s (whole machine)', ...kinds.map((k) => get(k, (d) => run(d, 'Patient name search only')?.reqPerSec)), 'Medplum 5.0.10, 2 cores: ~500'],
    ['100-entry transaction, s (p50)', ...kinds.map((k) => get(k, (d) => (d.crud?.transaction100 ? Math.round(d.crud.transaction100.p50) / 1000 : undefined))), 'Medplum 5.0.10, 2 cores: 0.7–0.9'],
  ];
  return table(
    `Published figures to beat (theirs: own hardware and methods; ours: this ${cores}-core machine, database and load generator included)`,
    ['metric', ...kinds.map((k) => `Huiyi ${k}`), 'published'],
    rows,
  );
}

export function goalsTable(dbs: Partial<Record<Kind, DbResults>>): string {
  const rows: string[][] = [];
  for (const [kind, d] of Object.entries(dbs) as [Kind, DbResults][]) {
    if (d.ingest) {
      const best = Math.max(...d.ingest.runs.map((x) => x.resourcesPerSec));
      rows.push([kind, `ingest ≥ ${GOALS.ingestResPerSec[kind].toLocaleString('en-US')} res/s`, best.toLocaleString('en-US'), ok(best >= GOALS.ingestResPerSec[kind])]);
      rows.push([kind, 'ingest ≥ 50 % of raw', `${(d.ingest.shareOfRaw * 100).toFixed(1)} %`, ok(d.ingest.shareOfRaw >= GOALS.shareOfRaw)]);
    }
    if (d.crud) {
      const mix = d.crud.runs.filter((x) => x.name === 'mix');
      const rss = Math.max(...d.crud.runs.map((x) => x.rssPeakMb));
      const bad = d.crud.runs.reduce((n, x) => n + x.non2xx + x.errors + x.timeouts, 0);
      if (mix.length) {
        const best = Math.max(...mix.map((x) => x.reqPerSec));
        rows.push([kind, 'CRUD mix ≥ 1,500 req/s', best.toLocaleString('en-US'), ok(best >= GOALS.crudReqPerSec)]);
        rows.push([kind, 'server RSS ≤ 512 MB under load', `${rss} MB`, ok(rss <= GOALS.rssMb)]);
      }
      rows.push([kind, 'no non-2xx / errors', String(bad), ok(bad === 0)]);
      const a = d.crud.auditCostRounds;
      if (a) {
        const measured = `${a.mean} %${a.ci ? ` (95 % CI ${a.ci[0]}…${a.ci[1]}, ${d.crud.auditRounds} rounds)` : ''}`;
        rows.push([kind, `audit ledger ≤ ${GOALS.auditCostPct} % of the mix's throughput`, measured, auditVerdict(a)]);
      }
    }
    const last = d.search?.sizes[d.search.sizes.length - 1];
    if (last) {
      const scoped = last.queries.filter((q) => q.patientScoped);
      const p50 = Math.max(...scoped.map((q) => q.p50));
      const p99 = Math.max(...scoped.map((q) => q.p99));
      const at = last.resources >= 1_000_000 ? 'at 1M' : `at ${last.resources.toLocaleString('en-US')} (1M not measured)`;
      rows.push([kind, `patient-scoped p50 ≤ 5 ms, p99 ≤ 50 ms ${at}`, `worst p50 ${p50} / p99 ${p99} ms`, ok(p50 <= GOALS.patientScopedP50Ms && p99 <= GOALS.patientScopedP99Ms)]);
    }
  }
  return table('Goals from the product brief', ['db', 'goal', 'measured', 'verdict'], rows);
}
