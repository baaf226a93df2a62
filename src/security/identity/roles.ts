// Roles and the FHIR resource each kind of account stands for (its SMART `fhirUser`).

export const ROLES = ['admin', 'doctor', 'nurse', 'pharmacist', 'technician', 'manager', 'patient', 'dispatcher', 'device'] as const;
export type Role = (typeof ROLES)[number];

/** Hospital staff: people with a Practitioner record. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'doctor', 'nurse', 'pharmacist', 'technician', 'manager', 'dispatcher'];
/** Roles whose account must be linked to a FHIR resource (their data access is scoped by it). */
const LINK_REQUIRED: readonly Role[] = ['doctor', 'nurse', 'pharmacist', 'technician', 'patient', 'device'];

type Kind = 'staff' | 'patient' | 'device';
const LINK_TYPES: Record<Kind, readonly string[]> = {
  staff: ['Practitioner', 'PractitionerRole'],
  patient: ['Patient', 'RelatedPerson'],
  device: ['Device'],
};

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((r) => STAFF_ROLES.includes(r));
}

/** Parse a comma/space separated role list; throws on unknown roles. */
export function parseRoles(input: string | readonly string[]): Role[] {
  const parts = (typeof input === 'string' ? input.split(/[\s,]+/) : [...input]).map((s) => s.trim().toLowerCase()).filter(Boolean);
  const out: Role[] = [];
  for (const p of parts) {
    if (!isRole(p)) throw new Error(`unknown role "${p}" (roles: ${ROLES.join(', ')})`);
    if (!out.includes(p)) out.push(p);
  }
  if (!out.length) throw new Error(`at least one role is required (roles: ${ROLES.join(', ')})`);
  return out;
}

function kindOf(roles: readonly Role[]): Kind {
  const kinds = new Set<Kind>(roles.map((r) => (r === 'patient' ? 'patient' : r === 'device' ? 'device' : 'staff')));
  // One account is one identity: a nurse who is also a patient gets two accounts.
  if (kinds.size > 1) throw new Error(`roles ${roles.join(', ')} cannot be combined: staff, patient and device accounts are separate`);
  return [...kinds][0] as Kind;
}

/**
 * Check the FHIR link against the roles: staff → Practitioner/PractitionerRole, patient → Patient/RelatedPerson,
 * device → Device. Returns the normalised reference, or null when none is given and none is required.
 */
export function checkFhirLink(roles: readonly Role[], ref: string | null | undefined): string | null {
  const kind = kindOf(roles);
  const value = ref?.trim() || null;
  if (!value) {
    const needs = roles.filter((r) => LINK_REQUIRED.includes(r));
    if (needs.length) throw new Error(`role ${needs[0]} requires a FHIR link (${LINK_TYPES[kind].join(' or ')}/id)`);
    return null;
  }
  const m = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  if (!m) throw new Error(`FHIR link "${value}" must be a relative reference Type/id`);
  if (!LINK_TYPES[kind].includes(m[1] as string)) {
    throw new Error(`FHIR link "${value}" does not fit roles ${roles.join(', ')}: expected ${LINK_TYPES[kind].join(' or ')}`);
  }
  return value;
}
