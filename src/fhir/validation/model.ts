// Compact validation model compiled from the R4 snapshots: one TypeModel per resource, data type
// and backbone element, with children keyed by JSON property name. Built lazily per type on first
// use and cached for the life of the process.
import { compileInvariant, type Invariant } from './invariants.js';
import type { LiteElement, LiteModel } from './fhirpath-lite.js';
import { PRIMITIVES, primitiveJsonType, type PrimitiveCheck } from './primitives.js';
import { rawSource, type RawElement, type RawTypeDef } from './sd-source.js';

const BASE_SD = 'http://hl7.org/fhir/StructureDefinition/';

export interface RequiredGroup {
  label: string; // e.g. "medication[x]"
  names: string[]; // JSON names satisfying it, including `_x` companions of primitives
}

export interface TypeModel extends LiteModel {
  name: string; // "Patient", "Period", "Observation.component"
  isResource: boolean;
  elements: Map<string, ElementModel>; // by JSON name (valueQuantity, not value[x])
  byName: Record<string, ElementModel | undefined>; // the same, as a prototype-less object: faster in the walk's hot loop
  rule?: ((obj: Record<string, unknown>, path: string, report: (code: string, path: string, msg: string) => void) => void) | null; // walk.ts' TYPE_RULES entry, cached
  byFp: Map<string, ElementModel[]>; // by FHIRPath name (value -> every value[x] variant)
  required: RequiredGroup[];
  choiceLabels: string[]; // choice group label by bit index
  constraints: Invariant[];
}

export class ElementModel implements LiteElement {
  min = 0;
  max = Infinity;
  array = false;
  choiceBit = 0; // non-zero for value[x] variants: one bit per choice group of the owner (R4 has at most 5 per type)
  isPrimitive = false;
  isResource = false;
  prim?: PrimitiveCheck;
  jsonType?: 'string' | 'number' | 'boolean';
  binding?: string; // required ValueSet
  canonicalUrl = false; // the `url` of a canonical resource: must be absolute
  targets?: ReadonlySet<string>; // allowed Reference target types; undefined = any
  constraints: Invariant[] = [];
  modelKey?: string;
  private resolved?: TypeModel | null;

  constructor(
    readonly name: string,
    readonly fpName: string,
    readonly label: string, // segment used in issue paths: "name", "value.ofType(Quantity)"
    readonly type: string,
  ) {}

  childModel(): TypeModel | undefined {
    if (this.resolved === undefined) this.resolved = (this.modelKey && getModel(this.modelKey)) || null;
    return this.resolved ?? undefined;
  }
}

const models = new Map<string, TypeModel | null>();
const childIndexes = new WeakMap<RawTypeDef, Map<string, RawElement[]>>();

function childIndex(raw: RawTypeDef): Map<string, RawElement[]> {
  let idx = childIndexes.get(raw);
  if (!idx) {
    idx = new Map();
    for (const e of raw.elements) {
      const dot = e.path.lastIndexOf('.');
      if (dot < 0) continue;
      const parent = e.path.slice(0, dot);
      let list = idx.get(parent);
      if (!list) idx.set(parent, (list = []));
      list.push(e);
    }
    childIndexes.set(raw, idx);
  }
  return idx;
}

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Names of concrete resource types (for Reference and resourceType checks). */
let resourceNames: Set<string> | undefined;
export function isResourceType(name: string): boolean {
  if (!resourceNames) {
    resourceNames = new Set();
    for (const t of rawSource().types.values()) if (t.kind === 'resource' && !t.abstract) resourceNames.add(t.name);
  }
  return resourceNames.has(name);
}

function targetsOf(profiles: string[] | undefined): ReadonlySet<string> | undefined {
  if (!profiles?.length) return undefined;
  const out = new Set<string>();
  for (const p of profiles) {
    if (!p.startsWith(BASE_SD)) return undefined; // a profile: its type is not known here
    const t = p.slice(BASE_SD.length);
    if (!isResourceType(t)) return undefined; // Resource, DomainResource or a profile: any type
    out.add(t);
  }
  return out;
}

