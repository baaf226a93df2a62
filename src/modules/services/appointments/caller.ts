// Who is calling, as this module needs it: their roles, and the Patient they are when they are a patient user.
import type { FastifyRequest } from 'fastify';
import { fhirUserOf, forbidden, patientOf, rolesOf } from '../../caller.js';

export { forbidden };

export interface Caller {
  roles: string[];
  fhirUser?: string;
  /** the caller's own Patient id, for a patient user without a staff role */
  patientId?: string;
}

/** Staff who book, cancel and reschedule for any patient they may see. */
export const BOOKING_STAFF = ['doctor', 'nurse'];
/** Staff who generate slots and stop clinic sessions. */
export const ROSTER_STAFF = ['admin', 'doctor', 'nurse'];

export function callerOf(req: FastifyRequest): Caller {
  const roles = rolesOf(req);
  const fhirUser = fhirUserOf(req);
  const patientId = patientOf(req);
  return { roles: [...roles], ...(fhirUser ? { fhirUser } : {}), ...(patientId ? { patientId } : {}) };
}

export const hasRole = (c: Caller, roles: readonly string[]) => c.roles.some((r) => roles.includes(r));

/** A staff member allowed to book for others, or a patient user (who books for themselves). */
export function requireBooker(c: Caller): void {
  if (c.patientId || hasRole(c, BOOKING_STAFF)) return;
  if (c.roles.includes('patient')) throw forbidden('This patient account is not linked to a patient record');
  throw forbidden(`Booking needs a patient account or one of the roles ${BOOKING_STAFF.join(', ')}`);
}
