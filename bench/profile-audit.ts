// The audit ledger's CPU cost in one process, quick enough to profile (no network, no Synthea load):
//   node --import tsx bench/profile-audit.ts [sqlite|postgres] [requests] [on|off|both]
//   HUIYI_PROFILE=/tmp/audit.cpuprofile node --import tsx bench/profile-audit.ts sqlite 20000 on
//   node --import tsx bench/cpu-summary.ts /tmp/audit.cpuprofile        (the measured requests only, not the seeding)
// The demo hospital, a doctor's session, and the CRUD mix of the HTTP benchmark through app.inject at 16 in flight.
// Prints server CPU per request with the ledger off and on (alternating rounds). `npm run bench` stays the measure
// of record; this is for finding where the time goes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Resource } from '../src/fhir/types.js';
import { openStore, type Store } from '../src/fhir/store/open.js';
import { migrate } from '../src/fhir/store/migrations.js';
import { SECURITY_MIGRATIONS } from '../src/security/migrations.js';
import { UserStore } from '../src/security/identity/users.js';
import { SessionStore } from '../src/security/identity/sessions.js';
import { generateDemoHospital } from '../src/demo/generate.js';
import { processBundle } from '../src/fhir/bundle/process.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/config/config.js';
import { prng } from './stats.js';
import { postgresCpuMs } from './db-cpu.js';
import { cpuOf } from './server.js';

/** this process's main thread CPU (user + system, µs; clock ticks of 10 ms) */
const mainThreadUs = (): number => cpuOf(`/proc/self/task/${process.pid}/stat`) * 1000;

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const requests = Number(process.argv[3] ?? 8000);
const which = (process.argv[4] ?? 'both') as 'on' | 'off' | 'both';
const TENANT = 'default';
const dir = mkdtempSync(join(tmpdir(), 'huiyi-prof-audit-'));
const schema = `huiyi_prof_${process.pid}`;
const pgUrl = process.env.HUIYI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const url = kind === 'sqlite' ? `sqlite:${join(dir, 'p.db')}` : `${pgUrl}?schema=${schema}`;

async function seed(store: Store): Promise<{ patients: string[]; names: string[]; headers: Record<string, string> }> {
  const ctx = { tenant: TENANT };
  const resources = generateDemoHospital({ patients: 300, seed: 7 });
  for (let i = 0; i < resources.length; i += 500) {
    const entry = resources.slice(i, i + 500).map((r) => ({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } }));
    await processBundle(store.repo, ctx, { resourceType: 'Bundle', type: 'transaction', entry }, { baseUrl: 'http://localhost/fhir', maxEntries: 500 });
  }
  await store.db.analyze();
  await migrate(store.db, undefined, SECURITY_MIGRATIONS);
  const users = new UserStore(store.db, { hash: { N: 1024, r: 8, p: 1 } });
  const user = await users.create(TENANT, { username: 'prof-doctor', password: 'Prof-doctor-2026!x', roles: 'doctor', fhirUser: 'PractitionerRole/prole-001' });
  const s = await new SessionStore(store.db).create(TENANT, user.id, {});
  const patients = resources.filter((r) => r.resourceType === 'Patient');
  const names = patients.map((p) => String((p.name as { family?: string }[])[0]?.family ?? '')).filter(Boolean);
  return { patients: patients.map((p) => p.id as string), names, headers: { cookie: `huiyi_session=${s.id}`, 'x-csrf-token': s.csrfToken, 'content-type': 'application/fhir+json' } };
}

async function run(app: FastifyInstance, data: Awaited<ReturnType<typeof seed>>, n: number, seedNo: number): Promise<{ cpuUs: number; failures: number }> {
  const rand = prng(seedNo);
  const any = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  let failures = 0;
  let left = n;
  const one = async () => {
    const r = rand() * 100;
    const p = any(data.patients);
    let res;
    if (r < 50) res = await app.inject({ method: 'GET', url: `/fhir/Patient/${p}`, headers: data.headers });
    else if (r < 60) res = await app.inject({ method: 'GET', url: `/fhir/Observation?patient=${p}&code=http://loinc.org|8867-4`, headers: data.headers });
    else if (r < 70) res = await app.inject({ method: 'GET', url: `/fhir/Patient?name=${encodeURIComponent(any(data.names))}`, headers: data.headers });
    else if (r < 85) {
      const obs: Resource = { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] }, subject: { reference: `Patient/${p}` }, effectiveDateTime: new Date().toISOString(), valueQuantity: { value: 72, unit: '/min' } };
      res = await app.inject({ method: 'POST', url: '/fhir/Observation', headers: data.headers, payload: JSON.stringify(obs) });
    } else {
      res = await app.inject({ method: 'PATCH', url: `/fhir/Patient/${p}`, headers: { ...data.headers, 'content-type': 'application/json-patch+json' }, payload: JSON.stringify([{ op: 'add', path: '/active', value: rand() < 0.5 }]) });
    }
    if (res.statusCode >= 400) failures++;
  };
  const start = process.cpuUsage();
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (left-- > 0) await one();
  }));
  const used = process.cpuUsage(start);
  return { cpuUs: (used.user + used.system) / n, failures };
}

