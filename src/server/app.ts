import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import type { Store } from '../fhir/store/open.js';
import { fhirRestPlugin } from '../fhir/rest/plugin.js';
import { VERSION } from './version.js';
import { registerWeb } from './web.js';
import { processBundle } from '../fhir/bundle/process.js';
import { prefer } from '../fhir/rest/headers.js';
import { registerSecurity } from './security/index.js';
import { registerApiDocs } from './api-docs.js';
import { capabilitySecurity, smartConfiguration } from '../security/oauth/index.js';
import { MODULES } from '../modules/index.js';
import type { HuiyiModule } from '../modules/module.js';
import { installErrorHandling } from '../fhir/rest/errors.js';

export interface AppOptions {
  config: Config;
  store: Store;
  /** pino logger options or false (tests) */
  logger?: boolean | object;
  /** record AuditEvents (default true) */
  audit?: boolean;
  /** environment for module settings read at start (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** folder of the built web app (default dist/web; null: landing page only) */
  webDir?: string | null;
  /** the domain modules to mount (default: all of MODULES) */
  modules?: readonly HuiyiModule[];
}

/** The composition root: one Fastify app with health probes and the FHIR API under /fhir. */
export async function buildApp({ config, store, logger, audit, env, webDir, modules }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.maxBodyBytes,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  });
  // Graceful shutdown: server.close() waits for every connection, and a keep-alive connection whose request was
  // still running when closing began stays open after its response (up to the keep-alive timeout, 72 s), so the
  // process would not exit. Once closing has begun, responses say `Connection: close` and idle connections close.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async () => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (closing) return reply.code(503).send({ status: 'closing' });
    try {
      await store.db.get('SELECT 1 AS ok');
      return { status: 'ready', database: store.dialect };
    } catch (e) {
      return reply.code(503).send({ status: 'unavailable', error: (e as Error).message });
    }
  });
  await registerApiDocs(app, { version: VERSION });
  const security = await registerSecurity(app, { config, store, audit: audit ?? config.audit, env });
  app.addHook('onClose', async () => security.close());
  await registerWeb(app, { dir: webDir, version: VERSION });

  // SMART discovery also under the FHIR base, where clients look first
  app.get('/fhir/.well-known/smart-configuration', async (_req, reply) => reply.header('access-control-allow-origin', '*').send(smartConfiguration(config.publicUrl)));
  await app.register(
    fhirRestPlugin({
      repo: security.repo,
      context: security.context,
      limits: { maxBodyBytes: config.maxBodyBytes },
      version: VERSION,
      baseUrl: config.baseUrl,
      security: capabilitySecurity(config.publicUrl),
      batch: {
        interactions: ['batch', 'transaction'],
        handle: ({ bundle, ctx, req, baseUrl }) =>
          processBundle(store.repo, ctx, bundle, { baseUrl, maxEntries: config.maxBundleEntries, preferReturn: prefer(req).return }),
      },
    }),
    { prefix: '/fhir' },
  );
  for (const m of modules ?? MODULES) {
    // module routes answer errors (schema validation included) with OperationOutcomes, as the FHIR API does
    await app.register(async (child) => {
      installErrorHandling(child);
      await m.register(child, {
        config, env: env ?? process.env, repo: security.repo, context: security.context,
        elevated: (ctx) => ({ tenant: ctx.tenant, ...(ctx.observer ? { observer: ctx.observer } : {}) }),
        events: store.bus,
        accounts: {
          problem: async (tenant, u) => {
            const p = await security.identity.users.problem(tenant, u);
            return p ? { code: p.code, message: p.message } : null;
          },
          create: (tenant, u) => security.identity.users.create(tenant, u),
        },
        transaction: (ctx, bundle) =>
          processBundle(store.repo, ctx, bundle, { baseUrl: config.baseUrl ?? `${config.publicUrl}/fhir`, maxEntries: config.maxBundleEntries, preferReturn: 'representation' }),
      });
    }, { prefix: `/api/${m.name}` });
  }
  return app;
}
