// Business rules of particular data types and resources that are not expressed as FHIRPath
// invariants in R4 but that the reference validator enforces (and that need no external context).
import { codeSystemCodes, isValueSetUrl } from './terminology.js';

type Obj = Record<string, unknown>;
export type Report = (code: string, path: string, diagnostics: string) => void;
export type TypeRule = (obj: Obj, path: string, report: Report) => void;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const UUID_RE = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(#.*)?$/;

function coding(c: Obj, path: string, report: Report): void {
  const system = c.system;
  if (typeof system !== 'string') return;
  if (!SCHEME_RE.test(system)) {
    report('value', `${path}.system`, `Coding.system must be an absolute URI, not '${system}'`);
    return;
  }
  if (isValueSetUrl(system)) {
    report('value', `${path}.system`, `The Coding references a value set, not a code system ('${system}')`);
    return;
  }
  // Only the FHIR-defined code systems are frozen with R4; terminology.hl7.org ones keep gaining
  // codes, so an unknown code there may be valid (required bindings still check them).
  if (typeof c.code !== 'string' || !system.startsWith('http://hl7.org/fhir/')) return;
  const codes = codeSystemCodes(system);
  if (codes && !codes.has(c.code)) report('code-invalid', `${path}.code`, `Unknown code '${c.code}' in the CodeSystem '${system}'`);
}

// Decoded size of base64 content, without decoding it.
function base64Size(s: string): number {
  const t = s.replace(/\s+/g, '');
  const pad = t.endsWith('==') ? 2 : t.endsWith('=') ? 1 : 0;
  return (t.length / 4) * 3 - pad;
}

function attachment(a: Obj, path: string, report: Report): void {
  if (typeof a.data === 'string' && typeof a.size === 'number') {
    const actual = base64Size(a.data);
    if (Number.isInteger(actual) && actual !== a.size) report('structure', path, `Stated Attachment size ${a.size} does not match the actual size of the data (${actual})`);
  }
}

function bundle(b: Obj, path: string, report: Report): void {
  if (Array.isArray(b.link)) {
    const seen = new Set<unknown>();
    b.link.forEach((l, i) => {
      if (!isObj(l) || typeof l.relation !== 'string') return;
      if (seen.has(l.relation)) report('invalid', `${path}.link[${i}]`, `The link relationship type '${l.relation}' can only occur once`);
      seen.add(l.relation);
    });
  }
  if (!Array.isArray(b.entry)) return;
  b.entry.forEach((e, i) => {
    if (!isObj(e)) return;
    const p = `${path}.entry[${i}]`;
    const r = isObj(e.resource) ? e.resource : undefined;
    const fullUrl = e.fullUrl;
    if (typeof fullUrl === 'string') {
      if (!SCHEME_RE.test(fullUrl)) report('invalid', p, `The fullUrl must be an absolute URL (not '${fullUrl}')`);
    }
    if (b.type === 'searchset' && r) {
      const mode = isObj(e.search) ? e.search.mode : undefined;
      if (mode === 'outcome') {
        if (r.resourceType !== 'OperationOutcome') report('invalid', `${p}.resource`, `An entry with search.mode 'outcome' must be an OperationOutcome, not ${String(r.resourceType)}`);
      } else if (r.id === undefined && !(mode === undefined && r.resourceType === 'OperationOutcome')) {
        report('invalid', `${p}.resource`, 'Search results must have ids');
      }
    }
  });
}

function valueSetInclude(inc: Obj, path: string, report: Report): void {
  if (typeof inc.system === 'string' && !SCHEME_RE.test(inc.system)) {
    report('invalid', path, `ValueSet.compose.include.system must be an absolute URI, not '${inc.system}'`);
  }
}

/** Extra checks by type (or backbone path) name, run after an object of that type was walked. */
export const TYPE_RULES: ReadonlyMap<string, TypeRule> = new Map<string, TypeRule>([
  ['Coding', coding],
  ['Attachment', attachment],
  ['Bundle', bundle],
  ['ValueSet.compose.include', valueSetInclude],
]);

/**
 * Values of uri / url / canonical elements. `canonicalUrl`: the url of a canonical resource, which
 * must be absolute (references to canonicals may be relative in R4 examples, so those are not checked).
 */
export function checkUri(v: string, canonicalUrl: boolean): string | undefined {
  if (v.startsWith('urn:uuid:') && !UUID_RE.test(v)) return `UUIDs must be valid and lowercase ('${v}')`;
  if (canonicalUrl && !SCHEME_RE.test(v)) return `Canonical URLs must be absolute URLs ('${v}')`;
  return undefined;
}