const store = await openStore(url);
try {
  const data = await seed(store);
  const env = { HUIYI_TENANT: TENANT, HUIYI_DATA_DIR: dir, HUIYI_ENV: 'test', HUIYI_LOG_LEVEL: 'warn' };
  const config = loadConfig({}, env);
  const rounds = Number(process.env.HUIYI_PROFILE_ROUNDS ?? 2);
  const modes: boolean[] = which === 'both' ? Array.from({ length: rounds * 2 }, (_, i) => (i % 4 === 1 || i % 4 === 2)) : [which === 'on'];
  const seen: Record<string, number[]> = { on: [], off: [] };
  // wall time per request: the event loop is the bottleneck in one process, so this is 1 / throughput
  const seenWall: Record<string, number[]> = { on: [], off: [] };
  const seenDb: Record<string, number[]> = { on: [], off: [] };
  // the rest of the process's CPU is other threads': V8's GC helpers, libuv's pool
  const seenMain: Record<string, number[]> = { on: [], off: [] };
  for (const [i, audit] of modes.entries()) {
    const app = await buildApp({ config, store, logger: false, env, audit, webDir: null });
    await app.ready();
    await run(app, data, Math.min(1000, requests), 100 + i); // warm up
    const profile = process.env.HUIYI_PROFILE ? new Session() : undefined;
    if (profile) {
      profile.connect();
      await profile.post('Profiler.enable');
      await profile.post('Profiler.start');
    }
    const c0 = process.cpuUsage();
    const m0 = mainThreadUs();
    const pg0 = kind === 'postgres' ? postgresCpuMs() : undefined;
    const t0 = performance.now();
    const r = await run(app, data, requests, i);
    const wallUs = ((performance.now() - t0) * 1000) / requests;
    if (profile) {
      const { profile: p } = await profile.post('Profiler.stop');
      writeFileSync(process.env.HUIYI_PROFILE as string, JSON.stringify(p));
      profile.disconnect();
    }
    // closing drains what the background chainer still holds: its work belongs to these requests
    await app.close();
    const c = process.cpuUsage(c0);
    r.cpuUs = (c.user + c.system) / requests;
    const mainUs = (mainThreadUs() - m0) / requests;
    seenMain[audit ? 'on' : 'off'].push(mainUs);
    const pg1 = pg0 === undefined ? undefined : postgresCpuMs();
    // the database's processes (PostgreSQL): much of the ledger's work runs there
    const dbUs = pg0 === undefined || pg1 === undefined ? undefined : ((pg1 - pg0) * 1000) / requests;
    if (dbUs !== undefined) seenDb[audit ? 'on' : 'off'].push(dbUs);
    seen[audit ? 'on' : 'off'].push(r.cpuUs);
    seenWall[audit ? 'on' : 'off'].push(wallUs);
    console.log(`audit ${audit ? 'on ' : 'off'}: ${r.cpuUs.toFixed(0)} µs CPU (main thread ${mainUs.toFixed(0)}), ${wallUs.toFixed(0)} µs wall${dbUs === undefined ? '' : `, PostgreSQL ${dbUs.toFixed(0)} µs CPU`} per request (${requests} requests, ${r.failures} failed)`);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  if (seen.on.length && seen.off.length) {
    const on = mean(seen.on);
    const off = mean(seen.off);
    console.log(`audit cost: ${(100 * (1 - off / on)).toFixed(1)} % of capacity (on ${on.toFixed(0)} µs, off ${off.toFixed(0)} µs; main thread on ${mean(seenMain.on).toFixed(0)} µs, off ${mean(seenMain.off).toFixed(0)} µs)`);
    const wOn = mean(seenWall.on);
    const wOff = mean(seenWall.off);
    if (seenDb.on.length && seenDb.off.length) {
      const dOn = mean(seenDb.on);
      const dOff = mean(seenDb.off);
      console.log(`PostgreSQL's processes: on ${dOn.toFixed(0)} µs, off ${dOff.toFixed(0)} µs CPU per request (+${(100 * (dOn / dOff - 1)).toFixed(1)} %)`);
    }
    console.log(`audit cost in wall time: ${(100 * (1 - wOff / wOn)).toFixed(1)} % of throughput (on ${wOn.toFixed(0)} µs, off ${wOff.toFixed(0)} µs)`);
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (kind === 'postgres') {
    const pg = await import('pg');
    const c = new pg.default.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  }
}
