// The encounter endpoints of /api/emr (outpatient visits, admissions, transfers, discharges, bed boards, work lists).
import { api } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';

export type EncounterStatus = 'planned' | 'arrived' | 'triaged' | 'in-progress' | 'onleave' | 'finished' | 'cancelled' | 'entered-in-error' | 'unknown';
export type BedStatus = 'C' | 'H' | 'I' | 'K' | 'O' | 'U';

export interface Place {
  id: string;
  name?: string;
  alias?: string[];
}
export interface Stay {
  encounter: Resource;
  patient?: Resource;
}
export interface BedSlot extends Place {
  room?: Place;
  status: BedStatus;
  stay?: Stay;
}
export interface WardInfo extends Place {
  description?: string;
  department?: { reference?: string; display?: string };
}
export interface WardSummary extends WardInfo {
  beds: number;
  free: number;
}
export interface WardBoard {
  ward: WardInfo;
  beds: BedSlot[];
  unassigned: Stay[];
  counts: { beds: number; free: number; occupied: number; closed: number };
}
export interface CodeItem {
  code: string;
  display: string;
  zh?: string;
}

/** Today as the browser sees it: the date and its UTC offset, so "today" is the user's day. */
export function today(): { date: string; tz: string } {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const tz = `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, tz };
}

export const encountersApi = {
  startVisit: (body: { patient: string; status?: 'planned' | 'arrived'; location?: string; reason?: { code?: string; text?: string } }) =>
    api.post<Resource>('emr/visits', body),
  changeStatus: (id: string, status: EncounterStatus) => api.post<Resource>(`emr/encounters/${encodeURIComponent(id)}/status`, { status }),
  admit: (body: { patient: string; bed: string; reason?: { code?: string; text?: string }; admitSource?: string }) =>
    api.post<Resource>('emr/admissions', body),
  transfer: (id: string, bed: string) => api.post<Resource>(`emr/encounters/${encodeURIComponent(id)}/transfer`, { bed }),
  discharge: (id: string, disposition: string) => api.post<Resource>(`emr/encounters/${encodeURIComponent(id)}/discharge`, { disposition }),
  wards: (signal?: AbortSignal) => api.get<{ wards: WardSummary[] }>('emr/wards', undefined, { signal }),
  beds: (ward: string, free: boolean, signal?: AbortSignal) =>
    api.get<{ beds: BedSlot[] }>(`emr/wards/${encodeURIComponent(ward)}/beds`, free ? { free: true } : undefined, { signal }),
  board: (ward: string, signal?: AbortSignal) => api.get<WardBoard>(`emr/wards/${encodeURIComponent(ward)}/board`, undefined, { signal }),
  myClinic: (signal?: AbortSignal) => api.get<{ day: { start: string; end: string }; visits: Stay[] }>('emr/my/clinic', today(), { signal }),
  myInpatients: (signal?: AbortSignal) => api.get<{ stays: Stay[]; locations: Resource[] }>('emr/my/inpatients', undefined, { signal }),
  myWards: (signal?: AbortSignal) => api.get<{ wards: WardBoard[] }>('emr/my/wards', undefined, { signal }),
  codes: (signal?: AbortSignal) =>
    api.get<{ admitSources: CodeItem[]; dischargeDispositions: CodeItem[]; bedStatuses: CodeItem[] }>('emr/encounter-codes', undefined, { signal }),
};
