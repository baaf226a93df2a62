// The HTTP client of the web app: same-origin cookie session, the CSRF header on writes, JSON in and out,
// and every error answer (FHIR OperationOutcome or { error, message }) turned into an ApiError.
//   api.fhir.read('Patient', id)   api.fhir.search('Patient', { name: '张' })   api.fhir.create(resource) …
//   api.get('/api/patients/…') or api.get('patients/…') (a path without a leading "/" is under /api/)
import { i18n } from './i18n';
import type { Bundle, BundleEntry, OperationOutcome, OperationOutcomeIssue, Resource } from './fhir-types';

const FHIR_JSON = 'application/fhir+json';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken: string | null = null;
/** Set by the auth layer after login and GET /auth/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = (e: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when an API answer says the session is gone (401 outside /auth). Returns an unsubscribe function. */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

export class ApiError extends Error {
  /** HTTP status (0: the server could not be reached) */
  readonly status: number;
  /** stable code of { error } answers (e.g. invalid_credentials) or the first issue's code */
  readonly code: string | undefined;
  /** the OperationOutcome's issues, with FHIRPath `expression`s naming the fields */
  readonly issues: OperationOutcomeIssue[];
  /** extra messages of { error, message, details: [...] } answers */
  readonly details: string[];
  /** the parsed body, for callers that need more */
  readonly body: unknown;

  constructor(status: number, message: string, o: { code?: string; issues?: OperationOutcomeIssue[]; details?: string[]; body?: unknown } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = o.code;
    this.issues = o.issues ?? [];
    this.details = o.details ?? [];
    this.body = o.body;
  }

  /**
   * Messages per field, for a form: `expression` paths such as "Patient.birthDate" or
   * "Patient.identifier[0].value" are passed to `field`, which returns the form field name (or undefined
   * to keep the message for the form as a whole). Without `field`, the path minus its resource type is used.
   */
  fieldErrors(field?: (expression: string) => string | (string | number)[] | undefined): { name: string | (string | number)[]; errors: string[] }[] {
    const out = new Map<string, { name: string | (string | number)[]; errors: string[] }>();
    for (const issue of this.issues) {
      if (issue.severity !== 'error' && issue.severity !== 'fatal') continue;
      for (const expr of issue.expression ?? issue.location ?? []) {
        const name = field ? field(expr) : expr.replace(/^[A-Z][A-Za-z]+\./, '');
        if (name === undefined) continue;
        const key = JSON.stringify(name);
        const entry = out.get(key) ?? { name, errors: [] };
        entry.errors.push(issueText(issue));
        out.set(key, entry);
      }
    }
    return [...out.values()];
  }
}

function issueText(i: OperationOutcomeIssue): string {
  return i.details?.text || i.diagnostics || i.code;
}

function isOutcome(b: unknown): b is OperationOutcome {
  return !!b && typeof b === 'object' && (b as Resource).resourceType === 'OperationOutcome' && Array.isArray((b as OperationOutcome).issue);
}

/** A readable message in the user's language for an answer without a useful text of its own. */
function statusText(status: number): string {
  const t = i18n.t.bind(i18n);
  if (status === 0) return t('errors.network');
  if (status === 401) return t('errors.unauthenticated');
  if (status === 403) return t('errors.forbidden');
  if (status === 404) return t('errors.notFound');
  if (status === 409 || status === 412) return t('errors.conflict');
  if (status === 413) return t('errors.tooLarge');
  if (status === 429) return t('errors.tooMany');
  if (status >= 500) return t('errors.server');
  return t('errors.badRequest');
}

export function toApiError(status: number, body: unknown): ApiError {
  if (isOutcome(body)) {
    const errors = body.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    const main = errors[0] ?? body.issue[0];
    const text = errors.map(issueText).filter(Boolean).join('; ');
    return new ApiError(status, status >= 500 || !text ? statusText(status) : text, { code: main?.code, issues: body.issue, body });
  }
  if (body && typeof body === 'object' && 'error' in body) {
    // { error, message, details?, field? } (Huiyi's /auth and /admin APIs) or { error, error_description } (OAuth)
    const b = body as { error?: unknown; message?: unknown; error_description?: unknown; details?: unknown; field?: unknown };
    const code = typeof b.error === 'string' ? b.error : undefined;
    const known = code ? i18n.t(`errors.codes.${code}`, { defaultValue: '' }) : '';
    const text = typeof b.message === 'string' ? b.message : typeof b.error_description === 'string' ? b.error_description : '';
    const msg = known || text || statusText(status);
    const details = Array.isArray(b.details) ? b.details.map(String) : [];
    // a named field becomes an issue with that expression, so fieldErrors() works for both kinds of answer
    const issues: OperationOutcomeIssue[] = typeof b.field === 'string' ? [{ severity: 'error', code: code ?? 'invalid', diagnostics: msg, expression: [b.field] }] : [];
    return new ApiError(status, msg, { code, details, issues, body });
  }
  return new ApiError(status, statusText(status), { body });
}

export interface RequestOptions {
  body?: unknown;
  query?: QueryInput;
  headers?: Record<string, string>;
  fhir?: boolean;
  signal?: AbortSignal;
}

