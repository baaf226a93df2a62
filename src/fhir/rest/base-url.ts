import type { FastifyRequest } from 'fastify';
import type { RestDeps } from './options.js';

const HOST_RE = /^[A-Za-z0-9.\-_[\]:]{1,255}$/;

function firstHeader(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.split(',')[0].trim() || undefined;
}

/** The absolute base URL ([base] in http.html) for links and Location headers. */
export function baseUrl(req: FastifyRequest, deps: RestDeps): string {
  if (deps.baseUrl) return deps.baseUrl.replace(/\/+$/, '');
  const fproto = firstHeader(req.headers['x-forwarded-proto'])?.toLowerCase();
  const proto = fproto === 'http' || fproto === 'https' ? fproto : req.protocol;
  // the Host header ends up in Location headers and links: only accept plausible host names
  const fhost = firstHeader(req.headers['x-forwarded-host']);
  const host = [fhost, req.headers.host].find((h) => h !== undefined && HOST_RE.test(h)) ?? 'localhost';
  return `${proto}://${host}${deps.prefix}`;
}
