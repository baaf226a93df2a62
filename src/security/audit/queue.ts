import { eventId } from './event-id.js';
import type { Db, Dialect, SqlValue } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { pk, txt } from '../../fhir/store/sql-types.js';
import { prepareEvent, type PreparedEvent } from './append.js';
import { indexMeta } from './ledger-index.js';

// audit_queue: AuditEvents recorded but not yet chained (durable; the chainer empties it).
// (v6 also made audit_index and v7 audit_indexed, an index built behind the chain; v8 in
// ledger-index.ts replaced both with search columns written by append.)

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

export const AUDIT_QUEUE_META_MIGRATION = {
  version: 9,
  name: 'audit queue search columns',
  // the ledger index of each queued event (indexMeta), so chaining does not parse the events again
  sql: (): string => 'ALTER TABLE audit_queue ADD COLUMN meta TEXT;',
};

export const QUEUE_COLUMNS = ['tenant', 'created', 'event', 'meta'];

/**
 * Queue AuditEvents for the chain. A plain insert: pass a transaction's Db and the events commit or
 * roll back with the data they describe.
 */
export async function enqueue(db: Db, tenant: string, events: readonly Resource[]): Promise<void> {
  if (events.length) await enqueuePrepared(db, tenant, prepareAll(tenant, events, Date.now()));
}

/** enqueue() for events already serialised and indexed; in a transaction, inserted with its next rows (insertWithNext) */
export async function enqueuePrepared(db: Db, tenant: string, prepared: readonly PreparedEvent[]): Promise<void> {
  if (!tenant) throw new Error('audit enqueue needs a tenant');
  if (prepared.length) await db.insertWithNext({ table: 'audit_queue', columns: QUEUE_COLUMNS, rows: queueRowsOf(tenant, prepared, Date.now()) });
}

/** Events prepared for the chain (events without an id get one); throws on anything the chainer could not append. */
export function prepareAll(tenant: string, events: readonly Resource[], created: number): PreparedEvent[] {
  if (!tenant) throw new Error('audit enqueue needs a tenant');
  return events.map((e) => prepareEvent(e?.id ? e : { ...e, id: eventId() }, created));
}

export function queueRowsOf(tenant: string, prepared: readonly PreparedEvent[], created: number): SqlValue[][] {
  return prepared.map((p) => [tenant, created, p.stored, indexMeta(p.index)]);
}
