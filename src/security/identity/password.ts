// Password hashing (scrypt, self-describing strings), constant-time verification and the password policy.
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two */
  N: number;
  r: number;
  p: number;
}

/** 2^15 × 8 × 128 B = 32 MiB per hash: OWASP's scrypt recommendation. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const MAX_PASSWORD = 1024;

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams, keylen: number): Promise<Buffer> {
  // maxmem must exceed 128·N·r, or Node refuses the default parameters.
  const maxmem = 128 * N * r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keylen, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` with base64 salt and hash. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (password.length > MAX_PASSWORD) throw new Error('password too long');
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Parsed extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const ok = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  // Bounds keep a tampered row from making us allocate gigabytes.
  if (!ok(N, 2 ** 20) || (N & (N - 1)) !== 0 || N < 2 || !ok(r, 32) || !ok(p, 16)) return null;
  const salt = Buffer.from(parts[4] as string, 'base64');
  const key = Buffer.from(parts[5] as string, 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/** Constant-time check of a password against a stored hash; false (never throws) for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD) return false;
  const h = parse(stored);
  if (!h) return false;
  const key = await derive(password, h.salt, h, h.key.length);
  return timingSafeEqual(key, h.key);
}

/** True when the stored hash was made with other parameters than the current ones (rehash after a good login). */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const h = parse(stored);
  return !h || h.N !== params.N || h.r !== params.r || h.p !== params.p || h.key.length !== KEY_BYTES;
}

let dummies = new Map<string, Promise<string>>();
/** Spend the same time as a real verification, for unknown users, so that timing does not reveal who exists. */
export async function dummyVerify(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<false> {
  const k = `${params.N}:${params.r}:${params.p}`;
  let h = dummies.get(k);
  if (!h) {
    if (dummies.size > 8) dummies = new Map();
    dummies.set(k, (h = hashPassword(randomBytes(16).toString('hex'), params)));
  }
  await verifyPassword(password, await h);
  return false;
}

export interface PolicyInput {
  password: string;
  username: string;
  staff: boolean;
}

/** The minimum policy; returns a reason, or null when the password is acceptable. */
export function passwordProblem({ password, username, staff }: PolicyInput): string | null {
  const min = staff ? 10 : 8;
  if ([...password].length < min) return `Password must have at least ${min} characters.`;
  if (password.length > MAX_PASSWORD) return `Password must have at most ${MAX_PASSWORD} characters.`;
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'Password must not be the username.';
  if (new Set(password).size < 4) return 'Password must use more than three different characters.';
  return null;
}

// No look-alikes (0/O, 1/l/I) so a printed password can be typed from paper.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of four 5-character groups (~115 bits), e.g. `k3Tzq-Wm8aP-…`. */
export function generatePassword(): string {
  const group = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
