import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../errors.js';
import type { Resource } from '../types.js';
import { patchBody, resourceBody } from './body.js';
import { applySubsetting, parseSubsetting, type Subsetting } from './elements.js';
import { ifMatch, notModified, prefer, setVersionHeaders } from './headers.js';
import type { RestDeps } from './options.js';
import { queryPairs } from './query.js';
import type { Router } from './router.js';
import { sendEmpty, sendJson } from './send.js';
import { assertId, assertType, assertVersionId } from './validate.js';
import { info, sendWrite } from './write-reply.js';

type P = { type: string; id: string; vid: string };

/** read / vread response: the resource with ETag/Last-Modified, or 304 when the client's copy is current */
function sendRead(req: FastifyRequest, reply: FastifyReply, r: Resource, sub: Subsetting): FastifyReply {
  setVersionHeaders(reply, r);
  if (notModified(req, r)) return sendEmpty(reply, 304);
  return sendJson(req, reply, 200, applySubsetting(r, sub));
}

function params(req: FastifyRequest): P {
  return req.params as P;
}

/** create, read, vread, update, patch, delete */
export function registerInstanceRoutes(router: Router, deps: RestDeps): void {
  const { repo } = deps;

  router.on('POST', '/:type', async (req, reply) => {
    const { type } = params(req);
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    // the server assigns the id; one in the body is ignored (http.html#create)
    const { id: _ignored, ...resource } = resourceBody(req, type);
    return sendWrite(req, reply, deps, await repo.create(ctx, resource as Resource));
  });

  router.on('GET', '/:type/:id', async (req, reply) => {
    const { type, id } = params(req);
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    assertId(id);
    const sub = parseSubsetting(queryPairs(req));
    return sendRead(req, reply, await repo.read(ctx, type, id), sub);
  });

  router.on('GET', '/:type/:id/_history/:vid', async (req, reply) => {
    const { type, id, vid } = params(req);
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    assertId(id);
    assertVersionId(vid);
    const sub = parseSubsetting(queryPairs(req));
    return sendRead(req, reply, await repo.vread(ctx, type, id, vid), sub);
  });

  router.on('PUT', '/:type/:id', async (req, reply) => {
    const { type, id } = params(req);
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    assertId(id);
    const resource = resourceBody(req, type);
    if (resource.id === undefined) throw badRequest('The resource in an update must have an id', ['id']);
    if (resource.id !== id) throw badRequest(`Resource id ${String(resource.id).slice(0, 64)} does not match the URL id ${id}`, ['id']);
    const match = ifMatch(req);
    return sendWrite(req, reply, deps, await repo.update(ctx, resource, match ? { ifMatch: match } : undefined));
  });

  router.on('PATCH', '/:type/:id', async (req, reply) => {
    const { type, id } = params(req);
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    assertId(id);
    const ops = patchBody(req);
    const match = ifMatch(req);
    return sendWrite(req, reply, deps, await repo.patch(ctx, type, id, ops, match ? { ifMatch: match } : undefined));
  });

  router.on('DELETE', '/:type/:id', async (req, reply) => {
    const { type, id } = params(req);
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    assertId(id);
    const result = await repo.delete(ctx, type, id);
    // deleting a deleted or unknown resource is not an error (http.html#delete)
    if (prefer(req).return === 'minimal') return sendEmpty(reply, 204);
    const what = !result ? 'does not exist; nothing to delete' : result.unchanged ? 'was already deleted' : 'deleted';
    return sendJson(req, reply, 200, info(`${type}/${id} ${what}`));
  });
}
