import type { FastifyPluginAsync } from 'fastify';
import { registerAuthorizeRoutes } from './authorize.js';
import { registerClientRoutes } from './client-routes.js';
import { buildContext } from './context.js';
import { registerDiscoveryRoutes } from './discovery.js';
import { allowCors, installErrorHandler, installFormParser } from './http.js';
import { registerIntrospectionRoutes } from './introspect.js';
import { registerLaunchRoute } from './launch-route.js';
import { registerTokenRoute } from './token-endpoint.js';
import type { OAuthOptions } from './types.js';

/**
 * The SMART App Launch 2.0 authorization server. Register it at the root (no prefix): its
 * endpoint URLs are `issuer` + /oauth/… and /.well-known/…. Not wrapped in fastify-plugin, so
 * its form parser and error handler stay inside it.
 */
export function oauthPlugin(opts: OAuthOptions): FastifyPluginAsync {
  return async (app) => {
    const c = buildContext(opts);
    installFormParser(app);
    installErrorHandler(app);
    allowCors(app, ['/.well-known/smart-configuration', '/.well-known/openid-configuration', '/.well-known/jwks.json', '/oauth/token', '/oauth/revoke', '/oauth/introspect']);
    registerDiscoveryRoutes(app, c);
    registerAuthorizeRoutes(app, c);
    registerTokenRoute(app, c);
    registerIntrospectionRoutes(app, c);
    registerClientRoutes(app, c);
    registerLaunchRoute(app, c);
  };
}
