// Routes of the 'triage' module (under /api/triage): compute a triage, register an ED arrival with it, re-triage,
// override, seen/left, and the emergency board (JSON and live). Access: see caller.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FhirError } from '../../../fhir/errors.js';
import type { ModuleDeps } from '../../module.js';
import { loadBoard } from './board.js';
import { langOf, performerOf, requireTriageStaff } from './caller.js';
import { changeStatus, override, registerArrival, retriage, type Actor, type ArrivalInput, type OverrideInput, type RetriageInput, type StatusChange } from './encounters.js';
import { LiveStreams, openLiveView } from '../../live-view.js';
import { fhirUserOf, hasRole } from '../../caller.js';
import { runTriage, triageCatalogue, type TriageInput } from './engine.js';
import { triageLocation } from './location.js';
import { schemas } from './schemas.js';
import type { Algorithm } from './codes.js';

export interface TriageOptions {
  /** SSE ": heartbeat" interval, re-read interval (minutes waited move with the clock), burst debounce */
  heartbeatMs: number;
  refreshMs: number;
  debounceMs: number;
  now(): Date;
  /** the algorithm when a request names none (HUIYI_TRIAGE_ALGORITHM) */
  algorithm: Algorithm;
}

type Id = { Params: { id: string } };
type WithLang<T> = T & { lang?: 'zh' | 'en' };

/** The board is for the ED team and for management's overview. */
const BOARD_ROLES = ['nurse', 'doctor', 'manager'];

export async function registerTriageRoutes(app: FastifyInstance, deps: ModuleDeps, o: TriageOptions): Promise<void> {
  const { repo, transaction } = deps;
  const actor = (req: FastifyRequest, lang?: string): Actor => {
    const ctx = deps.context(req);
    requireTriageStaff(req, ctx);
    const performer = performerOf(req);
    return { ctx, elevated: deps.elevated(ctx), ...(performer ? { performer } : {}), lang: langOf(req, lang), now: o.now() };
  };

  app.post<{ Body: WithLang<TriageInput> }>('', { schema: schemas.compute }, async (req) => {
    const a = actor(req, req.body.lang);
    const { lang: _lang, ...input } = req.body;
    return runTriage({ ...input, algorithm: input.algorithm ?? o.algorithm }, a.lang);
  });

  app.get('/catalogue', { schema: schemas.catalogue }, async () => ({ defaultAlgorithm: o.algorithm, ...triageCatalogue() }));

  app.post<{ Body: WithLang<ArrivalInput> }>('/encounters', { schema: schemas.register }, async (req, reply) => {
    const a = actor(req, req.body.lang);
    const location = await triageLocation(repo, a.ctx, req.body.location, fhirUserOf(req));
    const { lang: _lang, ...input } = req.body;
    return reply.code(201).send(await registerArrival(repo, transaction, a, { ...input, algorithm: input.algorithm ?? o.algorithm }, location));
  });

  app.post<Id & { Body: WithLang<RetriageInput> }>('/encounters/:id/retriage', { schema: schemas.retriage }, async (req) => {
    const { lang, ...body } = req.body;
    if (!body.vitals && !body.complaint && !body.flags && body.expectedResources === undefined && body.age === undefined) {
      throw new FhirError(400, 'invalid', 'A re-triage needs new vital signs (or a new complaint, flags, resources or age)', ['vitals']);
    }
    return retriage(repo, transaction, actor(req, lang), req.params.id, body);
  });

  app.post<Id & { Body: OverrideInput }>('/encounters/:id/override', { schema: schemas.override }, async (req) =>
    override(repo, transaction, actor(req), req.params.id, req.body));

  app.post<Id & { Body: { status: StatusChange } }>('/encounters/:id/status', { schema: schemas.status }, async (req) =>
    changeStatus(repo, transaction, actor(req), req.params.id, req.body.status));

  app.get('/board', { schema: schemas.board }, async (req) => {
    const ctx = deps.context(req);
    if (ctx.access && !hasRole(req, BOARD_ROLES)) throw new FhirError(403, 'forbidden', `The emergency board is for the roles ${BOARD_ROLES.join(', ')}`);
    return loadBoard(repo, ctx, o.now());
  });

  // the board over SSE: each push is GET /board again with the caller's credentials (authorised and audited as
  // such; a patient triaged since the stream opened is on the nurse's ward now); re-read every minute for the clock
  const streams = new LiveStreams();
  app.addHook('preClose', async () => streams.closeAll());
  app.get('/board/events', { schema: schemas.events }, async (req, reply) => openLiveView(app, req, reply, {
    url: `${app.prefix}/board`, events: deps.events, tenant: deps.context(req).tenant, name: 'board',
    relevant: (e) => BOARD_TYPES.has(e.type), heartbeatMs: o.heartbeatMs, refreshMs: o.refreshMs, debounceMs: o.debounceMs,
  }, streams));
}

const BOARD_TYPES = new Set(['Encounter', 'RiskAssessment', 'Patient']);
