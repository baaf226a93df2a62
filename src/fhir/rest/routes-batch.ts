import { baseUrl } from './base-url.js';
import { resourceBody } from './body.js';
import { notSupported } from './errors.js';
import type { RestDeps } from './options.js';
import type { Router } from './router.js';
import { sendJson } from './send.js';

/** POST [base]: batch / transaction, delegated to deps.batch; 501 until one is configured. */
export function registerBatchRoute(router: Router, deps: RestDeps): void {
  router.on('POST', '/', async (req, reply) => {
    if (!deps.batch) throw notSupported(501, 'Batch and transaction are not supported yet');
    const ctx = deps.context(req);
    const bundle = resourceBody(req, 'Bundle');
    const response = await deps.batch.handle({ bundle, ctx, req, baseUrl: baseUrl(req, deps) });
    return sendJson(req, reply, 200, response);
  });
}
