// An access policy: what one role may do, as data an admin can edit.
import { SearchParamRegistry } from '../../fhir/definitions/search-params.js';
import { ROLES } from '../identity/roles.js';

export type PatientScope = 'all' | 'ward' | 'self' | 'none';
export const PATIENT_SCOPES: readonly PatientScope[] = ['all', 'ward', 'self', 'none'];

export interface AccessPolicy {
  role: string;
  description?: string;
  /** resource types readable (read, vread, search, history); '*' = every type */
  read: string[];
  /** types the role may create, update and patch */
  write: string[];
  delete: string[];
  /** whose records: every patient, the patients on the user's wards, the user's own, none */
  patients: PatientScope;
  /** types readable whatever `patients` says (default: the directory types) */
  shared?: string[];
  /** may open another patient's record for a stated reason (audited, shown to the patient's doctors) */
  breakGlass?: boolean;
}

/** Problems with a policy as sent by an admin; empty when it is acceptable. */
export function policyProblems(p: unknown, role: string): string[] {
  const out: string[] = [];
  if (!p || typeof p !== 'object' || Array.isArray(p)) return ['the policy must be a JSON object'];
  const o = p as Record<string, unknown>;
  if (!(ROLES as readonly string[]).includes(role)) out.push(`unknown role "${role}"`);
  if (o.role !== undefined && o.role !== role) out.push(`role "${String(o.role)}" does not match the URL ("${role}")`);
  const known = new Set([...SearchParamRegistry.base().resourceTypes(), '*']);
  for (const k of ['read', 'write', 'delete', 'shared'] as const) {
    const v = o[k];
    if (v === undefined && k === 'shared') continue;
    if (!Array.isArray(v) || !v.every((t) => typeof t === 'string')) {
      out.push(`${k} must be a list of resource types`);
      continue;
    }
    for (const t of v as string[]) if (!known.has(t)) out.push(`${k}: unknown resource type "${t}"`);
  }
  if (!PATIENT_SCOPES.includes(o.patients as PatientScope)) out.push(`patients must be one of ${PATIENT_SCOPES.join(', ')}`);
  if (o.breakGlass !== undefined && typeof o.breakGlass !== 'boolean') out.push('breakGlass must be true or false');
  if (o.description !== undefined && typeof o.description !== 'string') out.push('description must be text');
  const extra = Object.keys(o).filter((k) => !['role', 'description', 'read', 'write', 'delete', 'patients', 'shared', 'breakGlass'].includes(k));
  if (extra.length) out.push(`unknown fields: ${extra.join(', ')}`);
  return out;
}

export const listed = (list: readonly string[], type: string) => list.includes('*') || list.includes(type);
