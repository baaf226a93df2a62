import { findClient, type Client } from './clients.js';
import type { PendingRequest } from './consents.js';
import type { OAuthContext } from './context.js';
import { findLaunch } from './launch.js';
import { formatScopes, grantScopes, hasScope, parseScopes, type Scope } from './scopes.js';
import type { Principal } from './types.js';
import { trimSlash, withParams } from './util.js';

export type Outcome =
  /** the client or redirect URI cannot be trusted: show an error, never redirect */
  | { kind: 'page'; zh: string; en: string; detail: string }
  | { kind: 'redirect'; url: string }
  | { kind: 'ok'; client: Client; request: PendingRequest; scopes: Scope[] };

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Client and redirect URI first (RFC 6749 §4.1.2.1): errors before that point must not redirect. */
export async function checkClient(c: OAuthContext, p: Record<string, string>): Promise<Outcome | { kind: 'client'; client: Client; redirectUri: string }> {
  const client = p.client_id ? await findClient(c.db, c.tenant, p.client_id) : undefined;
  if (!client) return { kind: 'page', zh: '未知的应用', en: 'Unknown application', detail: 'client_id is missing or not registered' };
  const redirectUri = p.redirect_uri ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
    return { kind: 'page', zh: '回调地址无效', en: 'Invalid redirect URI', detail: 'redirect_uri is missing or not registered for this client' };
  }
  return { kind: 'client', client, redirectUri };
}

/** Validate an authorization request for a signed-in user and work out scopes and launch context. */
export async function checkAuthorization(c: OAuthContext, p: Record<string, string>, user: Principal): Promise<Outcome> {
  const checked = await checkClient(c, p);
  if (checked.kind !== 'client') return checked;
  const { client, redirectUri } = checked;
  const fail = (error: string, description: string): Outcome => ({
    kind: 'redirect',
    url: withParams(redirectUri, { error, error_description: description, state: p.state }),
  });

  if (p.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  if (p.code_challenge_method !== 'S256' || !CHALLENGE.test(p.code_challenge ?? '')) {
    return fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256');
  }
  if (!p.aud || trimSlash(p.aud) !== c.audience) return fail('invalid_request', `aud must be the FHIR base URL ${c.audience}`);
  if (user.tenant !== c.tenant) return fail('access_denied', 'the signed-in user belongs to another tenant');

  let scopes = grantScopes(parseScopes(p.scope), client.scopes, ['patient', 'user']);
  const drop = (name: string) => (scopes = scopes.filter((s) => !(s.kind === 'special' && s.name === name)));

  // EHR launch: the context the EHR created for this user (and client, when bound).
  let patient: string | undefined;
  let encounter: string | undefined;
  if (p.launch !== undefined) {
    if (!hasScope(scopes, 'launch')) return fail('invalid_scope', 'the launch parameter needs the launch scope');
    const launch = await findLaunch(c.db, c.tenant, p.launch, c.clock());
    if (!launch || launch.userId !== user.userId || (launch.clientId && launch.clientId !== client.clientId)) {
      return fail('invalid_request', 'unknown or expired launch');
    }
    patient = launch.patient;
    encounter = launch.encounter;
  } else drop('launch');
  if (!encounter) drop('launch/encounter'); // standalone encounter selection is not offered

  // A patient user's patient context is always themself.
  const self = user.fhirUser?.startsWith('Patient/') ? user.fhirUser.slice('Patient/'.length) : undefined;
  if (self && patient && patient !== self) return fail('access_denied', 'a patient can only share their own record');
  let wantsPatient = hasScope(scopes, 'launch/patient') || scopes.some((s) => s.kind === 'resource' && s.level === 'patient');
  if (wantsPatient && !patient) patient = self;
  // Only clinicians pick a patient; anyone else without a patient context loses patient access.
  if (wantsPatient && !patient && !/^(Practitioner|PractitionerRole)\//.test(user.fhirUser ?? '')) {
    scopes = scopes.filter((s) => !(s.kind === 'resource' && s.level === 'patient') && !(s.kind === 'special' && s.name === 'launch/patient'));
    wantsPatient = false;
  }
  if (!scopes.length) return fail('invalid_scope', 'none of the requested scopes may be granted to this client');

  return {
    kind: 'ok',
    client,
    scopes,
    request: {
      clientId: client.clientId,
      redirectUri,
      scope: formatScopes(scopes),
      state: p.state,
      codeChallenge: p.code_challenge,
      nonce: p.nonce,
      patient,
      encounter,
      needPatient: wantsPatient && !patient,
    },
  };
}
