import type { Resource } from '../types.js';
import { baseUrl } from './base-url.js';
import type { Registry, RestDeps } from './options.js';
import type { Router } from './router.js';
import { sendJson } from './send.js';

const TYPE_INTERACTIONS = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type'];

/** The CapabilityStatement for one tenant's registry: only what this layer actually implements. */
export function capabilityStatement(registry: Registry, deps: RestDeps, base: string): Resource {
  const resource = [...registry.resourceTypes()].sort().map((type) => ({
    type,
    profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
    interaction: TYPE_INTERACTIONS.map((code) => ({ code })),
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalRead: 'not-supported',
    conditionalUpdate: true,
    conditionalDelete: 'multiple',
    operation: [{ name: 'validate', definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate' }],
    searchParam: [...registry.forType(type).values()]
      .map((p) => ({ name: p.code, definition: p.url, type: p.type }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
  const system = ['history-system', 'search-system', ...(deps.batch?.interactions ?? [])];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    publisher: 'Huiyi',
    kind: 'instance',
    software: { name: 'Huiyi', version: deps.version },
    implementation: { description: 'Huiyi 慧医 FHIR R4 server', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: ['application/json-patch+json'],
    rest: [{ mode: 'server', ...(deps.security ? { security: deps.security } : {}), resource, interaction: system.map((code) => ({ code })) }],
  };
}

export function registerCapabilityRoute(router: Router, deps: RestDeps): void {
  // built once per (registry, base) for this plugin instance: the registry object changes when a tenant's parameters do
  const cache = new WeakMap<Registry, Map<string, Resource>>();
  router.on('GET', '/metadata', async (req, reply) => {
    const registry = await deps.repo.searchParams(deps.context(req));
    const base = baseUrl(req, deps);
    let byBase = cache.get(registry);
    if (!byBase) cache.set(registry, (byBase = new Map()));
    let cs = byBase.get(base);
    if (!cs) {
      cs = capabilityStatement(registry, deps, base);
      if (byBase.size < 16) byBase.set(base, cs); // bounded: the base comes from request headers
    }
    return sendJson(req, reply, 200, cs);
  });
}
