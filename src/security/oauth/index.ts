// Public API of the SMART App Launch authorization server.
export { oauthPlugin } from './plugin.js';
export type { OAuthOptions, Principal, UserAuthenticator, Lifetimes } from './types.js';
export { TokenKeys, type SigningAlg, type TokenKeysOptions } from './keys.js';
export { accessTokenVerifier, InvalidTokenError, type AccessToken, type VerifierOptions } from './verify.js';
export { parseScopes, parseScope, formatScopes, grantScopes, scopeAllows, hasScope, type Scope, type ResourceScope, type Level, type Interaction, type AccessRequest } from './scopes.js';
export { smartConfiguration, openidConfiguration, capabilitySecurity } from './discovery.js';
export { OAUTH_MIGRATION, ensureOAuthSchema, purgeExpired } from './schema.js';
export { registerClient, findClient, listClients, disableClient, type Client, type NewClient } from './clients.js';
export { clientAddCommand, type ClientAddOptions } from './cli.js';
