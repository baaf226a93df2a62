// FHIR R4 resource validation against the base StructureDefinitions and optional constraint
// profiles. One walk over the JSON with precompiled element maps (walk.ts); profiles are
// compiled once (profile-tree.ts) and applied after the base checks (profile-check.ts).
import type { OperationOutcomeIssue, Resource } from '../types.js';
import { ProfileChecker } from './profile-check.js';
import { compileProfile, type CompiledProfile } from './profile-tree.js';
import { Walker } from './walk.js';

export interface ValidateOptions {
  /** Constraint profiles (StructureDefinitions) to check in addition to the base, e.g. resolved from meta.profile. */
  profiles?: Resource[];
}

const byObject = new WeakMap<object, CompiledProfile>();
const byKey = new Map<string, CompiledProfile>();
const MAX_KEYED = 500;

// Callers may re-read the same stored profile for every request: cache by identity, and by
// url + version + meta for stored ones (meta.versionId/lastUpdated change with every update).
function compiled(sd: Resource): CompiledProfile {
  let p = byObject.get(sd);
  if (p) return p;
  const stored = sd.meta?.versionId !== undefined || sd.meta?.lastUpdated !== undefined;
  const key = stored ? `${sd.url}|${sd.version}|${sd.meta?.versionId}|${sd.meta?.lastUpdated}` : undefined;
  p = key ? byKey.get(key) : undefined;
  if (!p) {
    p = compileProfile(sd);
    if (key) {
      if (byKey.size >= MAX_KEYED) byKey.delete(byKey.keys().next().value!);
      byKey.set(key, p);
    }
  }
  byObject.set(sd, p);
  return p;
}

/** Issues found in `resource`; none with severity error means it is valid. */
export function validateResource(resource: unknown, opts?: ValidateOptions): OperationOutcomeIssue[] {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
    return [{ severity: 'error', code: 'structure', diagnostics: 'A resource must be a JSON object', expression: ['Resource'] }];
  }
  const obj = resource as Record<string, unknown>;
  const path = typeof obj.resourceType === 'string' ? obj.resourceType : 'Resource';
  const w = new Walker();
  w.resource(obj, path, null);
  for (const sd of opts?.profiles ?? []) {
    if (sd?.resourceType !== 'StructureDefinition') {
      w.issues.push({ severity: 'warning', code: 'not-supported', diagnostics: `A profile must be a StructureDefinition, not ${String(sd?.resourceType)}; ignored`, expression: [path] });
      continue;
    }
    const p = compiled(sd);
    if (p.type !== obj.resourceType) {
      w.issues.push({ severity: 'error', code: 'invalid', diagnostics: `Profile ${p.url} constrains ${p.type}, not ${path}`, expression: [path] });
      continue;
    }
    new ProfileChecker(p, obj, w.issues).run(obj, path);
  }
  return w.issues;
}
