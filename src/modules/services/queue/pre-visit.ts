// The pre-visit note of a called patient: the smart-guide answers (QuestionnaireResponse) the appointment points to
// in supportingInformation, read with H1's readGuideResponse, so the doctor sees what the patient told the guide.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import { readGuideResponse, type GuideNote } from '../guide/questionnaire-response.js';
import { supportingResponses } from './appointment.js';
import type { TicketView } from './views.js';

export type PreVisit = GuideNote & { authored?: string };

export async function preVisitNote(repo: FhirRepository, ctx: RequestContext, appointment: string): Promise<PreVisit | undefined> {
  const appt = await repo.read(ctx, 'Appointment', appointment).catch(() => undefined);
  for (const id of appt ? supportingResponses(appt) : []) {
    const qr = await repo.read(ctx, 'QuestionnaireResponse', id).catch(() => undefined);
    const note = qr ? readGuideResponse(qr) : null;
    if (note) return { ...note, ...(typeof qr?.authored === 'string' ? { authored: qr.authored } : {}) };
  }
  return undefined;
}

/** The tickets with their pre-visit notes (for the few being called: each costs two reads). */
export async function preVisitNotes(repo: FhirRepository, ctx: RequestContext, tickets: TicketView[]): Promise<(TicketView & { preVisit?: PreVisit })[]> {
  return Promise.all(tickets.map(async (t) => {
    const preVisit = t.appointment ? await preVisitNote(repo, ctx, t.appointment) : undefined;
    return preVisit ? { ...t, preVisit } : t;
  }));
}
