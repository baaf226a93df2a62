// What the queue reads of an Appointment (H3's shape: participants patient + PractitionerRole + clinic Location,
// slot, start/end, serviceType/specialty = department) and of its clinic session (the Schedule's Slots that day).
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { refId, type CodeableConcept, type Reference } from '../../emr/encounters/fhir.js';
import { departmentCode } from '../appointments/codes.js';
import { dayRange, localDay } from '../appointments/time.js';

export function actorOf(appt: Resource, type: string): string | undefined {
  for (const p of (appt.participant as { actor?: Reference }[] | undefined) ?? []) {
    const id = refId(p.actor, type);
    if (id) return id;
  }
  return undefined;
}

export const departmentOf = (appt: Resource): string | undefined => departmentCode(appt.serviceType) ?? departmentCode(appt.specialty);

export function departmentConceptOf(appt: Resource): CodeableConcept | undefined {
  return ((appt.serviceType ?? appt.specialty) as CodeableConcept[] | undefined)?.[0];
}

/** Ids of the QuestionnaireResponses the appointment points to (the guide's pre-visit answers). */
export function supportingResponses(appt: Resource): string[] {
  return ((appt.supportingInformation as Reference[] | undefined) ?? []).map((r) => refId(r, 'QuestionnaireResponse')).filter((x): x is string => !!x);
}

interface SlotTimes {
  id: string;
  start: number;
  end: number;
}

/**
 * When the clinic session of the appointment's slot ends: the end of the unbroken run of its Schedule's Slots that
 * day around that slot (a lunch break ends the morning session). Undefined when the slot or schedule is unknown.
 */
export async function sessionEnd(repo: FhirRepository, ctx: RequestContext, appt: Resource): Promise<number | undefined> {
  const slotId = refId((appt.slot as Reference[] | undefined)?.[0], 'Slot');
  if (!slotId || typeof appt.start !== 'string') return undefined;
  const slot = await repo.read(ctx, 'Slot', slotId).catch(() => undefined);
  const schedule = refId(slot?.schedule, 'Schedule');
  if (!slot || !schedule) return undefined;
  const day = dayRange(localDay(appt.start));
  const found = await repo.search(ctx, {
    types: ['Slot'], params: [['schedule', `Schedule/${schedule}`], ['start', `ge${day.start}`], ['start', `lt${day.end}`], ['_count', '1000']],
  });
  const slots: SlotTimes[] = found.matches
    .map((s) => ({ id: s.id as string, start: Date.parse(s.start as string), end: Date.parse(s.end as string) }))
    .filter((s) => !Number.isNaN(s.start) && !Number.isNaN(s.end))
    .sort((a, b) => a.start - b.start);
  let i = slots.findIndex((s) => s.id === slotId);
  if (i < 0) return undefined;
  while (i + 1 < slots.length && slots[i + 1]!.start <= slots[i]!.end) i++;
  return slots[i]!.end;
}
