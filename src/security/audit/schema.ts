import type { Db, Dialect } from '../../fhir/store/db.js';
import { pk, txt } from '../../fhir/store/sql-types.js';
import { ensureMigrations } from '../../fhir/store/migrations.js';
import { AUDIT_INDEXED_MIGRATION, AUDIT_QUEUE_META_MIGRATION, AUDIT_QUEUE_MIGRATION } from './queue.js';
import { AUDIT_LEDGER_INDEX_MIGRATION } from './ledger-index.js';
import { AUDIT_PATIENT_STAGING_MIGRATION } from './patient-postings.js';
import { AUDIT_JOURNAL_MIGRATION } from './journal.js';

// The audit ledger tables, as a migration in the style of src/fhir/store/migrations.ts.
//   audit_ledger      one row per AuditEvent: the per-tenant hash chain (seq gapless from 1)
//   audit_head        per tenant: last seq and hash; its row lock serialises appends
//   audit_checkpoint  signed Merkle roots (RFC 6962) over entries 1..tree_size
//   audit_seal        per tenant: the Merkle frontier at the last checkpoint, so sealing is incremental
//   audit_key         public keys that signed checkpoints (convenience copy; trust comes from the key directory)
//   audit_patient(_new) postings per named patient, staged then merged (ledger-index.ts, patient-postings.ts)
//   audit_journal     how far the reads' journal file is chained (journal.ts)

export const AUDIT_MIGRATION = {
  version: 2,
  name: 'audit ledger',
  sql: (d: Dialect): string => {
    const T = txt(d);
    return `
CREATE TABLE audit_ledger (
  id ${pk(d)},
  tenant ${T} NOT NULL,
  seq BIGINT NOT NULL,
  alg ${T} NOT NULL,
  prev_hash ${T} NOT NULL,
  hash ${T} NOT NULL,
  event TEXT NOT NULL
);
CREATE UNIQUE INDEX audit_ledger_seq ON audit_ledger (tenant, seq);

CREATE TABLE audit_head (
  tenant ${T} NOT NULL PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash ${T} NOT NULL
);

CREATE TABLE audit_checkpoint (
  id ${pk(d)},
  tenant ${T} NOT NULL,
  tree_size BIGINT NOT NULL,
  root ${T} NOT NULL,
  alg ${T} NOT NULL,
  created BIGINT NOT NULL,
  key_id ${T} NOT NULL,
  signature ${T} NOT NULL
);
CREATE UNIQUE INDEX audit_checkpoint_size ON audit_checkpoint (tenant, tree_size);

CREATE TABLE audit_seal (
  tenant ${T} NOT NULL PRIMARY KEY,
  tree_size BIGINT NOT NULL,
  last_hash ${T} NOT NULL,
  frontier TEXT,
  sealed_at BIGINT NOT NULL
);

CREATE TABLE audit_key (
  key_id ${T} NOT NULL PRIMARY KEY,
  public_pem TEXT NOT NULL,
  created BIGINT NOT NULL
);
`;
  },
};

/** Create the ledger, its queue and search columns unless schema_migrations records them; true when it created any. */
export async function ensureAuditSchema(db: Db): Promise<boolean> {
  return (await ensureMigrations(db, [AUDIT_MIGRATION, AUDIT_QUEUE_MIGRATION, AUDIT_INDEXED_MIGRATION, AUDIT_LEDGER_INDEX_MIGRATION, AUDIT_QUEUE_META_MIGRATION, AUDIT_PATIENT_STAGING_MIGRATION, AUDIT_JOURNAL_MIGRATION])).length > 0;
}
