// The contract between the composition root and a hospital-domain module: a module gets the FHIR repository
// (with policies, auditing and events applied) and owns its routes under /api/<name>.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import type { FhirRepository, RequestContext } from '../fhir/store/repository.js';
import type { Resource } from '../fhir/types.js';
import type { EventBus } from '../fhir/events/bus.js';
import type { NewUser, User } from '../security/identity/users.js';

export interface ModuleDeps {
  config: Config;
  /** the environment the server started with, for module settings (HUIYI_*; AppOptions.env, default process.env) */
  env: NodeJS.ProcessEnv;
  /** the same repository the FHIR REST API uses: access policies and the audit ledger apply */
  repo: FhirRepository;
  /** the caller's context for this request (authenticated by the security layer; 401 before the route runs otherwise) */
  context(req: FastifyRequest): RequestContext;
  /**
   * A transaction Bundle processed exactly as POST /fhir does (all or nothing, same policies and audit):
   * the way to write several resources at once. Answers the transaction-response (entries with the stored resources).
   */
  transaction(ctx: RequestContext, bundle: Resource): Promise<Resource>;
  /**
   * The caller's context without its access restrictions, still audited as the caller: for a workflow step the
   * caller's role may not do directly but the module permits after its own checks (a patient booking marks the
   * Slot busy; self-registration creates the Patient). Use it for that step only, never to serve a read.
   */
  elevated(ctx: RequestContext): RequestContext;
  /** change events after each commit (the live boards subscribe; a shared bus when several nodes run) */
  events: EventBus;
  /** user accounts (portal self-registration) */
  accounts: {
    /** why this account cannot be created (taken username, weak password, bad link …), or null; writes nothing */
    problem(tenant: string, u: NewUser): Promise<{ code: string; message: string } | null>;
    create(tenant: string, u: NewUser): Promise<User>;
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A module route anyone may call without signing in (portal self-registration). Its context can neither read
     * nor write: the route does what it must through deps.elevated(ctx), which audits it as "anonymous".
     */
    public?: boolean;
  }
}

export interface HuiyiModule {
  /** URL segment: the module's routes live under /api/<name> */
  name: string;
  register(app: FastifyInstance, deps: ModuleDeps): Promise<void>;
}
