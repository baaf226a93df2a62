// Local expansion of ValueSets for required bindings, from the R4 definitions: valuesets.json
// (FHIR code systems) and, only when a ValueSet needs them, v3-codesystems.json and
// v2-tables.json. Only code sets are kept; ValueSets we cannot expand (filters, external code
// systems such as SNOMED CT or UCUM) expand to null and their bindings are skipped.
import { loadR4Json } from '../definitions/definitions.js';
import { stripVersion } from './sd-source.js';

export interface Expansion {
  all: ReadonlySet<string>; // every code, any system (for `code` elements)
  bySystem: ReadonlyMap<string, ReadonlySet<string>>;
}

interface Index {
  codeSystems: Map<string, Set<string> | null>; // null: not complete (fragment, example, ...)
  valueSets: Map<string, any>; // ValueSet resource reduced to url + compose/expansion
  loaded: Set<string>;
}

let index: Index | undefined;
const expansions = new Map<string, Expansion | null>();
export let terminologyLoadMs = 0;

function addConcepts(concepts: any[] | undefined, out: Set<string>): void {
  for (const c of concepts ?? []) {
    if (typeof c.code === 'string') out.add(c.code);
    if (c.concept) addConcepts(c.concept, out);
  }
}

// Drops displays and designations: only systems, codes, filters and nested ValueSets matter here.
const slim = (inc: any): any => ({
  system: inc.system,
  concept: inc.concept?.map((c: any) => ({ code: c.code })),
  filter: inc.filter?.length ? [true] : undefined,
  valueSet: inc.valueSet,
});

function loadFile(ix: Index, file: string): void {
  if (ix.loaded.has(file)) return;
  ix.loaded.add(file);
  const t0 = performance.now();
  const bundle = loadR4Json(file);
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource;
    if (r?.resourceType === 'CodeSystem' && r.url && !ix.codeSystems.has(r.url)) {
      if (r.content !== 'complete') { ix.codeSystems.set(r.url, null); continue; }
      const codes = new Set<string>();
      addConcepts(r.concept, codes);
      ix.codeSystems.set(r.url, codes);
    } else if (r?.resourceType === 'ValueSet' && r.url && !ix.valueSets.has(r.url)) {
      ix.valueSets.set(r.url, { compose: r.compose && { include: r.compose.include?.map(slim), exclude: r.compose.exclude?.map(slim) }, expansion: r.expansion });
    }
  }
  terminologyLoadMs += performance.now() - t0;
}

function getIndex(): Index {
  if (!index) {
    index = { codeSystems: new Map(), valueSets: new Map(), loaded: new Set() };
    loadFile(index, 'valuesets.json');
  }
  return index;
}

// v3 and v2 content lives in separate, larger files; read them only when asked for.
function ensureFor(url: string): void {
  const ix = getIndex();
  if (url.includes('/v3-') || url.includes('/v3/')) loadFile(ix, 'v3-codesystems.json');
  else if (url.includes('/v2-') || url.includes('/v2/')) loadFile(ix, 'v2-tables.json');
}

function codeSystem(url: string): Set<string> | null | undefined {
  const ix = getIndex();
  if (!ix.codeSystems.has(url)) ensureFor(url);
  return ix.codeSystems.get(url);
}

type Mutable = Map<string, Set<string>>;

function include(inc: any, out: Mutable, stack: Set<string>): boolean {
  if (inc.filter?.length) return false;
  let part: Mutable | undefined;
  if (inc.system) {
    const codes = new Set<string>();
    if (inc.concept?.length) {
      for (const c of inc.concept) codes.add(c.code);
    } else {
      const all = codeSystem(inc.system);
      if (!all) return false;
      for (const c of all) codes.add(c);
    }
    part = new Map([[inc.system, codes]]);
  }
  for (const vsUrl of inc.valueSet ?? []) {
    const sub = expandInternal(stripVersion(vsUrl), stack);
    if (!sub) return false;
    if (part) {
      // system + valueSet: intersection
      for (const [sys, codes] of part) {
        const keep = sub.bySystem.get(sys);
        for (const c of codes) if (!keep?.has(c)) codes.delete(c);
      }
    } else {
      part = new Map();
      for (const [sys, codes] of sub.bySystem) part.set(sys, new Set(codes));
    }
  }
  if (!part) return false;
  for (const [sys, codes] of part) {
    let set = out.get(sys);
    if (!set) out.set(sys, (set = new Set()));
    for (const c of codes) set.add(c);
  }
  return true;
}

function expandInternal(url: string, stack: Set<string>): Expansion | null {
  const cached = expansions.get(url);
  if (cached !== undefined) return cached;
  if (stack.has(url)) return null;
  const ix = getIndex();
  if (!ix.valueSets.has(url)) ensureFor(url);
  const vs = ix.valueSets.get(url);
  let result: Expansion | null = null;
  if (vs) {
    stack.add(url);
    result = expandResource(vs, stack);
    stack.delete(url);
  }
  expansions.set(url, result);
  return result;
}

function expandResource(vs: any, stack: Set<string>): Expansion | null {
  const bySystem: Mutable = new Map();
  if (vs.compose?.include?.length) {
    for (const inc of vs.compose.include) if (!include(inc, bySystem, stack)) return null;
    for (const exc of vs.compose.exclude ?? []) {
      if (!exc.system || !exc.concept?.length || exc.filter?.length) return null;
      const set = bySystem.get(exc.system);
      for (const c of exc.concept) set?.delete(c.code);
    }
  } else if (vs.expansion?.contains?.length) {
    const walk = (cs: any[]): void => {
      for (const c of cs) {
        if (c.system && c.code) {
          let set = bySystem.get(c.system);
          if (!set) bySystem.set(c.system, (set = new Set()));
          set.add(c.code);
        }
        if (c.contains) walk(c.contains);
      }
    };
    walk(vs.expansion.contains);
  } else return null;
  const all = new Set<string>();
  for (const codes of bySystem.values()) for (const c of codes) all.add(c);
  return { all, bySystem };
}

/** Codes of a ValueSet (url, optionally `|version`), or null when it cannot be expanded locally. */
export function expandValueSet(url: string): Expansion | null {
  return expandInternal(stripVersion(url), new Set());
}

/** Codes of a complete code system we hold locally; null/undefined when unknown or not complete. */
export function codeSystemCodes(url: string): ReadonlySet<string> | null | undefined {
  return codeSystem(url);
}

/** True for a ValueSet url that is not also a CodeSystem url (a common mistake in Coding.system). */
export function isValueSetUrl(url: string): boolean {
  const ix = getIndex();
  return ix.valueSets.has(url) && !ix.codeSystems.has(url);
}
