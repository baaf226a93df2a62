import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Store } from '../../src/fhir/store/open.js';
import type { HuiyiModule } from '../../src/modules/module.js';

/**
 * The real server over a test store, with logging off. By default the FHIR API is open
 * (HUIYI_DEV_OPEN_FHIR, as in local development) so protocol tests need no tokens; pass
 * `{ HUIYI_DEV_OPEN_FHIR: '' }` to test it as it runs by default.
 */
export async function testApp(store: Store, env: Record<string, string> = {}, opts: { audit?: boolean; modules?: readonly HuiyiModule[] } = {}): Promise<FastifyInstance> {
  const all = { HUIYI_TENANT: 'default', HUIYI_DEV_OPEN_FHIR: '1', HUIYI_DATA_DIR: mkdtempSync(join(tmpdir(), 'huiyi-app-')), HUIYI_ENV: 'test', ...env };
  const config = loadConfig({}, all);
  const app = await buildApp({ config, store, logger: false, env: all, ...opts });
  await app.ready();
  return app;
}
