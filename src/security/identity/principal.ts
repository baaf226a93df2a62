// Who is making a request, as set by identityPlugin from the session cookie.
import type { Role } from './roles.js';
import type { ActiveSession } from './sessions.js';

export interface Principal {
  tenant: string;
  userId: string;
  username: string;
  roles: Role[];
  /** the FHIR resource the user is, e.g. PractitionerRole/prole-001 (SMART fhirUser); absent for some admins */
  fhirUser?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the logged-in user, or null (no session, or a session that may only enrol TOTP) */
    user: Principal | null;
    /** the session behind the cookie, enrol-only sessions included */
    identitySession: ActiveSession | null;
  }
}

export function principalOf(s: ActiveSession): Principal {
  const p: Principal = { tenant: s.tenant, userId: s.userId, username: s.user.username, roles: [...s.user.roles] };
  if (s.user.fhirUser) p.fhirUser = s.user.fhirUser;
  return p;
}
