// Write-time search indexing: every search parameter of the resource's type → IndexEntry rows.
import type { Resource, SearchParamType } from '../types.js';
import type { SearchParamDef } from '../definitions/search-param-def.js';
import type { SearchParamRegistry } from '../definitions/search-params.js';
import type { IndexEntry, IndexValue } from './entry.js';
import { compileExpression } from './evaluator.js';
import type { Evaluator, Node } from './fast-path.js';
import { toIndexValues } from './values.js';

/** Params never extracted: columns kept by the store, or evaluated without an index. */
const NOT_INDEXED = new Set(['_id', '_lastUpdated', '_text', '_content', '_list', '_has', '_type', '_query', '_filter']);

/** Composite products beyond this per base element are cut (guards against pathological data). */
const MAX_COMBINATIONS = 256;

interface Component { type: SearchParamType; expression: string; byShape: Map<string, Evaluator | null> }

interface Plan {
  code: string;
  type: SearchParamType;
  evaluate: Evaluator;
  components?: Component[];
}

export interface ExtractOptions {
  /** false evaluates everything with fhirpath.js (for cross-checking the fast path) */
  fastPath?: boolean;
}

const plans = new WeakMap<SearchParamRegistry, Map<string, Plan[]>>();
const slowPlans = new WeakMap<SearchParamRegistry, Map<string, Plan[]>>();

function safeCompile(expr: string, type: string, fastPath: boolean, context?: { type: string; path: string }): Evaluator | null {
  try {
    return compileExpression(expr, type, { fastPath, context }).evaluate;
  } catch {
    return null; // invalid custom expression: indexes nothing rather than failing writes
  }
}

function buildPlan(def: SearchParamDef, resourceType: string, registry: SearchParamRegistry, fastPath: boolean): Plan | null {
  if (def.type === 'special' || NOT_INDEXED.has(def.code)) return null;
  if (def.type === 'composite') {
    const components: Component[] = [];
    for (const c of def.components ?? []) {
      const cdef = registry.byUrl(c.definition);
      if (!cdef || cdef.type === 'composite' || cdef.type === 'special' || !c.expression) return null;
      components.push({ type: cdef.type, expression: c.expression, byShape: new Map() });
    }
    if (!components.length) return null;
    const evaluate = safeCompile(def.expression ?? resourceType, resourceType, fastPath);
    return evaluate && { code: def.code, type: def.type, evaluate, components };
  }
  if (!def.expression) return null;
  const evaluate = safeCompile(def.expression, resourceType, fastPath);
  return evaluate && { code: def.code, type: def.type, evaluate };
}

function plansFor(registry: SearchParamRegistry, resourceType: string, fastPath: boolean): Plan[] {
  const byRegistry = fastPath ? plans : slowPlans;
  let byType = byRegistry.get(registry);
  if (!byType) { byType = new Map(); byRegistry.set(registry, byType); }
  let list = byType.get(resourceType);
  if (!list) {
    list = [];
    if (registry.forType(resourceType).size === 0) return list; // unknown type: do not cache arbitrary names
    for (const def of registry.paramsForType(resourceType)) {
      const p = buildPlan(def, resourceType, registry, fastPath);
      if (p) list.push(p);
    }
    byType.set(resourceType, list);
  }
  return list;
}

function valueKey(v: IndexValue): string {
  switch (v.type) {
    case 'string': return v.exact;
    case 'token': return `${v.system}|${v.code}|${v.text}|${v.ofType ? `${v.ofType.system}|${v.ofType.code}` : ''}`;
    case 'reference': return `${v.targetType}|${v.targetId}|${v.url}|${v.version}`;
    case 'uri': return v.value;
    case 'date': case 'number': return `${v.lo}|${v.hi}`;
    case 'quantity': return `${v.lo}|${v.hi}|${v.system}|${v.code}|${v.unit}`;
  }
}

