// Patient routes under /api/emr/patients: search, registration, identity documents, merge, and one patient's
// compact form with its merge history. Everything goes through deps.repo / deps.transaction with the caller's
// context, so access policies and the audit ledger apply as on /fhir.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ModuleDeps } from '../../module.js';
import type { Resource } from '../../../fhir/types.js';
import { IDENTITY_DOCUMENTS } from './identity-documents.js';
import { mergePatients, MERGE_ACTIVITY, type Agent, type MergeRequest } from './merge.js';
import { MrnAllocator } from './mrn.js';
import { langOf, problemsError } from './problems.js';
import { registerPatient } from './register.js';
import { checkRegistration, RELATIONSHIPS, type RegistrationInput } from './registration-input.js';
import { schemas } from './schemas.js';
import { ensureSearchParameters } from './search-parameters.js';
import { searchPatients } from './search.js';
import { summarize } from './summary.js';

function agentOf(req: FastifyRequest): Agent {
  const actor = req.audit?.actor;
  const user = req.user;
  const fhirUser = actor?.fhirUser ?? user?.fhirUser;
  const username = actor?.username ?? user?.username;
  const userId = actor?.userId ?? user?.userId;
  return { ...(fhirUser ? { fhirUser } : {}), ...(username ? { username } : {}), ...(userId ? { userId } : {}) };
}

/** who merged: their FHIR reference (or user identifier) and the name recorded with it */
function agentOfProvenance(p: Resource): { agent?: string; agentName?: string } {
  const who = (p.agent as { who?: { reference?: string; display?: string; identifier?: { value?: string } } }[] | undefined)?.[0]?.who;
  const agent = who?.reference ?? who?.identifier?.value;
  return { ...(agent ? { agent } : {}), ...(who?.display ? { agentName: who.display } : {}) };
}
const patientId = (ref: string | undefined) => ref?.replace(/^Patient\//, '');

export async function registerPatientRoutes(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const mrns = new MrnAllocator();
  // the pinyin and MRN search parameters: stored for the server's tenant now, for any other tenant at its first use
  await ensureSearchParameters(deps.repo, deps.config.tenant);
  const context = async (req: FastifyRequest) => {
    const ctx = deps.context(req);
    await ensureSearchParameters(deps.repo, ctx.tenant);
    return ctx;
  };

  app.get('/patients', { schema: schemas.search }, async (req) => {
    const q = req.query as { q?: string; count?: number; page?: string };
    return searchPatients(deps.repo, await context(req), q.q ?? '', { count: q.count ?? 20, ...(q.page ? { page: q.page } : {}) });
  });

  app.get('/patients/identity-documents', { schema: schemas.documents }, async () => ({
    documents: IDENTITY_DOCUMENTS.map((d) => ({
      code: d.code, nationalCode: d.nationalCode, zh: d.zh, en: d.en, system: d.system, type: d.v2.code, hint: d.hint, encodesBirthAndSex: d.encodesBirthAndSex,
    })),
    relationships: Object.entries(RELATIONSHIPS).map(([code, t]) => ({ code, ...t })),
  }));

  app.post('/patients', { schema: schemas.register }, async (req, reply) => {
    const lang = langOf(req);
    const body = (req.body ?? {}) as RegistrationInput;
    const checked = checkRegistration(body, lang);
    if (!checked.ok) throw problemsError(checked.problems, lang);
    const patient = await registerPatient(deps.repo, await context(req), mrns, checked.value, { confirmDuplicate: body.confirmDuplicate === true, lang });
    return reply.code(201).header('location', `/fhir/Patient/${patient.id as string}`).send(patient);
  });

  app.post('/patients/merge', { schema: schemas.merge }, async (req) => {
    const body = (req.body ?? {}) as Partial<MergeRequest>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return mergePatients(deps, await context(req), { source: text(body.source), target: text(body.target), reason: text(body.reason) }, agentOf(req), langOf(req));
  });

  app.get('/patients/:id', { schema: schemas.read }, async (req) => {
    const { id } = req.params as { id: string };
    const ctx = await context(req);
    const patient = await deps.repo.read(ctx, 'Patient', id);
    const prov = await deps.repo.search(ctx, { types: ['Provenance'], params: [['target', `Patient/${id}`], ['_sort', '-recorded'], ['_count', '50']], strict: true });
    const merges = prov.matches
      .filter((p) => ((p.activity as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? []).some((c) => c.system === MERGE_ACTIVITY.system && c.code === MERGE_ACTIVITY.code))
      .map((p: Resource) => {
        const source = patientId((p.entity as { role?: string; what?: { reference?: string } }[] | undefined)?.find((e) => e.role === 'source')?.what?.reference);
        const targets = ((p.target as { reference?: string }[] | undefined) ?? []).map((t) => patientId(t.reference));
        return {
          provenance: p.id as string,
          recorded: p.recorded as string,
          ...(source ? { source } : {}),
          ...(targets.find((t) => t && t !== source) ? { target: targets.find((t) => t && t !== source) } : {}),
          reason: ((p.reason as { text?: string }[] | undefined) ?? []).map((r) => r.text).filter(Boolean).join('; '),
          ...agentOfProvenance(p),
        };
      });
    return { patient: summarize(patient), merges };
  });
}
