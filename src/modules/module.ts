// The contract between the composition root and a hospital-domain module: a module gets the FHIR repository
// (with policies, auditing and events applied) and owns its routes under /api/<name>.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import type { FhirRepository, RequestContext } from '../fhir/store/repository.js';

export interface ModuleDeps {
  config: Config;
  /** the same repository the FHIR REST API uses: access policies and the audit ledger apply */
  repo: FhirRepository;
  /** the caller's context for this request (authenticated by the security layer; 401 before the route runs otherwise) */
  context(req: FastifyRequest): RequestContext;
}

export interface HuiyiModule {
  /** URL segment: the module's routes live under /api/<name> */
  name: string;
  register(app: FastifyInstance, deps: ModuleDeps): Promise<void>;
}
