// The /api/appointments endpoints as the pages use them (src/modules/services/appointments), and hospital-local days.
import { api } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';

export interface Department {
  code: string;
  name: string;
  nameEn: string;
  nextFree?: string;
}
export interface Doctor {
  role: string;
  practitioner?: string;
  name?: string;
  title?: string;
  titleCode?: string;
}
export interface Room {
  id: string;
  name?: string;
  description?: string;
  alias?: string[];
}
export type SlotStatus = 'free' | 'busy' | 'busy-unavailable' | 'busy-tentative' | 'entered-in-error';
export interface SlotView {
  id: string;
  start: string;
  end: string;
  status: SlotStatus;
  schedule?: string;
  department?: Department;
  doctor?: Doctor;
  room?: Room;
}
export interface AppointmentView {
  id: string;
  status: string;
  start?: string;
  end?: string;
  slot?: string;
  department?: Department;
  doctor?: Doctor;
  room?: Room;
  patient?: { id: string; name?: string };
  cancelReason?: { code?: string; text?: string };
  guide?: string;
  channel?: 'portal' | 'desk';
}
export interface ScheduleView {
  id: string;
  department?: Department;
  doctor?: Doctor;
  room?: Room;
}
export interface GenerateResult {
  from: string;
  to: string;
  slotMinutes: number;
  schedules: number;
  sessions: number;
  generatedSessions: number;
  created: number;
}
export interface StopResult {
  slots: number;
  cancelled: number;
  notified: number;
  offered: SlotView[];
}

const enc = encodeURIComponent;

export const appointmentsApi = {
  departments: (signal?: AbortSignal) => api.get<{ departments: Department[] }>('appointments/departments', undefined, { signal }),
  slots: (department: string, date: string, signal?: AbortSignal) => api.get<{ slots: SlotView[] }>('appointments/slots', { department, date }, { signal }),
  schedules: (department: string | undefined, signal?: AbortSignal) => api.get<{ schedules: ScheduleView[] }>('appointments/schedules', { department }, { signal }),
  book: (body: { slot: string; patient?: string; guide?: unknown }) => api.post<{ appointment: Resource }>('appointments', body),
  list: (q: { date?: string; patient?: string; department?: string; status?: string }, signal?: AbortSignal) =>
    api.get<{ date?: string; appointments: AppointmentView[] }>('appointments', q, { signal }),
  mine: (signal?: AbortSignal) => api.get<{ appointments: AppointmentView[] }>('appointments/mine', undefined, { signal }),
  cancel: (id: string, reason?: string) => api.post<{ appointment: Resource }>(`appointments/${enc(id)}/cancel`, reason ? { reason } : {}),
  reschedule: (id: string, slot: string) => api.post<{ appointment: Resource }>(`appointments/${enc(id)}/reschedule`, { slot }),
  generate: (body: { from?: string; days?: number }) => api.post<GenerateResult>('appointments/slots/generate', body),
  stop: (body: { schedule: string; date: string; session?: 'am' | 'pm'; reason: string }) => api.post<StopResult>('appointments/sessions/stop', body),
};

const OFFSET_MS = 8 * 3_600_000;

/** Today in the hospital's time zone (Asia/Shanghai), YYYY-MM-DD, whatever the browser's zone. */
export function hospitalToday(now = Date.now()): string {
  return new Date(now + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday of a YYYY-MM-DD. */
export const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** HH:MM and YYYY-MM-DD of a hospital-local FHIR dateTime. */
export const timeOf = (dateTime: string) => new Date(Date.parse(dateTime) + OFFSET_MS).toISOString().slice(11, 16);
export const dayOf = (dateTime: string) => new Date(Date.parse(dateTime) + OFFSET_MS).toISOString().slice(0, 10);
