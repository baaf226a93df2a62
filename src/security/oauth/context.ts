import type { FastifyRequest } from 'fastify';
import type { Db } from '../../fhir/store/db.js';
import type { TokenKeys } from './keys.js';
import { TokenIssuer } from './tokens.js';
import { DEFAULT_LIFETIMES, endpoints, type ClientChange, type Lifetimes, type OAuthOptions, type UserAuthenticator } from './types.js';
import { trimSlash } from './util.js';
import { accessTokenVerifier, type AccessToken } from './verify.js';

/** Everything the route handlers share. */
export interface OAuthContext {
  db: Db;
  tenant: string;
  issuer: string;
  audience: string;
  urls: ReturnType<typeof endpoints>;
  users: UserAuthenticator;
  keys: TokenKeys;
  clock: () => number;
  life: Lifetimes;
  tokens: TokenIssuer;
  verify: (token: string) => Promise<AccessToken>;
  isAdmin: (req: FastifyRequest) => boolean | Promise<boolean>;
  patientExists?: (tenant: string, id: string) => Promise<boolean>;
  clientChanged: (req: FastifyRequest, change: ClientChange) => Promise<void>;
}

export function buildContext(o: OAuthOptions): OAuthContext {
  const issuer = trimSlash(o.issuer);
  const audience = trimSlash(o.fhirBaseUrl);
  const clock = o.clock ?? Date.now;
  const life = { ...DEFAULT_LIFETIMES, ...o.lifetimes };
  return {
    db: o.db,
    tenant: o.tenant ?? 'default',
    issuer,
    audience,
    urls: endpoints(issuer),
    users: o.users,
    keys: o.keys,
    clock,
    life,
    tokens: new TokenIssuer({ db: o.db, keys: o.keys, issuer, audience, clock, accessTokenSeconds: life.accessToken }),
    verify: accessTokenVerifier({ db: o.db, keys: o.keys, issuer, audience, clock }),
    isAdmin: o.isAdmin ?? (() => false),
    patientExists: o.patientExists,
    clientChanged: o.clientChanged ?? (async () => undefined),
  };
}
