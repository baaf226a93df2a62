// Who is calling a module route, as the security layer established it (web session or SMART token): roles, the
// FHIR resource the account stands for, and the Patient behind a patient account. One place for every module.
import type { FastifyRequest } from 'fastify';
import { FhirError } from '../fhir/errors.js';

export function rolesOf(req: FastifyRequest): string[] {
  return req.user?.roles ?? req.audit?.actor.roles ?? [];
}

/** The signed-in user's fhirUser, e.g. PractitionerRole/prole-001 or Patient/pat-0001. */
export function fhirUserOf(req: FastifyRequest): string | undefined {
  return req.user?.fhirUser ?? req.audit?.actor.fhirUser;
}

/** The Patient id of a patient account (fhirUser Patient/x); undefined for staff and anyone else. */
export function patientOf(req: FastifyRequest): string | undefined {
  const roles = rolesOf(req);
  if (!roles.includes('patient') || roles.some((r) => r !== 'patient')) return undefined;
  return /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(fhirUserOf(req) ?? '')?.[1];
}

export const hasRole = (req: FastifyRequest, roles: readonly string[]) => rolesOf(req).some((r) => roles.includes(r));

export const forbidden = (message: string) => new FhirError(403, 'forbidden', message);

/** 403 unless the caller has one of the roles; `what` names the action in the message. */
export function requireRole(req: FastifyRequest, roles: readonly string[], what: string): void {
  if (!hasRole(req, roles)) throw forbidden(`${what} is for ${roles.join(', ')} accounts`);
}
