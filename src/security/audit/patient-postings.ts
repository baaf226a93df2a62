import type { Db, Dialect } from '../../fhir/store/db.js';
import { pk, txt } from '../../fhir/store/sql-types.js';
import { PATIENT_COLUMNS } from './ledger-index.js';

// audit_patient is keyed patient first (AuditEvent?patient= in date order), so each posting lands on a random
// b-tree page: a group commit of 7 read events dirtied ~8.5 pages for it alone, the largest part of the ledger's
// commits on SQLite (bench/profile-audit.ts). Appends there stage postings in audit_patient_new, whose rowid key
// only grows (one page per commit), and the chainer merges them in key order every few seconds, so a patient's page
// is written once per merge instead of once per commit. Every read of audit_patient merges first. PostgreSQL
// appends postings directly (its chainer batches, and pages are written back at its checkpoints, not per commit);
// its staging table stays empty unless rows were staged by other means.

export const AUDIT_PATIENT_STAGING_MIGRATION = {
  version: 10,
  name: 'audit patient postings staged',
  sql: (d: Dialect): string => `
CREATE TABLE audit_patient_new (
  id ${pk(d)},
  tenant ${txt(d)} NOT NULL,
  patient_id ${txt(d)} NOT NULL,
  recorded BIGINT NOT NULL,
  seq BIGINT NOT NULL
);
`,
};

export const STAGED_TABLE = 'audit_patient_new';

/** rows per merge transaction: bounds how long one merge holds SQLite's writer */
const MERGE_BATCH = 5000;

/**
 * Move staged postings into audit_patient, in key order, in transactions of up to MERGE_BATCH rows;
 * returns how many moved. Safe to run concurrently (two server nodes): a posting already moved is skipped.
 */
export async function mergePatientPostings(db: Db): Promise<number> {
  let moved = 0;
  for (;;) {
    const first = await db.get<{ lo: number | null; hi: number | null }>(`SELECT MIN(id) AS lo, MAX(id) AS hi FROM ${STAGED_TABLE}`);
    if (first?.lo == null || first.hi == null) return moved;
    const upto = Math.min(Number(first.hi), Number(first.lo) + MERGE_BATCH - 1);
    const cols = PATIENT_COLUMNS.join(', ');
    const n = await db.tx(async (t) => {
      await t.run(
        `INSERT INTO audit_patient (${cols}) SELECT ${cols} FROM ${STAGED_TABLE} WHERE id <= ? ORDER BY ${cols} ON CONFLICT DO NOTHING`,
        [upto],
      );
      return t.run(`DELETE FROM ${STAGED_TABLE} WHERE id <= ?`, [upto]);
    });
    moved += n;
    if (upto >= Number(first.hi)) return moved;
  }
}
