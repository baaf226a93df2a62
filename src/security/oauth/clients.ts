import type { JSONWebKeySet, JWK } from 'jose';
import type { Db } from '../../fhir/store/db.js';
import { formatScopes, parseScope, parseScopes, type Scope } from './scopes.js';
import { randomToken, sha256 } from './util.js';

/** public: PKCE only; symmetric: client_secret_basic; asymmetric: private_key_jwt with its JWKS. */
export type ClientKind = 'public' | 'symmetric' | 'asymmetric';

export interface Client {
  tenant: string;
  clientId: string;
  name: string;
  kind: ClientKind;
  /** allowed scopes, normalised */
  scope: string;
  scopes: Scope[];
  redirectUris: string[];
  jwks?: JSONWebKeySet;
  secretHash?: string;
  createdAt: number;
}

export interface NewClient {
  name: string;
  /** space-separated allowed scopes */
  scope: string;
  redirectUris?: string[];
  /** public keys of a confidential asymmetric client */
  jwks?: unknown;
  /** a confidential symmetric client: a secret is generated and returned once */
  secret?: boolean;
}

export class ClientError extends Error {}

interface ClientRow {
  tenant: string;
  client_id: string;
  name: string;
  kind: string;
  secret_hash: string | null;
  jwks: string | null;
  scope: string;
  redirect_uris: string;
  created_at: number;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
export const ASSERTION_ALGS = ['RS384', 'ES384'];

/** Absolute https URL (http only on loopback, for development), no fragment. */
export function checkRedirectUri(uri: string): void {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new ClientError(`redirect URI "${uri}" is not an absolute URL`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if (u.hash || uri.includes('#')) throw new ClientError(`redirect URI "${uri}" must not have a fragment`);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) throw new ClientError(`redirect URI "${uri}" must use https (http only on localhost)`);
}

/** A JWKS of public RSA/EC signing keys only. */
export function checkPublicJwks(jwks: unknown): JSONWebKeySet {
  const keys = (jwks as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || !keys.length) throw new ClientError('jwks must be an object with a non-empty "keys" array');
  for (const k of keys as JWK[]) {
    if (!k || typeof k !== 'object' || (k.kty !== 'RSA' && k.kty !== 'EC')) throw new ClientError('jwks keys must be RSA or EC public keys');
    if (PRIVATE_MEMBERS.some((m) => m in k)) throw new ClientError('jwks must hold public keys only (private key material found)');
    if (k.alg && !ASSERTION_ALGS.includes(k.alg)) throw new ClientError(`jwks key alg must be one of ${ASSERTION_ALGS.join(', ')}`);
  }
  return { keys: keys as JWK[] };
}

/** Register a client; returns it and, for a symmetric client, its secret (shown once, stored hashed). */
export async function registerClient(db: Db, tenant: string, input: NewClient, now: number): Promise<{ client: Client; secret?: string }> {
  const name = input.name?.trim();
  if (!name) throw new ClientError('a client needs a name');
  const unknown = (input.scope ?? '').split(/\s+/).filter((t) => t && !parseScope(t));
  if (unknown.length) throw new ClientError(`unknown scopes: ${unknown.join(' ')}`);
  const scopes = parseScopes(input.scope);
  if (!scopes.length) throw new ClientError('a client needs at least one allowed scope');
  if (input.jwks !== undefined && input.secret) throw new ClientError('a client has either a JWKS or a secret, not both');
  const kind: ClientKind = input.jwks !== undefined ? 'asymmetric' : input.secret ? 'symmetric' : 'public';
  const jwks = input.jwks !== undefined ? checkPublicJwks(input.jwks) : undefined;
  const redirectUris = [...new Set(input.redirectUris ?? [])];
  redirectUris.forEach(checkRedirectUri);
  if (kind !== 'asymmetric' && !redirectUris.length) throw new ClientError('public and symmetric clients need a redirect URI');
  const clientId = randomToken(18);
  const secret = kind === 'symmetric' ? randomToken(32) : undefined;
  const client: Client = { tenant, clientId, name, kind, scope: formatScopes(scopes), scopes, redirectUris, jwks, secretHash: secret && sha256(secret), createdAt: now };
  await db.run(
    'INSERT INTO oauth_clients (tenant, client_id, name, kind, secret_hash, jwks, scope, redirect_uris, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)',
    [tenant, clientId, name, kind, client.secretHash ?? null, jwks ? JSON.stringify(jwks) : null, client.scope, JSON.stringify(redirectUris), now],
  );
  return { client, secret };
}

function fromRow(r: ClientRow): Client {
  return {
    tenant: r.tenant,
    clientId: r.client_id,
    name: r.name,
    kind: r.kind as ClientKind,
    scope: r.scope,
    scopes: parseScopes(r.scope),
    redirectUris: JSON.parse(r.redirect_uris) as string[],
    jwks: r.jwks ? (JSON.parse(r.jwks) as JSONWebKeySet) : undefined,
    secretHash: r.secret_hash ?? undefined,
    createdAt: Number(r.created_at),
  };
}

const COLUMNS = 'tenant, client_id, name, kind, secret_hash, jwks, scope, redirect_uris, created_at';

/** An enabled client, or undefined. */
export async function findClient(db: Db, tenant: string, clientId: string): Promise<Client | undefined> {
  const r = await db.get<ClientRow>(`SELECT ${COLUMNS} FROM oauth_clients WHERE tenant = ? AND client_id = ? AND disabled = 0`, [tenant, clientId]);
  return r && fromRow(r);
}

export async function listClients(db: Db, tenant: string): Promise<Client[]> {
  const rows = await db.all<ClientRow>(`SELECT ${COLUMNS} FROM oauth_clients WHERE tenant = ? AND disabled = 0 ORDER BY created_at, client_id`, [tenant]);
  return rows.map(fromRow);
}

/** Disable a client and revoke every grant and token it holds. */
export async function disableClient(db: Db, tenant: string, clientId: string, now: number): Promise<boolean> {
  return db.tx(async (t) => {
    const n = await t.run('UPDATE oauth_clients SET disabled = 1 WHERE tenant = ? AND client_id = ? AND disabled = 0', [tenant, clientId]);
    await t.run('UPDATE oauth_grants SET revoked_at = ? WHERE tenant = ? AND client_id = ? AND revoked_at IS NULL', [now, tenant, clientId]);
    await t.run('UPDATE oauth_access_tokens SET revoked_at = ? WHERE tenant = ? AND client_id = ? AND revoked_at IS NULL', [now, tenant, clientId]);
    return n > 0;
  });
}

/** The public view of a client (no secret hash). */
export function describeClient(c: Client) {
  return {
    client_id: c.clientId,
    client_name: c.name,
    client_type: c.kind === 'public' ? 'public' : `confidential-${c.kind}`,
    token_endpoint_auth_method: c.kind === 'public' ? 'none' : c.kind === 'symmetric' ? 'client_secret_basic' : 'private_key_jwt',
    scope: c.scope,
    redirect_uris: c.redirectUris,
    ...(c.jwks ? { jwks: c.jwks } : {}),
  };
}
