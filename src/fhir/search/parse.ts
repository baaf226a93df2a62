import type { SearchParamRegistry } from '../definitions/search-params.js';
import type { SearchParamDef } from '../definitions/search-param-def.js';
import type { OperationOutcomeIssue } from '../types.js';
import type { SearchInput } from '../store/repository.js';
import { badRequest, FhirError } from '../errors.js';
import { patientCompartmentParams } from '../definitions/compartments.js';
import type { Filter, IncludeSpec, SearchQuery, SortKey } from './query.js';

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 1000;

const RESULT_PARAMS = new Set(['_count', '_sort', '_total', '_include', '_revinclude', '_summary', '_elements', '_cursor', '_offset', '_type', '_format', '_pretty', '_contained', '_containedType']);
const UNSUPPORTED = new Set(['_text', '_content', '_list', '_query', '_filter', '_contained', '_containedType']);
const MODIFIERS: Record<string, string[]> = {
  string: ['exact', 'contains', 'missing'],
  token: ['not', 'text', 'missing', 'of-type'],
  reference: ['missing'],
  uri: ['below', 'above', 'missing'],
  date: ['missing'],
  number: ['missing'],
  quantity: ['missing'],
  composite: ['missing'],
};

/** Turn raw (name, value) pairs into a typed query; unknown parameters become warnings (or errors when strict). */
export function parseSearch(registry: SearchParamRegistry, input: SearchInput): { query: SearchQuery; issues: OperationOutcomeIssue[] } {
  const issues: OperationOutcomeIssue[] = [];
  const reject = (msg: string) => {
    if (input.strict) throw badRequest(msg);
    issues.push({ severity: 'warning', code: 'not-supported', diagnostics: `${msg} (ignored)` });
  };
  let types: string[] = [...(input.types ?? [])];
  const params = input.params;
  const q: SearchQuery = { types, filters: [], sort: [], count: DEFAULT_COUNT, total: 'default', includes: [], echo: [] };

  const typeParam = params.filter(([k]) => k === '_type').flatMap(([, v]) => v.split(',').map((s) => s.trim()).filter(Boolean));
  if (typeParam.length) {
    const known = new Set(registry.resourceTypes());
    for (const t of typeParam) if (!known.has(t)) throw badRequest(`_type: unknown resource type "${t}"`);
    types = types.length ? types.filter((t) => typeParam.includes(t)) : typeParam;
    q.types = types;
    q.echo.push(['_type', typeParam.join(',')]);
  }

  if (input.compartment) {
    const { type: ctype, id } = input.compartment;
    if (ctype !== 'Patient') throw new FhirError(400, 'not-supported', `Compartment ${ctype} is not supported (only Patient)`);
    const candidates = types.length ? types : registry.resourceTypes();
    const inComp = candidates.filter((t) => patientCompartmentParams(t).length || t === 'Patient');
    if (types.length && !inComp.length) throw badRequest(`${types.join(',')} is not in the Patient compartment`);
    q.types = types = inComp;
    // Per type, an OR across that type's compartment params; system-wide it's one filter per type.
    for (const t of types) {
      const ps = t === 'Patient' ? ['link'] : [...patientCompartmentParams(t)];
      q.filters.push({ kind: 'compartment', type: t, params: ps, targetType: ctype, targetId: id });
    }
  }

  for (const [name, value] of params) {
    if (RESULT_PARAMS.has(name) || name.startsWith('_include') || name.startsWith('_revinclude')) {
      parseResultParam(registry, q, name, value, types);
      continue;
    }
    const base = name.split(/[:.]/)[0];
    if (UNSUPPORTED.has(base)) {
      reject(`Search parameter ${base} is not supported`);
      continue;
    }
    if (!types.length && !['_id', '_lastUpdated'].includes(base) && !name.startsWith('_has')) {
      // System search: the param must exist on every type searched. Require _type for others.
      throw badRequest(`Parameter "${name}" needs _type on a system-level search`);
    }
    try {
      const perType = types.length ? types : [''];
      const filters = perType.map((t) => parseParam(registry, t, name, value));
      if (types.length > 1) {
        // system search with several types: the same parameter must exist on each
        q.filters.push(...filters.filter((f): f is Filter => !!f));
      } else if (filters[0]) q.filters.push(filters[0]);
      q.echo.push([name, value]);
    } catch (e) {
      if (e instanceof UnknownParam) reject(e.message);
      else throw e;
    }
  }
  return { query: q, issues };
}

