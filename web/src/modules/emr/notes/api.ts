// The notes API (/api/emr/notes…) as the pages use it.
import { api } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface SectionTemplate {
  key: string;
  title: Bilingual;
  loinc?: { code: string; display: string };
  required: boolean;
  hint: Bilingual;
}

export interface NoteTemplate {
  key: 'outpatient' | 'admission' | 'progress' | 'discharge';
  title: Bilingual;
  loinc: { code: string; display: string };
  setting: 'outpatient' | 'inpatient';
  sections: SectionTemplate[];
}

export interface Ref {
  reference: string;
  display?: string;
}

export type NoteStatus = 'preliminary' | 'final' | 'amended' | 'entered-in-error';

export interface NoteView {
  id: string;
  version: string;
  lastUpdated?: string;
  status: NoteStatus;
  template?: NoteTemplate['key'];
  title: string;
  patient?: string;
  encounter?: string;
  date?: string;
  authors: Ref[];
  signers: { party?: Ref; time?: string }[];
  sections: Record<string, string>;
}

export interface NoteAnswer {
  note: NoteView;
  composition: Resource;
  provenance?: Resource;
}

export const notesApi = {
  templates: (signal?: AbortSignal) => api.get<{ templates: NoteTemplate[] }>('emr/note-templates', undefined, { signal }).then((r) => r.templates),
  list: (patient: string, encounter?: string, signal?: AbortSignal) =>
    api.get<{ notes: NoteView[] }>('emr/notes', { patient, encounter }, { signal }).then((r) => r.notes),
  get: (id: string) => api.get<NoteAnswer>(`emr/notes/${encodeURIComponent(id)}`),
  create: (b: { patient: string; encounter?: string; template: string; sections?: Record<string, string> }) => api.post<NoteAnswer>('emr/notes', b),
  save: (id: string, b: { sections: Record<string, string>; version?: string }) => api.put<NoteAnswer>(`emr/notes/${encodeURIComponent(id)}`, b),
  sign: (id: string, b: { sections?: Record<string, string>; version?: string }) => api.post<NoteAnswer>(`emr/notes/${encodeURIComponent(id)}/sign`, b),
  amend: (id: string, b: { sections: Record<string, string>; reason: string; version?: string }) => api.post<NoteAnswer>(`emr/notes/${encodeURIComponent(id)}/amend`, b),
  discard: (id: string) => api.del<void>(`emr/notes/${encodeURIComponent(id)}`),
  history: (id: string) => api.get<{ versions: { note: NoteView; provenance?: Resource }[] }>(`emr/notes/${encodeURIComponent(id)}/history`).then((r) => r.versions),
};
