// Conversion of one found element (JSON data + FHIR type) into index values, by param type.
import type { SearchParamType } from '../types.js';
import { DATE_MAX, DATE_MIN, type IndexValue, type ReferenceValue, type TokenValue } from './entry.js';
import { parseFhirDateRange } from './dates.js';
import { normalizeString } from './normalize.js';
import { isModelResourceType } from './element-types.js';
import type { Node } from './fast-path.js';

const SYSTEM_TYPES: Record<string, string> = {
  'System.String': 'string', 'System.Boolean': 'boolean', 'System.Integer': 'integer', 'System.Decimal': 'decimal',
  'System.Date': 'date', 'System.DateTime': 'dateTime', 'System.Time': 'time',
};

const QUANTITY_TYPES = new Set(['Quantity', 'Age', 'Duration', 'Distance', 'Count', 'SimpleQuantity', 'MoneyQuantity']);

/** Appends the index values of one element to `out`. Elements that do not fit the type are ignored. */
export function toIndexValues(node: Node, paramType: SearchParamType, out: IndexValue[]): void {
  const d = node.data;
  if (d === null || d === undefined) return;
  const type = SYSTEM_TYPES[node.type] ?? node.type;
  switch (paramType) {
    case 'string': return stringValues(d, type, out);
    case 'token': return tokenValues(d, type, out);
    case 'reference': return referenceValues(d, type, out);
    case 'uri': if (typeof d === 'string' && d) out.push({ type: 'uri', value: d }); return;
    case 'date': return dateValues(d, type, out);
    case 'number': return numberValues(d, type, out);
    case 'quantity': return quantityValues(d, type, out);
    default: return;
  }
}

function pushString(s: unknown, out: IndexValue[]): void {
  if (typeof s !== 'string') return;
  const value = normalizeString(s);
  if (value) out.push({ type: 'string', value, exact: s });
}

function pushStrings(v: unknown, out: IndexValue[]): void {
  if (Array.isArray(v)) for (const s of v) pushString(s, out);
  else pushString(v, out);
}

