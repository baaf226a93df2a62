// Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and strings
// as ECMAScript JSON.stringify writes them (the JCS / RFC 8785 rules for JSON that JS can hold).
// The ledger hashes these exact bytes, so one event always has one hash.

export function canonicalJson(value: unknown): string {
  const out = write(value);
  if (out === undefined) throw new TypeError('canonicalJson: value is not representable as JSON');
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
