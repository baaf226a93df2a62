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

/** the query string of a conditional interaction, as given (the repository parses it) */
function criteriaOf(req: FastifyRequest): string {
  const url = req.raw.url ?? req.url;
  const q = url.indexOf('?');
  const criteria = q < 0 ? '' : url.slice(q + 1);
  if (!criteria) throw badRequest('A conditional interaction needs search criteria in the URL (e.g. ?identifier=system|value)');
  return criteria;
}

function ifNoneExist(req: FastifyRequest): string | undefined {
  const h = req.headers['if-none-exist'];
  const v = Array.isArray(h) ? h[0] : h;
  if (v === undefined) return undefined;
  // clients send either "identifier=x" or a full "Patient?identifier=x"
  const q = v.indexOf('?');
  const criteria = q >= 0 ? v.slice(q + 1) : v;
  if (!criteria.trim()) throw badRequest('If-None-Exist is empty');
  return criteria;
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
    const criteria = ifNoneExist(req);
    if (criteria !== undefined) {
      const r = await repo.conditionalCreate(ctx, resource as Resource, criteria);
      // a match is answered 200 with the existing resource and nothing written
      return sendWrite(req, reply, deps, r);
    }
    return sendWrite(req, reply, deps, await repo.create(ctx, resource as Resource));
  });

  // Conditional update / patch / delete: PUT|PATCH|DELETE [base]/Type?criteria
  router.on('PUT', '/:type', async (req, reply) => {
    const { type } = params(req);
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    const criteria = criteriaOf(req);
    const resource = resourceBody(req, type);
    const match = ifMatch(req);
    return sendWrite(req, reply, deps, await repo.conditionalUpdate(ctx, type, criteria, resource, match ? { ifMatch: match } : undefined));
  });

  router.on('PATCH', '/:type', async (req, reply) => {
    const { type } = params(req);
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    const criteria = criteriaOf(req);
    const ops = patchBody(req);
    const match = ifMatch(req);
    return sendWrite(req, reply, deps, await repo.conditionalPatch(ctx, type, criteria, ops, match ? { ifMatch: match } : undefined));
  });

  router.on('DELETE', '/:type', async (req, reply) => {
    const { type } = params(req);
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    const deleted = await repo.conditionalDelete(ctx, type, criteriaOf(req));
    if (prefer(req).return === 'minimal') return sendEmpty(reply, 204);
    const what = deleted.length ? `deleted ${deleted.map((d) => `${type}/${d.resource.id}`).join(', ')}` : 'no resource matched; nothing deleted';
    return sendJson(req, reply, 200, info(what));
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
