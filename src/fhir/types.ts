// Core FHIR value types shared across the core. Resources are plain JSON objects;
// we type them loosely on purpose (the core handles all ~145 R4 resource types generically).

export interface Meta {
  versionId?: string;
  lastUpdated?: string;
  source?: string;
  profile?: string[];
  security?: Coding[];
  tag?: Coding[];
  [k: string]: unknown;
}

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
  [k: string]: unknown;
}

export interface Resource {
  resourceType: string;
  id?: string;
  meta?: Meta;
  [k: string]: unknown;
}

export type SearchParamType =
  | 'string' | 'token' | 'date' | 'number' | 'quantity' | 'reference' | 'uri' | 'composite' | 'special';

export interface OperationOutcomeIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  code: string;
  diagnostics?: string;
  expression?: string[];
  details?: { text?: string };
}

export interface OperationOutcome extends Resource {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}
