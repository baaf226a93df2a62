import { eventId } from './event-id.js';
import type { Db, Dialect, SqlValue } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { parseFhirDateRange } from '../../fhir/indexing/dates.js';
import { pk, txt } from '../../fhir/store/sql-types.js';
import { ensureMigrations } from '../../fhir/store/migrations.js';
import { patientsOf, requestorOf } from './events.js';

// The tables in front of and beside the ledger:
//   audit_queue  AuditEvents recorded but not yet chained (durable; the chainer empties it)
//   audit_index  search columns of chained events: one row per (event, patient), or one row with
//                patient_id NULL when the event names no patient; seq points into audit_ledger

export const AUDIT_QUEUE_MIGRATION = {
  version: 6,
  name: 'audit queue and index',
  sql: (d: Dialect): string => {
    const T = txt(d);
    return `
CREATE TABLE audit_queue (
  id ${pk(d)},
  tenant ${T} NOT NULL,
  created BIGINT NOT NULL,
  event TEXT NOT NULL
);
CREATE INDEX audit_queue_tenant ON audit_queue (tenant, id);

CREATE TABLE audit_index (
  tenant ${T} NOT NULL,
  seq BIGINT NOT NULL,
  event_id ${T} NOT NULL,
  recorded BIGINT NOT NULL,
  patient_id ${T},
  agent ${T},
  subtype ${T},
  action ${T}
);
CREATE INDEX audit_index_patient ON audit_index (tenant, patient_id, recorded, seq);
CREATE INDEX audit_index_event ON audit_index (tenant, event_id);
-- searches without patient or agent page in recorded order
CREATE INDEX audit_index_recorded ON audit_index (tenant, recorded, seq);
`;
  },
};

/** Indexing runs behind the chain, in big batches: per tenant, the ledger is indexed up to `seq`. */
export const AUDIT_INDEXED_MIGRATION = {
  version: 7,
  name: 'audit index progress',
  sql: (d: Dialect): string => `
CREATE TABLE audit_indexed (
  tenant ${txt(d)} NOT NULL PRIMARY KEY,
  seq BIGINT NOT NULL
);
`,
};

/** Create the queue and index tables unless schema_migrations records them; true when it created any. */
export async function ensureAuditQueueSchema(db: Db): Promise<boolean> {
  return (await ensureMigrations(db, [AUDIT_QUEUE_MIGRATION, AUDIT_INDEXED_MIGRATION])).length > 0;
}

/**
 * Queue AuditEvents for the chain. A plain insert: pass a transaction's Db and the events commit or
 * roll back with the data they describe.
 */
export async function enqueue(db: Db, tenant: string, events: readonly Resource[]): Promise<void> {
  if (!events.length) return;
  await db.insertMany('audit_queue', ['tenant', 'created', 'event'], queueRows(tenant, events, Date.now()));
}

/** Rows of audit_queue (events without an id get one); throws on anything the chainer could not append. */
export function queueRows(tenant: string, events: readonly Resource[], created: number): SqlValue[][] {
  if (!tenant) throw new Error('audit enqueue needs a tenant');
  return events.map((e) => {
    if (e?.resourceType !== 'AuditEvent') throw new Error(`the audit queue takes AuditEvent resources, not ${e?.resourceType}`);
    return [tenant, created, JSON.stringify(e.id ? e : { ...e, id: eventId() })];
  });
}

export const INDEX_COLUMNS = ['tenant', 'seq', 'event_id', 'recorded', 'patient_id', 'agent', 'subtype', 'action'] as const;

/** epoch ms of an AuditEvent's recorded, or undefined when it is not a FHIR instant/dateTime */
export function recordedMs(event: Resource): number | undefined {
  return typeof event.recorded === 'string' ? parseFhirDateRange(event.recorded)?.lo : undefined;
}

/** The audit_index rows of a chained event; `fallback` (epoch ms) stands in for an unreadable recorded. */
export function indexRows(tenant: string, seq: number, event: Resource, fallback: number): SqlValue[][] {
  const subtype = (Array.isArray(event.subtype) ? (event.subtype[0] as { code?: unknown } | undefined)?.code : undefined) ?? null;
  const base: SqlValue[] = [
    tenant,
    seq,
    String(event.id ?? ''),
    recordedMs(event) ?? fallback,
  ];
  const tail: SqlValue[] = [requestorOf(event) ?? null, typeof subtype === 'string' ? subtype : null, typeof event.action === 'string' ? event.action : null];
  const patients = patientsOf(event);
  return (patients.length ? patients : [null]).map((p) => [...base, p, ...tail]);
}
