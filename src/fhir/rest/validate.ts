import { badRequest } from '../errors.js';
import type { RequestContext } from '../store/repository.js';
import { notSupported } from './errors.js';
import type { Registry, RestDeps } from './options.js';

const ID_RE = /^[A-Za-z0-9\-.]{1,64}$/;

const typeSets = new WeakMap<Registry, Set<string>>();

/** The resource types this tenant's registry knows. */
export async function knownTypes(deps: RestDeps, ctx: RequestContext): Promise<Set<string>> {
  const registry = await deps.repo.searchParams(ctx);
  let set = typeSets.get(registry);
  if (!set) {
    set = new Set(registry.resourceTypes());
    typeSets.set(registry, set);
  }
  return set;
}

export async function assertType(deps: RestDeps, ctx: RequestContext, type: string): Promise<void> {
  if (type.startsWith('$')) throw notSupported(404, `Operation ${type.slice(0, 64)} is not supported`);
  if (!(await knownTypes(deps, ctx)).has(type)) throw notSupported(404, `Resource type ${type.slice(0, 64)} is not supported`);
}

export function assertId(id: string): void {
  if (id.startsWith('$')) throw notSupported(404, `Operation ${id.slice(0, 64)} is not supported`);
  if (!ID_RE.test(id)) throw badRequest(`Invalid resource id: ${id.slice(0, 80)}`);
}

export function assertVersionId(vid: string): void {
  if (!ID_RE.test(vid)) throw badRequest(`Invalid version id: ${vid.slice(0, 80)}`);
}
