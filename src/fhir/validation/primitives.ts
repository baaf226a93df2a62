// R4 primitive types: JSON shape and lexical rules (http://hl7.org/fhir/R4/datatypes.html).
// Each checker returns undefined when the value is fine, else a short English reason.

export type PrimitiveCheck = (v: unknown) => string | undefined;

const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[1-2][0-9]|3[0-1])';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const TZ = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';

export const DATE_RE = new RegExp(`^${YEAR}(-${MONTH}(-${DAY})?)?$`);
export const DATETIME_RE = new RegExp(`^${YEAR}(-${MONTH}(-${DAY}(T${TIME}${TZ})?)?)?$`);
const INSTANT_RE = new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${TZ}$`);
const TIME_RE = new RegExp(`^${TIME}$`);
export const ID_RE = /^[A-Za-z0-9\-.]{1,64}$/;
// The spec's regexes are Java's, where \s is ASCII whitespace only (so NBSP is a normal character).
const CODE_RE = /^[^ \t\n\v\f\r]+([ \t\n\v\f\r][^ \t\n\v\f\r]+)*$/;
const NO_WS_RE = /^[^ \t\n\v\f\r]*$/;
const OID_RE = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;
const UUID_RE = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STRING_RE = /^[^\v\f]+$/; // [ \r\n\t\S]+ with Java's \S
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const HAS_WS = /\s/;
const ALL_WS = /\s+/g;
const MAX_STRING = 1024 * 1024; // the reference validator's limit for string values

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digits = (s: string, i: number, n: number): number => {
  let v = 0;
  for (let k = i; k < i + n; k++) v = v * 10 + s.charCodeAt(k) - 48;
  return v;
};
// The regexes allow 2021-02-31; real calendars do not. Runs after the regex matched.
function badDay(s: string): boolean {
  if (s.length < 10) return false;
  const d = digits(s, 8, 2);
  if (d <= 28) return false;
  const m = digits(s, 5, 2);
  if (m === 2 && d === 29) {
    const y = digits(s, 0, 4);
    return !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
  }
  return d > DAYS[m - 1];
}

function str(check: (s: string) => string | undefined): PrimitiveCheck {
  return (v) => {
    if (typeof v !== 'string') return `must be a JSON string, not ${jsonKind(v)}`;
    if (v.length === 0) return 'must not be an empty string';
    if (v.length > MAX_STRING) return 'is longer than the permitted maximum length of 1 MB';
    return check(v);
  };
}

const re = (rx: RegExp, what: string) => str((s) => (rx.test(s) ? undefined : `'${clip(s)}' is not a valid ${what}`));

const dateLike = (rx: RegExp, what: string) => str((s) => {
  if (!rx.test(s)) {
    if (what !== 'date' && /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s)) return `'${clip(s)}' is not a valid ${what}: if a date has a time, it must have a timezone`;
    return `'${clip(s)}' is not a valid ${what}`;
  }
  return badDay(s) ? `'${clip(s)}' is not a valid ${what}: no such day` : undefined;
});

function int(min: number, what: string): PrimitiveCheck {
  return (v) => {
    if (typeof v !== 'number') return `must be a JSON number, not ${jsonKind(v)}`;
    if (!Number.isInteger(v)) return `${v} is not a valid ${what}`;
    if (v < min || v > INT_MAX) return `${v} is out of range for ${what}`;
    return undefined;
  };
}

export function clip(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function base64(s: string): string | undefined {
  const t = HAS_WS.test(s) ? s.replace(ALL_WS, '') : s;
  return t.length % 4 === 0 && BASE64_RE.test(t) ? undefined : `'${clip(s)}' is not valid base64`;
}

/** Checkers by FHIR primitive type code. */
export const PRIMITIVES: ReadonlyMap<string, PrimitiveCheck> = new Map<string, PrimitiveCheck>([
  ['boolean', (v) => (typeof v === 'boolean' ? undefined : `must be a JSON boolean (true or false), not ${jsonKind(v)}`)],
  ['integer', int(INT_MIN, 'integer')],
  ['unsignedInt', int(0, 'unsignedInt')],
  ['positiveInt', int(1, 'positiveInt')],
  ['decimal', (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `must be a JSON number, not ${jsonKind(v)}`)],
  ['string', re(STRING_RE, 'string')],
  ['markdown', str(() => undefined)],
  ['xhtml', str(() => undefined)],
  ['code', re(CODE_RE, 'code (no leading, trailing or double whitespace)')],
  ['id', re(ID_RE, 'id (1-64 characters A-Z a-z 0-9 - .)')],
  ['uri', re(NO_WS_RE, 'uri')],
  ['url', re(NO_WS_RE, 'url')],
  ['canonical', re(NO_WS_RE, 'canonical')],
  ['oid', re(OID_RE, 'oid (urn:oid:...)')],
  ['uuid', re(UUID_RE, 'uuid (urn:uuid:... lowercase)')],
  ['date', dateLike(DATE_RE, 'date')],
  ['dateTime', dateLike(DATETIME_RE, 'dateTime')],
  ['instant', dateLike(INSTANT_RE, 'instant')],
  ['time', re(TIME_RE, 'time')],
  ['base64Binary', str(base64)],
]);

/** JSON `typeof` a primitive's value must have (others are strings). */
export function primitiveJsonType(code: string): 'boolean' | 'number' | 'string' {
  if (code === 'boolean') return 'boolean';
  return code === 'integer' || code === 'unsignedInt' || code === 'positiveInt' || code === 'decimal' ? 'number' : 'string';
}
