import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, operationOutcome } from '../errors.js';
import type { Resource } from '../types.js';
import { resourceBody } from './body.js';
import type { RestDeps } from './options.js';
import type { Router } from './router.js';
import { sendJson } from './send.js';
import { assertId, assertType } from './validate.js';

/**
 * $validate (type and instance level): the body is the resource, or a Parameters with a `resource`
 * (and optional `profile`) parameter. Always 200 with the OperationOutcome; nothing is stored.
 */
export function registerValidateRoutes(router: Router, deps: RestDeps): void {
  type P = { type: string; id?: string };
  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const { type, id } = req.params as P;
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    let resource: Resource;
    const profiles: string[] = [];
    if (req.method === 'GET') {
      if (!id) throw badRequest('GET $validate needs a resource id');
      resource = await deps.repo.read(ctx, type, id);
    } else {
      const body = (req.body as Resource | undefined)?.resourceType === 'Parameters' ? (req.body as Resource) : resourceBody(req, type);
      resource = body.resourceType === 'Parameters' ? fromParameters(body, profiles) : body;
      if (resource.resourceType !== type) throw badRequest(`resourceType ${resource.resourceType} does not match ${type}`, ['resourceType']);
    }
    if (id) {
      assertId(id);
      if (resource.id !== undefined && resource.id !== id) throw badRequest(`Resource id ${resource.id} does not match the URL id ${id}`, ['id']);
    }
    const issues = await deps.repo.validate(ctx, resource, profiles);
    const out = issues.length ? issues : [{ severity: 'information' as const, code: 'informational', diagnostics: 'No issues found' }];
    return sendJson(req, reply, 200, operationOutcome(out));
  };
  router.on('POST', '/:type/$validate', handle);
  router.on('POST', '/:type/:id/$validate', handle);
  router.on('GET', '/:type/:id/$validate', handle);
}

function fromParameters(p: Resource, profiles: string[]): Resource {
  const params = Array.isArray(p.parameter) ? (p.parameter as { name?: string; resource?: Resource; valueUri?: string; valueCanonical?: string }[]) : [];
  for (const x of params) if (x.name === 'profile' && (x.valueUri || x.valueCanonical)) profiles.push((x.valueUri ?? x.valueCanonical) as string);
  const r = params.find((x) => x.name === 'resource')?.resource;
  if (!r || typeof r !== 'object') throw badRequest('Parameters for $validate need a "resource" parameter');
  return r;
}