class UnknownParam extends Error {}

function parseParam(registry: SearchParamRegistry, type: string, name: string, value: string): Filter | null {
  if (name.startsWith('_has:')) return parseHas(registry, type, name, value);
  const dot = name.indexOf('.');
  if (dot > 0) return parseChain(registry, type, name.slice(0, dot), name.slice(dot + 1), value);
  const [code, modifier] = splitModifier(name);
  if (code === '_id') {
    if (modifier && modifier !== 'not' && modifier !== 'missing') throw badRequest(`Modifier :${modifier} is not supported on _id`);
    return { kind: 'id', values: value.split(','), not: modifier === 'not' };
  }
  if (code === '_lastUpdated') {
    if (modifier) throw badRequest(`Modifier :${modifier} is not supported on _lastUpdated`);
    return { kind: 'lastUpdated', values: value.split(',') };
  }
  const def = registry.get(type, code);
  if (!def || def.type === 'special') throw new UnknownParam(`Unknown search parameter "${code}" for ${type || 'system search'}`);
  if (value === '') throw badRequest(`Search parameter "${name}" has an empty value`);
  if (modifier === 'missing') {
    if (value !== 'true' && value !== 'false') throw badRequest(`:missing takes true or false, got "${value}"`);
    return { kind: 'missing', type, def, missing: value === 'true' };
  }
  if (modifier && def.type === 'reference' && modifier !== 'missing') {
    // :Type modifier on a reference
    if (!registry.resourceTypes().includes(modifier)) throw badRequest(`Unknown modifier or type ":${modifier}" on ${code}`);
    return { kind: 'param', type, def, modifier, values: splitOr(value) };
  }
  if (modifier && !(MODIFIERS[def.type] ?? []).includes(modifier)) {
    throw badRequest(`Modifier :${modifier} is not supported on ${def.type} parameter "${code}"`);
  }
  if (def.type === 'composite') {
    const componentTypes = (def.components ?? []).map((c: { definition: string }) => registry.byUrl(c.definition)?.type);
    if (!componentTypes.length || componentTypes.some((t: string | undefined) => !t)) throw badRequest(`Composite parameter "${code}" has unresolvable components`);
    return { kind: 'param', type, def: { ...def, componentTypes } as SearchParamDef, modifier, values: splitOr(value) };
  }
  return { kind: 'param', type, def, modifier, values: splitOr(value) };
}

function splitModifier(name: string): [string, string | undefined] {
  const i = name.indexOf(':');
  return i < 0 ? [name, undefined] : [name.slice(0, i), name.slice(i + 1)];
}

function splitOr(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\' && value[i + 1] === ',') {
      cur += '\\,';
      i++;
    } else if (value[i] === ',') {
      out.push(cur);
      cur = '';
    } else cur += value[i];
  }
  out.push(cur);
  return out;
}

function parseChain(registry: SearchParamRegistry, type: string, head: string, rest: string, value: string): Filter {
  const [code, typeMod] = splitModifier(head);
  const def = registry.get(type, code);
  if (!def) throw new UnknownParam(`Unknown search parameter "${code}" for ${type}`);
  if (def.type !== 'reference') throw badRequest(`Chaining needs a reference parameter; "${code}" is ${def.type}`);
  let targets = typeMod ? [typeMod] : (def.target ?? []);
  if (typeMod && !registry.resourceTypes().includes(typeMod)) throw badRequest(`Unknown resource type "${typeMod}" in chain`);
  const nextCode = splitModifier(rest.split('.')[0])[0];
  const inner: Filter[] = [];
  const kept: string[] = [];
  for (const t of targets) {
    if (nextCode.startsWith('_has') || nextCode === '_id' || nextCode === '_lastUpdated' || registry.get(t, nextCode)) {
      const f = parseParam(registry, t, rest, value);
      if (f) {
        inner.push(f);
        kept.push(t);
      }
    }
  }
  targets = kept;
  if (!targets.length) throw new UnknownParam(`No target of ${type}.${code} has a search parameter "${nextCode}"`);
  return { kind: 'chain', type, def, targetTypes: targets, inner };
}

