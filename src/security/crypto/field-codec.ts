import { join } from 'node:path';
import type { Resource } from '../../fhir/types.js';
import { ConfigError } from '../../config/config.js';
import { aesSuite, encodeContext, sm4Suite, type Suite, type SuiteTag } from './suites.js';
import { applies, CONTACT_SYSTEMS, indexRules, parseFieldRules, tokenTarget, type FieldElement, type FieldRule } from './rules.js';
import { loadOrCreateFieldKey } from './key-file.js';

// Encryption at rest of configured Identifier/ContactPoint values. A value is bound to its field
// context "<Type>.<element>|<its own system>", which does not depend on the rules: changing
// HUIYI_ENCRYPT_FIELDS or HUIYI_FIELD_CIPHER never makes stored values unreadable.

export type { FieldRule } from './rules.js';
export { parseFieldRules } from './rules.js';
export { loadOrCreateFieldKey } from './key-file.js';

export type FieldCipherName = 'aes-256-gcm' | 'sm4';

export interface ContentCodec {
  /** before storage: a copy with the configured values encrypted (input untouched); idempotent on already-sealed values */
  seal(resource: Resource): Resource;
  /** after reading storage: a copy with values decrypted; a value that fails authentication throws */
  open(resource: Resource): Resource;
  /** for search: the stored form of a token value searched on `type`'s search parameter `param` (identifier, telecom, phone, email …) with system|code; returns code unchanged when no rule applies */
  sealToken(type: string, param: string, system: string | undefined, code: string): string;
  /**
   * Every form the value may be stored under (the plain code first, for data written before
   * encryption), for `code IN (…)`; unlike sealToken it also covers searches that do not pin the
   * context, e.g. identifier without system or telecom (whose index rows carry no ContactPoint.system).
   */
  tokenForms(type: string, param: string, system: string | undefined, code: string): string[];
  /** true when some rule could apply to this type (fast path: the core skips the codec otherwise) */
  covers(type: string): boolean;
}

/** A stored value that looks sealed but does not authenticate: wrong key, or altered/moved data. */
export class SealedValueError extends Error {}

export const FIELD_ENV_DOC: [string, string, string][] = [
  ['HUIYI_ENCRYPT_FIELDS', '(none)', 'Values encrypted at rest, comma-separated `Type.identifier[|system]` or `Type.telecom[|phone|email|…]`, e.g. `Patient.identifier|https://www.example.cn/id-card,Patient.telecom|phone`'],
  ['HUIYI_FIELD_CIPHER', 'aes-256-gcm', 'Cipher for newly encrypted values: `aes-256-gcm` or `sm4` (国密 SM4-CTR + HMAC-SM3); values written under the other stay readable'],
  ['HUIYI_FIELD_KEY_FILE', '$HUIYI_DATA_DIR/field-key', '32-byte master key (base64 or hex); created 0600 if missing. Back it up: without it encrypted values are lost'],
];

const SEALED = /^enc1\.(aes|sm4)\.([A-Za-z0-9_-]+)$/;
const ELEMENTS: FieldElement[] = ['identifier', 'telecom'];
const contextOf = (type: string, element: FieldElement, system: string) => `${type}.${element}|${system}`;

type Transform = (context: string, value: string, where: string) => string;

/** A copy of `resource` with `fn` applied to the picked values; unchanged parts are shared. */
function transform(resource: Resource, pick: (element: FieldElement, system: string) => boolean, fn: Transform): Resource {
  const out: Resource = { ...resource };
  const one = (item: any, element: FieldElement, where: string): unknown => {
    if (!item || typeof item !== 'object' || typeof item.value !== 'string' || !item.value) return item;
    const system = typeof item.system === 'string' ? item.system : '';
    if (!pick(element, system)) return item;
    const value = fn(contextOf(resource.resourceType, element, system), item.value, where);
    return value === item.value ? item : { ...item, value };
  };
  for (const element of ELEMENTS) {
    const v = resource[element];
    if (Array.isArray(v)) {
      const next = v.map((item, i) => one(item, element, `${element}[${i}]`));
      if (next.some((x, i) => x !== v[i])) out[element] = next;
    } else if (v && typeof v === 'object') {
      out[element] = one(v, element, element); // e.g. Bundle.identifier is a single Identifier
    }
  }
  return out;
}