export type QueryInput = Record<string, string | number | boolean | undefined | null | (string | number)[]> | [string, string][] | URLSearchParams;

function queryString(q: QueryInput | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  if (q instanceof URLSearchParams) q.forEach((v, k) => p.append(k, v));
  else if (Array.isArray(q)) for (const [k, v] of q) p.append(k, v);
  else {
    for (const [k, v] of Object.entries(q)) {
      if (v === undefined || v === null || v === '') continue;
      if (Array.isArray(v)) for (const x of v) p.append(k, String(x));
      else p.append(k, String(v));
    }
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export async function request<T = unknown>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  const url = (path.startsWith('/') ? path : `/api/${path}`) + queryString(o.query);
  const type = o.fhir ? FHIR_JSON : 'application/json';
  const headers: Record<string, string> = { accept: o.fhir ? `${FHIR_JSON}, application/json` : 'application/json', ...o.headers };
  if (o.body !== undefined) headers['content-type'] ??= type;
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
      signal: o.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, statusText(0));
  }
  const text = res.status === 204 ? '' : await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) {
    const err = toApiError(res.status, body);
    if (res.status === 401 && !url.startsWith('/auth/')) for (const fn of unauthorizedListeners) fn(err);
    throw err;
  }
  return body as T;
}

export type PatchOp = { op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'; path: string; value?: unknown; from?: string };

const enc = encodeURIComponent;

export const fhir = {
  read: <T extends Resource = Resource>(type: string, id: string, o: { signal?: AbortSignal } = {}) =>
    request<T>('GET', `/fhir/${type}/${enc(id)}`, { fhir: true, ...o }),
  vread: <T extends Resource = Resource>(type: string, id: string, version: string) =>
    request<T>('GET', `/fhir/${type}/${enc(id)}/_history/${enc(version)}`, { fhir: true }),
  /** Search one type (or the whole system when `type` is ''): the Bundle; see `matches()` in fhir-types. */
  search: <T extends Resource = Resource>(type: string, query?: QueryInput, o: { signal?: AbortSignal } = {}) =>
    request<Bundle<T>>('GET', type ? `/fhir/${type}` : '/fhir', { fhir: true, query, ...o }),
  /** Follow a Bundle's `next`/`previous` link (same-origin URL). */
  page: <T extends Resource = Resource>(url: string) => {
    const u = new URL(url, location.origin);
    return request<Bundle<T>>('GET', u.pathname + u.search, { fhir: true });
  },
  history: (type: string, id: string) => request<Bundle>('GET', `/fhir/${type}/${enc(id)}/_history`, { fhir: true }),
  create: <T extends Resource>(resource: T, o: { ifNoneExist?: string } = {}) =>
    request<T>('POST', `/fhir/${resource.resourceType}`, {
      fhir: true, body: resource, headers: { prefer: 'return=representation', ...(o.ifNoneExist ? { 'if-none-exist': o.ifNoneExist } : {}) },
    }),
  /** PUT the resource (its id is required); `ifMatch` is a version id for optimistic locking. */
  update: <T extends Resource>(resource: T, o: { ifMatch?: string } = {}) =>
    request<T>('PUT', `/fhir/${resource.resourceType}/${enc(String(resource.id))}`, {
      fhir: true, body: resource, headers: { prefer: 'return=representation', ...(o.ifMatch ? { 'if-match': `W/"${o.ifMatch}"` } : {}) },
    }),
  /** JSON Patch. */
  patch: <T extends Resource = Resource>(type: string, id: string, ops: PatchOp[], o: { ifMatch?: string } = {}) =>
    request<T>('PATCH', `/fhir/${type}/${enc(id)}`, {
      body: ops, headers: { 'content-type': 'application/json-patch+json', accept: FHIR_JSON, prefer: 'return=representation', ...(o.ifMatch ? { 'if-match': `W/"${o.ifMatch}"` } : {}) },
    }),
  delete: (type: string, id: string) => request<void>('DELETE', `/fhir/${type}/${enc(id)}`, { fhir: true }),
  /** All-or-nothing: the entries (or a whole Bundle) as one transaction; the transaction-response Bundle. */
  transaction: (entries: BundleEntry[] | Bundle) =>
    request<Bundle>('POST', '/fhir', {
      fhir: true, headers: { prefer: 'return=representation' },
      body: Array.isArray(entries) ? { resourceType: 'Bundle', type: 'transaction', entry: entries } : entries,
    }),
  batch: (entries: BundleEntry[]) => request<Bundle>('POST', '/fhir', { fhir: true, body: { resourceType: 'Bundle', type: 'batch', entry: entries } }),
  /** An operation such as $validate: POST /fhir/<path> with a body, or GET without. */
  operation: <T = unknown>(path: string, body?: unknown, query?: QueryInput) =>
    request<T>(body === undefined ? 'GET' : 'POST', `/fhir/${path.replace(/^\//, '')}`, { fhir: true, body, query }),
};

export const api = {
  fhir,
  get: <T = unknown>(path: string, query?: QueryInput, o: { signal?: AbortSignal } = {}) => request<T>('GET', path, { query, ...o }),
  post: <T = unknown>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T = unknown>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T = unknown>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  del: <T = unknown>(path: string) => request<T>('DELETE', path),
};
