// Shared fixtures for the OAuth tests: a Fastify app with the plugin over a fresh database,
// a fake identity module, a movable clock, and helpers that play the app's part of the flows.
import { createHash, randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import type { Store } from '../../fhir/store/open.js';
import { registerClient, type NewClient } from './clients.js';
import { TokenKeys } from './keys.js';
import { oauthPlugin } from './plugin.js';
import { ensureOAuthSchema } from './schema.js';
import type { OAuthOptions, Principal } from './types.js';
import { accessTokenVerifier } from './verify.js';

export const ISSUER = 'http://localhost:8080';
export const FHIR = 'http://localhost:8080/fhir';
export const TOKEN_URL = `${ISSUER}/oauth/token`;
export const REDIRECT = 'https://app.example.org/callback';

export const USERS: Record<string, Principal> = {
  doctor: { tenant: 'default', userId: 'u-doc', username: 'zhang.wei', roles: ['doctor'], fhirUser: 'Practitioner/pr1' },
  patient: { tenant: 'default', userId: 'u-pat', username: 'li.na', roles: ['patient'], fhirUser: 'Patient/p1' },
  admin: { tenant: 'default', userId: 'u-adm', username: 'admin', roles: ['admin'] },
};

type Res = Awaited<ReturnType<FastifyInstance['inject']>>;

export interface Harness {
  app: FastifyInstance;
  store: Store;
  keys: TokenKeys;
  clock: { now: number };
  verify: (token: string) => ReturnType<ReturnType<typeof accessTokenVerifier>>;
  client(input: Partial<NewClient>): Promise<{ clientId: string; secret?: string }>;
  form(url: string, fields: Record<string, string | undefined>, headers?: Record<string, string>): Promise<Res>;
  get(url: string, user?: string): Promise<Res>;
  json(method: InjectOptions['method'], url: string, body: unknown, user?: string): Promise<Res>;
  close(): Promise<void>;
}

/** A database to test on (test/support/databases.ts makes them; not imported here so the build stays within src/). */
export interface TestDatabase {
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function harness(d: TestDatabase, extra: Partial<OAuthOptions> = {}): Promise<Harness> {
  const store = await d.open();
  await ensureOAuthSchema(store.db);
  const clock = { now: Date.now() };
  const keys = await TokenKeys.open(store.db, { alg: 'ES256', clock: () => clock.now });
  const app = Fastify({ logger: false });
  await app.register(
    oauthPlugin({
      db: store.db,
      issuer: ISSUER,
      fhirBaseUrl: FHIR,
      keys,
      clock: () => clock.now,
      users: {
        currentUser: async (req) => USERS[String(req.headers['x-user'] ?? '')],
        loginUrl: (returnTo) => `/login?returnTo=${encodeURIComponent(returnTo)}`,
      },
      isAdmin: (req) => req.headers['x-user'] === 'admin',
      ...extra,
    }),
  );
  await app.ready();
  const h: Harness = {
    app,
    store,
    keys,
    clock,
    verify: accessTokenVerifier({ db: store.db, keys, issuer: ISSUER, audience: FHIR, clock: () => clock.now }),
    async client(input) {
      const { client, secret } = await registerClient(
        store.db,
        'default',
        { name: 'Test app 测试应用', scope: 'launch launch/patient openid fhirUser offline_access patient/*.rs user/*.rs', redirectUris: [REDIRECT], ...input },
        clock.now,
      );
      return { clientId: client.clientId, secret };
    },
    form(url, fields, headers = {}) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.set(k, v);
      return app.inject({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    },
    get(url, user) {
      return app.inject({ method: 'GET', url, headers: user ? { 'x-user': user } : {} });
    },
    json(method, url, body, user) {
      return app.inject({ method, url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(user ? { 'x-user': user } : {}) } });
    },
    async close() {
      await app.close();
      await store.close();
      await d.cleanup();
    },
  };
  return h;
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(p: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined) q.set(k, v);
  return `/oauth/authorize?${q.toString()}`;
}

/** The hidden fields of the consent form. */
export function consentFields(html: string): { request: string; csrf: string } {
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!request || !csrf) throw new Error(`no consent form in: ${html.slice(0, 300)}`);
  return { request, csrf };
}

export function redirectParams(res: Res): URLSearchParams {
  const loc = res.headers.location;
  if (res.statusCode !== 302 || typeof loc !== 'string') throw new Error(`expected a redirect, got ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return new URL(loc, ISSUER).searchParams;
}

export interface FlowOptions {
  clientId: string;
  user?: string;
  scope?: string;
  launch?: string;
  patient?: string;
  nonce?: string;
  state?: string;
}

/** Authorize and approve as a user; returns the code and the PKCE verifier. */
export async function authorizeCode(h: Harness, o: FlowOptions): Promise<{ code: string; verifier: string; state: string }> {
  const { verifier, challenge } = pkce();
  const state = o.state ?? randomBytes(8).toString('hex');
  const page = await h.get(
    authorizeUrl({
      response_type: 'code',
      client_id: o.clientId,
      redirect_uri: REDIRECT,
      scope: o.scope ?? 'launch/patient openid fhirUser offline_access patient/*.rs',
      state,
      aud: FHIR,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      launch: o.launch,
      nonce: o.nonce,
    }),
    o.user ?? 'doctor',
  );
  if (page.statusCode !== 200) throw new Error(`authorize failed: ${page.statusCode} ${page.headers.location ?? page.body.slice(0, 300)}`);
  const res = await h.form('/oauth/authorize/decision', { ...consentFields(page.body), decision: 'approve', patient: o.patient }, { 'x-user': o.user ?? 'doctor' });
  const q = redirectParams(res);
  const code = q.get('code');
  if (!code) throw new Error(`no code: ${res.headers.location}`);
  return { code, verifier, state: q.get('state') ?? '' };
}

export async function exchange(h: Harness, clientId: string, code: string, verifier: string, headers: Record<string, string> = {}): Promise<Res> {
  return h.form('/oauth/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: headers.authorization ? undefined : clientId }, headers);
}

export function basic(id: string, secret: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}` };
}

/** A backend-services client key pair (ES384) and its public JWKS. */
export async function clientKeys(alg: 'ES384' | 'RS384' = 'ES384'): Promise<{ privateKey: CryptoKey; jwks: { keys: JWK[] }; kid: string }> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomBytes(6).toString('hex');
  return { privateKey, kid, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg }] } };
}

export async function assertion(
  key: { privateKey: CryptoKey; kid: string },
  clientId: string,
  nowMs: number,
  o: { aud?: string; expIn?: number; jti?: string; alg?: string; iss?: string } = {},
): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: o.alg ?? 'ES384', kid: key.kid, typ: 'JWT' })
    .setIssuer(o.iss ?? clientId)
    .setSubject(clientId)
    .setAudience(o.aud ?? TOKEN_URL)
    .setExpirationTime(now + (o.expIn ?? 240))
    .setJti(o.jti ?? randomBytes(12).toString('hex'))
    .sign(key.privateKey);
}
