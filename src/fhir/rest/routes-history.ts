import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../errors.js';
import type { HistoryQuery } from '../store/repository.js';
import { baseUrl } from './base-url.js';
import { historyBundle, linkUrl } from './bundle.js';
import type { RestDeps } from './options.js';
import { encodePairs, firstValue, queryPairs } from './query.js';
import type { Router } from './router.js';
import { sendJson } from './send.js';
import { assertId, assertType } from './validate.js';

/** the query parameter carrying the repository's opaque paging cursor */
export const CURSOR_PARAM = '_cursor';

const DATE_TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export function parseHistoryQuery(pairs: [string, string][]): HistoryQuery {
  const q: HistoryQuery = {};
  const since = firstValue(pairs, '_since');
  if (since !== undefined) {
    if (!DATE_TIME.test(since)) throw badRequest(`_since must be a FHIR instant, got "${since.slice(0, 40)}"`, ['_since']);
    q.since = since;
  }
  const at = firstValue(pairs, '_at');
  if (at !== undefined) {
    if (!DATE_TIME.test(at)) throw badRequest(`_at must be a FHIR date or dateTime, got "${at.slice(0, 40)}"`, ['_at']);
    q.at = at;
  }
  const count = firstValue(pairs, '_count');
  if (count !== undefined) {
    if (!/^\d{1,9}$/.test(count)) throw badRequest(`_count must be a non-negative integer, got "${count.slice(0, 40)}"`, ['_count']);
    q.count = Number(count);
  }
  const cursor = firstValue(pairs, CURSOR_PARAM);
  if (cursor !== undefined) q.cursor = cursor;
  return q;
}

/** history-system, history-type, history-instance */
export function registerHistoryRoutes(router: Router, deps: RestDeps): void {
  const handle = async (req: FastifyRequest, reply: FastifyReply, type?: string, id?: string) => {
    const ctx = deps.context(req);
    if (type !== undefined) await assertType(deps, ctx, type);
    if (id !== undefined) assertId(id);
    const pairs = queryPairs(req);
    const page = await deps.repo.history(ctx, { ...parseHistoryQuery(pairs), type, id });
    const base = baseUrl(req, deps);
    const path = [type, id, '_history'].filter((s) => s !== undefined).join('/');
    const selfUrl = linkUrl(base, path, encodePairs(pairs));
    const rest = pairs.filter(([n]) => n !== CURSOR_PARAM);
    const nextUrl = page.nextCursor !== undefined ? linkUrl(base, path, encodePairs([...rest, [CURSOR_PARAM, page.nextCursor]])) : undefined;
    return sendJson(req, reply, 200, historyBundle(page, base, selfUrl, nextUrl));
  };
  type P = { type: string; id: string };
  router.on('GET', '/_history', (req, reply) => handle(req, reply));
  router.on('GET', '/:type/_history', (req, reply) => handle(req, reply, (req.params as P).type));
  router.on('GET', '/:type/:id/_history', (req, reply) => handle(req, reply, (req.params as P).type, (req.params as P).id));
}
