// The shape of one search-index value, as extracted at write time and stored in the
// per-type index tables. Numbers: dates are epoch milliseconds (UTC); a value that covers
// a span (a partial date, a Period, a Range) is stored as [lo, hi], both inclusive.
// Open ends use DATE_MIN / DATE_MAX (dates) or -Infinity / Infinity (numbers, quantities).

export const DATE_MIN = -62135596800000; // 0001-01-01T00:00:00Z
export const DATE_MAX = 253402300799999; // 9999-12-31T23:59:59.999Z

export interface StringValue { type: 'string'; value: string /* normalised: lower-case, accents stripped */; exact: string }
export interface TokenValue {
  type: 'token';
  system: string | null;
  code: string | null;
  text: string | null; // normalised display / text, for :text
  ofType?: { system: string | null; code: string | null }; // Identifier.type coding, for :of-type
}
export interface ReferenceValue {
  type: 'reference';
  targetType: string | null; // resource type for relative/local refs
  targetId: string | null;
  url: string | null; // absolute URL or canonical (without |version)
  version?: string | null; // canonical version, if given as url|version
}
export interface UriValue { type: 'uri'; value: string }
export interface DateValue { type: 'date'; lo: number; hi: number }
export interface NumberValue { type: 'number'; lo: number; hi: number }
export interface QuantityValue {
  type: 'quantity';
  lo: number;
  hi: number;
  system: string | null;
  code: string | null;
  unit: string | null;
}

export type IndexValue = StringValue | TokenValue | ReferenceValue | UriValue | DateValue | NumberValue | QuantityValue;

/** One row destined for an index table. `param` is the search parameter code on the resource type. */
export type IndexEntry =
  | (IndexValue & { param: string })
  | { type: 'composite'; param: string; components: IndexValue[] };
