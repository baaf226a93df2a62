// Encounter routes of the 'emr' module (under /api/emr): outpatient visits, admissions, transfers, discharges,
// bed boards and the clinicians' work lists. Everything goes through deps.repo with the caller's context.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ModuleDeps } from '../../module.js';
import { ADMIT_SOURCES, BED_STATUS, DISCHARGE_DISPOSITIONS, type EncounterStatus } from './codes.js';
import { listWards, wardBeds, wardBoard } from './beds.js';
import { clinician } from './me.js';
import { fhirUserOf } from '../../caller.js';
import { clinicQueue, dayBounds, inpatients, myWards } from './lists.js';
import { admit, discharge, transfer, type AdmitInput } from './stays.js';
import { changeStatus, createVisit, type VisitInput } from './visits.js';
import { schemas } from './schemas.js';

type Id = { Params: { id: string } };

export async function registerEncounterRoutes(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const { repo } = deps;
  const me = (req: FastifyRequest, explicit?: string) => clinician(repo, deps.context(req), explicit ?? fhirUserOf(req));

  app.post<{ Body: VisitInput & { practitioner?: string } }>('/visits', { schema: schemas.createVisit }, async (req, reply) => {
    const ctx = deps.context(req);
    const who = await me(req, req.body.practitioner);
    return reply.code(201).send(await createVisit(repo, ctx, who, req.body));
  });

  app.post<Id & { Body: { status: EncounterStatus } }>('/encounters/:id/status', { schema: schemas.changeStatus }, async (req) =>
    changeStatus(repo, deps.context(req), req.params.id, req.body.status));

  app.post<{ Body: AdmitInput & { practitioner?: string } }>('/admissions', { schema: schemas.admit }, async (req, reply) => {
    const ctx = deps.context(req);
    const who = await me(req, req.body.practitioner);
    return reply.code(201).send(await admit(repo, deps.transaction, ctx, who, req.body));
  });

  app.post<Id & { Body: { bed: string } }>('/encounters/:id/transfer', { schema: schemas.transfer }, async (req) =>
    transfer(repo, deps.transaction, deps.context(req), req.params.id, req.body.bed));

  app.post<Id & { Body: { disposition: string } }>('/encounters/:id/discharge', { schema: schemas.discharge }, async (req) =>
    discharge(repo, deps.transaction, deps.context(req), req.params.id, req.body));

  app.get('/wards', { schema: schemas.wards }, async (req) => ({ wards: await listWards(repo, deps.context(req)) }));

  app.get<Id & { Querystring: { free?: boolean } }>('/wards/:id/beds', { schema: schemas.wardBeds }, async (req) => {
    const beds = await wardBeds(repo, deps.context(req), req.params.id);
    return { beds: req.query.free ? beds.filter((b) => b.status === 'U') : beds };
  });

  app.get<Id>('/wards/:id/board', { schema: schemas.wardBoard }, async (req) => wardBoard(repo, deps.context(req), req.params.id));

  app.get<{ Querystring: { date?: string; tz?: string } }>('/my/clinic', { schema: schemas.myClinic }, async (req) => {
    const day = dayBounds(req.query.date, req.query.tz);
    const who = await me(req);
    return { day, visits: await clinicQueue(repo, deps.context(req), who, day) };
  });

  app.get('/my/inpatients', { schema: schemas.myInpatients }, async (req) => inpatients(repo, deps.context(req), await me(req)));

  app.get('/my/wards', { schema: schemas.myWards }, async (req) => ({ wards: await myWards(repo, deps.context(req), await me(req)) }));

  app.get('/encounter-codes', { schema: schemas.codes }, async () => {
    const list = (m: Record<string, { display: string; zh: string }>) => Object.entries(m).map(([code, v]) => ({ code, ...v }));
    return {
      admitSources: list(ADMIT_SOURCES),
      dischargeDispositions: list(DISCHARGE_DISPOSITIONS),
      bedStatuses: Object.entries(BED_STATUS).map(([code, display]) => ({ code, display })),
    };
  });
}
