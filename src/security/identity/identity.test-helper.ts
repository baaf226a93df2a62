// Shared set-up of the identity tests: a fast hash, a settable clock, an app with the plugin and a probe route.
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import type { Db } from '../../fhir/store/db.js';
import { identityPlugin, requireUser, type IdentityPluginOptions } from './plugin.js';
import type { ScryptParams } from './password.js';
import { IdentityService } from './service.js';

/** Cheap parameters so tests stay fast; the defaults are tested once in password.test.ts. */
export const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
export const T0 = Date.parse('2026-03-01T08:00:00Z');

export class Clock {
  t = T0;
  now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestApp {
  app: FastifyInstance;
  service: IdentityService;
  clock: Clock;
}

export async function testApp(db: Db, opts: Partial<IdentityPluginOptions> = {}): Promise<TestApp> {
  const clock = new Clock();
  const service = new IdentityService({ db, now: clock.now, hash: FAST, ...opts });
  const app = Fastify({ logger: false });
  await app.register(identityPlugin({ db, service, cookie: { secure: false }, tenant: 't1', ...opts }));
  app.get('/probe', async (req) => ({ user: req.user }));
  app.post('/probe', async (req) => ({ user: req.user }));
  app.get('/staff-only', { preHandler: requireUser('doctor', 'nurse') }, async () => ({ ok: true }));
  await app.ready();
  return { app, service, clock };
}

/** The session id from a response's Set-Cookie. */
export function sessionIdOf(res: LightMyRequestResponse): string {
  const set = String(res.headers['set-cookie'] ?? '');
  const m = /huiyi_session=([^;]*)/.exec(set);
  if (!m?.[1]) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return m[1];
}

export interface Login {
  cookie: string;
  csrf: string;
  body: Record<string, unknown>;
}

export async function login(app: FastifyInstance, username: string, password: string, extra: Record<string, unknown> = {}, ip = '10.0.0.1'): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/auth/login', payload: { username, password, ...extra }, remoteAddress: ip });
}

export async function loginOk(app: FastifyInstance, username: string, password: string, extra: Record<string, unknown> = {}): Promise<Login> {
  const res = await login(app, username, password, extra);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as Record<string, unknown>;
  return { cookie: `huiyi_session=${sessionIdOf(res)}`, csrf: String(body.csrfToken), body };
}
