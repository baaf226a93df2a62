import type { SearchParamType } from '../types.js';

/** A search parameter as the core uses it (derived from a FHIR SearchParameter resource). */
export interface SearchParamDef {
  code: string;               // e.g. "patient", "_lastUpdated"
  url: string;
  type: SearchParamType;
  base: string[];             // resource types it applies to
  expression?: string;        // FHIRPath (R4 SearchParameter.expression)
  target?: string[];          // reference targets
  components?: { definition: string; expression: string }[]; // composite
  /** true for SearchParameters stored by a tenant (not the R4 base set) */
  custom?: boolean;
}
