import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkAuthorization, checkClient } from './authorize-request.js';
import { findClient } from './clients.js';
import { createCode } from './codes.js';
import { consentPage, errorPage, sendHtml } from './consent-page.js';
import { saveConsent, takeConsent, type PendingRequest } from './consents.js';
import type { OAuthContext } from './context.js';
import { createGrant } from './grants.js';
import { parseScopes } from './scopes.js';
import type { Principal } from './types.js';
import { fhirId, singleParams, withParams } from './util.js';

const DECISION_PATH = '/oauth/authorize/decision';

async function showConsent(c: OAuthContext, reply: FastifyReply, user: Principal, clientName: string, request: PendingRequest, error?: string) {
  const { id, csrf } = await saveConsent(c.db, c.tenant, user.userId, request, c.clock(), c.life.consent * 1000);
  const html = consentPage({
    clientName,
    username: user.username,
    scopes: parseScopes(request.scope),
    requestId: id,
    csrf,
    action: DECISION_PATH,
    needPatient: request.needPatient,
    patient: request.patient,
    error,
  });
  return sendHtml(reply, error ? 400 : 200, html);
}

function params(input: unknown, reply: FastifyReply): Record<string, string> | undefined {
  try {
    return singleParams(input);
  } catch (e) {
    sendHtml(reply, 400, errorPage('请求无效', 'Invalid request', (e as Error).message));
    return undefined;
  }
}

/** GET and POST (authorize-post) /oauth/authorize, and the consent form's target. */
export function registerAuthorizeRoutes(app: FastifyInstance, c: OAuthContext): void {
  const authorize = async (req: FastifyRequest, reply: FastifyReply, input: unknown) => {
    const p = params(input, reply);
    if (!p) return reply;
    const user = await c.users.currentUser(req);
    if (!user) {
      // Check the client before sending anyone to the login page on its behalf.
      const checked = await checkClient(c, p);
      if (checked.kind === 'page') return sendHtml(reply, 400, errorPage(checked.zh, checked.en, checked.detail));
      const returnTo = `/oauth/authorize?${new URLSearchParams(p).toString()}`;
      if (c.users.loginUrl) return reply.redirect(c.users.loginUrl(returnTo), 302);
      return sendHtml(reply, 401, errorPage('请先登录', 'Please sign in first'));
    }
    const out = await checkAuthorization(c, p, user);
    if (out.kind === 'page') return sendHtml(reply, 400, errorPage(out.zh, out.en, out.detail));
    if (out.kind === 'redirect') return reply.redirect(out.url, 302);
    return showConsent(c, reply, user, out.client.name, out.request);
  };
  app.get('/oauth/authorize', (req, reply) => authorize(req, reply, req.query));
  app.post('/oauth/authorize', (req, reply) => authorize(req, reply, req.body));

  app.post(DECISION_PATH, async (req, reply) => {
    const f = params(req.body, reply);
    if (!f) return reply;
    const user = await c.users.currentUser(req);
    if (!user) return sendHtml(reply, 401, errorPage('请先登录', 'Please sign in first'));
    const now = c.clock();
    const pending = await takeConsent(c.db, c.tenant, f.request ?? '', user.userId, f.csrf ?? '', now);
    if (!pending) return sendHtml(reply, 400, errorPage('授权请求已失效', 'This authorization request has expired or is invalid'));
    const back = (q: Record<string, string | undefined>) => reply.redirect(withParams(pending.redirectUri, { ...q, state: pending.state }), 302);
    if (f.decision !== 'approve') return back({ error: 'access_denied', error_description: 'the user denied the request' });

    const client = await findClient(c.db, c.tenant, pending.clientId);
    if (!client) return back({ error: 'unauthorized_client', error_description: 'the client was disabled' });
    let patient = pending.patient;
    if (pending.needPatient) {
      patient = fhirId(f.patient?.trim(), 'Patient');
      if (!patient || (c.patientExists && !(await c.patientExists(c.tenant, patient)))) {
        return showConsent(c, reply, user, client.name, pending, '请选择一位存在的患者 / Choose an existing patient');
      }
    }
    const grant = await createGrant(
      c.db,
      { tenant: c.tenant, clientId: pending.clientId, userId: user.userId, scope: pending.scope, patient, encounter: pending.encounter, fhirUser: user.fhirUser },
      now,
      now + c.life.code * 1000,
    );
    const code = await createCode(c.db, { grant, redirectUri: pending.redirectUri, codeChallenge: pending.codeChallenge, nonce: pending.nonce }, now, c.life.code * 1000);
    return back({ code });
  });
}
