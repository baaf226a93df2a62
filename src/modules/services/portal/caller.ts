// Who is calling a portal route: the patient behind the signed-in account, or a clinician for the staff actions.
import type { FastifyRequest } from 'fastify';
import { forbidden, hasRole, patientOf } from '../../caller.js';

/**
 * The Patient id of a patient account (fhirUser Patient/x). Staff, and patient accounts acting for someone else
 * (RelatedPerson), get 403: the portal shows one's own record only.
 */
export function patientIdOf(req: FastifyRequest): string {
  const id = patientOf(req);
  if (!id) throw forbidden('The patient portal is for patient accounts linked to their own Patient record');
  return id;
}

/** Only doctors release results to patients (the decision is clinical: the doctor has explained or reviewed them). */
export function requireDoctor(req: FastifyRequest): void {
  if (!hasRole(req, ['doctor'])) throw forbidden('Only a doctor can release a report to the patient');
}
