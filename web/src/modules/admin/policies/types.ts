// An access policy as /admin/policies shows it.
export type PatientScope = 'all' | 'ward' | 'self' | 'none';
export const PATIENT_SCOPES: PatientScope[] = ['all', 'ward', 'self', 'none'];

export interface AccessPolicy {
  role: string;
  description?: string;
  read: string[];
  write: string[];
  delete: string[];
  patients: PatientScope;
  shared?: string[];
  breakGlass?: boolean;
  updated?: string;
  updatedBy?: string;
}
