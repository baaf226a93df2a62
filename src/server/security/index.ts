// The security layer around the FHIR core: identity (sessions), the SMART authorization server,
// access policies compiled into every FHIR query, and the audit ledger that records every access.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.js';
import type { Store } from '../../fhir/store/open.js';
import type { Db } from '../../fhir/store/db.js';
import type { Resource } from '../../fhir/types.js';
import type { AccessControl, AccessObserver } from '../../fhir/store/access.js';
import type { FhirRepository, RequestContext } from '../../fhir/store/repository.js';
import { FhirError } from '../../fhir/errors.js';
import { identityPlugin, IdentityService } from '../../security/identity/index.js';
import { oauthPlugin, TokenKeys, accessTokenVerifier } from '../../security/oauth/index.js';
import { PolicyStore } from '../../security/access/policy-store.js';
import { AccessResolver, type Caller } from '../../security/access/resolve.js';
import {
  LedgerKeys, loadAuditConfig, journalFile, ledgerAtCommit, accessFacts, restRecord, clientChangeEvent, failureEvent, loginEvent, writeRecord, enqueuePrepared, prepareAll, prepareEvent,
  AuditWriter, AuditChainer, AuditEventStore, AuditJournal, type Actor, type PreparedEvent, type RestFacts,
} from '../../security/audit/index.js';
import { authenticate, callerOfUser, sendUnauthenticated, Unauthenticated } from './fhir-auth.js';
import { fhirCors, securityHeaders } from './headers.js';
import { RoutedRepository } from './routed-repository.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAdminUserRoutes } from './admin-users.js';
import { migrate } from '../../fhir/store/migrations.js';
import { SECURITY_MIGRATIONS } from '../../security/migrations.js';

export interface SecurityOptions {
  config: Config;
  store: Store;
  /** record AuditEvents (default true; the benchmark measures the cost by turning it off) */
  audit?: boolean;
  /** environment for the audit settings (default process.env) */
  env?: NodeJS.ProcessEnv;
}

export interface SecurityLayer {
  /** the repository the REST API uses (AuditEvent routed to the ledger) */
  repo: FhirRepository;
  context(req: FastifyRequest): RequestContext;
  identity: IdentityService;
  chainer?: AuditChainer;
  close(): Promise<void>;
}

interface RequestAudit {
  actor: Actor;
  /** the request's reads, as taken when they happened (rendered into events when they are recorded) */
  reads: RestFacts[];
  /** its other events */
  pending: PreparedEvent[];
}

declare module 'fastify' {
  interface FastifyRequest {
    fhirContext?: RequestContext;
    audit?: RequestAudit;
  }
}

export function actorOf(c: Caller | undefined, req: FastifyRequest, tenant: string): Actor {
  if (!c) return { tenant, ip: req.ip, userAgent: req.headers['user-agent'], username: 'anonymous (HUIYI_DEV_OPEN_FHIR)' };
  return {
    tenant: c.tenant, roles: c.roles, ip: req.ip, userAgent: req.headers['user-agent'],
    ...(c.userId ? { userId: c.userId } : {}), ...(c.username ? { username: c.username } : {}),
    ...(c.fhirUser ? { fhirUser: c.fhirUser } : {}), ...(c.clientId ? { clientId: c.clientId } : {}),
  };
}

