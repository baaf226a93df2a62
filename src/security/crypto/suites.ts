import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, timingSafeEqual } from 'node:crypto';

// Deterministic authenticated encryption of short strings (SIV-style): the IV is a keyed MAC of
// context and plaintext, so equal inputs give equal ciphertexts (exact search keeps working) and a
// value sealed for one field context does not open under another.

export type SuiteTag = 'aes' | 'sm4';

export interface Suite {
  tag: SuiteTag;
  /** payload = iv/nonce || ciphertext || tag */
  seal(context: Buffer, plaintext: Buffer): Buffer;
  /** the plaintext, or null when the payload does not authenticate under this context */
  open(context: Buffer, payload: Buffer): Buffer | null;
}

const SALT = Buffer.from('huiyi.field.v1');

function subkey(hash: 'sha256' | 'sm3', master: Buffer, purpose: string, length: number): Buffer {
  return Buffer.from(hkdfSync(hash, master, SALT, `huiyi field ${purpose}`, length));
}

/** Length-prefixed context, so context and plaintext cannot be shifted into each other. */
export function encodeContext(context: string): Buffer {
  const c = Buffer.from(context, 'utf8');
  const out = Buffer.allocUnsafe(4 + c.length);
  out.writeUInt32BE(c.length, 0);
  c.copy(out, 4);
  return out;
}

function mac(hash: 'sha256' | 'sm3', key: Buffer, parts: Buffer[], length: number): Buffer {
  const h = createHmac(hash, key);
  for (const p of parts) h.update(p);
  return h.digest().subarray(0, length);
}

const same = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

/** AES-256-GCM with a 12-byte nonce from HMAC-SHA256; the context is also the GCM AAD. */
export function aesSuite(master: Buffer): Suite {
  const encKey = createSecretKey(subkey('sha256', master, 'aes-256-gcm enc', 32)); // a KeyObject halves GCM setup time
  const sivKey = subkey('sha256', master, 'aes-256-gcm siv', 32);
  return {
    tag: 'aes',
    seal(context, plaintext) {
      const nonce = mac('sha256', sivKey, [context, plaintext], 12);
      const c = createCipheriv('aes-256-gcm', encKey, nonce, { authTagLength: 16 });
      c.setAAD(context);
      const ct = Buffer.concat([c.update(plaintext), c.final()]);
      return Buffer.concat([nonce, ct, c.getAuthTag()]);
    },
    open(context, payload) {
      if (payload.length < 12 + 16) return null;
      const nonce = payload.subarray(0, 12);
      const d = createDecipheriv('aes-256-gcm', encKey, nonce, { authTagLength: 16 });
      d.setAAD(context);
      d.setAuthTag(payload.subarray(payload.length - 16));
      let pt: Buffer;
      try {
        pt = Buffer.concat([d.update(payload.subarray(12, payload.length - 16)), d.final()]);
      } catch {
        return null;
      }
      // a valid GCM tag under a nonce we would not derive is still not our ciphertext
      return same(mac('sha256', sivKey, [context, pt], 12), nonce) ? pt : null;
    },
  };
}

/**
 * SM4-CTR (OpenSSL has no SM4-GCM) with a 16-byte IV from HMAC-SM3, then HMAC-SM3 over
 * context || IV || ciphertext (encrypt-then-MAC), truncated to 16 bytes like a GCM tag.
 */
export function sm4Suite(master: Buffer): Suite {
  const encKey = createSecretKey(subkey('sm3', master, 'sm4 enc', 16));
  const sivKey = subkey('sm3', master, 'sm4 siv', 32);
  const macKey = subkey('sm3', master, 'sm4 mac', 32);
  return {
    tag: 'sm4',
    seal(context, plaintext) {
      const iv = mac('sm3', sivKey, [context, plaintext], 16);
      const c = createCipheriv('sm4-ctr', encKey, iv);
      const ct = Buffer.concat([c.update(plaintext), c.final()]);
      return Buffer.concat([iv, ct, mac('sm3', macKey, [context, iv, ct], 16)]);
    },
    open(context, payload) {
      if (payload.length < 16 + 16) return null;
      const iv = payload.subarray(0, 16);
      const ct = payload.subarray(16, payload.length - 16);
      if (!same(mac('sm3', macKey, [context, iv, ct], 16), payload.subarray(payload.length - 16))) return null;
      const d = createDecipheriv('sm4-ctr', encKey, iv);
      const pt = Buffer.concat([d.update(ct), d.final()]);
      return same(mac('sm3', sivKey, [context, pt], 16), iv) ? pt : null;
    },
  };
}
