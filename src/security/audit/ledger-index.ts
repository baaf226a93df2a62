import type { Db, Dialect, SqlValue } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import { txt } from '../../fhir/store/sql-types.js';
import { parseFhirDateRange } from '../../fhir/indexing/dates.js';
import { patientsOf, requestorOf } from './events.js';
import { expandText } from './compact.js';

// The search columns of the ledger, written with each entry by append (no indexer running behind):
//   audit_ledger  gains event_id, recorded, agent, subtype, action and patients (how many it names)
//   audit_patient one narrow row per (entry, named patient), keyed for AuditEvent?patient= in date order
// They are derived from the hashed event, so a rebuild can always recompute them.

export const AUDIT_LEDGER_INDEX_MIGRATION = {
  version: 8,
  name: 'audit search columns on the ledger',
  sql: (d: Dialect): string => {
    const T = txt(d);
    return `
ALTER TABLE audit_ledger ADD COLUMN event_id ${T};
ALTER TABLE audit_ledger ADD COLUMN recorded BIGINT;
ALTER TABLE audit_ledger ADD COLUMN agent ${T};
ALTER TABLE audit_ledger ADD COLUMN subtype ${T};
ALTER TABLE audit_ledger ADD COLUMN action ${T};
ALTER TABLE audit_ledger ADD COLUMN patients INTEGER;
CREATE INDEX audit_ledger_event ON audit_ledger (tenant, event_id);
CREATE INDEX audit_ledger_recorded ON audit_ledger (tenant, recorded, seq);
CREATE TABLE audit_patient (
  tenant ${T} NOT NULL,
  patient_id ${T} NOT NULL,
  recorded BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (tenant, patient_id, recorded, seq)
)${d === 'sqlite' ? ' WITHOUT ROWID' : ''};
DROP TABLE audit_index;
DROP TABLE audit_indexed;
`;
  },
};

/** epoch ms of an AuditEvent's recorded, or undefined when it is not a FHIR instant/dateTime */
export function recordedMs(event: Resource): number | undefined {
  return typeof event.recorded === 'string' ? parseFhirDateRange(event.recorded)?.lo : undefined;
}

/** the search columns of audit_ledger, after (tenant, seq, alg, prev_hash, hash, event) */
export const LEDGER_INDEX_COLUMNS = ['event_id', 'recorded', 'agent', 'subtype', 'action', 'patients'] as const;
export const PATIENT_COLUMNS = ['tenant', 'patient_id', 'recorded', 'seq'] as const;

export interface LedgerIndex {
  /** values of LEDGER_INDEX_COLUMNS */
  columns: SqlValue[];
  recorded: number;
  patients: string[];
}

/** The search columns of one event; `fallback` (epoch ms) stands in for an unreadable recorded. */
export function ledgerIndex(event: Resource, fallback: number): LedgerIndex {
  const subtype = Array.isArray(event.subtype) ? (event.subtype[0] as { code?: unknown } | undefined)?.code : undefined;
  const recorded = recordedMs(event) ?? fallback;
  const patients = patientsOf(event);
  return {
    recorded,
    patients,
    columns: [
      String(event.id ?? ''),
      recorded,
      requestorOf(event) ?? null,
      typeof subtype === 'string' ? subtype : null,
      typeof event.action === 'string' ? event.action : null,
      patients.length,
    ],
  };
}

/** The index as audit_queue.meta keeps it ([event id, recorded, agent, subtype, action, patients]), so the chainer need not parse queued events. */
export function indexMeta(i: LedgerIndex): string {
  return JSON.stringify([...i.columns.slice(0, 5), i.patients]);
}

/** the index of a queue row's meta; undefined when absent or not in that shape (the event is parsed instead) */
export function indexFromMeta(meta: string | null | undefined): LedgerIndex | undefined {
  if (!meta) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(meta);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v) || v.length !== 6) return undefined;
  const [id, recorded, agent, subtype, action, patients] = v as unknown[];
  const str = (x: unknown) => x === null || typeof x === 'string';
  if (typeof id !== 'string' || typeof recorded !== 'number' || !str(agent) || !str(subtype) || !str(action)) return undefined;
  if (!Array.isArray(patients) || !patients.every((p) => typeof p === 'string')) return undefined;
  return { recorded, patients, columns: [id, recorded, agent as string | null, subtype as string | null, action as string | null, patients.length] };
}

/** audit_patient rows of entries (seq, index) */
export function patientRows(tenant: string, entries: readonly { seq: number; index: LedgerIndex }[]): SqlValue[][] {
  const rows: SqlValue[][] = [];
  for (const e of entries) for (const p of e.index.patients) rows.push([tenant, p, e.index.recorded, e.seq]);
  return rows;
}

const BACKFILL_BATCH = 1000;

/**
 * Fill the search columns of entries written before they existed (event_id NULL), from the stored
 * events, in batches. Returns the number of entries filled.
 */
export async function backfillLedgerIndex(db: Db): Promise<number> {
  let total = 0;
  const tenants = await db.all<{ tenant: string }>('SELECT tenant FROM audit_head');
  for (const { tenant } of tenants) {
    for (;;) {
      const n = await db.tx(async (t) => {
        const rows = await t.all<{ seq: number; event: string }>(
          'SELECT seq, event FROM audit_ledger WHERE tenant = ? AND event_id IS NULL ORDER BY seq LIMIT ?',
          [tenant, BACKFILL_BATCH],
        );
        const now = Date.now();
        const entries = rows.map((r) => ({ seq: Number(r.seq), index: ledgerIndex(JSON.parse(expandText(r.event)) as Resource, now) }));
        for (const e of entries) {
          await t.run(`UPDATE audit_ledger SET ${LEDGER_INDEX_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE tenant = ? AND seq = ?`, [...e.index.columns, tenant, e.seq]);
        }
        const prows = patientRows(tenant, entries);
        if (prows.length) await t.insertMany('audit_patient', PATIENT_COLUMNS, prows);
        return rows.length;
      });
      total += n;
      if (n < BACKFILL_BATCH) break;
    }
  }
  return total;
}
