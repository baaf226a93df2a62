// Benchmark: node --max-old-space-size=96 --import tsx src/security/audit/ledger.bench.ts [--entries N] [--appends N] [--db sqlite|postgres|both]
// Append cost (µs per event added to a caller's write transaction, and batched with appendAll), seal and verify
// throughput (entries/s) and the peak RSS, on a temp SQLite file and a
// throwaway PostgreSQL schema (HUIYI_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from '../../fhir/store/open.js';
import type { Db, SqlValue } from '../../fhir/store/db.js';
import { append, appendAll } from './append.js';
import { canonicalJson } from './canonical.js';
import { entryHash, ZERO_HASH } from './hash.js';
import { LedgerKeys } from './keys.js';
import { ensureAuditSchema } from './schema.js';
import { seal } from './seal.js';
import { verify } from './verify.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const ENTRIES = Number(arg('entries', '200000'));
const APPENDS = Number(arg('appends', '2000'));
const WHICH = arg('db', 'both');
const PG_URL = process.env.HUIYI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function event(i: number) {
  return {
    resourceType: 'AuditEvent',
    id: `ae-${i}`,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }],
    action: 'R',
    recorded: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    outcome: '0',
    agent: [{ who: { reference: 'Practitioner/dr-li', display: '李医生' }, requestor: true, network: { address: '10.0.0.7', type: '2' } }],
    source: { observer: { display: 'huiyi' }, type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4' }] },
    entity: [{ what: { reference: `Patient/p${i % 997}` }, type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1' } }],
  };
}

async function bench(name: string, store: Store, keys: LedgerKeys) {
  const db = store.db;
  await ensureAuditSchema(db);
  const out: Record<string, number | string> = { db: name };

  // Wall time and this process's CPU time per operation: on a busy machine the CPU figure is the steadier one.
  const measure = async (n: number, fn: (i: number) => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn(i);
    const c = process.cpuUsage(c0);
    return { wall: ((performance.now() - t0) * 1000) / n, cpu: (c.user + c.system) / n };
  };
  for (let i = 0; i < 300; i++) await append(db, 'bench-warm', event(i));
  // The cost append adds to a caller's write transaction (which pays its commit anyway).
  await db.exec('CREATE TABLE bench_scratch (k TEXT PRIMARY KEY, v TEXT)');
  // No waiting for the WAL flush on PostgreSQL: on a shared machine its jitter swamps the difference.
  const write = async (t: Db, i: number) => {
    if (t.dialect === 'postgres') await t.exec('SET LOCAL synchronous_commit TO OFF');
    await t.run('INSERT INTO bench_scratch (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v', [String(i % 50), 'v'.repeat(600)]);
  };
  const plain = await measure(APPENDS, (i) => db.tx((t) => write(t, i)));
  const withAppend = await measure(APPENDS, (i) => db.tx(async (t) => {
    await write(t, i);
    await append(t, 'bench-append', event(i));
  }));
  out.writeTxUs = Math.round(plain.wall);
  out.appendAddsUs = Math.round(withAppend.wall - plain.wall);
  out.appendAddsCpuUs = Math.round(withAppend.cpu - plain.cpu);
  const batched = await measure(APPENDS / 100, (i) => appendAll(db, 'bench-append', Array.from({ length: 100 }, (_, j) => event(i * 100 + j))));
  out.appendAllPerEventUs = Math.round(batched.wall / 100);
  out.appendAllPerEventCpuUs = Math.round(batched.cpu / 100);

  // Fill a long chain directly (hashes computed here), sealing every 10,000 entries.
  let t0 = performance.now();
  const tenant = 'bench-verify';
  let prev = ZERO_HASH;
  let sealMs = 0;
  for (let i = 0; i < ENTRIES; i += 5000) {
    const rows: SqlValue[][] = [];
    for (let seq = i + 1; seq <= Math.min(i + 5000, ENTRIES); seq++) {
      const ev = canonicalJson(event(seq));
      const h = entryHash('sha256', tenant, seq, prev, ev);
      rows.push([tenant, seq, 'sha256', prev, h, ev]);
      prev = h;
    }
    const last = Number(rows[rows.length - 1][1]);
    await db.tx(async (t) => {
      await t.insertMany('audit_ledger', ['tenant', 'seq', 'alg', 'prev_hash', 'hash', 'event'], rows);
      await t.run('INSERT INTO audit_head (tenant, seq, hash) VALUES (?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET seq = excluded.seq, hash = excluded.hash', [tenant, last, prev]);
    });
    if (last % 10000 === 0 || last === ENTRIES) {
      const s = performance.now();
      await seal(db, tenant, keys);
      sealMs += performance.now() - s;
    }
  }
  out.entries = ENTRIES;
  out.fillS = +((performance.now() - t0) / 1000).toFixed(1);
  out.sealEntriesPerS = Math.round(ENTRIES / (sealMs / 1000));

  const c0 = process.cpuUsage();
  t0 = performance.now();
  const r = await verify(db, tenant, { keys: keys.publicKeys() });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  if (!r.ok) throw new Error(`verify failed: ${JSON.stringify(r.firstBad)}`);
  out.verifyEntriesPerS = Math.round(ENTRIES / secs);
  out.verifyEntriesPerCpuS = Math.round(ENTRIES / ((cpu.user + cpu.system) / 1e6));
  out.verifyCheckpoints = r.checkpoints;
  // Peak RSS of the whole run; run with --max-old-space-size=96 to show verify needs no more heap.
  out.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify(out));
}

const dir = mkdtempSync(join(tmpdir(), 'huiyi-audit-bench-'));
const keys = LedgerKeys.open(dir);
try {
  if (WHICH !== 'postgres') {
    const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
    try {
      await bench('sqlite', store, keys);
    } finally {
      await store.close();
    }
  }
  if (WHICH !== 'sqlite') {
    const schema = `huiyi_audit_bench_${randomBytes(4).toString('hex')}`;
    const store = await openStore(`${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`, { poolSize: 4 });
    try {
      await bench('postgres', store, keys);
    } finally {
      await store.db.exec(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
      await store.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
