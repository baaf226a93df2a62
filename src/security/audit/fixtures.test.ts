// Shared helpers of the audit ledger tests (no tests here; the .test.ts name keeps it out of the build).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { testDatabases, type TestDb } from '../../../test/support/databases.js';
import type { Store } from '../../fhir/store/open.js';
import { append, type LedgerEntry } from './append.js';
import type { HashAlg } from './hash.js';
import { LedgerKeys } from './keys.js';
import { ensureAuditSchema } from './schema.js';

/** An IHE BALP-style AuditEvent: a user read a patient's record. */
export function auditEvent(i: number, patient = `p${i % 7}`): Resource {
  return {
    resourceType: 'AuditEvent',
    id: `ae-${i}`,
    meta: { profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead'] },
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read', display: 'read' }],
    action: 'R',
    recorded: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    outcome: '0',
    agent: [
      { type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110153', display: 'Source Role ID' }] }, who: { display: 'huiyi' }, requestor: false },
      { who: { reference: 'Practitioner/dr-li', display: '李医生' }, requestor: true, network: { address: '10.0.0.7', type: '2' } },
    ],
    source: { observer: { display: 'huiyi' }, type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4' }] },
    entity: [
      { what: { reference: `Patient/${patient}` }, type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1' }, role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1' } },
    ],
  };
}

export async function appendMany(db: Db, tenant: string, n: number, alg?: HashAlg): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  for (let i = 0; i < n; i++) out.push(await append(db, tenant, auditEvent(i), { alg }));
  return out;
}

export function tempKeys(): { dir: string; keys: LedgerKeys } {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-audit-keys-'));
  return { dir, keys: LedgerKeys.open(dir) };
}

/** Each test database, opened with the audit tables. */
export function ledgerDatabases(): (TestDb & { openLedger(): Promise<Store> })[] {
  return testDatabases().map((d) => ({
    ...d,
    async openLedger() {
      const store = await d.open();
      await ensureAuditSchema(store.db);
      return store;
    },
  }));
}
