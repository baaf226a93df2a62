// The store as the platform runs it: core and security schemas, and field encryption when configured.
import type { Config } from '../config/config.js';
import { openStore, type OpenOptions, type Store } from '../fhir/store/open.js';
import { SECURITY_MIGRATIONS } from '../security/migrations.js';
import { loadAuditConfig } from '../security/audit/index.js';
import { loadFieldCodec } from '../security/crypto/field-codec.js';

export function openPlatformStore(config: Config, opts: OpenOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const codec = loadFieldCodec(env, loadAuditConfig(config.databaseUrl, env).dataDir);
  return openStore(config.databaseUrl, { poolSize: config.dbPoolSize, migrations: SECURITY_MIGRATIONS, ...(codec ? { codec } : {}), ...opts });
}
