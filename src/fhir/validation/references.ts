// Reference.reference formats (http://hl7.org/fhir/R4/references.html#literal).
import { isResourceType } from './model.js';

const REL_RE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;
const ABS_TAIL_RE = /\/([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const CONDITIONAL_RE = /^([A-Z][A-Za-z]+)\?\S+$/;
const UUID_RE = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const OID_RE = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;

export interface ParsedReference {
  error?: string;
  warning?: string;
  type?: string; // target resource type, when the reference names one
  local?: boolean; // "#id" or "#"
}

export function parseReference(ref: string): ParsedReference {
  if (ref.charCodeAt(0) === 35) return { local: true }; // ref-1 checks the id against the contained resources
  const rel = REL_RE.exec(ref);
  if (rel) return isResourceType(rel[1]) ? { type: rel[1] } : { error: `Unknown resource type '${rel[1]}' in reference '${ref}'` };
  if (SCHEME_RE.test(ref)) {
    // still absolute URIs, so the reference validator accepts them: warn only
    if (ref.startsWith('urn:uuid:')) return UUID_RE.test(ref) ? {} : { warning: `'${ref}' is not a valid urn:uuid` };
    if (ref.startsWith('urn:oid:')) return OID_RE.test(ref) ? {} : { warning: `'${ref}' is not a valid urn:oid` };
    if (/\s/.test(ref)) return { error: `Reference '${ref}' contains whitespace` };
    const tail = ABS_TAIL_RE.exec(ref);
    return tail && isResourceType(tail[1]) ? { type: tail[1] } : {};
  }
  // conditional references are resolved by the server within transactions
  const cond = CONDITIONAL_RE.exec(ref);
  if (cond && isResourceType(cond[1])) return { type: cond[1] };
  return { error: `Relative reference '${ref}' must be of the form [ResourceType]/[id], an absolute URL, '#id' or urn:uuid/urn:oid` };
}
