// The patient endpoints (/api/emr/patients…) as the pages use them, and the shapes they answer.
import { ApiError, api, request } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';

export interface Age {
  value: number;
  unit: 'year' | 'month' | 'day';
}

/** GET /api/emr/patients items (src/modules/emr/patients/summary.ts) */
export interface PatientSummary {
  id: string;
  active: boolean;
  name: string;
  pinyin?: string;
  sex?: string;
  birthDate?: string;
  age?: Age;
  mrn?: string;
  idType?: string;
  idNumberMasked?: string;
  phone?: string;
  mergedInto?: string;
  replaces?: string[];
}

export type MatchedBy = 'recent' | 'id-number' | 'phone' | 'number' | 'document' | 'name' | 'name-contains' | 'pinyin';

export interface SearchPage {
  query: string;
  matchedBy: MatchedBy;
  total?: number;
  items: PatientSummary[];
  next?: string;
}

export interface PatientDetail {
  patient: PatientSummary;
  merges: { provenance: string; recorded: string; source?: string; target?: string; reason: string; agent?: string; agentName?: string }[];
}

export function searchPatients(q: string, o: { page?: string; count?: number; signal?: AbortSignal } = {}): Promise<SearchPage> {
  return api.get<SearchPage>('emr/patients', { q, page: o.page, count: o.count ?? 20 }, { signal: o.signal });
}

export function readPatient(id: string, signal?: AbortSignal): Promise<PatientDetail> {
  return api.get<PatientDetail>(`emr/patients/${encodeURIComponent(id)}`, undefined, { signal });
}

export interface RegistrationBody {
  name?: string;
  sex?: string;
  birthDate?: string;
  idType?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  contact?: { name?: string; relationship?: string; phone?: string };
  confirmDuplicate?: boolean;
}

/** The server words its problems in the UI's language (Accept-Language), so its texts match the form's own. */
const language = (lang: string) => ({ 'accept-language': lang === 'en' ? 'en' : 'zh-CN' });

export function registerPatient(body: RegistrationBody, lang: string): Promise<Resource> {
  return request<Resource>('POST', 'emr/patients', { body, headers: language(lang) });
}

export function mergePatients(body: { source: string; target: string; reason: string }, lang: string): Promise<{ source: Resource; target: Resource; provenance: Resource }> {
  return request('POST', 'emr/patients/merge', { body, headers: language(lang) });
}

/** A 409 duplicate answer: which kind, and the existing patients it carries (contained). */
export function duplicateOf(e: unknown): { kind: 'duplicate-id' | 'possible-duplicate'; existing: Resource[] } | undefined {
  if (!(e instanceof ApiError) || e.status !== 409) return undefined;
  const code = e.issues[0]?.details?.coding?.[0]?.code;
  if (code !== 'duplicate-id' && code !== 'possible-duplicate') return undefined;
  const contained = ((e.body as { contained?: Resource[] } | undefined)?.contained ?? []).filter((r) => r.resourceType === 'Patient');
  return { kind: code, existing: contained };
}