export async function registerSecurity(app: FastifyInstance, o: SecurityOptions): Promise<SecurityLayer> {
  const { config, store } = o;
  const db = store.db;
  const tenant = config.tenant;
  const fhirBase = config.baseUrl ?? `${config.publicUrl}/fhir`;
  const https = config.publicUrl.startsWith('https:');
  const auditOn = o.audit !== false;
  await migrate(db, undefined, SECURITY_MIGRATIONS);

  // Requests in flight when the app closes still record their events: close() waits for them before closing the
  // writer (new requests get 503 from Fastify meanwhile). Tracked from this layer's first hook: a request still
  // resolving its session (a database round trip) when closing began would otherwise meet a closed writer.
  const inflight = new Set<FastifyRequest>();
  let drained: (() => void) | undefined;
  const settled = async (req: FastifyRequest) => {
    if (inflight.delete(req) && !inflight.size) drained?.();
  };
  app.addHook('onRequest', async (req, reply) => {
    inflight.add(req);
    // also when the connection ends without a Fastify response (an aborted request, a hijacked stream)
    reply.raw.once('close', () => void settled(req));
  });
  app.addHook('onResponse', settled);

  fhirCors(app, config.corsOrigins);
  securityHeaders(app, { https });

  const identity = new IdentityService({ db, issuer: 'Huiyi' });
  await app.register(
    identityPlugin({
      service: identity, db, tenant,
      // Lax: the session must reach /oauth/authorize when a SMART app on another site sends the user there
      cookie: { secure: https || config.production, sameSite: 'Lax' },
      // the OAuth endpoints check their own (consent form) or need none (token, introspect); the client registry is an admin API
      csrfExempt: (req) => req.url.startsWith('/oauth/') && !req.url.startsWith('/oauth/clients'),
    }),
  );
  const keys = await TokenKeys.open(db);
  await app.register(
    oauthPlugin({
      db, issuer: config.publicUrl, fhirBaseUrl: fhirBase, keys, tenant,
      users: { currentUser: async (req) => req.user ?? undefined, loginUrl: (returnTo) => `/login?returnTo=${encodeURIComponent(returnTo)}` },
      isAdmin: (req) => !!req.user?.roles.includes('admin'),
      patientExists: async (t, id) => store.repo.read({ tenant: t }, 'Patient', id).then(() => true, () => false),
      clientChanged: async (req, c) => {
        if (auditOn) await writer.record(tenant, [clientChangeEvent(actorOf(req.user ? callerOfUser(req.user) : undefined, req, tenant), c)]);
      },
    }),
  );
  const verify = accessTokenVerifier({ db, keys, issuer: config.publicUrl, audience: fhirBase });

  const policies = new PolicyStore(db);
  const resolver = new AccessResolver({ db, repo: store.repo, policies, bus: store.bus });

  // audit: a write records its event inside its own transaction; a read's is durable before the response (below)
  const auditCfg = loadAuditConfig(config.databaseUrl, o.env ?? process.env);
  // Reads have no transaction of their own; their events are durable before the response leaves: appended to the
  // reads' journal (one write per event-loop phase, no commit; journal.ts), next to a SQLite file or in the data
  // directory for PostgreSQL, where each write is also fdatasynced. Without a journal (SQLite in memory, or
  // HUIYI_AUDIT_JOURNAL=off) they join SQLite's next group commit, or on PostgreSQL one transaction per group
  // appends them to the chain.
  const journalPath = auditOn ? journalFile(auditCfg, db) : undefined;
  // PostgreSQL's commits wait for their WAL flush: its reads' events wait for theirs
  const journal = journalPath ? openJournal(journalPath, db.dialect === 'postgres') : undefined;
  const chainer = new AuditChainer(db, {
    alg: auditCfg.alg,
    signer: LedgerKeys.open(auditCfg.dataDir, { keyFile: auditCfg.keyFile }),
    seal: { every: auditCfg.sealEvery, seconds: auditCfg.sealSeconds },
    ...(auditCfg.witness ? { witness: auditCfg.witness } : {}),
    ...(journal ? { journal } : {}),
    onError: (e) => app.log.error({ err: e }, 'audit ledger: chaining failed'),
  });
  // a server with the ledger off chains nothing (nor another server's queue: the bench runs both on one database)
  if (auditOn) chainer.start();
  const writer = new AuditWriter(db, journal ? { alg: auditCfg.alg, journal } : { alg: auditCfg.alg, atCommit: db.dialect === 'sqlite' });
  const auditEvents = new AuditEventStore(db, { before: () => chainer.drain() });
  const repo = new RoutedRepository(store.repo, auditEvents);
  // SQLite has one writer anyway: a write's event goes into the chain at its transaction's commit, with the
  // events of every write and read that share the commit (ledgerAtCommit); PostgreSQL queues it, so concurrent
  // writers never wait on the chain's head row
  const ledger = ledgerAtCommit(auditCfg.alg);
  // SQLite: `events` may be a function, called at the commit with the other events of the commit
  const chainInTx = async (t: Db, ten: string, events: PreparedEvent[] | (() => PreparedEvent[])) => {
    if (t.dialect === 'sqlite') await t.atCommit(ledger, [{ tenant: ten, events }]);
    else await enqueuePrepared(t, ten, typeof events === 'function' ? events() : events);
  };
  const recordInTx = async (t: Db, ten: string, events: Resource[]) => {
    if (auditOn) await chainInTx(t, ten, prepareAll(ten, events, Date.now()));
  };

  const observer = (a: RequestAudit): AccessObserver => ({
    written: async (t, e) => {
      // the stored resource is not the caller's before the commit: rendering its event there sees it as written
      if (auditOn) await chainInTx(t, a.actor.tenant, () => [writeRecord(a.actor, e)]);
    },
    read: (e) => {
      if (auditOn) a.reads.push(accessFacts(e));
    },
  });

  const isMetadata = (req: FastifyRequest) => (req.method === 'GET' || req.method === 'HEAD') && /^\/fhir\/(metadata|\.well-known\/smart-configuration)(\?|$)/.test(req.url);
  // the API description is public (it says what exists, not what is stored)
  const isOpenApi = (req: FastifyRequest) => req.method === 'GET' && /^\/api\/docs(\/|\?|$)/.test(req.url);

  app.addHook('onRequest', async (req, reply) => {
    // the FHIR API and the modules' /api routes: one authentication, one access decision, one audit trail
    if (!/^\/(fhir|api)(\/|\?|$)/.test(req.url) || req.method === 'OPTIONS' || isMetadata(req) || isOpenApi(req)) return;
    if (req.routeOptions.config?.public && req.url.startsWith('/api/')) {
      // a module's public route: audited as anonymous, and its own context can do nothing (see ModuleDeps.elevated)
      const audit: RequestAudit = { actor: { ...actorOf(undefined, req, tenant), username: 'anonymous' }, reads: [], pending: [] };
      req.audit = audit;
      req.fhirContext = { tenant, access: NOTHING, observer: observer(audit) };
      return;
    }
    let caller: Caller | undefined;
    try {
      caller = await authenticate(req, { tenant, verify, users: identity.users, open: config.openFhir });
    } catch (e) {
      if (e instanceof Unauthenticated) return sendUnauthenticated(reply, e, `${fhirBase}/.well-known/smart-configuration`);
      throw e;
    }
    const audit: RequestAudit = { actor: actorOf(caller, req, tenant), reads: [], pending: [] };
    req.audit = audit;
    const access = caller ? await resolver.resolve(caller) : undefined;
    req.fhirContext = { tenant: caller?.tenant ?? tenant, ...(access ? { access } : {}), observer: observer(audit) };
  });

  // Nothing leaves before its audit record is durable; if recording fails, the data does not leave either.
  app.addHook('onSend', async (req, reply, payload) => {
    const a = req.audit;
    if (!a || !auditOn) return payload;
    if (reply.statusCode >= 400) {
      a.pending.push(prepareEvent(failureEvent(a.actor, { method: req.method, path: req.url, status: reply.statusCode, message: failureMessage(payload) }), Date.now()));
    }
    if (!a.reads.length && !a.pending.length) return payload;
    const { actor, reads, pending } = a;
    a.reads = [];
    a.pending = [];
    try {
      await writer.recordLater(actor.tenant, () => (reads.length ? [...reads.map((f) => restRecord(actor, f)), ...pending] : pending));
      return payload;
    } catch (e) {
      req.log.error({ err: e }, 'audit record failed; response withheld');
      reply.code(503).type('application/fhir+json; charset=utf-8');
      return JSON.stringify(new FhirError(503, 'transient', 'The access could not be recorded in the audit ledger; try again').toOperationOutcome());
    }
  });
  // PostgreSQL's queued write events wait for the chainer's tick (200 ms), in big batches: a drain after every
  // write response measured as ~10 points of the ledger's cost. A search of AuditEvent drains first.

  // logins and logouts, successful or not
  app.addHook('onSend', async (req, reply, payload) => {
    if (!auditOn || req.method !== 'POST' || (req.url !== '/auth/login' && req.url !== '/auth/logout')) return payload;
    const body = (req.body ?? {}) as { username?: unknown };
    const username = req.url === '/auth/logout' ? (req.user?.username ?? req.identitySession?.user.username ?? '') : typeof body.username === 'string' ? body.username.slice(0, 200) : '';
    const ok = reply.statusCode < 300;
    const event = loginEvent(
      { tenant, ip: req.ip, userAgent: req.headers['user-agent'], username, ...(req.user ? { userId: req.user.userId } : {}) },
      { username, success: ok, logout: req.url === '/auth/logout', ...(ok ? {} : { reason: `HTTP ${reply.statusCode}` }) },
    );
    await writer.record(tenant, [event]);
    return payload;
  });

  registerAdminRoutes(app, {
    db, repo: store.repo, policies, resolver,
    recordInTx,
    actorOf: (req) => actorOf(req.user ? callerOfUser(req.user) : undefined, req, tenant),
  });
  await app.register(async (child) => registerAdminUserRoutes(child, {
    db, repo: store.repo, identity, recordInTx,
    actorOf: (req) => actorOf(req.user ? callerOfUser(req.user) : undefined, req, tenant),
  }));

  return {
    repo,
    identity,
    chainer,
    context: (req) => req.fhirContext ?? { tenant },
    async close() {
      if (inflight.size) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          new Promise<void>((r) => (drained = r)),
          new Promise<void>((r) => (timer = setTimeout(r, 10_000))),
        ]);
        clearTimeout(timer);
      }
      await writer.close();
      await chainer.stop();
      journal?.close();
    },
  };
}

const NOTHING: AccessControl = { allows: () => false, patients: [] };

function failureMessage(payload: unknown): string {
  if (typeof payload !== 'string') return '';
  try {
    const oo = JSON.parse(payload) as { issue?: { diagnostics?: string }[] };
    return oo.issue?.[0]?.diagnostics?.slice(0, 500) ?? '';
  } catch {
    return '';
  }
}

/** the reads' journal at `path` (its folder made if missing) */
function openJournal(path: string, sync: boolean): AuditJournal {
  mkdirSync(dirname(path), { recursive: true });
  return AuditJournal.open(path, { sync });
}
