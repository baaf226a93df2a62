// Shared helpers of the audit pipeline tests (no tests here; the .test.ts name keeps it out of the build).
import type { Db } from '../../fhir/store/db.js';
import type { Store } from '../../fhir/store/open.js';
import type { Resource } from '../../fhir/types.js';
import type { TestDb } from '../../../test/support/databases.js';
import { accessEvent, breakGlassEvent, clientChangeEvent, failureEvent, loginEvent, policyChangeEvent, userChangeEvent, writeEvent, type Actor } from './events.js';
import { ledgerDatabases } from './fixtures.test.js';

/** Each test database, opened with the ledger, its queue and search columns. */
export function pipelineDatabases(): (TestDb & { openPipeline(): Promise<Store> })[] {
  return ledgerDatabases().map((d) => ({ ...d, openPipeline: () => d.openLedger() }));
}

export const doctor: Actor = { tenant: 't', userId: 'u-li', username: 'dr.li', fhirUser: 'PractitionerRole/prole-001', roles: ['doctor'], clientId: 'huiyi-web', ip: '10.0.0.7' };

const obs = (id: string, patient: string, v = '1'): Resource => ({ resourceType: 'Observation', id, meta: { versionId: v }, subject: { reference: `Patient/${patient}` } });

/** One event of every builder and kind, for each of five kinds of actors. */
export function everyBuilderEvent(): Resource[] {
  const actors: Actor[] = [
    doctor,
    { ...doctor, userAgent: 'Mozilla/5.0 "quoted"', roles: ['doctor', 'admin'] },
    { tenant: 't' },
    { tenant: 't', clientId: 'lab-gateway' },
    { tenant: 't', userId: 'u1', username: '张三', ip: '::1' },
  ];
  const p = { resourceType: 'Patient', id: 'p1', meta: { versionId: '2' } };
  return actors.flatMap((a) => [
    accessEvent(a, { interaction: 'read', type: 'Patient', id: 'p1', resources: [p] }),
    accessEvent(a, { interaction: 'search', type: 'Observation', params: [['patient', 'p1']], resources: [obs('o1', 'p1'), p] }),
    accessEvent(a, { interaction: 'history', resources: [obs('o1', 'p1')] }),
    accessEvent(a, { interaction: 'search', resources: [] }),
    writeEvent(a, { action: 'update', resource: obs('o2', 'p2') }),
    failureEvent(a, { method: 'GET', path: '/fhir/Patient/p1', status: 404, message: 'gone' }),
    loginEvent(a, { username: 'x', success: false, reason: 'bad password' }),
    loginEvent(a, { username: 'x', success: true, logout: true }),
    breakGlassEvent(a, { patient: 'p1', reason: 'ED' }),
    policyChangeEvent(a, { role: 'nurse', before: { b: 1, a: 2 }, after: null }),
    userChangeEvent(a, { change: 'reset-password', username: 'x', userId: 'u9', before: { disabled: false }, after: { disabled: true } }),
    userChangeEvent(a, { change: 'create', username: 'x', userId: 'u9' }),
    clientChangeEvent(a, { change: 'register', clientId: 'app', client: { name: 'App', scopes: 'openid' } }),
  ]);
}

/** A read of an Observation of `patient`, recorded at `at` (epoch ms). */
export function readOf(patient: string, at: number, actor: Actor = doctor, obs = `obs-${patient}`): Resource {
  const e = accessEvent(actor, {
    interaction: 'read',
    type: 'Observation',
    id: obs,
    resources: [{ resourceType: 'Observation', id: obs, meta: { versionId: '1' }, subject: { reference: `Patient/${patient}` } }],
  });
  return { ...e, recorded: new Date(at).toISOString() };
}

export async function count(db: Db, sql: string, params: (string | number)[] = []): Promise<number> {
  const r = await db.get<{ n: number }>(sql, params);
  return Number(r?.n ?? 0);
}

/** the tenant's ledger seqs in order */
export async function seqs(db: Db, tenant: string): Promise<number[]> {
  return (await db.all<{ seq: number }>('SELECT seq FROM audit_ledger WHERE tenant = ? ORDER BY seq', [tenant])).map((r) => Number(r.seq));
}

export const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
