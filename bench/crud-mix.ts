import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { Resource } from '../src/fhir/types.js';
import { openStore, type Store } from '../src/fhir/store/open.js';
import { migrate } from '../src/fhir/store/migrations.js';
import { SECURITY_MIGRATIONS } from '../src/security/migrations.js';
import { UserStore } from '../src/security/identity/users.js';
import { SessionStore } from '../src/security/identity/sessions.js';
import type { BenchArgs, Kind } from './args.js';
import { analyze, type BenchDb } from './databases.js';
import { sampleData, type Sample } from './sample.js';
import { serversPinned, startServer, type ServerProcess } from './server.js';
import { meanCi95, prng, round, summarize, type Summary } from './stats.js';
import { CTX } from './ingest.js';
import { countSyscalls, perfAvailable, SYSCALLS, type SyscallCounts } from './syscalls.js';
import { postgresCpuMs } from './db-cpu.js';

type Op = 'read' | 'search-obs' | 'search-name' | 'create' | 'update';

/** The stated mix (percent). */
export const MIX: [Op, number][] = [['read', 50], ['search-obs', 10], ['search-name', 10], ['create', 15], ['update', 15]];
export const MIX_TEXT =
  '50% read by id (any type), 10% Observation?patient=…&code=…, 10% Patient?name=…, 15% create Observation, 15% update Patient';

export interface HttpRun {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rssPeakMb: number;
  byOp: Record<string, { n: number; non2xx: number; p50: number; p99: number }>;
  firstFailure?: string;
}

export interface CrudResult {
  mix: string;
  /** ANALYZE ran after the load, before the server started */
  analyzed: boolean;
  resourcesAtStart: number;
  runs: HttpRun[];
  /** sequential POST [base] of a 100-entry transaction (new Observations); not measured with --audit-only */
  transaction100?: Summary & { non2xx: number };
  rssIdleMb: number;
  rssHwmMb: number;
  /** throughput lost to the audit ledger: 1 − mean(mix, audit on) / mean(mix, audit off), alternated runs at 16 connections, percent */
  auditCostPct?: number;
  /** the same from server CPU time per request: 1 − cpu(off) / cpu(on), percent (throughput at saturation) */
  auditCpuCostPct?: number;
  cpuPerRequestUs?: { on: number; off: number };
  /** paired rounds, and the lowest and highest throughput cost of a single round (the spread), percent */
  auditRounds?: number;
  auditCostRangePct?: [number, number];
  /**
   * the rounds' throughput and CPU costs as a mean with its 95 % confidence interval (Student's t over the
   * paired rounds), percent: single rounds here spread over 30 points, so a mean of a few rounds says little
   */
  auditCostRounds?: { mean: number; ci?: [number, number] };
  auditCpuCostRounds?: { mean: number; ci?: [number, number] };
  /**
   * a server's CPU over its round ÷ the length of its own slices, percent, audit on and off: below 100 the server
   * stood idle during its slices (the load generator had no request out to it); above, it also worked between them
   */
  busyPct?: { on: number; off: number };
  /** PostgreSQL's processes' CPU during each side's slices, per request of that side, µs (PostgreSQL only) */
  dbCpuPerRequestUs?: { on: number; off: number };
  /** server main thread (event loop) CPU per request, audit on and off, µs */
  mainThreadCpuPerRequestUs?: { on: number; off: number };
  /** the servers ran on one CPU and the load generator on the other (--pin) */
  pinned?: boolean;
  /** syscalls per request of the server during the audit rounds, with --syscalls (Linux perf) */
  syscallsPerRequest?: { on: SyscallCounts; off: SyscallCounts };
}

/** every request is authenticated like the web app's: a doctor's session cookie and its CSRF token */
let JSON_HEADERS: Record<string, string> = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' };

