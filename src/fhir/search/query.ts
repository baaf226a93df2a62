import type { SearchParamDef } from '../definitions/search-param-def.js';

/** One condition on resources of `type`. Conditions in a list are ANDed; `values` are ORed. */
export type Filter =
  | { kind: 'param'; type: string; def: SearchParamDef; modifier?: string; values: string[] }
  | { kind: 'missing'; type: string; def: SearchParamDef; missing: boolean }
  | { kind: 'id'; values: string[]; not?: boolean }
  | { kind: 'lastUpdated'; values: string[] }
  | { kind: 'chain'; type: string; def: SearchParamDef; targetTypes: string[]; inner: Filter[] /* one per target type, ORed */ }
  | { kind: 'has'; type: string; sourceType: string; refParam: SearchParamDef; inner: Filter }
  | { kind: 'compartment'; type: string; params: string[]; targetType: string; targetId: string };

export interface SortKey {
  code: string;
  desc: boolean;
  def?: SearchParamDef; // absent for _id / _lastUpdated
}

export interface IncludeSpec {
  rev: boolean;
  sourceType: string;
  param: SearchParamDef | '*';
  targetType?: string;
  iterate: boolean;
}

export interface SearchQuery {
  types: string[]; // empty = all types (system search)
  filters: Filter[];
  sort: SortKey[];
  count: number;
  cursor?: { after: boolean; rid: number };
  offset?: number;
  total: 'none' | 'estimate' | 'accurate' | 'default';
  includes: IncludeSpec[];
  summary?: 'true' | 'text' | 'data' | 'count' | 'false';
  elements?: string[];
  /** the parameters that define the result set, echoed in paging links */
  echo: [string, string][];
}