function stringValues(d: any, type: string, out: IndexValue[]): void {
  if (typeof d === 'string') return pushString(d, out);
  if (type === 'HumanName') {
    pushString(d.family, out);
    pushStrings(d.given, out);
    pushStrings(d.prefix, out);
    pushStrings(d.suffix, out);
    pushString(d.text, out);
  } else if (type === 'Address') {
    pushStrings(d.line, out);
    pushString(d.city, out);
    pushString(d.district, out);
    pushString(d.state, out);
    pushString(d.postalCode, out);
    pushString(d.country, out);
    pushString(d.text, out);
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? normalizeString(v) : null);

function tokenValues(d: any, type: string, out: IndexValue[]): void {
  switch (typeof d) {
    case 'string': if (d) out.push({ type: 'token', system: null, code: d, text: null }); return;
    case 'boolean': case 'number': out.push({ type: 'token', system: null, code: String(d), text: null }); return;
    case 'object': break;
    default: return;
  }
  switch (type) {
    case 'Coding': return coding(d, null, out);
    case 'CodeableConcept': return codeableConcept(d, out);
    case 'Identifier': return identifier(d, out);
    case 'ContactPoint': {
      const code = str(d.value);
      if (code) out.push({ type: 'token', system: null, code, text: null });
      return;
    }
  }
}

function coding(c: any, fallbackText: string | null, out: IndexValue[]): void {
  if (!c || typeof c !== 'object') return;
  const system = str(c.system);
  const code = str(c.code);
  const t = text(c.display) ?? fallbackText;
  if (system || code || t) out.push({ type: 'token', system, code, text: t });
}

// One value per coding (text = its display, else the concept's text); the concept's own text is
// kept as a code-less value when no coding carries it, so :text finds either.
function codeableConcept(cc: any, out: IndexValue[]): void {
  const ccText = text(cc.text);
  const start = out.length;
  if (Array.isArray(cc.coding)) for (const c of cc.coding) coding(c, ccText, out);
  if (ccText && !out.slice(start).some((v) => (v as TokenValue).text === ccText)) {
    out.push({ type: 'token', system: null, code: null, text: ccText });
  }
}

function identifier(id: any, out: IndexValue[]): void {
  const system = str(id.system);
  const code = str(id.value);
  if (!system && !code) return;
  const t = text(id.type?.text);
  const types = Array.isArray(id.type?.coding) ? id.type.coding.filter((c: any) => c && (str(c.system) || str(c.code))) : [];
  if (types.length === 0) { out.push({ type: 'token', system, code, text: t }); return; }
  for (const c of types) {
    out.push({ type: 'token', system, code, text: t, ofType: { system: str(c.system), code: str(c.code) } });
  }
}

const RELATIVE_REF = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE_TAIL = /\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Parses a Reference.reference string; null for contained (#id), conditional or malformed ones. */
export function parseReference(ref: string): ReferenceValue | null {
  if (!ref || ref.startsWith('#')) return null;
  const rel = RELATIVE_REF.exec(ref);
  if (rel) return isModelResourceType(rel[1]) ? { type: 'reference', targetType: rel[1], targetId: rel[2], url: null } : null;
  if (!ABSOLUTE.test(ref) || /[\s?]/.test(ref)) return null;
  const tail = ABSOLUTE_TAIL.exec(ref);
  if (tail && isModelResourceType(tail[1])) {
    const url = tail[3] ? ref.slice(0, ref.length - tail[3].length) : ref;
    return { type: 'reference', targetType: tail[1], targetId: tail[2], url };
  }
  return { type: 'reference', targetType: null, targetId: null, url: ref };
}

function referenceValues(d: any, type: string, out: IndexValue[]): void {
  if (typeof d === 'string') {
    // canonical / uri: a URL, optionally url|version
    if (!d || d.startsWith('#')) return;
    const bar = d.indexOf('|');
    const url = bar < 0 ? d : d.slice(0, bar);
    const version = bar < 0 ? null : d.slice(bar + 1) || null;
    if (url) out.push({ type: 'reference', targetType: null, targetId: null, url, version });
    return;
  }
  if (typeof d !== 'object') return;
  if (type === 'Reference') {
    if (typeof d.reference !== 'string') return; // identifier-only or type-only references
    const v = parseReference(d.reference);
    if (v) out.push(v);
  } else if (typeof d.resourceType === 'string' && typeof d.id === 'string') {
    out.push({ type: 'reference', targetType: d.resourceType, targetId: d.id, url: null }); // e.g. Bundle.entry[0].resource
  }
}

function pushDate(s: unknown, out: IndexValue[]): void {
  if (typeof s !== 'string') return;
  const r = parseFhirDateRange(s);
  if (r) out.push({ type: 'date', lo: r.lo, hi: r.hi });
}

function period(p: any, out: IndexValue[]): void {
  if (!p || typeof p !== 'object') return;
  const start = typeof p.start === 'string' ? parseFhirDateRange(p.start) : null;
  const end = typeof p.end === 'string' ? parseFhirDateRange(p.end) : null;
  if (start || end) out.push({ type: 'date', lo: start ? start.lo : DATE_MIN, hi: end ? end.hi : DATE_MAX });
}

function dateValues(d: any, type: string, out: IndexValue[]): void {
  if (typeof d === 'string') return pushDate(d, out);
  if (typeof d !== 'object') return;
  if (type === 'Period') period(d, out);
  else if (type === 'Timing') {
    if (Array.isArray(d.event)) for (const e of d.event) pushDate(e, out);
    period(d.repeat?.boundsPeriod, out);
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function numberValues(d: any, type: string, out: IndexValue[]): void {
  if (typeof d === 'number') { if (Number.isFinite(d)) out.push({ type: 'number', lo: d, hi: d }); return; }
  if (typeof d !== 'object') return;
  if (type === 'Range') {
    const lo = num(d.low?.value);
    const hi = num(d.high?.value);
    if (lo !== null || hi !== null) out.push({ type: 'number', lo: lo ?? -Infinity, hi: hi ?? Infinity });
  } else if (QUANTITY_TYPES.has(type)) {
    const v = num(d.value);
    if (v !== null) out.push({ type: 'number', lo: v, hi: v });
  }
}

function quantityValues(d: any, type: string, out: IndexValue[]): void {
  if (typeof d === 'number') {
    if (Number.isFinite(d)) out.push({ type: 'quantity', lo: d, hi: d, system: null, code: null, unit: null });
    return;
  }
  if (typeof d !== 'object') return;
  if (QUANTITY_TYPES.has(type)) {
    const v = num(d.value);
    if (v !== null) out.push({ type: 'quantity', lo: v, hi: v, system: str(d.system), code: str(d.code), unit: str(d.unit) });
  } else if (type === 'Money') {
    const v = num(d.value);
    if (v !== null) out.push({ type: 'quantity', lo: v, hi: v, system: 'urn:iso:std:iso:4217', code: str(d.currency), unit: null });
  } else if (type === 'Range') {
    const lo = num(d.low?.value);
    const hi = num(d.high?.value);
    if (lo === null && hi === null) return;
    const u = lo !== null ? d.low : d.high;
    out.push({ type: 'quantity', lo: lo ?? -Infinity, hi: hi ?? Infinity, system: str(u.system), code: str(u.code), unit: str(u.unit) });
  }
}