async function benchSession(store: Store): Promise<Record<string, string>> {
  await migrate(store.db, undefined, SECURITY_MIGRATIONS);
  const users = new UserStore(store.db, { hash: { N: 1024, r: 8, p: 1 } });
  const user = (await users.findByUsername(CTX.tenant, 'bench-doctor'))
    ?? (await users.create(CTX.tenant, { username: 'bench-doctor', password: `Bench-${randomUUID()}`, roles: 'doctor', fhirUser: 'Practitioner/bench-doctor' }));
  const s = await new SessionStore(store.db).create(CTX.tenant, user.id, {});
  return { cookie: `huiyi_session=${s.id}`, 'x-csrf-token': s.csrfToken };
}
const BENCH_EXT = 'http://huiyi.example/bench/counter';

/** Builds the requests of each operation from the sampled data. */
function requestMaker(s: Sample, seed: number) {
  const rand = prng(seed);
  const any = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const code = s.codes[0];
  let counter = 0;
  const observation = (patientId: string): Resource => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: code.system, code: code.code }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: new Date().toISOString(),
    valueQuantity: { value: round(50 + rand() * 50, 1), unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  });
  const make = (op: Op): { method: string; path: string; body?: string } => {
    const p = any(s.patients);
    switch (op) {
      case 'read': {
        const r = any(s.reads);
        return { method: 'GET', path: `/fhir/${r.type}/${r.id}` };
      }
      case 'search-obs':
        return { method: 'GET', path: `/fhir/Observation?patient=Patient/${p.id}&code=${encodeURIComponent(`${code.system}|${code.code}`)}` };
      case 'search-name':
        return { method: 'GET', path: `/fhir/Patient?name=${encodeURIComponent(p.family)}` };
      case 'create':
        return { method: 'POST', path: '/fhir/Observation', body: JSON.stringify(observation(p.id)) };
      case 'update': {
        // a changed extension, so every update writes a new version (no-op updates are skipped)
        const ext = ((p.resource.extension as { url: string }[] | undefined) ?? []).filter((e) => e.url !== BENCH_EXT);
        const body = { ...p.resource, extension: [...ext, { url: BENCH_EXT, valueInteger: ++counter }] };
        return { method: 'PUT', path: `/fhir/Patient/${p.id}`, body: JSON.stringify(body) };
      }
    }
  };
  const pickOp = (mix: [Op, number][]): Op => {
    const total = mix.reduce((n, [, w]) => n + w, 0);
    let x = rand() * total;
    for (const [op, w] of mix) if ((x -= w) < 0) return op;
    return mix[mix.length - 1][0];
  };
  return { make, pickOp, observation };
}

async function runLoad(server: ServerProcess, name: string, mix: [Op, number][], connections: number, seconds: number, s: Sample, seed = 42 + connections): Promise<HttpRun> {
  const maker = requestMaker(s, seed);
  const lat = new Map<string, number[]>(mix.map(([op]) => [op, []]));
  const bad = new Map<string, number>();
  let firstFailure: string | undefined;
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, server.memory().rssMb)), 200);
  const result = await autocannon({
    url: server.base,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (req, ctx) => {
          const op = maker.pickOp(mix);
          ctx.op = op;
          ctx.t0 = performance.now();
          const r = maker.make(op);
          // a new headers object each time: autocannon writes Content-Length into it
          const { 'content-type': _ct, ...noBody } = JSON_HEADERS;
          return { ...req, ...r, headers: r.body ? { ...JSON_HEADERS } : { ...noBody } };
        },
        onResponse: (status, body, ctx) => {
          const op = String(ctx.op);
          if (typeof ctx.t0 === 'number') lat.get(op)?.push(performance.now() - ctx.t0);
          if (status < 200 || status > 299) {
            bad.set(op, (bad.get(op) ?? 0) + 1);
            firstFailure ??= `${op} → ${status} ${String(body).slice(0, 300)}`;
          }
        },
      },
    ],
  });
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, server.memory().rssMb);
  const byOp: HttpRun['byOp'] = {};
  for (const [op, xs] of lat) {
    if (!xs.length) continue;
    const sm = summarize(xs);
    byOp[op] = { n: sm.n, non2xx: bad.get(op) ?? 0, p50: sm.p50, p99: sm.p99 };
  }
  const requests = result.requests.total;
  return {
    name, connections, seconds: result.duration, requests, reqPerSec: Math.round(requests / result.duration),
    p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    rssPeakMb: rssPeak, byOp, firstFailure,
  };
}

