// The appointment lists: a patient's own (portal) and the staff list by patient and/or day. Missed appointments
// are marked as no-shows first, so the lists (and the suspension rule) are current.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import { idFrom, searchAll } from '../../emr/encounters/fhir.js';
import type { BookingDeps } from './booking.js';
import { BOOKING_STAFF, forbidden, hasRole, type Caller } from './caller.js';
import { departmentToken } from './codes.js';
import { markNoShows } from './noshow.js';
import { dayRange, localDate } from './time.js';
import { appointmentViews, type AppointmentView } from './view.js';

async function views(repo: FhirRepository, ctx: RequestContext, params: [string, string][]): Promise<AppointmentView[]> {
  const found = await searchAll(repo, ctx, 'Appointment', [...params, ['_include', 'Appointment:patient'], ['_sort', 'date']], 2000);
  return appointmentViews(repo, ctx, found.matches, found.included);
}

/** GET /mine: the signed-in patient's appointments, earliest first. */
export async function myAppointments(d: BookingDeps, caller: Caller, ctx: RequestContext): Promise<AppointmentView[]> {
  if (!caller.patientId) throw forbidden('GET /api/appointments/mine is for patient accounts; staff use GET /api/appointments?patient=…');
  await markNoShows(d.repo, d.elevated(ctx), { patient: caller.patientId, now: d.now() });
  return views(d.repo, ctx, [['patient', `Patient/${caller.patientId}`]]);
}

export interface ListQuery {
  patient?: string;
  date?: string;
  department?: string;
  status?: string;
}

/** GET /appointments: by patient and/or hospital-local day (default today), for the staff who book. */
export async function staffList(d: BookingDeps, caller: Caller, ctx: RequestContext, q: ListQuery): Promise<{ date?: string; appointments: AppointmentView[] }> {
  if (!hasRole(caller, BOOKING_STAFF)) throw forbidden(`The appointment list is for ${BOOKING_STAFF.join(', ')}; patients use GET /api/appointments/mine`);
  const patient = q.patient ? idFrom(q.patient, 'Patient', 'patient') : undefined;
  const date = q.date ?? (patient ? undefined : localDate(d.now().getTime()));
  await markNoShows(d.repo, d.elevated(ctx), { ...(patient ? { patient } : {}), now: d.now() });
  const day = date ? dayRange(date) : undefined;
  const list = await views(d.repo, ctx, [
    ...(patient ? [['patient', `Patient/${patient}`] as [string, string]] : []),
    ...(day ? [['date', `ge${day.start}`], ['date', `lt${day.end}`]] as [string, string][] : []),
    ...(q.department ? [['specialty', departmentToken(q.department)] as [string, string]] : []),
    ...(q.status ? [['status', q.status] as [string, string]] : []),
  ]);
  return { ...(date ? { date } : {}), appointments: list };
}
