import type { FastifyRequest } from 'fastify';
import type { Resource } from '../types.js';
import type { FhirRepository, RequestContext } from '../store/repository.js';

/** the tenant's search parameter registry, as the repository hands it out */
export type Registry = Awaited<ReturnType<FhirRepository['searchParams']>>;

export interface RestLimits {
  maxBodyBytes: number;
  maxDepth: number;
}

export const DEFAULT_LIMITS: RestLimits = { maxBodyBytes: 16 * 1024 * 1024, maxDepth: 64 };

/** Handles `POST [base]` (batch / transaction): receives the parsed Bundle, returns the response Bundle (sent as 200). */
export type BatchHandler = (input: {
  bundle: Resource;
  ctx: RequestContext;
  req: FastifyRequest;
  baseUrl: string;
}) => Promise<Resource>;

export interface BatchOptions {
  handle: BatchHandler;
  /** advertised in the CapabilityStatement */
  interactions: Array<'batch' | 'transaction'>;
}

export interface FhirRestOptions {
  repo: FhirRepository;
  context: (req: FastifyRequest) => RequestContext;
  limits?: Partial<RestLimits>;
  version: string;
  /** absolute base URL, e.g. https://example.org/fhir; derived from each request when absent */
  baseUrl?: string;
  /** POST [base]; without it the server answers 501 */
  batch?: BatchOptions;
  /** CapabilityStatement.rest.security (e.g. the SMART OAuth endpoints) */
  security?: Record<string, unknown>;
  /** gzip/deflate responses over ~1 KB (default true) */
  compress?: boolean;
}

/** What the route modules need, resolved once at registration. */
export interface RestDeps {
  repo: FhirRepository;
  context: (req: FastifyRequest) => RequestContext;
  limits: RestLimits;
  version: string;
  baseUrl?: string;
  batch?: BatchOptions;
  security?: Record<string, unknown>;
  /** the mount prefix, e.g. "/fhir" */
  prefix: string;
}
