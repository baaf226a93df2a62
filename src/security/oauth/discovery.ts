import type { FastifyInstance } from 'fastify';
import type { OAuthContext } from './context.js';
import { SIGNING_ALGS } from './keys.js';
import { endpoints } from './types.js';
import { trimSlash } from './util.js';

export const SMART_CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'client-confidential-symmetric',
  'client-confidential-asymmetric',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'permission-v2',
  'permission-v1',
  'permission-patient',
  'permission-user',
  'permission-offline',
  'permission-online',
  'sso-openid-connect',
  'authorize-post',
] as const;

export const SCOPES_SUPPORTED = [
  'openid',
  'fhirUser',
  'launch',
  'launch/patient',
  'launch/encounter',
  'offline_access',
  'online_access',
  'patient/*.cruds',
  'patient/*.rs',
  'user/*.cruds',
  'user/*.rs',
  'system/*.cruds',
  'system/*.rs',
];

/** The SMART App Launch 2.0 discovery document (`/.well-known/smart-configuration`). */
export function smartConfiguration(issuer: string) {
  const u = endpoints(issuer);
  return {
    issuer: trimSlash(issuer),
    jwks_uri: u.jwks,
    authorization_endpoint: u.authorize,
    token_endpoint: u.token,
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    scopes_supported: SCOPES_SUPPORTED,
    response_types_supported: ['code'],
    introspection_endpoint: u.introspect,
    revocation_endpoint: u.revoke,
    capabilities: [...SMART_CAPABILITIES],
    code_challenge_methods_supported: ['S256'],
  };
}

/** OpenID Connect discovery, for `sso-openid-connect`. */
export function openidConfiguration(issuer: string) {
  const u = endpoints(issuer);
  return {
    issuer: trimSlash(issuer),
    authorization_endpoint: u.authorize,
    token_endpoint: u.token,
    jwks_uri: u.jwks,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [...SIGNING_ALGS],
    scopes_supported: ['openid', 'fhirUser'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'nonce', 'fhirUser'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
    code_challenge_methods_supported: ['S256'],
  };
}

/** `CapabilityStatement.rest[0].security` for /fhir/metadata (SMART oauth-uris extension). */
export function capabilitySecurity(issuer: string) {
  const u = endpoints(issuer);
  return {
    cors: true,
    service: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }],
        text: 'OAuth2 using SMART-on-FHIR profile (see http://hl7.org/fhir/smart-app-launch/)',
      },
    ],
    extension: [
      {
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
        extension: [
          { url: 'authorize', valueUri: u.authorize },
          { url: 'token', valueUri: u.token },
          { url: 'introspect', valueUri: u.introspect },
          { url: 'revoke', valueUri: u.revoke },
        ],
      },
    ],
  };
}

export function registerDiscoveryRoutes(app: FastifyInstance, c: OAuthContext): void {
  const smart = smartConfiguration(c.issuer);
  const oidc = openidConfiguration(c.issuer);
  app.get('/.well-known/smart-configuration', async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(smart));
  app.get('/.well-known/openid-configuration', async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(oidc));
  // Short cache: clients must see a rotated key well before tokens signed with it arrive.
  app.get('/.well-known/jwks.json', async (_req, reply) => reply.header('cache-control', 'public, max-age=60').send(await c.keys.jwks()));
}