export function fieldCodec(opts: { cipher: FieldCipherName; key: Buffer /* 32 bytes */; rules: FieldRule[] }): ContentCodec {
  if (opts.key.length !== 32) throw new Error(`field key must be 32 bytes, got ${opts.key.length}`);
  if (opts.cipher !== 'aes-256-gcm' && opts.cipher !== 'sm4') throw new Error(`unknown field cipher "${opts.cipher as string}"`);
  const key = Buffer.from(opts.key);
  const suites: Partial<Record<SuiteTag, Suite>> = {};
  const suite = (tag: SuiteTag): Suite => (suites[tag] ??= tag === 'aes' ? aesSuite(key) : sm4Suite(key));
  const mine: SuiteTag = opts.cipher === 'sm4' ? 'sm4' : 'aes';
  const byType = indexRules(opts.rules);

  const sealNew = (context: string, plaintext: string): string =>
    `enc1.${mine}.${suite(mine).seal(encodeContext(context), Buffer.from(plaintext, 'utf8')).toString('base64url')}`;

  /** undefined: not in sealed form; null: sealed form that does not authenticate here */
  const openValue = (context: string, value: string): string | null | undefined => {
    const m = SEALED.exec(value);
    if (!m) return undefined;
    const payload = Buffer.from(m[2], 'base64url');
    if (payload.toString('base64url') !== m[2]) return null; // non-canonical: one ciphertext, one spelling
    const pt = suite(m[1] as SuiteTag).open(encodeContext(context), payload);
    return pt ? pt.toString('utf8') : null;
  };

  // Already sealed for this context under our cipher: kept. Under the other cipher: re-sealed.
  // Sealed-looking but not ours: plain text a client sent, sealed as such (so reads never fail on it).
  const sealValue = (context: string, value: string): string => {
    const pt = openValue(context, value);
    if (typeof pt !== 'string') return sealNew(context, value);
    return value.startsWith(`enc1.${mine}.`) ? value : sealNew(context, pt);
  };

  /** the element a search targets and the systems its values may carry (undefined: not pinned) */
  const searched = (type: string, param: string, system: string | undefined) => {
    const rules = byType.get(type);
    const t = rules && tokenTarget(type, param);
    const e = t && rules[t.element];
    if (!t || !e) return undefined;
    // ContactPoint index rows have no system: only phone/email-style params pin it
    return { element: t.element, rules: e, system: t.element === 'telecom' ? t.system : system };
  };

  return {
    seal: (resource) => {
      const rules = byType.get(resource.resourceType);
      if (!rules) return { ...resource };
      return transform(resource, (element, system) => !!rules[element] && applies(rules[element], system), sealValue);
    },
    open: (resource) => transform(resource, () => true, (context, value, where) => {
      const pt = openValue(context, value);
      if (pt === null) {
        throw new SealedValueError(`${resource.resourceType}/${resource.id ?? '?'} ${where}.value does not authenticate (wrong field key, or the value was altered or moved)`);
      }
      return pt ?? value;
    }),
    sealToken: (type, param, system, code) => {
      const s = code ? searched(type, param, system) : undefined;
      if (!s || s.system === undefined || !applies(s.rules, s.system)) return code;
      return sealValue(contextOf(type, s.element, s.system), code);
    },
    tokenForms: (type, param, system, code) => {
      const forms = new Set([code]);
      const s = code ? searched(type, param, system) : undefined;
      if (!s) return [...forms];
      const all = s.element === 'telecom' ? CONTACT_SYSTEMS : []; // a catch-all identifier rule cannot list unknown systems
      const systems = s.system !== undefined ? [s.system] : s.rules.all ? ['', ...all, ...s.rules.systems] : [...s.rules.systems];
      for (const sys of systems) if (applies(s.rules, sys)) forms.add(sealValue(contextOf(type, s.element, sys), code));
      return [...forms];
    },
    covers: (type) => byType.has(type),
  };
}

const isCipherName = (v: string): v is FieldCipherName => v === 'aes-256-gcm' || v === 'sm4';

/** The codec configured by the environment; undefined when HUIYI_ENCRYPT_FIELDS is empty. */
export function loadFieldCodec(env: NodeJS.ProcessEnv, dataDir: string): ContentCodec | undefined {
  const rules = parseFieldRules(env.HUIYI_ENCRYPT_FIELDS ?? '');
  if (!rules.length) return undefined;
  const cipher = (env.HUIYI_FIELD_CIPHER?.trim() || 'aes-256-gcm').toLowerCase();
  if (!isCipherName(cipher)) throw new ConfigError(`HUIYI_FIELD_CIPHER must be aes-256-gcm or sm4, got "${env.HUIYI_FIELD_CIPHER}"`);
  const keyFile = env.HUIYI_FIELD_KEY_FILE?.trim() || join(dataDir, 'field-key');
  return fieldCodec({ cipher, key: loadOrCreateFieldKey(keyFile), rules });
}
