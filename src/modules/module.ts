// The contract between the composition root and a hospital-domain module: a module gets the FHIR repository
// (with policies, auditing and events applied) and owns its routes under /api/<name>.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import type { FhirRepository, RequestContext } from '../fhir/store/repository.js';
import type { Resource } from '../fhir/types.js';

export interface ModuleDeps {
  config: Config;
  /** the same repository the FHIR REST API uses: access policies and the audit ledger apply */
  repo: FhirRepository;
  /** the caller's context for this request (authenticated by the security layer; 401 before the route runs otherwise) */
  context(req: FastifyRequest): RequestContext;
  /**
   * A transaction Bundle processed exactly as POST /fhir does (all or nothing, same policies and audit):
   * the way to write several resources at once. Answers the transaction-response (entries with the stored resources).
   */
  transaction(ctx: RequestContext, bundle: Resource): Promise<Resource>;
}

export interface HuiyiModule {
  /** URL segment: the module's routes live under /api/<name> */
  name: string;
  register(app: FastifyInstance, deps: ModuleDeps): Promise<void>;
}
