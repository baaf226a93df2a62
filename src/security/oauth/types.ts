import type { FastifyRequest } from 'fastify';
import type { Db } from '../../fhir/store/db.js';
import type { TokenKeys } from './keys.js';

/** The signed-in person, as the identity module describes them. */
export interface Principal {
  tenant: string;
  userId: string;
  username: string;
  roles: string[];
  /** e.g. `Patient/123` or `Practitioner/9` */
  fhirUser?: string;
}

/** What the authorization server needs from the identity module (the lead implements it). */
export interface UserAuthenticator {
  /** The user of the web session, if any. */
  currentUser(req: FastifyRequest): Promise<Principal | undefined>;
  /** Where to send a browser to sign in, coming back to `returnTo` afterwards. */
  loginUrl?(returnTo: string): string;
}

export interface OAuthOptions {
  db: Db;
  /** public base URL of this server, e.g. http://localhost:8080 (endpoints hang below it) */
  issuer: string;
  /** the `aud` of access tokens, e.g. http://localhost:8080/fhir */
  fhirBaseUrl: string;
  users: UserAuthenticator;
  keys: TokenKeys;
  /** who may register clients (POST/GET/DELETE /oauth/clients) */
  isAdmin?: (req: FastifyRequest) => boolean | Promise<boolean>;
  /** told of every client registration or disabling, before the answer leaves (the platform audits it); no secrets */
  clientChanged?: (req: FastifyRequest, change: ClientChange) => Promise<void>;
  /** optional check that a patient picked on the consent page exists */
  patientExists?: (tenant: string, id: string) => Promise<boolean>;
  /** tenant of this install (default `default`) */
  tenant?: string;
  /** epoch milliseconds (tests) */
  clock?: () => number;
  lifetimes?: Partial<Lifetimes>;
}

/** Lifetimes in seconds. */
export interface Lifetimes {
  accessToken: number;
  code: number;
  /** refresh tokens of `offline_access` grants */
  offlineRefresh: number;
  /** refresh tokens of `online_access` grants (no session tracking yet: a short fixed life) */
  onlineRefresh: number;
  launch: number;
  consent: number;
}

export const DEFAULT_LIFETIMES: Lifetimes = {
  accessToken: 3600,
  code: 60,
  offlineRefresh: 30 * 24 * 3600,
  onlineRefresh: 12 * 3600,
  launch: 600,
  consent: 600,
};

/** Endpoint URLs derived from the issuer. */
export function endpoints(issuer: string) {
  const base = issuer.replace(/\/+$/, '');
  return {
    authorize: `${base}/oauth/authorize`,
    token: `${base}/oauth/token`,
    introspect: `${base}/oauth/introspect`,
    revoke: `${base}/oauth/revoke`,
    jwks: `${base}/.well-known/jwks.json`,
    clients: `${base}/oauth/clients`,
  };
}

export interface ClientChange {
  change: 'register' | 'disable';
  clientId: string;
  /** the client's public description (name, type, scope, redirect URIs) after a registration */
  client?: Record<string, unknown>;
}
