import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../errors.js';
import type { SearchInput } from '../store/repository.js';
import { baseUrl } from './base-url.js';
import { formBody } from './body.js';
import { searchsetBundle } from './bundle.js';
import { parseSubsetting } from './elements.js';
import { notSupported } from './errors.js';
import { prefer } from './headers.js';
import type { RestDeps } from './options.js';
import { queryPairs, REST_ONLY_PARAMS } from './query.js';
import type { Router } from './router.js';
import { sendJson } from './send.js';
import { assertId, assertType, knownTypes } from './validate.js';

// R4 CompartmentDefinitions
const COMPARTMENTS = new Set(['Patient', 'Encounter', 'RelatedPerson', 'Practitioner', 'Device']);

type Scope = Pick<SearchInput, 'types' | 'compartment'> & { path: string };

async function search(req: FastifyRequest, reply: FastifyReply, deps: RestDeps, scope: Scope, viaPost: boolean) {
  const ctx = deps.context(req);
  // POST _search: URL parameters first, then the form body (http.html#search)
  const all = viaPost ? [...queryPairs(req), ...formBody(req)] : queryPairs(req);
  const params = all.filter(([n]) => !REST_ONLY_PARAMS.has(n));
  const sub = parseSubsetting(params);
  let types = scope.types;
  if (!scope.path) types = await systemTypes(deps, ctx, params);
  const handling = prefer(req).handling;
  const input: SearchInput = { types, params, ...(scope.compartment ? { compartment: scope.compartment } : {}) };
  if (handling) input.strict = handling === 'strict';
  const result = await deps.repo.search(ctx, input);
  const effective = { summary: result.summary ?? sub.summary, elements: result.elements ?? sub.elements };
  return sendJson(req, reply, 200, searchsetBundle(result, baseUrl(req, deps), scope.path, effective));
}

/** _type for system search; undefined = all types. _type also stays in params so it appears in the links. */
async function systemTypes(deps: RestDeps, ctx: ReturnType<RestDeps['context']>, params: [string, string][]): Promise<string[] | undefined> {
  const names = params.filter(([n]) => n === '_type').flatMap(([, v]) => v.split(',').map((s) => s.trim()).filter(Boolean));
  if (!names.length) return undefined;
  const known = await knownTypes(deps, ctx);
  for (const t of names) if (!known.has(t)) throw badRequest(`Unknown resource type in _type: ${t.slice(0, 64)}`, ['_type']);
  return [...new Set(names)];
}

/** search-type, search-system and compartment search */
export function registerSearchRoutes(router: Router, deps: RestDeps): void {
  type P = { type: string; id: string; target: string };
  const typeSearch = (viaPost: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const { type } = req.params as P;
    await assertType(deps, deps.context(req), type);
    return search(req, reply, deps, { types: [type], path: type }, viaPost);
  };
  router.on('GET', '/:type', typeSearch(false));
  router.on('GET', '/:type/_search', typeSearch(false));
  router.on('POST', '/:type/_search', typeSearch(true));

  const systemSearch = (viaPost: boolean) => (req: FastifyRequest, reply: FastifyReply) => search(req, reply, deps, { path: '' }, viaPost);
  router.on('GET', '/', systemSearch(false));
  router.on('GET', '/_search', systemSearch(false));
  router.on('POST', '/_search', systemSearch(true));

  // GET [base]/Patient/123/Observation, or .../* for every type in the compartment
  router.on('GET', '/:type/:id/:target', async (req, reply) => {
    const { type, id, target } = req.params as P;
    const ctx = deps.context(req);
    await assertType(deps, ctx, type);
    if (!COMPARTMENTS.has(type)) throw notSupported(404, `${type} is not a compartment`);
    assertId(id);
    if (target !== '*') await assertType(deps, ctx, target);
    const scope: Scope = { types: target === '*' ? undefined : [target], compartment: { type, id }, path: `${type}/${id}/${target}` };
    return search(req, reply, deps, scope, false);
  });
}
