import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random opaque token (256 bits, base64url). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Bearer secrets (codes, refresh tokens, client secrets) are stored as SHA-256: they are random, so no slow hash is needed. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Form fields as single strings; OAuth forbids repeated parameters (RFC 6749 §3.1). */
export function parseForm(body: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of new URLSearchParams(body)) {
    if (k in out) throw new Error(`parameter "${k}" is repeated`);
    out[k] = v;
  }
  return out;
}

/** Query or form parameters as a plain string map (first value of each; arrays mean repetition). */
export function singleParams(input: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (!input || typeof input !== 'object') return out;
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (Array.isArray(v)) throw new Error(`parameter "${k}" is repeated`);
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export const trimSlash = (u: string): string => u.replace(/\/+$/, '');

/** Add query parameters to a redirect URI, keeping its own query. */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/** A FHIR id, optionally given as a `Type/id` reference of the expected type. */
export function fhirId(value: string | undefined, type: string): string | undefined {
  if (value === undefined) return undefined;
  const id = value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value;
  return /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? id : undefined;
}