function sameValue(a: IndexValue, b: IndexValue): boolean {
  switch (a.type) {
    case 'string': return a.exact === (b as typeof a).exact;
    case 'token': {
      const o = b as typeof a;
      return a.code === o.code && a.system === o.system && a.text === o.text
        && a.ofType?.system === o.ofType?.system && a.ofType?.code === o.ofType?.code && !a.ofType === !o.ofType;
    }
    case 'reference': {
      const o = b as typeof a;
      return a.targetId === o.targetId && a.targetType === o.targetType && a.url === o.url && a.version === o.version;
    }
    case 'uri': return a.value === (b as typeof a).value;
    case 'date': case 'number': return a.lo === (b as typeof a).lo && a.hi === (b as typeof a).hi;
    case 'quantity': {
      const o = b as typeof a;
      return a.lo === o.lo && a.hi === o.hi && a.code === o.code && a.system === o.system && a.unit === o.unit;
    }
  }
}

/** Drops duplicate values (unions and repeated data produce them); pairwise while small. */
function dedupe(vals: IndexValue[]): IndexValue[] {
  if (vals.length < 2) return vals;
  if (vals.length <= 16) {
    const out: IndexValue[] = [];
    for (const v of vals) if (!out.some((o) => o.type === v.type && sameValue(o, v))) out.push(v);
    return out;
  }
  const seen = new Set<string>();
  return vals.filter((v) => {
    const k = valueKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function componentValues(c: Component, base: Node, root: Node, resourceType: string, fastPath: boolean): IndexValue[] {
  const shapeKey = base.type + '@' + base.path;
  let ev = c.byShape.get(shapeKey);
  if (ev === undefined) {
    ev = safeCompile(c.expression, resourceType, fastPath, { type: base.type, path: base.path });
    c.byShape.set(shapeKey, ev);
  }
  if (!ev) return [];
  const vals: IndexValue[] = [];
  for (const n of ev(base, root)) toIndexValues(n, c.type, vals);
  return dedupe(vals);
}

const sameCombo = (a: IndexValue[], b: IndexValue[]): boolean => a.every((v, i) => v.type === b[i].type && sameValue(v, b[i]));

function compositeEntries(p: Plan, nodes: Node[], root: Node, resourceType: string, fastPath: boolean, out: IndexEntry[]): void {
  const emitted: IndexValue[][] = [];
  for (const base of nodes) {
    if (typeof base.data !== 'object') continue;
    const perComponent: IndexValue[][] = [];
    for (const c of p.components!) {
      const vals = componentValues(c, base, root, resourceType, fastPath);
      if (vals.length === 0) break;
      perComponent.push(vals);
    }
    if (perComponent.length < p.components!.length) continue;
    let combos: IndexValue[][] = [[]];
    for (const vals of perComponent) {
      const next: IndexValue[][] = [];
      for (const combo of combos) for (const v of vals) if (next.length < MAX_COMBINATIONS) next.push([...combo, v]);
      combos = next;
    }
    // Within one base element combos are distinct (component values are); across elements
    // (e.g. `Observation | Observation.component`) they may repeat.
    for (const components of combos) {
      if (nodes.length > 1 && emitted.some((e) => sameCombo(e, components))) continue;
      emitted.push(components);
      out.push({ type: 'composite', param: p.code, components });
    }
  }
}

/**
 * The index rows of a resource under the given registry. Evaluation errors of a single
 * parameter (e.g. a custom expression hitting a singleton error) skip that parameter.
 */
export function extractIndex(resource: Resource, registry: SearchParamRegistry, opts: ExtractOptions = {}): IndexEntry[] {
  const type = resource.resourceType;
  const fastPath = opts.fastPath !== false;
  const root: Node = { data: resource, type, path: type };
  const out: IndexEntry[] = [];
  for (const p of plansFor(registry, type, fastPath)) {
    let nodes: Node[];
    try { nodes = p.evaluate(root, root); } catch { continue; }
    if (nodes.length === 0) continue;
    if (p.components) {
      try { compositeEntries(p, nodes, root, type, fastPath, out); } catch { /* skip this param */ }
      continue;
    }
    let vals: IndexValue[] = [];
    for (const n of nodes) toIndexValues(n, p.type, vals);
    vals = dedupe(vals);
    for (const v of vals) {
      (v as IndexEntry).param = p.code;
      out.push(v as IndexEntry);
    }
  }
  return out;
}
