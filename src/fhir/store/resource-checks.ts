import { badRequest } from '../errors.js';
import type { Resource } from '../types.js';

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

/** The structural minimum before anything is stored (full validation is a separate layer). */
export function assertResourceShape(resource: unknown): asserts resource is Resource {
  if (!resource || typeof resource !== 'object' || Array.isArray(resource)) throw badRequest('The body must be a FHIR resource (a JSON object)');
  const r = resource as Resource;
  if (typeof r.resourceType !== 'string' || !r.resourceType) throw badRequest('The resource has no resourceType', ['resourceType']);
  if (r.id !== undefined && !isValidId(r.id)) throw badRequest(`Invalid resource id "${String(r.id).slice(0, 80)}" (1-64 of A-Z a-z 0-9 - .)`, ['id']);
  if (r.meta !== undefined && (typeof r.meta !== 'object' || r.meta === null || Array.isArray(r.meta))) {
    throw badRequest('meta must be an object', [`${r.resourceType}.meta`]);
  }
}
