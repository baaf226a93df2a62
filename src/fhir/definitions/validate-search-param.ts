// Validation of custom SearchParameter resources before they join a tenant's registry.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import type { SearchParamDef } from './search-param-def.js';
import { isResourceType } from './definitions.js';
import { alternativesFor, rewriteForFhirpath, tokenize } from '../indexing/expression.js';

export type UrlLookup = (url: string) => SearchParamDef | undefined;

const TYPES = new Set(['string', 'token', 'date', 'number', 'quantity', 'reference', 'uri', 'composite', 'special']);

// fhirpath.js's synchronous functions (its invocation table is not exported). resolve() is only
// supported as where(resolve() is T); memberOf() and other terminology calls are async.
const FUNCTIONS = new Set(('empty not exists all allTrue anyTrue allFalse anyFalse subsetOf supersetOf isDistinct distinct ' +
  'count where extension select coalesce sort aggregate sum min max avg weight ordinal single first last type ofType is as ' +
  'tail take skip combine union intersect exclude iif trace defineVariable toInteger toLong toDecimal toString toDate ' +
  'toDateTime toTime toBoolean toQuantity hasValue getValue htmlChecks htmlchecks convertsToBoolean convertsToInteger ' +
  'convertsToLong convertsToDecimal convertsToString convertsToDate convertsToDateTime convertsToTime convertsToQuantity ' +
  'indexOf lastIndexOf substring startsWith endsWith contains upper lower replace matches matchesFull replaceMatches ' +
  'length toChars join split trim encode decode escape unescape abs ceiling exp floor ln log power round sqrt truncate ' +
  'lowBoundary highBoundary now today timeOfDay yearOf monthOf dayOf hourOf minuteOf secondOf millisecondOf ' +
  'timezoneOffsetOf dateOf timeOf repeat children descendants').split(' '));

const KEYWORDS = new Set(['and', 'or', 'xor', 'implies', 'in', 'contains', 'div', 'mod']);

/** Syntax and function check of one expression; returns an error message or null. */
export function checkExpression(expr: string): string | null {
  const rewritten = rewriteForFhirpath(expr);
  try {
    const tokens = tokenize(rewritten);
    for (let i = 0; i + 1 < tokens.length; i++) {
      const t = tokens[i];
      const call = t.kind === 'ident' && tokens[i + 1].value === '(' && tokens[i + 1].kind === 'punct';
      if (call && !FUNCTIONS.has(t.value) && !KEYWORDS.has(t.value)) {
        return t.value === 'resolve'
          ? 'resolve() is only supported as where(resolve() is <Type>)'
          : `unsupported function ${t.value}()`;
      }
    }
    fhirpath.compile(rewritten, r4 as any, { resolveInternalTypes: false });
    return null;
  } catch (e) {
    return String((e as Error).message ?? e).split('\n')[0];
  }
}

const isBase = (b: string): boolean => b === 'Resource' || b === 'DomainResource' || isResourceType(b);

/**
 * Errors that keep a SearchParameter out of a registry (empty when usable). `lookup` resolves
 * composite component definitions (canonical URLs) against the registry being extended.
 */
export function validateSearchParameterWith(sp: any, lookup: UrlLookup): string[] {
  const errors: string[] = [];
  if (!sp || sp.resourceType !== 'SearchParameter') return ['not a SearchParameter'];
  if (typeof sp.url !== 'string' || !sp.url) errors.push('url is required');
  if (typeof sp.code !== 'string' || !sp.code) errors.push('code is required');
  else if (sp.code.startsWith('_')) errors.push(`code ${sp.code}: names starting with _ are reserved`);
  else if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(sp.code)) errors.push(`code ${sp.code}: invalid characters`);
  const base: unknown[] = Array.isArray(sp.base) ? sp.base : [];
  if (base.length === 0) errors.push('base is required');
  for (const b of base) if (typeof b !== 'string' || !isBase(b)) errors.push(`unknown base type ${String(b)}`);
  if (typeof sp.type !== 'string' || !TYPES.has(sp.type)) errors.push(sp.type ? `invalid type ${sp.type}` : 'type is required');
  else if (sp.type === 'special') errors.push('type special is not supported for custom parameters');
  for (const t of sp.target ?? []) if (!isBase(t)) errors.push(`unknown target type ${t}`);

  const expr = sp.expression;
  if (expr !== undefined && typeof expr !== 'string') errors.push('expression must be a string');
  if (typeof expr === 'string' && expr.trim()) {
    const err = checkExpression(expr);
    if (err) errors.push(`expression: ${err}`);
    else {
      for (const b of base) {
        if (typeof b === 'string' && isResourceType(b) && alternativesFor(expr, b).length === 0) {
          errors.push(`expression has no part that applies to ${b}`);
        }
      }
    }
  } else if (sp.type !== 'composite') errors.push('expression is required');

  if (sp.type === 'composite') {
    const comps: any[] = Array.isArray(sp.component) ? sp.component : [];
    if (comps.length === 0) errors.push('composite parameter needs components');
    comps.forEach((c, i) => {
      if (typeof c?.definition !== 'string') { errors.push(`component ${i + 1}: definition is required`); return; }
      const def = lookup(c.definition);
      if (!def) errors.push(`component ${i + 1}: definition ${c.definition} not found`);
      else if (def.type === 'composite' || def.type === 'special') errors.push(`component ${i + 1}: ${def.type} parameters cannot be components`);
      if (typeof c.expression !== 'string' || !c.expression.trim()) errors.push(`component ${i + 1}: expression is required`);
      else {
        const err = checkExpression(c.expression);
        if (err) errors.push(`component ${i + 1} expression: ${err}`);
      }
    });
  }
  return errors;
}
