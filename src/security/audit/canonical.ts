// Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and strings
// as ECMAScript JSON.stringify writes them (the JCS / RFC 8785 rules for JSON that JS can hold).
// The ledger hashes these exact bytes, so one event always has one hash.

// Objects their builder wrote key-sorted (the audit event builders): JSON.stringify alone is canonical for
// them, so the hot path skips the replacer. The mark is a non-enumerable symbol key: JSON.stringify
// ignores it and copies ({ ...e, k }, structuredClone) drop it, so a changed copy takes the sorting path.
// A marked object itself must not change (events.test.ts checks every builder's output). Cheaper than
// a WeakSet plus Object.freeze, which cost ~6 µs per event.
const CANONICAL = Symbol('huiyi.canonical');

export function markCanonical<T extends object>(value: T): T {
  Object.defineProperty(value, CANONICAL, { value: true });
  return value;
}

export function canonicalJson(value: unknown): string {
  if (typeof value === 'object' && value !== null && (value as { [CANONICAL]?: boolean })[CANONICAL] === true) return JSON.stringify(value);
  // Fast path: the native serializer with each object's keys put in order by a replacer. Objects with
  // integer-like keys (which JS always enumerates first, numerically) take the explicit writer.
  try {
    const fast = JSON.stringify(value, sortedKeys);
    if (fast !== undefined) return fast;
  } catch (e) {
    if (e !== INTEGER_KEY) throw e;
  }
  const out = write(value);
  if (out === undefined) throw new TypeError('canonicalJson: value is not representable as JSON');
  return out;
}

const INTEGER_KEY = Symbol('integer-like key');
const INTEGER_LIKE = /^(0|[1-9][0-9]*)$/;

function sortedKeys(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError(`canonicalJson: ${v} is not a JSON number`);
  if (typeof v === 'bigint') throw new TypeError('canonicalJson: bigint is not a JSON number');
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    if (INTEGER_LIKE.test(keys[i])) throw INTEGER_KEY;
    if (i && keys[i - 1] > keys[i]) sorted = false;
  }
  if (sorted) return v;
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) out[k] = (v as Record<string, unknown>)[k];
  return out;
}

function write(v: unknown): string | undefined {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${v} is not a JSON number`);
      return JSON.stringify(v);
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not a JSON number');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + (write(v[i]) ?? 'null');
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  for (const k of keys) {
    const s = write(o[k]);
    if (s !== undefined) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${s}`;
  }
  return `${out}}`;
}
