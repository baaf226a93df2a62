// The audit ledger: a per-tenant hash chain of AuditEvents with signed Merkle checkpoints.
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
