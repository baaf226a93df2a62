// What the portal pages call: the portal's own routes (/api/portal), and the appointments and queue modules'
// routes as their contracts describe them (/api/appointments, /api/queue). Every call names the UI language, so
// the server words its problems the way the page does.
import { request } from '../../../app/api';
import { i18n } from '../../../app/i18n';
import type { Resource } from '../../../app/fhir-types';

const language = () => ({ 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' });
const get = <T>(path: string, query?: Record<string, string | undefined>, signal?: AbortSignal) => request<T>('GET', path, { query, signal, headers: language() });
const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body, headers: language() });

export interface Age { value: number; unit: 'year' | 'month' | 'day' }
export interface Me {
  patient: { id: string; name: string; sex?: string; birthDate?: string; age?: Age; mrn?: string; idType?: string; idNumberMasked?: string; phone?: string };
  unread: number;
  pendingSurveys: number;
}

export interface RegisterBody {
  name?: string; idType?: string; idNumber?: string; phone?: string; sex?: string; birthDate?: string; username?: string; password?: string;
}

export interface ReleasedReport { report: Resource; released: string; observations: Resource[] }

export interface OfferedSlot { id: string; start?: string; end?: string; status?: string; with?: string[] }
export interface InboxMessage {
  id: string; sent?: string; received?: string; text: string; texts: { zh?: string; en?: string };
  sender?: string; about?: string; appointment?: string; offeredSlots: OfferedSlot[];
}

export interface PendingVisit {
  encounter: string; start?: string; end?: string; doctor?: string;
  department?: { code?: string; name: string; nameEn?: string };
}

export interface Department { code: string; name: string; nameEn?: string; nextFree?: string }
export interface Doctor { role?: string; practitioner?: string; name?: string; title?: string }
export interface Room { id: string; name?: string; description?: string }
export interface SlotView { id: string; start: string; end: string; status: string; department?: Department; doctor?: Doctor; room?: Room }
export interface AppointmentView {
  id: string; status: string; start?: string; end?: string; slot?: string;
  department?: Department; doctor?: Doctor; room?: Room;
  cancelReason?: { code?: string; text?: string };
}

/** what the patient told the smart guide (H1's GuideInput), kept as the pre-visit note when booking */
export interface GuideInput { text: string; age?: number; sex?: 'female' | 'male'; pregnant?: boolean; lang?: 'zh' | 'en'; bodyParts?: string[] }

export type QueueStatus = 'waiting' | 'called' | 'skipped' | 'done' | 'cancelled';
export interface MyTicket {
  id: string; ticket: number; status: QueueStatus; date: string; checkedInAt: string; calledAt?: string;
  position?: number; rejoinsAfterCalls?: number; appointment?: string; doctor?: string;
  room: { id: string; name: string; nameEn?: string };
}
export interface CheckInAnswer { ticket: number | { number?: number }; room: { id: string; name: string; nameEn?: string }; position?: number }

export const portal = {
  register: (body: RegisterBody) => post<{ username: string; patient: { id: string; name: string; mrn?: string } }>('portal/register', body),
  me: (signal?: AbortSignal) => get<Me>('portal/me', undefined, signal),
  results: (signal?: AbortSignal) => get<{ reports: ReleasedReport[] }>('portal/results', undefined, signal),
  inbox: (signal?: AbortSignal) => get<{ messages: InboxMessage[]; unread: number }>('portal/inbox', undefined, signal),
  markRead: (id: string) => post<InboxMessage>(`portal/inbox/${encodeURIComponent(id)}/read`),
  questionnaire: (signal?: AbortSignal) => get<Resource>('portal/surveys/questionnaire', undefined, signal),
  pendingSurveys: (signal?: AbortSignal) => get<{ visits: PendingVisit[] }>('portal/surveys/pending', undefined, signal),
  submitSurvey: (encounter: string, answers: Record<string, unknown>) => post<Resource>('portal/surveys', { encounter, answers }),
};

export const appointments = {
  departments: (signal?: AbortSignal) => get<{ departments: Department[] }>('appointments/departments', undefined, signal),
  slots: (department: string, date: string, signal?: AbortSignal) => get<{ slots: SlotView[] }>('appointments/slots', { department, date }, signal),
  book: (slot: string, guide?: GuideInput) => post<{ appointment: Resource }>('appointments', { slot, ...(guide ? { guide } : {}) }),
  mine: (signal?: AbortSignal) => get<{ appointments: AppointmentView[] }>('appointments/mine', undefined, signal),
  cancel: (id: string) => post<{ appointment: Resource }>(`appointments/${encodeURIComponent(id)}/cancel`, {}),
  reschedule: (id: string, slot: string) => post<{ appointment: Resource }>(`appointments/${encodeURIComponent(id)}/reschedule`, { slot }),
};

export const queue = {
  checkIn: (appointment: string) => post<CheckInAnswer>('queue/check-in', { appointment }),
  mine: (signal?: AbortSignal) => get<{ date?: string; tickets: MyTicket[] }>('queue/mine', undefined, signal),
};
