import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The Ed25519 key that signs checkpoints lives on the server's disk, never in the database:
// whoever controls only the database cannot forge checkpoints. Layout under the data directory:
//   audit-keys/ledger-ed25519.pem      the current private key (PKCS#8, mode 0600)
//   audit-keys/public/<key id>.pem     every public key ever used (kept across rotations)

/** Public keys by key id; a Map<string, string> of PEMs fits. */
export interface PublicKeyring {
  get(keyId: string): string | undefined;
}

/** Key id: the first 128 bits of SHA-256 over the SubjectPublicKeyInfo DER, as hex. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const k = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(k.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);
}

const keyDir = (dataDir: string) => join(dataDir, 'audit-keys');
const publicDir = (dataDir: string) => join(keyDir(dataDir), 'public');

export class LedgerKeys {
  private privateKey!: KeyObject;
  private id = '';
  private pem = '';

  private constructor(
    private readonly dataDir: string,
    private readonly file: string,
    key: KeyObject,
    /** problems worth logging, e.g. a key file readable by others */
    readonly warnings: string[],
  ) {
    this.use(key);
  }

  private use(key: KeyObject): void {
    const pub = createPublicKey(key);
    this.privateKey = key;
    this.id = keyIdOf(pub);
    this.pem = pub.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** fingerprint of the current key; each checkpoint names the key that signed it */
  get keyId(): string {
    return this.id;
  }

  get publicKeyPem(): string {
    return this.pem;
  }

  /** Load the private key, creating it (0600) on first use. */
  static open(dataDir: string, opts: { keyFile?: string } = {}): LedgerKeys {
    const file = opts.keyFile ?? join(keyDir(dataDir), 'ledger-ed25519.pem');
    mkdirSync(publicDir(dataDir), { recursive: true, mode: 0o700 });
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const warnings: string[] = [];
    let pem: string;
    if (existsSync(file)) {
      pem = readFileSync(file, 'utf8');
      if (process.platform !== 'win32' && statSync(file).mode & 0o077) warnings.push(`audit key ${file} is readable by other users (chmod 600 it)`);
    } else {
      pem = generatePem();
      try {
        writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        pem = readFileSync(file, 'utf8'); // another process created it first
      }
    }
    const keys = new LedgerKeys(dataDir, file, parsePrivate(pem, file), warnings);
    keys.savePublic();
    return keys;
  }

  /** The public keys in the key directory, without touching (or creating) a private key. */
  static readPublicKeys(dataDir: string): Map<string, string> {
    const out = new Map<string, string>();
    const dir = publicDir(dataDir);
    if (!existsSync(dir)) return out;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.pem')) continue;
      const pem = readFileSync(join(dir, name), 'utf8');
      const id = keyIdOf(pem);
      if (name === `${id}.pem`) out.set(id, pem); // a renamed file is not trusted under another id
    }
    return out;
  }

  /** Every public key kept in the key directory (the current one included). */
  publicKeys(): Map<string, string> {
    return LedgerKeys.readPublicKeys(this.dataDir).set(this.keyId, this.publicKeyPem);
  }

  /** Ed25519 signature of message, base64. */
  sign(message: Buffer): string {
    return sign(null, message, this.privateKey).toString('base64');
  }

  /** Replace the private key with a new one; old public keys stay so old checkpoints still verify. */
  rotate(): string {
    const pem = generatePem();
    const tmp = `${this.file}.new`;
    writeFileSync(tmp, pem, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    this.use(parsePrivate(pem, tmp));
    this.savePublic();
    renameSync(tmp, this.file);
    return this.keyId;
  }

  private savePublic(): void {
    const f = join(publicDir(this.dataDir), `${this.keyId}.pem`);
    if (!existsSync(f)) writeFileSync(f, this.publicKeyPem, { mode: 0o644 });
  }
}

function generatePem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function parsePrivate(pem: string, file: string): KeyObject {
  const k = createPrivateKey(pem);
  if (k.asymmetricKeyType !== 'ed25519') throw new Error(`audit key ${file} is ${k.asymmetricKeyType}, expected an Ed25519 key`);
  return k;
}