/** slices of the audit rounds per side and round (the round's seconds split between them) */
const AUDIT_SLICES = 4;

/** One side's slices as one run: requests and seconds summed; p50 the slices' mean, p99 their highest. */
export function sliced(name: string, runs: HttpRun[]): HttpRun {
  const sum = (f: (r: HttpRun) => number) => runs.reduce((t, r) => t + f(r), 0);
  const requests = sum((r) => r.requests);
  const seconds = sum((r) => r.seconds);
  const byOp: HttpRun['byOp'] = {};
  for (const r of runs) {
    for (const [op, v] of Object.entries(r.byOp)) {
      const o = (byOp[op] ??= { n: 0, non2xx: 0, p50: 0, p99: 0 });
      o.p50 = (o.p50 * o.n + v.p50 * v.n) / Math.max(1, o.n + v.n);
      o.n += v.n;
      o.non2xx += v.non2xx;
      o.p99 = Math.max(o.p99, v.p99);
    }
  }
  return {
    name, connections: runs[0].connections, seconds, requests, reqPerSec: Math.round(requests / seconds),
    p50: round(sum((r) => r.p50) / runs.length, 1), p99: Math.max(...runs.map((r) => r.p99)),
    non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts),
    rssPeakMb: Math.max(...runs.map((r) => r.rssPeakMb)), byOp, firstFailure: runs.find((r) => r.firstFailure)?.firstFailure,
  };
}

async function transactions(server: ServerProcess, s: Sample, n: number): Promise<CrudResult['transaction100']> {
  const maker = requestMaker(s, 7);
  const times: number[] = [];
  let non2xx = 0;
  for (let i = 0; i < n; i++) {
    const entry = Array.from({ length: 100 }, (_, k) => ({
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: maker.observation(s.patients[(i * 100 + k) % s.patients.length].id),
      request: { method: 'POST', url: 'Observation' },
    }));
    const t0 = performance.now();
    const r = await fetch(`${server.base}/fhir`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry }) });
    await r.arrayBuffer();
    times.push(performance.now() - t0);
    if (!r.ok) non2xx++;
  }
  return { ...summarize(times), non2xx };
}

