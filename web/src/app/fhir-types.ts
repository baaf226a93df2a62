// Minimal FHIR R4 shapes the shell needs; domain modules declare the detailed ones they use.
export interface Resource {
  resourceType: string;
  id?: string;
  meta?: { versionId?: string; lastUpdated?: string; profile?: string[]; tag?: Coding[] };
  [key: string]: unknown;
}

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface OperationOutcomeIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  code: string;
  diagnostics?: string;
  details?: { text?: string; coding?: Coding[] };
  expression?: string[];
  location?: string[];
}

export interface OperationOutcome extends Resource {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

export interface BundleEntry<T extends Resource = Resource> {
  fullUrl?: string;
  resource?: T;
  search?: { mode?: 'match' | 'include' | 'outcome'; score?: number };
  request?: { method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; ifMatch?: string; ifNoneExist?: string };
  response?: { status: string; location?: string; etag?: string; lastModified?: string; outcome?: Resource };
}

export interface Bundle<T extends Resource = Resource> extends Resource {
  resourceType: 'Bundle';
  type: 'searchset' | 'batch' | 'transaction' | 'batch-response' | 'transaction-response' | 'history' | 'collection' | 'document' | 'message';
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: BundleEntry<T>[];
}

/** The resources of a search Bundle that matched (not the _include-d ones), typed. */
export function matches<T extends Resource = Resource>(bundle: Bundle): T[] {
  return (bundle.entry ?? []).filter((e) => e.resource && e.search?.mode !== 'include' && e.search?.mode !== 'outcome').map((e) => e.resource as T);
}

/** The _include-d resources of a search Bundle. */
export function included<T extends Resource = Resource>(bundle: Bundle): T[] {
  return (bundle.entry ?? []).filter((e) => e.resource && e.search?.mode === 'include').map((e) => e.resource as T);
}
