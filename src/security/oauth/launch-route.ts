import type { FastifyInstance } from 'fastify';
import type { OAuthContext } from './context.js';
import { OAuthError, invalidRequest } from './errors.js';
import { createLaunch } from './launch.js';
import { noStore, requireJson } from './http.js';
import { fhirId } from './util.js';

/** POST /oauth/launch: the EHR, for its signed-in user, records the patient/encounter an app is launched with. */
export function registerLaunchRoute(app: FastifyInstance, c: OAuthContext): void {
  app.post('/oauth/launch', async (req, reply) => {
    const user = await c.users.currentUser(req);
    if (!user || user.tenant !== c.tenant) throw new OAuthError('access_denied', 'sign in first', 401);
    requireJson(req.headers['content-type']);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
    const patient = fhirId(str('patient'), 'Patient');
    const encounter = fhirId(str('encounter'), 'Encounter');
    if ((b.patient !== undefined && !patient) || (b.encounter !== undefined && !encounter)) throw invalidRequest('patient and encounter must be FHIR ids');
    if (!patient && !encounter) throw invalidRequest('a launch needs a patient or an encounter');
    const self = user.fhirUser?.startsWith('Patient/') ? user.fhirUser.slice('Patient/'.length) : undefined;
    if (self && patient !== self) throw new OAuthError('access_denied', 'a patient can only launch with their own record', 403);
    const launch = await createLaunch(
      c.db,
      { tenant: c.tenant, userId: user.userId, clientId: str('client_id'), patient, encounter },
      c.clock(),
      c.life.launch * 1000,
    );
    return noStore(reply).code(201).send({ launch: launch.id, expires_in: c.life.launch });
  });
}
