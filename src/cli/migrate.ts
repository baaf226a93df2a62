import { loadConfig } from '../config/config.js';
import { parseDatabaseUrl } from '../fhir/store/db.js';
import { openStore } from '../fhir/store/open.js';
import { currentVersion } from '../fhir/store/migrations.js';
import { SECURITY_MIGRATIONS } from '../security/migrations.js';

export async function migrateCommand(opts: { db?: string }): Promise<void> {
  const config = loadConfig(opts);
  const store = await openStore(config.databaseUrl, { migrate: false });
  try {
    const { migrate } = await import('../fhir/store/migrations.js');
    const applied = await migrate(store.db, parseDatabaseUrl(config.databaseUrl).schema, SECURITY_MIGRATIONS);
    const v = await currentVersion(store.db);
    console.log(applied.length ? `applied migrations ${applied.join(', ')}; schema version ${v}` : `schema is up to date (version ${v})`);
  } finally {
    await store.close();
  }
}
