// The account as GET /admin/users shows it.
import type { Role } from '../../../app/module';

export interface AdminUser {
  id: string;
  username: string;
  displayName: string | null;
  roles: Role[];
  fhirUser: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  totpEnrolled: boolean;
  totpRequired: boolean;
  demoPassword: boolean;
  passwordChangedAt: string | null;
  createdAt: string | null;
}

export const ALL_ROLES: Role[] = ['doctor', 'nurse', 'pharmacist', 'technician', 'manager', 'dispatcher', 'admin', 'patient', 'device'];
export const STAFF: Role[] = ['admin', 'doctor', 'nurse', 'pharmacist', 'technician', 'manager', 'dispatcher'];
