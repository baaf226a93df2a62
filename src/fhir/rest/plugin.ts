import compress from '@fastify/compress';
import type { FastifyPluginAsync } from 'fastify';
import { installBodyParsers } from './body.js';
import { registerCapabilityRoute } from './capability.js';
import { installErrorHandling } from './errors.js';
import { checkAcceptable } from './negotiate.js';
import { DEFAULT_LIMITS, type FhirRestOptions, type RestDeps } from './options.js';
import { registerBatchRoute } from './routes-batch.js';
import { registerHistoryRoutes } from './routes-history.js';
import { registerInstanceRoutes } from './routes-instance.js';
import { registerSearchRoutes } from './routes-search.js';
import { registerValidateRoutes } from './routes-validate.js';
import { Router } from './router.js';

export type { BatchHandler, BatchOptions, FhirRestOptions, RestLimits } from './options.js';

/** The FHIR R4 RESTful API (http.html) as a Fastify plugin; register it with `{ prefix: '/fhir' }`. */
export function fhirRestPlugin(opts: FhirRestOptions): FastifyPluginAsync {
  return async (app) => {
    const deps: RestDeps = {
      repo: opts.repo,
      context: opts.context,
      limits: { ...DEFAULT_LIMITS, ...opts.limits },
      version: opts.version,
      baseUrl: opts.baseUrl,
      batch: opts.batch,
      security: opts.security,
      prefix: app.prefix,
    };
    if (opts.compress !== false) await app.register(compress, { threshold: 1024, encodings: ['gzip', 'deflate'] });
    installBodyParsers(app, deps.limits);
    installErrorHandling(app);
    app.addHook('onRequest', async (req) => checkAcceptable(req));

    const router = new Router(app);
    registerCapabilityRoute(router, deps);
    registerBatchRoute(router, deps);
    registerValidateRoutes(router, deps);
    registerSearchRoutes(router, deps);
    registerHistoryRoutes(router, deps);
    registerInstanceRoutes(router, deps);
    router.finish();
  };
}
