import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import type { Db } from '../../fhir/store/db.js';

export type SigningAlg = 'RS256' | 'ES256';
export const SIGNING_ALGS: readonly SigningAlg[] = ['RS256', 'ES256'];

export interface SigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
}

interface KeyRow {
  kid: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  created_at: number;
  retired_at: number | null;
}

export interface TokenKeysOptions {
  /** algorithm of new keys (RS256 default: OpenID Connect requires it for id tokens) */
  alg?: SigningAlg;
  /** how long a retired key stays published: at least the longest token lifetime (seconds) */
  retainSeconds?: number;
  clock?: () => number;
}

/**
 * The server's signing keys, kept in oauth_keys (private JWKs in clear: protect the database).
 * The newest unretired key signs; retired keys stay in the JWKS for `retainSeconds` so tokens
 * they signed still verify. Other processes pick up a rotation on the next reload.
 */
export class TokenKeys {
  private rows: KeyRow[] = [];
  private loadedAt = 0;
  private signer?: SigningKey;
  private verifier?: { kids: string; get: JWTVerifyGetKey };

  private constructor(
    private readonly db: Db,
    private readonly alg: SigningAlg,
    private readonly retainMs: number,
    private readonly clock: () => number,
  ) {}

  /** Load the key set, generating the first key when there is none. */
  static async open(db: Db, opts: TokenKeysOptions = {}): Promise<TokenKeys> {
    const keys = new TokenKeys(db, opts.alg ?? 'RS256', (opts.retainSeconds ?? 3600 + 300) * 1000, opts.clock ?? Date.now);
    await keys.reload();
    if (!keys.active()) {
      await keys.generate();
      await keys.reload();
    }
    return keys;
  }

  /** Re-read the key table (rotation by another process). */
  async reload(): Promise<void> {
    const rows = await this.db.all<KeyRow>('SELECT kid, alg, private_jwk, public_jwk, created_at, retired_at FROM oauth_keys ORDER BY created_at DESC, kid');
    this.rows = rows.map((r) => ({ ...r, created_at: Number(r.created_at), retired_at: r.retired_at === null ? null : Number(r.retired_at) }));
    this.loadedAt = this.clock();
    this.signer = undefined;
  }

  private active(): KeyRow | undefined {
    return this.rows.find((r) => r.retired_at === null);
  }

  private published(): KeyRow[] {
    const now = this.clock();
    return this.rows.filter((r) => r.retired_at === null || r.retired_at + this.retainMs > now);
  }

  private async fresh(): Promise<void> {
    if (this.clock() - this.loadedAt > 60_000) await this.reload();
  }

  /** The key that signs new tokens. */
  async signingKey(): Promise<SigningKey> {
    await this.fresh();
    const row = this.active();
    if (!row) throw new Error('no active signing key: run rotate()');
    if (this.signer?.kid !== row.kid) {
      const privateKey = (await importJWK(JSON.parse(row.private_jwk) as JWK, row.alg)) as CryptoKey;
      this.signer = { kid: row.kid, alg: row.alg as SigningAlg, privateKey };
    }
    return this.signer;
  }

  /** The public keys to publish at jwks_uri: the current one and those retired within the retention time. */
  async jwks(): Promise<JSONWebKeySet> {
    await this.fresh();
    return { keys: this.published().map((r) => JSON.parse(r.public_jwk) as JWK) };
  }

  /** A key resolver for jwtVerify over the published keys; an unknown kid triggers one reload. */
  async keyResolver(): Promise<JWTVerifyGetKey> {
    await this.fresh();
    const build = () => {
      const pub = this.published();
      const kids = pub.map((r) => r.kid).join(',');
      if (this.verifier?.kids !== kids) this.verifier = { kids, get: createLocalJWKSet({ keys: pub.map((r) => JSON.parse(r.public_jwk) as JWK) }) };
      return this.verifier.get;
    };
    const get = build();
    return async (header, token) => {
      if (header.kid && !this.published().some((r) => r.kid === header.kid) && this.clock() - this.loadedAt > 5_000) {
        await this.reload();
        return build()(header, token);
      }
      return get(header, token);
    };
  }

  /** Start signing with a new key; the previous one stays published for the retention time. Returns the new kid. */
  async rotate(): Promise<string> {
    const now = this.clock();
    const kid = await this.db.tx(async (t) => {
      await t.run('UPDATE oauth_keys SET retired_at = ? WHERE retired_at IS NULL', [now]);
      return this.insertNew(t, now);
    });
    await this.reload();
    return kid;
  }

  private async generate(): Promise<void> {
    await this.insertNew(this.db, this.clock());
  }

  private async insertNew(db: Db, createdAt: number): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(this.alg, { extractable: true });
    const pub = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(pub);
    const publicJwk = { ...pub, kid, alg: this.alg, use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: this.alg };
    await db.run('INSERT INTO oauth_keys (kid, alg, private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      kid,
      this.alg,
      JSON.stringify(privateJwk),
      JSON.stringify(publicJwk),
      createdAt,
    ]);
    return kid;
  }

  /** Remove retired keys past the retention time. */
  async prune(): Promise<number> {
    return this.db.run('DELETE FROM oauth_keys WHERE retired_at IS NOT NULL AND retired_at < ?', [this.clock() - this.retainMs]);
  }
}
