import type { Resource } from '../types.js';

/** Every Reference.reference string in a resource (including contained ones), by visiting the JSON. */
export function visitReferences(node: unknown, fn: (ref: string, holder: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) visitReferences(x, fn);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (k === 'reference' && typeof v === 'string') fn(v, o);
    else if (v && typeof v === 'object') visitReferences(v, fn);
  }
}

/** A conditional reference: `Patient?identifier=…` (resolved by search inside the transaction). */
export function conditionalReference(ref: string): { type: string; criteria: string } | undefined {
  const m = /^([A-Z][A-Za-z]+)\?(.+)$/.exec(ref);
  return m ? { type: m[1], criteria: m[2] } : undefined;
}

/** Rewrite references in place through a map (fullUrl or urn → Type/id); returns the unresolved urn: refs. */
export function rewriteReferences(resource: Resource, map: ReadonlyMap<string, string>): string[] {
  const dangling: string[] = [];
  visitReferences(resource, (ref, holder) => {
    const to = map.get(ref);
    if (to !== undefined) holder.reference = to;
    else if (ref.startsWith('urn:uuid:') || ref.startsWith('urn:oid:')) dangling.push(ref);
  });
  return dangling;
}
