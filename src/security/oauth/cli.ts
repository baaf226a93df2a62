import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config/config.js';
import { openStore } from '../../fhir/store/open.js';
import { registerClient } from './clients.js';
import { ensureOAuthSchema } from './schema.js';

export interface ClientAddOptions {
  /** database URL (else HUIYI_DATABASE_URL, else the default) */
  db?: string;
  name: string;
  /** space-separated allowed scopes */
  scopes: string;
  /** one redirect URI, or several separated by commas */
  redirectUri?: string;
  /** file with the client's public JWKS (or one public JWK): a private_key_jwt client */
  jwks?: string;
  /** a client_secret_basic client */
  secret?: boolean;
}

function readJwks(file: string): unknown {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Array.isArray(json.keys) ? json : { keys: [json] };
}

/** `huiyi client add`: register a client and print `client_id: …` (and `client_secret: …` once, for --secret). */
export async function clientAddCommand(opts: ClientAddOptions): Promise<void> {
  const config = loadConfig({ db: opts.db });
  const jwks = opts.jwks ? readJwks(opts.jwks) : undefined;
  const store = await openStore(config.databaseUrl);
  try {
    await ensureOAuthSchema(store.db);
    const redirectUris = opts.redirectUri
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const { client, secret } = await registerClient(store.db, config.tenant, { name: opts.name, scope: opts.scopes, redirectUris, jwks, secret: opts.secret }, Date.now());
    console.log(`client_id: ${client.clientId}`);
    if (secret) console.log(`client_secret: ${secret}`);
  } finally {
    await store.close();
  }
}
