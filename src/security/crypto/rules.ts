import { ConfigError } from '../../config/config.js';
import { SearchParamRegistry } from '../../fhir/definitions/search-params.js';
import { childInfo, isModelResourceType, shapeOf } from '../../fhir/indexing/element-types.js';

export type FieldElement = 'identifier' | 'telecom';

export interface FieldRule {
  /** resource type, e.g. Patient */
  type: string;
  /** 'identifier' (then `system` selects which identifiers; absent = all identifiers) or 'telecom' (then `system` = phone|email|… ; absent = all) */
  element: FieldElement;
  system?: string;
}

/** ContactPoint.system codes (required binding), the only telecom systems a rule may name. */
export const CONTACT_SYSTEMS = ['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other'] as const;

const ELEMENT_TYPE: Record<FieldElement, string> = { identifier: 'Identifier', telecom: 'ContactPoint' };

function parseOne(entry: string): FieldRule {
  const bad = (why: string) => new ConfigError(`HUIYI_ENCRYPT_FIELDS entry "${entry}": ${why}`);
  const bar = entry.indexOf('|');
  const path = (bar < 0 ? entry : entry.slice(0, bar)).trim();
  const system = bar < 0 ? undefined : entry.slice(bar + 1).trim();
  const m = /^([A-Za-z]+)\.([A-Za-z]+)$/.exec(path);
  if (!m) throw bad('expected Type.element or Type.element|system, e.g. Patient.identifier|https://www.example.cn/id-card');
  const [, type, element] = m;
  if (!isModelResourceType(type) || type === 'Resource' || type === 'DomainResource') throw bad(`"${type}" is not a FHIR R4 resource type`);
  if (element !== 'identifier' && element !== 'telecom') throw bad(`only identifier and telecom can be encrypted, not "${element}"`);
  const info = childInfo(shapeOf(type), element);
  if (info?.kind !== 'single' || info.shape.type !== ELEMENT_TYPE[element]) throw bad(`${type} has no ${element} element`);
  if (system === undefined) return { type, element };
  if (!system) throw bad('empty system after "|" (leave out "|" to cover all)');
  if (/\s|\|/.test(system)) throw bad(`system "${system}" contains whitespace or "|"`);
  if (element === 'telecom' && !(CONTACT_SYSTEMS as readonly string[]).includes(system)) {
    throw bad(`telecom system must be one of ${CONTACT_SYSTEMS.join(', ')}, not "${system}"`);
  }
  return { type, element, system };
}

/** Parses HUIYI_ENCRYPT_FIELDS: comma-separated `Type.element[|system]`; empty entries are ignored. */
export function parseFieldRules(spec: string): FieldRule[] {
  const out = new Map<string, FieldRule>();
  for (const raw of spec.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const r = parseOne(entry);
    out.set(`${r.type}.${r.element}|${r.system ?? ''}`, r);
  }
  return [...out.values()];
}

/** Which values of one element are sealed: all of them, or those whose system is listed. */
export interface ElementRules { all: boolean; systems: Set<string> }

export type RuleIndex = Map<string, Partial<Record<FieldElement, ElementRules>>>;

export function indexRules(rules: FieldRule[]): RuleIndex {
  const byType: RuleIndex = new Map();
  for (const r of rules) {
    let t = byType.get(r.type);
    if (!t) byType.set(r.type, (t = {}));
    const e = (t[r.element] ??= { all: false, systems: new Set() });
    if (r.system === undefined) e.all = true;
    else e.systems.add(r.system);
  }
  return byType;
}

/** Whether a value with this system ('' when absent) is sealed. */
export const applies = (e: ElementRules, system: string): boolean => e.all || e.systems.has(system);

export interface TokenTarget { element: FieldElement; /** ContactPoint system implied by the param (phone, email) */ system?: string }

const targets = new Map<string, TokenTarget | null>();

/**
 * The element a token search param indexes on `type`, read from the R4 base expressions
 * (e.g. Patient.telecom.where(system='phone')), so this follows exactly what the indexer stores.
 */
export function tokenTarget(type: string, param: string): TokenTarget | undefined {
  const key = `${type}.${param}`;
  let t = targets.get(key);
  if (t === undefined) {
    t = null;
    const def = SearchParamRegistry.base().forType(type).get(param);
    if (def?.type === 'token' && def.expression) {
      const re = new RegExp(`^${type}\\.(identifier|telecom)(?:\\.where\\(system\\s*=\\s*'([a-z]+)'\\))?$`);
      const hits = def.expression.split('|').map((p) => re.exec(p.trim())).filter((x) => x !== null);
      if (hits.length === 1) t = { element: hits[0][1] as FieldElement, ...(hits[0][2] ? { system: hits[0][2] } : {}) };
    }
    if (targets.size > 10000) targets.clear();
    targets.set(key, t);
  }
  return t ?? undefined;
}