/** Section 2: the CRUD mix at 16 and 64 connections, single-operation runs, 100-entry transactions. */
export async function crudSection(kind: Kind, args: BenchArgs, db: BenchDb): Promise<CrudResult> {
  const store = await openStore(db.url, { migrate: false });
  let s: Sample;
  let resourcesAtStart: number;
  try {
    // without statistics PostgreSQL reads ~3× slower right after the load; measure the steady state
    await analyze(store);
    s = await sampleData(store.db, CTX.tenant, 200);
    resourcesAtStart = Number((await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM resources'))?.n);
    JSON_HEADERS = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json', ...(await benchSession(store)) };
  } finally {
    await store.close();
  }
  const server = await startServer(db.url);
  try {
    const short = Math.min(args.duration, 10);
    await runLoad(server, 'warm-up', MIX, 16, args.quick ? 1 : 3, s);
    const rssIdleMb = server.memory().rssMb;
    const runs: HttpRun[] = [];
    const plan: [string, [Op, number][], number, number][] = [
      ['mix', MIX, 16, args.duration],
      ['mix', MIX, 64, args.duration],
      ['read only', [['read', 1]], 16, short],
      ['Patient name search only', [['search-name', 1]], 16, short],
      ['create Observation only', [['create', 1]], 16, short],
    ];
    for (const [name, mix, c, secs] of args.auditOnly ? [] : plan) {
      console.error(`[${kind}] crud: ${name}, ${c} connections, ${secs} s`);
      const r = await runLoad(server, name, mix, c, secs, s);
      console.error(`[${kind}]   ${r.reqPerSec} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, RSS peak ${r.rssPeakMb} MB`);
      if (r.firstFailure) console.error(`[${kind}]   first failure: ${r.firstFailure}`);
      runs.push(r);
    }
    const transaction100 = args.auditOnly ? undefined : await transactions(server, s, args.quick ? 3 : 10);
    const rssHwmMb = server.memory().hwmMb;
    await server.stop();

    // What auditing every access costs: the mix with and without the ledger, in turns on fresh servers
    // (--audit-rounds, default 4; single runs on this machine drift by ±20 % with background work and database growth).
    const paired = { on: [] as number[], off: [] as number[] };
    // server CPU per request: steadier than req/s here, where the load generator shares the two cores
    const cpu = { on: [] as number[], off: [] as number[] };
    // the event loop's share: where a worker thread takes work off it, this is what limits throughput
    const mainCpu = { on: [] as number[], off: [] as number[] };
    const busy = { on: [] as number[], off: [] as number[] };
    // PostgreSQL does part of the ledger's work in its own processes, which --pin does not pin: their CPU while
    // each side has the load (the other side's background work and the database's own fall on both alike)
    const dbCpu = { on: [] as number[], off: [] as number[] };
    // only SQLite's I/O is the server's own; PostgreSQL's happens in the database's processes
    const syscalls = args.syscalls && kind === 'sqlite' && perfAvailable() ? { on: [] as SyscallCounts[], off: [] as SyscallCounts[] } : undefined;
    if (args.syscalls && !syscalls) {
      console.error(`[${kind}]   --syscalls: ${kind === 'sqlite' ? 'perf cannot count syscall tracepoints here' : "PostgreSQL's I/O is not the server process's"}; counting nothing`);
    }
    for (let round = 1; round <= args.auditRounds; round++) {
      // Both servers run at once on the same database and take the load in turns, in short slices ordered
      // ABBA (and BAAB in the next round): a drift of the machine or the database over the round then falls on
      // both sides alike. Separate runs of 10 s each moved by up to ±35 % from one minute to the next here.
      const first: 'on' | 'off' = round % 2 ? 'off' : 'on';
      const second: 'on' | 'off' = first === 'off' ? 'on' : 'off';
      const started: ServerProcess[] = [];
      const start = async (audit: 'on' | 'off') => {
        const srv = await startServer(db.url, { HUIYI_AUDIT: audit });
        started.push(srv);
        return srv;
      };
      try {
        const both = { off: await start('off'), on: await start('on') };
        const warm = { off: 0, on: 0 };
        for (const audit of [first, second] as const) warm[audit] = (await runLoad(both[audit], 'warm-up', MIX, 16, args.quick ? 1 : 3, s)).requests;
        const c0 = { off: both.off.cpuMs(), on: both.on.cpuMs() };
        const m0 = { off: both.off.mainThreadCpuMs(), on: both.on.mainThreadCpuMs() };
        const t0 = process.env.HUIYI_BENCH_THREADS ? { off: both.off.threadsCpuMs(), on: both.on.threadsCpuMs() } : undefined;
        const stopCounting = syscalls ? { off: countSyscalls(both.off.pid), on: countSyscalls(both.on.pid) } : undefined;
        const slices = { off: [] as HttpRun[], on: [] as HttpRun[] };
        for (let i = 0; i < 2 * AUDIT_SLICES; i++) {
          const audit = [first, second, second, first][i % 4];
          const d0 = kind === 'postgres' ? postgresCpuMs() : undefined;
          const slice = await runLoad(both[audit], 'slice', MIX, 16, short / AUDIT_SLICES, s, 1000 * round + i);
          const d1 = d0 === undefined ? undefined : postgresCpuMs();
          if (d0 !== undefined && d1 !== undefined && slice.requests) dbCpu[audit].push(((d1 - d0) * 1000) / slice.requests);
          slices[audit].push(slice);
        }
        for (const audit of ['off', 'on'] as const) {
          const r = sliced(`mix, audit ${audit} (paired ${round})`, slices[audit]);
          const counts = await stopCounting?.[audit]();
          const n = Math.max(1, r.requests);
          const cpuMs = both[audit].cpuMs() - c0[audit];
          cpu[audit].push((cpuMs * 1000) / n);
          busy[audit].push((cpuMs / (r.seconds * 1000)) * 100);
          mainCpu[audit].push(((both[audit].mainThreadCpuMs() - m0[audit]) * 1000) / n);
          if (t0) {
            // HUIYI_BENCH_THREADS=1: which of the server's threads the CPU went to (µs per request, by thread id)
            const per = [...both[audit].threadsCpuMs()].map(([tid, ms], i) => `#${i} ${Math.round(((ms - (t0[audit].get(tid) ?? 0)) * 1000) / n)}`);
            console.error(`[${kind}]   threads (audit ${audit}), µs/request: ${per.join(', ')}`);
          }
          if (counts) syscalls?.[audit].push(Object.fromEntries(SYSCALLS.map((k) => [k, counts[k] / n])) as SyscallCounts);
          console.error(`[${kind}] crud: ${r.name}: ${r.reqPerSec} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}`);
          // what a CPU profile of this server (HUIYI_BENCH_CPU_PROF) divides by: warm-up and slices together
          if (process.env.HUIYI_BENCH_CPU_PROF) console.error(`[${kind}]   profiled server (audit ${audit}) served ${warm[audit] + r.requests} requests`);
          runs.push(r);
          paired[audit].push(r.reqPerSec);
        }
      } finally {
        await Promise.all(started.map((srv) => srv.stop()));
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const auditCostPct = round((1 - mean(paired.on) / mean(paired.off)) * 100, 1);
    const cpuPerRequestUs = { on: round(mean(cpu.on), 0), off: round(mean(cpu.off), 0) };
    const mainThreadCpuPerRequestUs = { on: round(mean(mainCpu.on), 0), off: round(mean(mainCpu.off), 0) };
    const busyPct = { on: round(mean(busy.on), 1), off: round(mean(busy.off), 1) };
    const dbCpuPerRequestUs = dbCpu.on.length && dbCpu.off.length ? { on: round(mean(dbCpu.on), 0), off: round(mean(dbCpu.off), 0) } : undefined;
    const perRequest = (xs: SyscallCounts[]) => Object.fromEntries(SYSCALLS.map((k) => [k, round(mean(xs.map((x) => x[k])), 2)])) as SyscallCounts;
    const syscallsPerRequest = syscalls?.on.length && syscalls.off.length ? { on: perRequest(syscalls.on), off: perRequest(syscalls.off) } : undefined;
    const auditCpuCostPct = round((1 - cpuPerRequestUs.off / cpuPerRequestUs.on) * 100, 1);
    const perRound = paired.on.map((on, i) => (1 - on / paired.off[i]) * 100);
    const auditCostRangePct: [number, number] = [round(Math.min(...perRound), 1), round(Math.max(...perRound), 1)];
    const rounded = (m: ReturnType<typeof meanCi95>) => ({ mean: round(m.mean, 1), ...(m.ci ? { ci: [round(m.ci[0], 1), round(m.ci[1], 1)] as [number, number] } : {}) });
    const auditCostRounds = rounded(meanCi95(perRound));
    const auditCpuCostRounds = rounded(meanCi95(cpu.on.map((on, i) => (1 - cpu.off[i] / on) * 100)));
    console.error(`[${kind}]   audit cost on the mix: ${auditCostPct} % of throughput (paired means: on ${round(mean(paired.on), 0)}, off ${round(mean(paired.off), 0)} req/s); server CPU per request ${cpuPerRequestUs.on} vs ${cpuPerRequestUs.off} µs → ${auditCpuCostPct} % of capacity`);
    return {
      mix: MIX_TEXT, analyzed: true, resourcesAtStart, runs, ...(transaction100 ? { transaction100 } : {}), rssIdleMb, rssHwmMb,
      auditCostPct, auditCpuCostPct, cpuPerRequestUs, busyPct, mainThreadCpuPerRequestUs, auditRounds: args.auditRounds, auditCostRangePct, auditCostRounds, auditCpuCostRounds,
      ...(syscallsPerRequest ? { syscallsPerRequest } : {}),
      ...(dbCpuPerRequestUs ? { dbCpuPerRequestUs } : {}),
      ...(serversPinned() ? { pinned: true } : {}),
    };
  } finally {
    await server.stop();
  }
}
