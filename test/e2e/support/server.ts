// A real Huiyi server for browser tests, in this process, on a free port: a temp SQLite store with a small
// demo hospital (same generator as `huiyi serve --demo`) and the demo users linked to its staff.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { openPlatformStore } from '../../../src/cli/platform-store.js';
import type { Store } from '../../../src/fhir/store/open.js';
import { generateDemoHospital } from '../../../src/demo/generate.js';
import { processBundle } from '../../../src/fhir/bundle/process.js';
import { seedDemoUsers } from '../../../src/security/identity/index.js';
import { seedDemoSlots } from '../../../src/modules/services/appointments/demo.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const WEB_DIST = join(REPO, 'dist', 'web');
export const webBuilt = () => existsSync(join(WEB_DIST, 'index.html'));

export interface TestServer {
  /** http://127.0.0.1:PORT */
  url: string;
  app: FastifyInstance;
  /** the store underneath (no policies, no audit): to seed or check data directly */
  store: Store;
  tenant: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** demo patients (default 12; the staff, wards and beds are always the whole hospital) */
  patients?: number;
  /** the demo hospital's "now" (default: the real clock, so today's clinics and current stays are today) */
  now?: Date;
  seed?: number;
  /** extra environment (HUIYI_*) */
  env?: Record<string, string>;
}

/** A port nobody listens on right now (the OAuth issuer URL needs it before the server starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Start the server. Always `close()` it (in `after`): it removes its temp folder. */
export async function startServer(o: ServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    HUIYI_PUBLIC_URL: url,
    HUIYI_DATABASE_URL: `sqlite:${join(dir, 'huiyi.db')}`,
    HUIYI_DATA_DIR: dir,
    HUIYI_TENANT: 'default',
    HUIYI_ENV: 'test',
    HUIYI_LOG_LEVEL: 'warn',
    ...o.env,
  };
  const config = loadConfig({ host: '127.0.0.1', port: String(port) }, env);
  const store = await openPlatformStore(config, {}, env);
  let app: FastifyInstance | undefined;
  try {
    const ctx = { tenant: config.tenant };
    const resources = generateDemoHospital({ patients: o.patients ?? 12, now: o.now ?? new Date(), ...(o.seed !== undefined ? { seed: o.seed } : {}) });
    for (let i = 0; i < resources.length; i += 500) {
      const entry = resources.slice(i, i + 500).map((r) => ({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } }));
      await processBundle(store.repo, ctx, { resourceType: 'Bundle', type: 'transaction', entry }, { baseUrl: 'http://localhost/fhir', maxEntries: 500 });
    }
    await seedDemoUsers(store.db, config.tenant, { hash: { N: 1024, r: 8, p: 1 } });
    await seedDemoSlots(store, ctx, env, o.now ?? new Date());
    app = await buildApp({ config, store, logger: false, env, webDir: WEB_DIST });
    await app.listen({ host: '127.0.0.1', port });
  } catch (e) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const a = app;
  return {
    url,
    app: a,
    store,
    tenant: config.tenant,
    async close() {
      await a.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
