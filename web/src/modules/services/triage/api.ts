// The triage endpoints (/api/triage…, src/modules/services/triage) as the pages use them, and the shapes they answer.
import { api } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';

export type Algorithm = 'cn2018' | 'esi4';
export type Zone = 'red' | 'yellow' | 'green';

export interface Vitals {
  heartRate?: number;
  systolicBP?: number;
  usualSystolicBP?: number;
  respiratoryRate?: number;
  spo2?: number;
  temperature?: number;
  gcs?: number;
  painScore?: number;
  glucose?: number;
  potassium?: number;
  onOxygen?: boolean;
}

export interface TriageInput {
  algorithm?: Algorithm;
  age: number;
  vitals?: Vitals;
  complaint?: string;
  flags?: string[];
  expectedResources?: number;
}

export interface Criterion {
  code: string;
  level: number;
  group: 'vital' | 'complaint';
  zh: string;
  en: string;
  value?: number;
}

export interface TriageResult {
  algorithm: Algorithm;
  level: number;
  label: string;
  name: { zh: string; en: string };
  zone: Zone;
  maxWaitMinutes: number;
  reasons: string[];
  criteria: Criterion[];
  vitalLevel: number | null;
  complaintLevel: number | null;
  flags: string[];
  suggestedFlags: { flag: string; words: string[] }[];
}

export interface LevelInfo {
  level: number;
  label: string;
  zh: string;
  en: string;
  zone: Zone;
  maxWaitMinutes: number;
}

export interface Catalogue {
  defaultAlgorithm: Algorithm;
  algorithms: { code: Algorithm; zh: string; en: string; levels: LevelInfo[]; rules: { code: string; level: number; zh: string; en: string; note?: string }[] }[];
  flags: { code: string; zh: string; en: string }[];
}

export interface NewPatient {
  name: string;
  sex: 'male' | 'female' | 'unknown';
  age?: number;
  phone?: string;
}

export interface Override {
  level: number;
  reason: string;
}

export interface Stored {
  encounter: Resource;
  patient?: Resource;
  riskAssessment: Resource;
  triage: TriageResult;
  level: LevelInfo & { algorithm: Algorithm };
  previousLevel?: number;
  raised?: boolean;
}

export interface BoardRow {
  encounter: string;
  status: string;
  patient: { id?: string; name?: string; gender?: string; birthDate?: string };
  location?: { id?: string; name?: string };
  arrivedAt: string;
  minutesWaited: number;
  algorithm?: Algorithm;
  level?: number;
  label?: string;
  zone?: Zone;
  maxWaitMinutes?: number;
  overdue: boolean;
  overdueBy: number;
  alerts: ('overdue' | 'worsened' | 'untriaged')[];
  triagedAt?: string;
  event?: 'initial' | 'retriage' | 'override';
  previousLevel?: number;
  override?: { computed: number; assigned: number; reason: string };
  criteria: string[];
  complaint?: string;
  flags: string[];
  age?: number;
  vitals: Vitals;
  expectedResources?: number;
}

export interface Board {
  at: string;
  patients: BoardRow[];
  counts: { total: number; overdue: number; alerts: number; byZone: Record<Zone, number> };
}

const enc = encodeURIComponent;

export const triageApi = {
  catalogue: (signal?: AbortSignal) => api.get<Catalogue>('triage/catalogue', undefined, { signal }),
  compute: (input: TriageInput, lang: string) => api.post<TriageResult>('triage', { ...input, lang: lang === 'en' ? 'en' : 'zh' }),
  register: (body: TriageInput & { patient?: string; newPatient?: NewPatient; override?: Override }, lang: string) =>
    api.post<Stored>('triage/encounters', { ...body, lang: lang === 'en' ? 'en' : 'zh' }),
  retriage: (id: string, body: Partial<TriageInput>, lang: string) =>
    api.post<Stored>(`triage/encounters/${enc(id)}/retriage`, { ...body, lang: lang === 'en' ? 'en' : 'zh' }),
  override: (id: string, body: Override) => api.post<Stored>(`triage/encounters/${enc(id)}/override`, body),
  status: (id: string, status: 'seen' | 'left') => api.post<Resource>(`triage/encounters/${enc(id)}/status`, { status }),
  board: (signal?: AbortSignal) => api.get<Board>('triage/board', undefined, { signal }),
  boardEventsUrl: '/api/triage/board/events',
};