function parseHas(registry: SearchParamRegistry, type: string, name: string, value: string): Filter {
  // _has:Observation:patient:code=1234  (the rest may be another _has)
  const m = /^_has:([A-Za-z]+):([A-Za-z0-9_-]+):(.+)$/.exec(name);
  if (!m) throw badRequest(`Malformed _has parameter "${name}" (expected _has:Type:reference:parameter)`);
  const [, sourceType, refCode, rest] = m;
  if (!registry.resourceTypes().includes(sourceType)) throw badRequest(`_has: unknown resource type "${sourceType}"`);
  const refParam = registry.get(sourceType, refCode);
  if (!refParam || refParam.type !== 'reference') throw badRequest(`_has: "${refCode}" is not a reference parameter of ${sourceType}`);
  const inner = parseParam(registry, sourceType, rest, value);
  if (!inner) throw badRequest(`_has: nothing to match in "${name}"`);
  return { kind: 'has', type, sourceType, refParam, inner };
}

function parseResultParam(registry: SearchParamRegistry, q: SearchQuery, name: string, value: string, types: string[]): void {
  switch (name) {
    case '_count': {
      if (!/^\d{1,9}$/.test(value)) throw badRequest(`_count must be a non-negative integer, got "${value}"`);
      q.count = Math.min(MAX_COUNT, Number(value));
      return;
    }
    case '_cursor': {
      const m = /^([ab])(\d{1,15})$/.exec(value);
      if (!m) throw badRequest('Invalid paging cursor');
      q.cursor = { after: m[1] === 'a', rid: Number(m[2]) };
      return;
    }
    case '_offset': {
      if (!/^\d{1,9}$/.test(value)) throw badRequest('Invalid _offset');
      q.offset = Number(value);
      return;
    }
    case '_total':
      if (!['none', 'estimate', 'accurate'].includes(value)) throw badRequest(`_total must be none, estimate or accurate`);
      q.total = value as SearchQuery['total'];
      q.echo.push([name, value]);
      return;
    case '_summary':
      if (!['true', 'text', 'data', 'count', 'false'].includes(value)) throw badRequest(`_summary must be true, text, data, count or false`);
      q.summary = value as SearchQuery['summary'];
      q.echo.push([name, value]);
      return;
    case '_elements':
      q.elements = value.split(',').map((s) => s.trim()).filter(Boolean);
      q.echo.push([name, value]);
      return;
    case '_sort':
      q.sort = parseSort(registry, value, types);
      q.echo.push([name, value]);
      return;
    case '_type':
    case '_format':
    case '_pretty':
      return;
  }
  if (name.startsWith('_include') || name.startsWith('_revinclude')) {
    q.includes.push(parseInclude(registry, name, value));
    q.echo.push([name, value]);
    return;
  }
  throw badRequest(`Parameter ${name} is not supported`);
}

function parseSort(registry: SearchParamRegistry, value: string, types: string[]): SortKey[] {
  return value.split(',').filter(Boolean).map((raw) => {
    const desc = raw.startsWith('-');
    const code = desc ? raw.slice(1) : raw;
    if (code === '_id' || code === '_lastUpdated') return { code, desc };
    if (types.length !== 1) throw badRequest(`_sort=${code} needs a single resource type`);
    const def = registry.get(types[0], code);
    if (!def || def.type === 'composite' || def.type === 'special') throw badRequest(`Cannot sort ${types[0]} by "${code}"`);
    return { code, desc, def };
  });
}

function parseInclude(registry: SearchParamRegistry, name: string, value: string): IncludeSpec {
  const rev = name.startsWith('_revinclude');
  const mod = name.slice(rev ? '_revinclude'.length : '_include'.length);
  if (mod && mod !== ':iterate' && mod !== ':recurse') throw badRequest(`Unknown modifier on ${name}`);
  const iterate = mod === ':iterate' || mod === ':recurse';
  if (value === '*') return { rev, sourceType: '*', param: '*', iterate };
  const parts = value.split(':');
  if (parts.length < 2 || parts.length > 3) throw badRequest(`${name} must be Type:param[:TargetType], got "${value}"`);
  const [sourceType, code, targetType] = parts;
  if (!registry.resourceTypes().includes(sourceType)) throw badRequest(`${name}: unknown resource type "${sourceType}"`);
  if (targetType && !registry.resourceTypes().includes(targetType)) throw badRequest(`${name}: unknown target type "${targetType}"`);
  if (code === '*') return { rev, sourceType, param: '*', targetType, iterate };
  const def = registry.get(sourceType, code);
  if (!def || def.type !== 'reference') throw badRequest(`${name}: "${code}" is not a reference parameter of ${sourceType}`);
  return { rev, sourceType, param: def as SearchParamDef, targetType, iterate };
}
