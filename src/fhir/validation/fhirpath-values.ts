// Values and collections for fhirpath-lite.ts: FHIRPath collections are plain arrays of JSON
// values; booleans are the shared T/F/EMPTY arrays (never mutated).

/** Thrown at run time when the fast path cannot decide; the caller falls back to fhirpath.js. */
export const BAIL: { bail: true } = { bail: true };

export const T: unknown[] = [true];
export const F: unknown[] = [false];
export const EMPTY: unknown[] = [];
export const bool = (b: boolean): unknown[] => (b ? T : F);

// Data type names as they appear after a choice stem (valueDateTime -> DateTime).
const CHOICE_SUFFIXES = new Set([
  'Base64Binary', 'Boolean', 'Canonical', 'Code', 'Date', 'DateTime', 'Decimal', 'Id', 'Instant', 'Integer', 'Markdown',
  'Oid', 'PositiveInt', 'String', 'Time', 'UnsignedInt', 'Uri', 'Url', 'Uuid', 'Address', 'Age', 'Annotation',
  'Attachment', 'CodeableConcept', 'Coding', 'ContactPoint', 'Count', 'Distance', 'Duration', 'HumanName', 'Identifier',
  'Money', 'Period', 'Quantity', 'Range', 'Ratio', 'Reference', 'SampledData', 'Signature', 'Timing', 'ContactDetail',
  'Contributor', 'DataRequirement', 'Expression', 'ParameterDefinition', 'RelatedArtifact', 'TriggerDefinition',
  'UsageContext', 'Dosage', 'Meta',
]);

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function toBool(c: unknown[]): boolean | null {
  if (c.length === 0) return null;
  if (c.length > 1) throw BAIL;
  return c[0] !== false;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!deepEqual((a as any)[k], (b as any)[k])) return false;
  return true;
}

export function pushValue(out: unknown[], v: unknown): void {
  if (Array.isArray(v)) {
    for (const x of v) {
      if (x === null) throw BAIL; // primitive array entry with only an extension
      out.push(x);
    }
  } else out.push(v);
}

export function navStatic(names: string[]): (items: unknown[]) => unknown[] {
  if (names.length > 4) return navScan(names);
  const ext = names.map((n) => '_' + n);
  return (items) => {
    let out: unknown[] | undefined;
    for (const it of items) {
      if (!isObj(it)) continue;
      for (let i = 0; i < names.length; i++) {
        const v = it[names[i]];
        if (v === undefined) {
          if (it[ext[i]] !== undefined) throw BAIL;
          continue;
        }
        pushValue((out ??= []), v);
      }
    }
    return out ?? EMPTY;
  };
}

// Choices with many variants (ElementDefinition.fixed[x] has ~50): scan the object's few keys instead.
function navScan(names: string[]): (items: unknown[]) => unknown[] {
  const set = new Set(names);
  return (items) => {
    let out: unknown[] | undefined;
    for (const it of items) {
      if (!isObj(it)) continue;
      for (const k in it) {
        if (set.has(k)) pushValue((out ??= []), it[k]);
        else if (k.charCodeAt(0) === 95 && set.has(k.slice(1)) && it[k.slice(1)] === undefined) throw BAIL;
      }
    }
    return out ?? EMPTY;
  };
}

export function navDynamic(items: unknown[], name: string): unknown[] {
  let out: unknown[] | undefined;
  for (const it of items) {
    if (!isObj(it)) continue;
    const v = it[name];
    if (v !== undefined) { pushValue((out ??= []), v); continue; }
    if (it['_' + name] !== undefined) throw BAIL;
    for (const k in it) {
      if (k.length > name.length && k.startsWith(name) && CHOICE_SUFFIXES.has(k.slice(name.length))) pushValue((out ??= []), it[k]);
    }
  }
  return out ?? EMPTY;
}

export function descendants(items: unknown[], out: unknown[]): void {
  for (const it of items) {
    if (!isObj(it)) continue;
    for (const k in it) {
      if (k.charCodeAt(0) === 95 || k === 'resourceType') continue;
      const v = it[k];
      const vs = Array.isArray(v) ? v : [v];
      for (const x of vs) if (x !== null) out.push(x);
      descendants(vs, out);
    }
  }
}

const DATE_PARTS = /^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?)?)?$/;
const TIME_ONLY = /^\d\d:\d\d(:\d\d(\.\d+)?)?$/;

// FHIRPath ordering of date/dateTime strings: null when the precisions differ and the
// common prefix is equal (the spec's "empty"), BAIL for forms we do not handle.
function compareDates(a: string, b: string): number | null {
  const x = DATE_PARTS.exec(a), y = DATE_PARTS.exec(b);
  if (!x || !y) throw BAIL;
  const xt = x[4] !== undefined, yt = y[4] !== undefined;
  if (xt && yt) {
    if (!x[7] || !y[7]) throw BAIL;
    const d = Date.parse(a) - Date.parse(b);
    if (Number.isNaN(d)) throw BAIL;
    if (d !== 0 || (x[6] === undefined) === (y[6] === undefined)) return d;
    return null;
  }
  // at most one has a time: compare the date parts field by field
  for (let i = 1; i <= 3; i++) {
    if (x[i] === undefined || y[i] === undefined) return x[i] === y[i] && !xt && !yt ? 0 : null;
    if (x[i] !== y[i]) return +x[i] - +y[i];
  }
  return xt === yt ? 0 : null;
}

export function compareItems(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (DATE_PARTS.test(a) && DATE_PARTS.test(b)) return compareDates(a, b);
    if (TIME_ONLY.test(a) || TIME_ONLY.test(b)) {
      if (a.length !== b.length) throw BAIL;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (isObj(a) && isObj(b) && typeof a.value === 'number' && typeof b.value === 'number') {
    // quantities: only same-unit comparisons are decidable without UCUM
    if (a.code !== b.code || a.system !== b.system || (a.code === undefined && a.unit !== b.unit)) throw BAIL;
    return a.value - b.value;
  }
  throw BAIL;
}

const regexes = new Map<string, RegExp>();
export function regex(src: string): RegExp {
  let rx = regexes.get(src);
  if (!rx) {
    try {
      rx = new RegExp(src, 's');
    } catch {
      throw BAIL; // not a JavaScript-compatible pattern
    }
    regexes.set(src, rx);
  }
  return rx;
}

export function union(a: unknown[], b: unknown[]): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<unknown>(); // primitives; objects need deepEqual
  for (const c of [a, b]) {
    for (const x of c) {
      if (typeof x !== 'object' || x === null) {
        if (!seen.has(x)) { seen.add(x); out.push(x); }
      } else if (!out.some((y) => deepEqual(x, y))) out.push(x);
    }
  }
  return out;
}
