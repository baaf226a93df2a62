// The orders API (/api/emr/orders…) as the pages use it.
import { api } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Ref {
  reference: string;
  display?: string;
}

export interface Catalogue {
  routes: { code: string; display: string; name: Bilingual }[];
  frequencies: { code: string; name: Bilingual; asNeeded?: true }[];
  doseUnits: { code: string; name: Bilingual }[];
  tests: { key: string; kind: 'laboratory' | 'imaging'; name: Bilingual; loinc?: { code: string; display: string }; specimen?: Bilingual; analytes?: string[] }[];
  analytes: { loinc: { code: string; display: string }; abbr: string; name: Bilingual; unit: string; unitDisplay: string }[];
}

export type StepCode = 'ordered' | 'received' | 'performed' | 'resulted' | 'dispensed' | 'administered' | 'cancelled';

export interface Trail {
  ref: string;
  kind: 'medication' | 'laboratory' | 'imaging';
  title: string;
  status: string;
  authoredOn?: string;
  requester?: Ref;
  dosage?: string;
  test?: string;
  current: StepCode;
  cancelled?: { time?: string; actor?: Ref; reason?: string };
  steps: { step: StepCode; done: boolean; time?: string; actor?: Ref; count?: number }[];
  flags: { abnormal: number; critical: number };
  task?: Resource;
  report?: Resource;
  observations: Resource[];
  dispenses: Resource[];
  administrations: Resource[];
}

export type Family = 'medication' | 'service';
export const familyOf = (t: Trail): Family => (t.kind === 'medication' ? 'medication' : 'service');
export const idOf = (t: Trail) => t.ref.split('/')[1];

export interface OrderAnswer {
  order: Resource;
  trail: Trail;
}

const path = (t: Trail, action: string) => `emr/orders/${familyOf(t)}/${encodeURIComponent(idOf(t))}/${action}`;

export const ordersApi = {
  catalogue: (signal?: AbortSignal) => api.get<Catalogue>('emr/order-catalogue', undefined, { signal }),
  list: (patient: string, signal?: AbortSignal) => api.get<{ orders: Trail[] }>('emr/orders', { patient }, { signal }).then((r) => r.orders),
  orderMedication: (b: { patient: string; encounter?: string; medication: string; dose: { value: number; unit: string }; route: string; frequency: string; days?: number; note?: string }) =>
    api.post<OrderAnswer>('emr/orders/medication', b),
  orderService: (b: { patient: string; encounter?: string; test: string; priority?: string; reason?: string; note?: string }) => api.post<OrderAnswer>('emr/orders/service', b),
  step: (t: Trail, action: 'receive' | 'perform' | 'dispense' | 'administer', body: unknown = {}) => api.post<OrderAnswer>(path(t, action), body),
  results: (t: Trail, body: { results?: { code: string; value: number }[]; findings?: string; conclusion?: string; comment?: string }) => api.post<OrderAnswer>(path(t, 'results'), body),
  cancel: (t: Trail, reason: string) => api.post<OrderAnswer>(path(t, 'cancel'), { reason }),
};
