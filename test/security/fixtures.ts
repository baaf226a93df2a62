// A small two-ward hospital in two tenants, users of every role, and ways to call the API as each of them.
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Store } from '../../src/fhir/store/open.js';
import type { Resource } from '../../src/fhir/types.js';
import { migrate } from '../../src/fhir/store/migrations.js';
import { SECURITY_MIGRATIONS } from '../../src/security/migrations.js';
import { UserStore } from '../../src/security/identity/users.js';
import { SessionStore } from '../../src/security/identity/sessions.js';
import { TokenKeys } from '../../src/security/oauth/keys.js';
import { TokenIssuer } from '../../src/security/oauth/tokens.js';
import { registerClient } from '../../src/security/oauth/clients.js';
import { ROLES, type Role } from '../../src/security/identity/roles.js';

export const ISSUER = 'http://localhost:8080';
export const FHIR = `${ISSUER}/fhir`;
export const FAST = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'Correct-horse-battery-9';

const ref = (r: string) => ({ reference: r });
const enc = (id: string, patient: string, ward: string, doctor: string): Resource => ({
  resourceType: 'Encounter', id, status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
  subject: ref(`Patient/${patient}`), location: [{ location: ref(`Location/${ward}`) }], participant: [{ individual: ref(`Practitioner/${doctor}`) }],
});
const obs = (id: string, patient: string): Resource => ({
  resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
  subject: ref(`Patient/${patient}`), valueQuantity: { value: 80, unit: '/min' },
});

/** own = on nurse's ward A and the patient user; other = ward B; tenant = the other hospital */
export const DATA: Resource[] = [
  { resourceType: 'Location', id: 'ward-a', name: 'Ward A', physicalType: { coding: [{ code: 'wa' }] } },
  { resourceType: 'Location', id: 'ward-b', name: 'Ward B', physicalType: { coding: [{ code: 'wa' }] } },
  { resourceType: 'Practitioner', id: 'dr-1', name: [{ text: 'Dr One' }] },
  { resourceType: 'Practitioner', id: 'rn-1', name: [{ text: 'Nurse One' }] },
  { resourceType: 'PractitionerRole', id: 'role-dr', practitioner: ref('Practitioner/dr-1') },
  { resourceType: 'PractitionerRole', id: 'role-rn', practitioner: ref('Practitioner/rn-1'), location: [ref('Location/ward-a')] },
  { resourceType: 'Patient', id: 'pat-own', name: [{ family: 'Own' }] },
  { resourceType: 'Patient', id: 'pat-other', name: [{ family: 'Other' }] },
  enc('enc-own', 'pat-own', 'ward-a', 'dr-1'),
  enc('enc-other', 'pat-other', 'ward-b', 'dr-1'),
  obs('obs-own', 'pat-own'),
  obs('obs-other', 'pat-other'),
];
export const OTHER_TENANT: Resource[] = [{ resourceType: 'Patient', id: 'pat-tenant', name: [{ family: 'Elsewhere' }] }, obs('obs-tenant', 'pat-tenant')];

export const LINKS: Record<Role, string | undefined> = {
  admin: undefined, doctor: 'PractitionerRole/role-dr', nurse: 'PractitionerRole/role-rn', pharmacist: 'Practitioner/dr-1', technician: 'Practitioner/dr-1',
  manager: undefined, patient: 'Patient/pat-own', dispatcher: undefined, device: 'Device/dev-1',
};

export interface World {
  users: Map<Role, { id: string; cookie: string; csrf: string }>;
  /** a SMART access token for a user (or a client with sub = client id) */
  token(c: { sub: string; scope: string; patient?: string; tenant?: string }): Promise<string>;
}

export async function buildWorld(store: Store): Promise<World> {
  await migrate(store.db, undefined, SECURITY_MIGRATIONS);
  for (const r of DATA) await store.repo.update({ tenant: 'default' }, r);
  for (const r of OTHER_TENANT) await store.repo.update({ tenant: 'other' }, r);
  const users = new UserStore(store.db, { hash: FAST });
  const sessions = new SessionStore(store.db);
  const out = new Map<Role, { id: string; cookie: string; csrf: string }>();
  for (const role of ROLES) {
    const u = await users.create('default', { username: `${role}-user`, password: PASSWORD, roles: role, fhirUser: LINKS[role] ?? null });
    const s = await sessions.create('default', u.id, {});
    out.set(role, { id: u.id, cookie: `huiyi_session=${s.id}`, csrf: s.csrfToken });
  }
  const keys = await TokenKeys.open(store.db);
  const { client } = await registerClient(store.db, 'default', { name: 'test app', scope: 'launch/patient openid fhirUser patient/*.cruds user/*.cruds system/*.cruds', redirectUris: ['https://app.example.org/cb'] }, Date.now());
  return {
    users: out,
    async token(c) {
      const issuer = new TokenIssuer({ db: store.db, keys, issuer: ISSUER, audience: FHIR, clock: Date.now, accessTokenSeconds: 600 });
      return (await issuer.accessToken(store.db, { tenant: c.tenant ?? 'default', sub: c.sub, clientId: client.clientId, scope: c.scope, ...(c.patient ? { patient: c.patient } : {}) })).token;
    },
  };
}

export type Res = Awaited<ReturnType<FastifyInstance['inject']>>;

/** Call the API with a role's web session (cookie + CSRF header on writes). */
export function asRole(app: FastifyInstance, world: World, role: Role) {
  const u = world.users.get(role)!;
  return (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Res> =>
    app.inject({
      method, url,
      headers: { cookie: u.cookie, 'x-csrf-token': u.csrf, ...(payload ? { 'content-type': url.startsWith('/fhir') ? 'application/fhir+json' : 'application/json' } : {}), ...headers },
      ...(payload ? { payload: JSON.stringify(payload) } : {}),
    });
}

export function withToken(app: FastifyInstance, token: string) {
  return (method: InjectOptions['method'], url: string, payload?: unknown): Promise<Res> =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/fhir+json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
}
