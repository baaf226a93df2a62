// Shared helpers of the audit pipeline tests (no tests here; the .test.ts name keeps it out of the build).
import type { Db } from '../../fhir/store/db.js';
import type { Store } from '../../fhir/store/open.js';
import type { Resource } from '../../fhir/types.js';
import type { TestDb } from '../../../test/support/databases.js';
import { accessEvent, type Actor } from './events.js';
import { ledgerDatabases } from './fixtures.test.js';

/** Each test database, opened with the ledger, its queue and search columns. */
export function pipelineDatabases(): (TestDb & { openPipeline(): Promise<Store> })[] {
  return ledgerDatabases().map((d) => ({ ...d, openPipeline: () => d.openLedger() }));
}

export const doctor: Actor = { tenant: 't', userId: 'u-li', username: 'dr.li', fhirUser: 'PractitionerRole/prole-001', roles: ['doctor'], clientId: 'huiyi-web', ip: '10.0.0.7' };

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
