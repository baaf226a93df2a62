// Tables of the identity module. Idempotent DDL (IF NOT EXISTS), so ensureIdentitySchema() and the
// registered migration can both run on one database.
import type { Db, Dialect } from '../../fhir/store/db.js';
import { txt } from '../../fhir/store/sql-types.js';

export const IDENTITY_MIGRATION = {
  version: 3,
  name: 'users and sessions',
  sql: (d: Dialect): string => {
    const T = txt(d);
    return `
CREATE TABLE IF NOT EXISTS users (
  id ${T} PRIMARY KEY,
  tenant ${T} NOT NULL,
  username ${T} NOT NULL,
  username_key ${T} NOT NULL,
  display_name TEXT,
  roles ${T} NOT NULL,
  fhir_user ${T},
  disabled SMALLINT NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  demo_password SMALLINT NOT NULL DEFAULT 0,
  password_changed_at BIGINT NOT NULL,
  totp_secret TEXT,
  totp_pending TEXT,
  totp_last_step BIGINT,
  failed_count INTEGER NOT NULL DEFAULT 0,
  last_attempt_at BIGINT,
  locked_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS users_username ON users (tenant, username_key);

CREATE TABLE IF NOT EXISTS user_sessions (
  id_hash ${T} PRIMARY KEY,
  tenant ${T} NOT NULL,
  user_id ${T} NOT NULL,
  csrf_token ${T} NOT NULL,
  enroll_only SMALLINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX IF NOT EXISTS user_sessions_user ON user_sessions (user_id);
CREATE INDEX IF NOT EXISTS user_sessions_seen ON user_sessions (last_seen_at);
`;
  },
};

/** Create the identity tables when missing (tests, and databases migrated before the migration was registered). */
export async function ensureIdentitySchema(db: Db): Promise<void> {
  await db.tx(async (t) => {
    if (t.dialect === 'postgres') await t.exec('SELECT pg_advisory_xact_lock(7158243)');
    await t.exec(IDENTITY_MIGRATION.sql(t.dialect));
  });
}
