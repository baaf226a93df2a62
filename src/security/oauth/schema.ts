import type { Db, Dialect } from '../../fhir/store/db.js';
import { txt } from '../../fhir/store/sql-types.js';

// OAuth state. Times are epoch milliseconds. Bearer secrets (codes, refresh tokens, client
// secrets) are stored only as hashes. A grant is one user approval; its refresh tokens and
// access tokens form a family that is revoked together. IF NOT EXISTS keeps the SQL safe to
// apply both through the migration list and through ensureOAuthSchema().

export const OAUTH_MIGRATION = {
  version: 4,
  name: 'oauth clients and tokens',
  sql: (d: Dialect): string => {
    const T = txt(d);
    return `
CREATE TABLE IF NOT EXISTS oauth_clients (
  tenant ${T} NOT NULL,
  client_id ${T} NOT NULL,
  name TEXT NOT NULL,
  kind ${T} NOT NULL,
  secret_hash ${T},
  jwks TEXT,
  scope TEXT NOT NULL,
  redirect_uris TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  disabled SMALLINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant, client_id)
);

CREATE TABLE IF NOT EXISTS oauth_keys (
  kid ${T} PRIMARY KEY,
  alg ${T} NOT NULL,
  private_jwk TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  retired_at BIGINT
);

CREATE TABLE IF NOT EXISTS oauth_launches (
  tenant ${T} NOT NULL,
  id ${T} NOT NULL,
  user_id ${T} NOT NULL,
  client_id ${T},
  patient ${T},
  encounter ${T},
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE IF NOT EXISTS oauth_consents (
  tenant ${T} NOT NULL,
  id ${T} NOT NULL,
  user_id ${T} NOT NULL,
  csrf_hash ${T} NOT NULL,
  request TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE IF NOT EXISTS oauth_grants (
  id ${T} PRIMARY KEY,
  tenant ${T} NOT NULL,
  client_id ${T} NOT NULL,
  user_id ${T} NOT NULL,
  scope TEXT NOT NULL,
  patient ${T},
  encounter ${T},
  fhir_user ${T},
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX IF NOT EXISTS oauth_grants_exp ON oauth_grants (expires_at);

CREATE TABLE IF NOT EXISTS oauth_codes (
  code_hash ${T} PRIMARY KEY,
  tenant ${T} NOT NULL,
  grant_id ${T} NOT NULL,
  client_id ${T} NOT NULL,
  redirect_uri TEXT NOT NULL,
  code_challenge ${T} NOT NULL,
  nonce TEXT,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);

CREATE TABLE IF NOT EXISTS oauth_refresh_tokens (
  token_hash ${T} PRIMARY KEY,
  tenant ${T} NOT NULL,
  grant_id ${T} NOT NULL,
  client_id ${T} NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX IF NOT EXISTS oauth_refresh_grant ON oauth_refresh_tokens (grant_id);

CREATE TABLE IF NOT EXISTS oauth_access_tokens (
  jti ${T} PRIMARY KEY,
  tenant ${T} NOT NULL,
  grant_id ${T},
  client_id ${T} NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX IF NOT EXISTS oauth_access_grant ON oauth_access_tokens (grant_id);
CREATE INDEX IF NOT EXISTS oauth_access_exp ON oauth_access_tokens (expires_at);

CREATE TABLE IF NOT EXISTS oauth_assertions (
  tenant ${T} NOT NULL,
  client_id ${T} NOT NULL,
  jti ${T} NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (tenant, client_id, jti)
);
`;
  },
};

/** Create the OAuth tables if missing (tests, and the CLI before the migration is registered). */
export async function ensureOAuthSchema(db: Db): Promise<void> {
  await db.exec(OAUTH_MIGRATION.sql(db.dialect));
}

/** Drop expired rows. Revoked grants stay until they expire so that replays are still detected. */
export async function purgeExpired(db: Db, now: number, keepMs = 60_000): Promise<void> {
  const before = now - keepMs;
  await db.tx(async (t) => {
    for (const table of ['oauth_launches', 'oauth_consents', 'oauth_codes', 'oauth_refresh_tokens', 'oauth_access_tokens', 'oauth_assertions', 'oauth_grants']) {
      await t.run(`DELETE FROM ${table} WHERE expires_at < ?`, [before]);
    }
  });
}
