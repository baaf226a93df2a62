// The audit ledger: a per-tenant hash chain of AuditEvents with signed Merkle checkpoints.
//
// Writes record their AuditEvent in their own transaction (observer.written): on SQLite appended to the
// chain directly, on PostgreSQL queued with enqueue() so writers never wait on the chain's head row;
// either way the record commits or rolls back with the data. Reads have no transaction: AuditWriter makes
// their events durable before the response leaves (SQLite: the reads' journal, journal.ts; PostgreSQL: a
// group transaction into the chain). AuditChainer (every node, in the background) chains the journal and
// queued rows in batches and seals checkpoints when due. Every append
// writes the entry's search columns (ledger-index.ts) with it. AuditEventStore serves FHIR read/search/
// create of AuditEvent from audit_ledger + audit_patient, catching up first so a search sees everything.
export { append, appendAll, ledgerAtCommit, prepareEvent, type LedgerEntry, type PreparedEvent } from './append.js';
export { canonicalJson } from './canonical.js';
export { checkpointMessage, checkpointSignatureProblem, parseCheckpoint, type Checkpoint } from './checkpoint.js';
export { loadAuditConfig, journalFile, AUDIT_ENV_DOC, type AuditConfig } from './config.js';
export { LedgerIntegrityError } from './entries.js';
export { HASH_ALGS, type HashAlg } from './hash.js';
export { keyIdOf, LedgerKeys, type PublicKeyring } from './keys.js';
export { prove } from './proof.js';
export { proofFromJson, proofToJson, verifyProof, type InclusionProof, type ProofCheck } from './proof-check.js';
export { AUDIT_MIGRATION, ensureAuditSchema } from './schema.js';
export { seal, sealIfDue, unsealedTenants, type CheckpointSigner, type SealOptions, type SealPolicy, type SealResult } from './seal.js';
export { verify, type VerifyOptions, type VerifyResult } from './verify.js';
export { exportCheckpoint, readWitnessFile, type ExportResult } from './witness.js';

export { accessEvent, accessFacts, accessRecord, restRecord, writeRecord, breakGlassEvent, clientChangeEvent, failureEvent, loginEvent, patientsOf, patientsOfResource, policyChangeEvent, writeEvent, type Actor, type RestFacts } from './events.js';
export { AUDIT_INDEXED_MIGRATION, AUDIT_QUEUE_MIGRATION, enqueue, enqueuePrepared, prepareAll } from './queue.js';
export { AUDIT_LEDGER_INDEX_MIGRATION } from './ledger-index.js';
export { AuditWriter } from './writer.js';
export { AuditJournal, AUDIT_JOURNAL_MIGRATION } from './journal.js';
export { AuditChainer, type ChainerOptions } from './chainer.js';
export { AuditEventStore, type AuditAccess, type AuditSearchResult } from './search.js';
