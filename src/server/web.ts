// The web app (Vite build in dist/web) at /: hashed assets cached for good, index.html revalidated, and
// every other browser navigation (GET asking for HTML, outside the APIs) answered with index.html so the
// app's router can show the page. Without a build, / keeps the landing page and says how to build.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { landingPage } from './landing.js';
import { registerLoginPage } from './login-page.js';
import { operationOutcome } from '../fhir/errors.js';

/** Paths that belong to the server, never to the app's router. */
const SERVER_PATHS = /^\/(fhir|api|auth|oauth|admin|login|\.well-known|healthz|readyz)(\/|\?|$)/;
const API_PATHS = /^\/(fhir|api)(\/|\?|$)/;
const ASSET = /^\/assets\//;

/** dist/web of this package (the same from src/server via tsx and from the compiled dist/server). */
export function defaultWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'dist', 'web');
}

const wantsHtml = (req: FastifyRequest) => (req.method === 'GET' || req.method === 'HEAD') && /\btext\/html\b/.test(req.headers.accept ?? '');
const pathOf = (req: FastifyRequest) => req.url.split('?')[0]!;

function notFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = pathOf(req).slice(0, 200);
  if (API_PATHS.test(path)) {
    return reply.code(404).type('application/fhir+json; charset=utf-8')
      .send(operationOutcome([{ severity: 'error', code: 'not-found', diagnostics: `No such endpoint: ${req.method} ${path}` }]));
  }
  return reply.code(404).send({ error: 'not_found', message: `No such page: ${req.method} ${path}` });
}

export interface WebOptions {
  /** folder of the built app (default: dist/web of this package); null: never serve one */
  dir?: string | null;
  version: string;
}

/** Serve the app, or the landing page when it is not built. Also the server-wide 404 for unknown paths. */
export async function registerWeb(app: FastifyInstance, o: WebOptions): Promise<{ served: boolean; dir: string | null }> {
  const dir = o.dir === undefined ? defaultWebDir() : o.dir;
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(landingPage(o.version)));
    registerLoginPage(app);
    app.setNotFoundHandler(notFound);
    return { served: false, dir };
  }

  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    index: false,
    wildcard: true,
    dotfiles: 'ignore',
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      // Vite puts a content hash in every file name under assets/: such a URL never changes content
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const index = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
  app.get('/', async (_req, reply) => index(reply));
  app.get('/login', async (_req, reply) => index(reply));
  app.setNotFoundHandler((req, reply) => {
    const path = pathOf(req);
    if (wantsHtml(req) && !SERVER_PATHS.test(path) && !ASSET.test(path)) return index(reply.code(200));
    return notFound(req, reply);
  });
  return { served: true, dir };
}
