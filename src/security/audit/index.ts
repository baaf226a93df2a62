// The audit ledger: a per-tenant hash chain of AuditEvents with signed Merkle checkpoints.
//
// Writes queue their AuditEvent with enqueue() on the write's own transaction (observer.written), so
// the audit record commits or rolls back with the data. Reads have no transaction: AuditWriter
// group-commits their events into the same audit_queue. AuditChainer (every node, in the background)
// takes queued rows oldest first, appends them to the tenant's hash chain, writes their audit_index
// rows and deletes them from the queue in one transaction per batch, then seals checkpoints when due.
// AuditEventStore serves FHIR read/search/create of AuditEvent from audit_index + audit_ledger,
// draining the queue first so a search sees everything recorded before it.
export { append, appendAll, type LedgerEntry } from './append.js';
export { canonicalJson } from './canonical.js';
export { checkpointMessage, checkpointSignatureProblem, parseCheckpoint, type Checkpoint } from './checkpoint.js';
export { loadAuditConfig, AUDIT_ENV_DOC, type AuditConfig } from './config.js';
export { LedgerIntegrityError } from './entries.js';
export { HASH_ALGS, type HashAlg } from './hash.js';
export { keyIdOf, LedgerKeys, type PublicKeyring } from './keys.js';
export { prove } from './proof.js';
export { proofFromJson, proofToJson, verifyProof, type InclusionProof, type ProofCheck } from './proof-check.js';
export { AUDIT_MIGRATION, ensureAuditSchema } from './schema.js';
export { seal, sealIfDue, unsealedTenants, type CheckpointSigner, type SealOptions, type SealPolicy, type SealResult } from './seal.js';
export { verify, type VerifyOptions, type VerifyResult } from './verify.js';
export { exportCheckpoint, readWitnessFile, type ExportResult } from './witness.js';

export { accessEvent, breakGlassEvent, failureEvent, loginEvent, patientsOf, patientsOfResource, policyChangeEvent, writeEvent, type Actor } from './events.js';
export { AUDIT_QUEUE_MIGRATION, enqueue, ensureAuditQueueSchema } from './queue.js';
export { AuditWriter } from './writer.js';
export { AuditChainer, type ChainerOptions } from './chainer.js';
export { AuditEventStore, type AuditAccess, type AuditSearchResult } from './search.js';
