// The OpenAPI description of every HTTP endpoint besides the FHIR API (which describes itself in
// /fhir/metadata): /api/<module>, /auth, /admin, /oauth. Register before the routes: it collects them as
// they are added. The page at /api/docs is public (it says what exists, not what is stored).
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

const DOCUMENTED = /^\/(api|auth|admin|oauth)\//;

export async function registerApiDocs(app: FastifyInstance, opts: { version: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Huiyi 慧医 API',
        version: opts.version,
        description:
          'Endpoints of the Huiyi modules, sign-in and administration. The FHIR R4 API is at /fhir; its CapabilityStatement ' +
          '(/fhir/metadata) describes it. Every /api and /fhir call needs a signed-in session (cookie plus an x-csrf-token ' +
          'header on writes) or a SMART access token; errors come back as FHIR OperationOutcomes.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'huiyi_session' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    // FHIR routes are generic (/:type/:id); the CapabilityStatement is their description
    transform: ({ schema, url, route }) => {
      const methods = ([] as string[]).concat((route as { method?: string | string[] }).method ?? []);
      // CORS preflights are not operations anyone calls
      const hide = !DOCUMENTED.test(url) || url.startsWith('/api/docs') || (methods.length > 0 && methods.every((m) => m === 'OPTIONS'));
      return { schema: { ...(schema ?? {}), hide: hide || (schema as { hide?: boolean } | undefined)?.hide === true } as typeof schema, url, route };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', // Swagger UI sets inline styles; scripts stay files only
    staticCSP: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'", uiConfig: { docExpansion: 'list', deepLinking: true } });
}
