import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Store } from '../../src/fhir/store/open.js';

/** The real server over a test store, with logging off. */
export async function testApp(store: Store, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({}, { HUIYI_TENANT: 'default', ...env });
  const app = await buildApp({ config, store, logger: false });
  await app.ready();
  return app;
}
