// Who may triage, and as whom the triage is recorded.
//
// Access for registering an ED arrival: the nurse policy is ward-based (patients with an active Encounter at the
// locations of her PractitionerRole), and a new arrival has no such Encounter yet — often no Patient record either.
// So POST /encounters checks here that the caller is a nurse or a doctor, then writes the Patient (when new), the
// Encounter at the ED's triage location, the Observations and the RiskAssessment in ONE transaction with
// deps.elevated(ctx): still audited as the caller, and only for that step. From then on the patient is on her
// "ward" (the ED nurse's PractitionerRole lists the triage location) and re-triage, override, status and the board
// run with her own context.
import type { FastifyRequest } from 'fastify';
import { FhirError } from '../../../fhir/errors.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import { fhirUserOf, hasRole } from '../../caller.js';
import type { Reference } from './fhir.js';
import type { Lang } from './engine.js';

export const TRIAGE_ROLES = ['nurse', 'doctor'];

/** 403 unless the caller is a nurse or a doctor (an unrestricted context — HUIYI_DEV_OPEN_FHIR — may too). */
export function requireTriageStaff(req: FastifyRequest, ctx: RequestContext): void {
  if (!ctx.access) return;
  if (!hasRole(req, TRIAGE_ROLES)) throw new FhirError(403, 'forbidden', `Triage needs one of the roles ${TRIAGE_ROLES.join(', ')}`);
}

/** The caller as RiskAssessment.performer / Observation.performer: their PractitionerRole or Practitioner. */
export function performerOf(req: FastifyRequest): Reference | undefined {
  const who = fhirUserOf(req);
  if (!who || !/^(PractitionerRole|Practitioner)\/[A-Za-z0-9\-.]{1,64}$/.test(who)) return undefined;
  return { reference: who };
}

/** The language of the reasons: the body's lang, else the Accept-Language (zh unless it asks for another). */
export function langOf(req: FastifyRequest, explicit?: string): Lang {
  if (explicit === 'zh' || explicit === 'en') return explicit;
  const first = String(req.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first && !first.startsWith('zh') ? 'en' : 'zh';
}
