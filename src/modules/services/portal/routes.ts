// The portal's routes under /api/portal. Registration is public (rate-limited, audited as anonymous, writes through
// deps.elevated after its own checks); everything else runs as the signed-in patient, so the patient policy
// (their own compartment) applies to every read and write — except the release of a report, a doctor's action.
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../module.js';
import { MemoryRateLimiter } from '../../../security/identity/rate-limit.js';
import { ProblemError, langOf } from '../../emr/patients/problems.js';
import { summarize } from '../../emr/patients/summary.js';
import { patientIdOf, requireDoctor } from './caller.js';
import { inbox, markRead, unreadCount } from './messages.js';
import { releaseReport, releasedResults } from './results.js';
import { schemas } from './schemas.js';
import { SelfRegistration, checkSelfRegistration, mrnOf, portalIssue, type SelfRegistrationInput } from './self-registration.js';
import { SURVEY, ensureSurvey } from './survey/questionnaire.js';
import { SurveyError, pendingSurveys, submitSurvey } from './survey/surveys.js';

/** Registration attempts per client address: enough for a family at one phone, too few to probe ID numbers. */
export const REGISTER_LIMIT = { max: 10, windowMs: 60 * 60_000 };

export async function registerPortalRoutes(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const registration = new SelfRegistration(deps.repo, deps.accounts);
  const limiter = new MemoryRateLimiter(REGISTER_LIMIT);
  await ensureSurvey(deps.repo, deps.config.tenant);

  app.post('/register', { schema: schemas.register, config: { public: true } }, async (req, reply) => {
    const lang = langOf(req);
    const wait = await limiter.hit(req.ip, Date.now());
    if (wait > 0) {
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      throw new ProblemError(429, 'throttled', [portalIssue('form', 'rate-limited', lang, { minutes: String(Math.ceil(wait / 60_000)) }, 'throttled')]);
    }
    const ctx = deps.context(req);
    const checked = await checkSelfRegistration((req.body ?? {}) as SelfRegistrationInput, lang, deps.accounts, ctx.tenant);
    if (!checked.ok) throw new ProblemError(400, 'invalid', checked.issues);
    const { patient, username } = await registration.register(deps.elevated(ctx), checked.value, checked, lang);
    const mrn = mrnOf(patient);
    return reply.code(201).send({ username, patient: { id: patient.id, name: checked.value.name, ...(mrn ? { mrn } : {}) } });
  });

  app.get('/me', { schema: schemas.me }, async (req) => {
    const id = patientIdOf(req);
    const ctx = deps.context(req);
    const [patient, unread, pending] = await Promise.all([
      deps.repo.read(ctx, 'Patient', id), unreadCount(deps, ctx, id), pendingSurveys(deps, ctx, id),
    ]);
    return { patient: summarize(patient), unread, pendingSurveys: pending.length };
  });

  app.get('/results', { schema: schemas.results }, async (req) => ({ reports: await releasedResults(deps, deps.context(req), patientIdOf(req)) }));

  app.post('/results/:report/release', { schema: schemas.release }, async (req) => {
    requireDoctor(req);
    return releaseReport(deps, req, deps.context(req), (req.params as { report: string }).report);
  });

  app.get('/inbox', { schema: schemas.inbox }, async (req) => inbox(deps, deps.context(req), patientIdOf(req), langOf(req)));

  app.post('/inbox/:id/read', { schema: schemas.read }, async (req) =>
    markRead(deps, deps.context(req), patientIdOf(req), (req.params as { id: string }).id, langOf(req)));

  app.get('/surveys/questionnaire', { schema: schemas.questionnaire }, async () => SURVEY);

  app.get('/surveys/pending', { schema: schemas.pending }, async (req) => ({ visits: await pendingSurveys(deps, deps.context(req), patientIdOf(req)) }));

  app.post('/surveys', { schema: schemas.submit }, async (req, reply) => {
    const id = patientIdOf(req);
    const lang = langOf(req);
    const body = req.body as { encounter: string; answers: Record<string, unknown> };
    try {
      const qr = await submitSurvey(deps, deps.context(req), id, body.encounter, body.answers);
      return reply.code(201).header('location', `/fhir/QuestionnaireResponse/${qr.id as string}`).send(qr);
    } catch (e) {
      if (e instanceof SurveyError) throw new ProblemError(400, 'invalid', e.problems.map((p) => portalIssue(p.field, p.code, lang, p.params ?? {})));
      throw e;
    }
  });
}