/** The model of a type ("Patient", "Quantity") or backbone element path ("Observation.component"). */
export function getModel(key: string): TypeModel | undefined {
  let m = models.get(key);
  if (m === undefined) {
    m = buildModel(key) ?? null;
    if (!m) models.set(key, null);
  }
  return m ?? undefined;
}

function buildModel(key: string): TypeModel | undefined {
  const dot = key.indexOf('.');
  const raw = rawSource().types.get(dot < 0 ? key : key.slice(0, dot));
  if (!raw || raw.kind === 'primitive-type') return undefined;
  const idx = childIndex(raw);
  const rootEl = raw.elements.find((e) => e.path === key);
  if (!rootEl) return undefined;
  const isResource = dot < 0 && raw.kind === 'resource';
  const model: TypeModel = {
    name: key, isResource, elements: new Map(), byName: Object.create(null), byFp: new Map(), required: [], choiceLabels: [], constraints: [],
  };
  models.set(key, model); // before compiling invariants, which may navigate back into this type
  const pending: Array<[ElementModel, RawElement]> = [];
  for (const e of idx.get(key) ?? []) {
    const stem = e.path.slice(key.length + 1);
    const max = e.max === '*' ? Infinity : Number(e.max);
    const isChoice = stem.endsWith('[x]');
    const fpName = isChoice ? stem.slice(0, -3) : stem;
    const bit = isChoice ? 1 << model.choiceLabels.length : 0;
    if (isChoice) model.choiceLabels.push(stem);
    const variants: ElementModel[] = [];
    for (const t of e.types.length ? e.types : [{ code: '' }]) {
      const code = isResource && stem === 'id' ? 'id' : t.code;
      const name = isChoice ? fpName + upperFirst(code) : stem;
      const el = new ElementModel(name, fpName, isChoice ? `${fpName}.ofType(${code})` : stem, code);
      el.min = e.min;
      el.max = max;
      el.array = e.max !== '1' && e.max !== '0';
      el.choiceBit = bit;
      el.binding = e.binding;
      el.canonicalUrl = isResource && stem === 'url';
      if (code === 'Reference') el.targets = targetsOf(t.targetProfile);
      if (e.contentReference) el.modelKey = e.contentReference.slice(1);
      else if (idx.has(e.path)) el.modelKey = e.path; // backbone element with inline children
      else if (code === 'Resource') el.isResource = true;
      else if (PRIMITIVES.has(code)) {
        el.isPrimitive = true;
        el.prim = PRIMITIVES.get(code);
        el.jsonType = primitiveJsonType(code);
      } else el.modelKey = code;
      model.elements.set(name, el);
      model.byName[name] = el;
      variants.push(el);
      pending.push([el, { ...e, types: [t] }]);
    }
    model.byFp.set(fpName, variants);
    if (e.min > 0) {
      const names: string[] = [];
      for (const v of variants) {
        names.push(v.name);
        if (v.isPrimitive) names.push('_' + v.name);
      }
      model.required.push({ label: stem, names });
    }
  }
  // Invariants: the type's own (root element), then element-level ones its children's types lack.
  const resModel = isResource ? model : undefined;
  for (const c of rootEl.constraints ?? []) {
    const inv = compileInvariant(c, model, key, resModel);
    if (inv) model.constraints.push(inv);
  }
  for (const [el, e] of pending) {
    const typeProfiles = e.types[0].profile?.flatMap((p) => rawSource().typeProfiles.get(p) ?? []) ?? [];
    const own = [...(el.modelKey === e.path ? [] : e.constraints ?? []), ...typeProfiles];
    if (!own.length) continue;
    const child = el.isPrimitive ? undefined : el.childModel();
    const have = new Set(child?.constraints.map((c) => c.key));
    for (const c of own) {
      if (have.has(c.key)) continue;
      const inv = el.isPrimitive ? compileInvariant(c, el.type, el.type) : child && compileInvariant(c, child, child.name);
      if (inv) el.constraints.push(inv);
    }
  }
  return model;
}
