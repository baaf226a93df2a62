// The no-show rule (rules.ts cites the standard): booked appointments whose end plus a grace has passed without a
// check-in become `noshow`; too many of them in the window suspend the patient's online self-booking.
import { FhirError } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { searchAll } from '../../emr/encounters/fhir.js';
import { NO_SHOW_GRACE_MINUTES } from './rules.js';
import type { AppointmentSettings } from './settings.js';

const DAY_MS = 86_400_000;

/**
 * Mark the missed appointments (of one patient, or of everyone) as noshow. A concurrent change (a late check-in)
 * wins: that appointment is left alone. Answers how many were marked. `ctx` must be allowed to write them.
 */
export async function markNoShows(repo: FhirRepository, ctx: RequestContext, o: { patient?: string; now: Date }): Promise<number> {
  const cutoff = o.now.getTime() - NO_SHOW_GRACE_MINUTES * 60_000;
  const found = await searchAll(repo, ctx, 'Appointment', [
    ['status', 'booked'], ['date', `lt${new Date(cutoff).toISOString()}`], ...(o.patient ? [['patient', `Patient/${o.patient}`] as [string, string]] : []),
  ], 10_000);
  let marked = 0;
  for (const a of found.matches) {
    const end = Date.parse((a.end ?? a.start) as string);
    if (!(end <= cutoff)) continue;
    try {
      await repo.update(ctx, { ...a, status: 'noshow' }, { ifMatch: a.meta?.versionId as string });
      marked++;
    } catch (e) {
      if (!(e instanceof FhirError && (e.status === 409 || e.status === 412))) throw e;
    }
  }
  return marked;
}

export interface Suspension {
  noShows: number;
  /** when self-booking opens again (FHIR instant) */
  until: string;
}

/** The patient's suspension from self-booking, or null. */
export async function suspension(repo: FhirRepository, ctx: RequestContext, patient: string, s: AppointmentSettings, now: Date): Promise<Suspension | null> {
  if (s.noShowLimit === 0) return null;
  const since = new Date(now.getTime() - s.noShowDays * DAY_MS).toISOString();
  const missed: Resource[] = (await searchAll(repo, ctx, 'Appointment', [['patient', `Patient/${patient}`], ['status', 'noshow'], ['date', `ge${since}`]], 10_000)).matches;
  if (missed.length < s.noShowLimit) return null;
  const times = missed.map((a) => Date.parse(a.start as string)).sort((a, b) => a - b);
  // the count drops below the limit once the (n - limit + 1)-th most recent no-show leaves the window
  const until = (times[times.length - s.noShowLimit] as number) + s.noShowDays * DAY_MS;
  return { noShows: missed.length, until: new Date(until).toISOString() };
}

export function suspendedError(x: Suspension, s: AppointmentSettings): FhirError {
  return new FhirError(403, 'suspended',
    `Online booking is suspended until ${x.until}: ${x.noShows} missed appointments (no-shows) in the last ${s.noShowDays} days (limit ${s.noShowLimit}); please book at the hospital's desk`);
}
