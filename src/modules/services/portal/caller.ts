// Who is calling a portal route: the patient behind the signed-in account, or a clinician for the staff actions.
import type { FastifyRequest } from 'fastify';
import { FhirError } from '../../../fhir/errors.js';

const forbidden = (msg: string) => new FhirError(403, 'forbidden', msg);

function rolesOf(req: FastifyRequest): string[] {
  return req.user?.roles ?? req.audit?.actor.roles ?? [];
}

/**
 * The Patient id of a patient account (fhirUser Patient/x). Staff, and patient accounts acting for someone else
 * (RelatedPerson), get 403: the portal shows one's own record only.
 */
export function patientIdOf(req: FastifyRequest): string {
  const fhirUser = req.user?.fhirUser ?? req.audit?.actor.fhirUser;
  const m = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(fhirUser ?? '');
  if (!rolesOf(req).includes('patient') || !m) throw forbidden('The patient portal is for patient accounts linked to their own Patient record');
  return m[1] as string;
}

/** Only doctors release results to patients (the decision is clinical: the doctor has explained or reviewed them). */
export function requireDoctor(req: FastifyRequest): void {
  if (!rolesOf(req).includes('doctor')) throw forbidden('Only a doctor can release a report to the patient');
}
