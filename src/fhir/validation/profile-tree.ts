// Compiles a constraint profile (StructureDefinition snapshot, else differential) into a tree of
// element nodes keyed by element id segments ("component:SystolicBP" -> child "component",
// slice "SystolicBP"). Only what the checker uses is kept.
import { getModel, isResourceType, type ElementModel, type TypeModel } from './model.js';
import { isBaseConstraintKey, stripVersion } from './sd-source.js';
import type { RawConstraint } from './sd-source.js';

export interface Discriminator {
  type: string; // value | pattern | exists | type | profile
  path: string;
}

export interface ProfileNode {
  id: string;
  name: string; // segment name: "code", "value[x]", or a renamed choice "valueQuantity"
  min?: number;
  max?: number; // Infinity for "*"
  types?: string[];
  typeProfiles?: string[];
  targets?: ReadonlySet<string>; // Reference targets, when all are base resource types
  fixed?: unknown;
  pattern?: unknown;
  binding?: string; // required ValueSet
  constraints: RawConstraint[];
  slicing?: { discriminator: Discriminator[]; rules: string };
  sliceName?: string;
  children: Map<string, ProfileNode>;
  slices: ProfileNode[];
}

export interface CompiledProfile {
  url: string;
  type: string;
  root: ProfileNode;
}

const BASE_SD = 'http://hl7.org/fhir/StructureDefinition/';

function node(id: string, name: string): ProfileNode {
  return { id, name, constraints: [], children: new Map(), slices: [] };
}

function valueOf(e: any, prefix: 'fixed' | 'pattern'): unknown {
  for (const k in e) if (k.startsWith(prefix) && k.length > prefix.length && k.charCodeAt(prefix.length) < 97) return e[k];
  return undefined;
}

// "Observation.component:SystolicBP.code" -> [["component","SystolicBP"],["code",undefined]]
function segments(e: any): Array<[string, string | undefined]> | undefined {
  const id: string = typeof e.id === 'string' ? e.id : e.sliceName ? `${e.path}:${e.sliceName}` : e.path;
  if (typeof id !== 'string') return undefined;
  return id.split('.').slice(1).map((s) => {
    const colon = s.indexOf(':');
    return colon < 0 ? [s, undefined] : [s.slice(0, colon), s.slice(colon + 1)];
  });
}

function fill(n: ProfileNode, e: any): void {
  if (typeof e.id === 'string') n.id = e.id;
  if (typeof e.min === 'number') n.min = e.min;
  if (typeof e.max === 'string') n.max = e.max === '*' ? Infinity : Number(e.max);
  if (Array.isArray(e.type) && e.type.length) {
    n.types = e.type.map((t: any) => t.code);
    n.typeProfiles = e.type.flatMap((t: any) => t.profile ?? []);
    const targets = e.type.flatMap((t: any) => (t.code === 'Reference' ? t.targetProfile ?? [] : []));
    // only base resource types can be checked from a reference; profiles (e.g. vitalsigns) cannot
    if (targets.length && targets.every((t: string) => t.startsWith(BASE_SD) && isResourceType(t.slice(BASE_SD.length)))) {
      n.targets = new Set(targets.map((t: string) => t.slice(BASE_SD.length)));
    }
  }
  n.fixed = valueOf(e, 'fixed');
  n.pattern = valueOf(e, 'pattern');
  if (e.binding?.strength === 'required' && typeof e.binding.valueSet === 'string') n.binding = stripVersion(e.binding.valueSet);
  for (const c of e.constraint ?? []) {
    if (c.severity === 'error' && typeof c.expression === 'string') n.constraints.push({ key: c.key, human: c.human ?? '', expression: c.expression });
  }
  if (e.slicing) n.slicing = { discriminator: e.slicing.discriminator ?? [], rules: e.slicing.rules ?? 'open' };
}

export function compileProfile(sd: any): CompiledProfile {
  const elements: any[] = sd.snapshot?.element ?? sd.differential?.element ?? [];
  const type: string = sd.type ?? elements[0]?.path?.split('.')[0] ?? '';
  const root = node(type, type);
  for (const e of elements) {
    const segs = segments(e);
    if (!segs) continue;
    if (segs.length === 0) {
      fill(root, e);
      continue;
    }
    let cur = root;
    for (const [name, slice] of segs) {
      let child = cur.children.get(name);
      if (!child) cur.children.set(name, (child = node(`${cur.id}.${name}`, name)));
      cur = child;
      if (slice !== undefined) {
        let s = cur.slices.find((x) => x.sliceName === slice);
        if (!s) {
          s = node(`${cur.id}:${slice}`, name);
          s.sliceName = slice;
          cur.slices.push(s);
        }
        cur = s;
      }
    }
    fill(cur, e);
  }
  prune(root, getModel(type));
  return { url: sd.url ?? sd.id ?? '(profile without url)', type, root };
}

function resolve(m: TypeModel, name: string): ElementModel[] | undefined {
  if (name.endsWith('[x]')) return m.byFp.get(name.slice(0, -3));
  const el = m.elements.get(name);
  return el ? [el] : m.byFp.get(name);
}

// Snapshots repeat the whole base definition; drop the nodes that constrain nothing beyond it so
// that checking a profile only visits what it changes. Returns whether `n` must be kept.
function prune(n: ProfileNode, model: TypeModel | undefined, base?: ElementModel[]): boolean {
  for (const [name, child] of n.children) {
    const els = model && resolve(model, name);
    // descend with the child's type; a choice keeps its model only when the profile fixes one type
    const variants = els?.filter((e) => !child.types || child.types.includes(e.type));
    const childModel = variants?.length === 1 ? variants[0].childModel() : undefined;
    for (const sl of child.slices) prune(sl, childModel, els); // slices themselves are always checked
    if (els && !prune(child, childModel, els)) n.children.delete(name);
  }
  if (!base) return true; // the root, or an element unknown to the base: keep (the checker warns)
  const b = base[0];
  return n.children.size > 0 || n.slices.length > 0 || n.fixed !== undefined || n.pattern !== undefined || n.targets !== undefined ||
    (n.min !== undefined && n.min > b.min) || (n.max !== undefined && n.max < b.max) ||
    (n.binding !== undefined && n.binding !== b.binding) ||
    (n.types !== undefined && base.some((e) => !n.types!.includes(e.type))) ||
    n.constraints.some((c) => !isBaseConstraintKey(c.key));
}
