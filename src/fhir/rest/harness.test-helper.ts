// Test harness shared by the REST suites: a Fastify app with the plugin mounted at /fhir,
// and a client that talks to it as a fresh tenant so tests never see each other's data.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import type { FhirRepository } from '../store/repository.js';
import type { Resource } from '../types.js';
import { fhirRestPlugin, type FhirRestOptions } from './plugin.js';

export interface RepoFixture {
  repo: FhirRepository;
  close?: () => Promise<void>;
}

/** Makes a repository for a suite; the lead plugs the SQLite / PostgreSQL stores in here. */
export type RepoFactory = () => Promise<RepoFixture>;

export async function buildApp(repo: FhirRepository, extra: Partial<FhirRestOptions> = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(
    fhirRestPlugin({ repo, context: (req) => ({ tenant: String(req.headers['x-tenant'] ?? 'default') }), version: '0.0.0-test', ...extra }),
    { prefix: '/fhir' },
  );
  await app.ready();
  return app;
}

type Res = Awaited<ReturnType<FastifyInstance['inject']>>;

export interface Call {
  body?: unknown;
  /** raw payload, sent as is */
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export class Client {
  readonly tenant = `t${randomBytes(6).toString('hex')}`;

  constructor(private readonly app: FastifyInstance) {}

  async call(method: InjectOptions['method'], url: string, c: Call = {}): Promise<Res> {
    const headers: Record<string, string> = { 'x-tenant': this.tenant, ...c.headers };
    let payload: string | Buffer | undefined = c.raw;
    if (c.body !== undefined) payload = JSON.stringify(c.body);
    if (payload !== undefined) headers['content-type'] = c.contentType ?? 'application/fhir+json';
    return this.app.inject({ method, url, headers, payload });
  }

  /** creates a resource and returns it as stored */
  async create(resource: Resource): Promise<Resource> {
    const res = await this.call('POST', `/fhir/${resource.resourceType}`, { body: resource });
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
    return res.json() as Resource;
  }
}

/** the OperationOutcome issue code of an error response */
export function issueCode(res: Res): string | undefined {
  const body = res.json() as { resourceType?: string; issue?: { code: string }[] };
  if (body.resourceType !== 'OperationOutcome') throw new Error(`expected an OperationOutcome, got ${res.body.slice(0, 200)}`);
  return body.issue?.[0]?.code;
}

/** path + query of an absolute link, for feeding it back to inject() */
export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}
