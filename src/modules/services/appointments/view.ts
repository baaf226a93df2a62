// An Appointment as the lists show it: times, department, doctor, room, patient, and why it was cancelled.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { nameOf, refId, type CodeableConcept, type Reference } from '../../emr/encounters/fhir.js';
import { departmentCode, departmentName, EXT, SYS, type DepartmentName } from './codes.js';
import { actorIds, loadDirectory, type Doctor, type Room } from './directory.js';

export interface AppointmentView {
  id: string;
  status: string;
  start?: string;
  end?: string;
  slot?: string;
  department?: DepartmentName;
  doctor?: Doctor;
  room?: Room;
  patient?: { id: string; name?: string };
  /** cancellation-reason code (pat: the patient, prov: the clinic, e.g. 停诊) and the text given */
  cancelReason?: { code?: string; text?: string };
  /** the pre-visit note from the smart guide (QuestionnaireResponse id) */
  guide?: string;
  channel?: string;
  created?: string;
}

type Participant = { actor?: Reference };

export const participantRefs = (a: Resource) => ((a.participant as Participant[] | undefined) ?? []).map((p) => p.actor);

export async function appointmentViews(repo: FhirRepository, ctx: RequestContext, list: Resource[], included: Resource[] = []): Promise<AppointmentView[]> {
  const actors = list.map((a) => actorIds(participantRefs(a)));
  const dir = await loadDirectory(repo, ctx, actors.flatMap((a) => (a.role ? [a.role] : [])), actors.flatMap((a) => (a.location ? [a.location] : [])));
  const patients = new Map(included.filter((r) => r.resourceType === 'Patient').map((p) => [p.id as string, p]));
  return list.map((a, i) => {
    const ids = actors[i] ?? {};
    const refs = participantRefs(a);
    const display = (type: string) => refs.find((r) => r?.reference?.startsWith(`${type}/`))?.display;
    const code = departmentCode(a.specialty) ?? departmentCode(a.serviceType);
    const doctor = dir.doctor(ids.role, display('PractitionerRole'));
    const room = dir.room(ids.location, display('Location'));
    const reason = a.cancelationReason as CodeableConcept | undefined;
    const reasonCode = (reason?.coding ?? []).find((c) => c.system === SYS.cancelReason)?.code;
    const guide = ((a.supportingInformation as Reference[] | undefined) ?? []).map((r) => refId(r, 'QuestionnaireResponse')).find((x) => !!x);
    const channel = ((a.extension as { url: string; valueCode?: string }[] | undefined) ?? []).find((e) => e.url === EXT.bookingChannel)?.valueCode;
    const patientName = nameOf(patients.get(ids.patient ?? '')) ?? display('Patient');
    return {
      id: a.id as string, status: a.status as string,
      ...(a.start ? { start: a.start as string } : {}), ...(a.end ? { end: a.end as string } : {}),
      ...(refId((a.slot as Reference[] | undefined)?.[0], 'Slot') ? { slot: refId((a.slot as Reference[])[0], 'Slot') as string } : {}),
      ...(code ? { department: departmentName(code) } : {}), ...(doctor ? { doctor } : {}), ...(room ? { room } : {}),
      ...(ids.patient ? { patient: { id: ids.patient, ...(patientName ? { name: patientName } : {}) } } : {}),
      ...(a.status === 'cancelled' && reason ? { cancelReason: { ...(reasonCode ? { code: reasonCode } : {}), ...(reason.text ? { text: reason.text } : {}) } } : {}),
      ...(guide ? { guide } : {}), ...(channel ? { channel } : {}), ...(a.created ? { created: a.created as string } : {}),
    };
  });
}
