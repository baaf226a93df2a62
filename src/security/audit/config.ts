import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { ConfigError } from '../../config/config.js';
import { parseDatabaseUrl, type Db } from '../../fhir/store/db.js';
import { isHashAlg, type HashAlg } from './hash.js';

// Audit ledger settings from the environment (to merge into src/config/config.ts when wired).

export const AUDIT_ENV_DOC: [string, string, string][] = [
  ['HUIYI_DATA_DIR', 'folder of the SQLite file, else ./data', 'Server data directory (the audit signing key lives in audit-keys/ under it)'],
  ['HUIYI_AUDIT_KEY_FILE', '$HUIYI_DATA_DIR/audit-keys/ledger-ed25519.pem', 'Ed25519 private key (PEM) that signs audit checkpoints; created 0600 if missing'],
  ['HUIYI_AUDIT_HASH', 'sha256', 'Hash of new audit ledger entries and checkpoints: sha256 or sm3'],
  ['HUIYI_AUDIT_SEAL_EVERY', '1000', 'Sign a checkpoint after this many new audit entries'],
  ['HUIYI_AUDIT_SEAL_SECONDS', '60', '…or after this many seconds with unsealed entries'],
  ['HUIYI_AUDIT_WITNESS', '(none)', 'File path (JSON lines) or http(s) URL that receives every checkpoint'],
  ['HUIYI_AUDIT_JOURNAL', '<SQLite file>-audit-journal; PostgreSQL: $HUIYI_DATA_DIR/audit-journal-<database id>', "The reads' journal (one server process per file), or off"],
];

export interface AuditConfig {
  dataDir: string;
  keyFile?: string;
  alg: HashAlg;
  sealEvery: number;
  sealSeconds: number;
  witness?: string;
  /** HUIYI_AUDIT_JOURNAL: a path for the reads' journal, or off; unset: journalFile() decides */
  journal?: string;
}

function positive(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new ConfigError(`${name} must be a positive integer, got "${v}"`);
  return Number(v);
}

export function loadAuditConfig(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const db = parseDatabaseUrl(databaseUrl);
  const dataDir = env.HUIYI_DATA_DIR || (db.dialect === 'sqlite' && db.path !== ':memory:' ? dirname(db.path as string) : './data');
  const alg = env.HUIYI_AUDIT_HASH || 'sha256';
  if (!isHashAlg(alg)) throw new ConfigError(`HUIYI_AUDIT_HASH must be sha256 or sm3, got "${alg}"`);
  return {
    dataDir,
    keyFile: env.HUIYI_AUDIT_KEY_FILE || undefined,
    alg,
    sealEvery: positive('HUIYI_AUDIT_SEAL_EVERY', env.HUIYI_AUDIT_SEAL_EVERY, 1000),
    sealSeconds: positive('HUIYI_AUDIT_SEAL_SECONDS', env.HUIYI_AUDIT_SEAL_SECONDS, 60),
    witness: env.HUIYI_AUDIT_WITNESS || undefined,
    journal: env.HUIYI_AUDIT_JOURNAL || undefined,
  };
}

/**
 * The reads' journal (journal.ts) of `db`, or undefined where it has none (SQLite in memory, or
 * HUIYI_AUDIT_JOURNAL=off): next to a SQLite file; for PostgreSQL in the data directory, named for the server,
 * database and schema (not the user or password, which may change while lines wait in it).
 */
export function journalFile(cfg: AuditConfig, db: Db): string | undefined {
  if (cfg.journal === 'off') return undefined;
  if (cfg.journal) return cfg.journal;
  if (db.file) return `${db.file}-audit-journal`;
  if (!db.location) return undefined;
  return join(cfg.dataDir, `audit-journal-${createHash('sha256').update(db.location).digest('hex').slice(0, 16)}`);
}
