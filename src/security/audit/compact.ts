// How the ledger and the queue store an event's canonical text: the JSON fragments every BALP event
// repeats (server agent, source, codings, profile) are replaced by two-character tokens. Only storage
// changes: the entry hash, proofs and the API use the expanded text, which is restored exactly.
// Why: a read event is ~1.7 KB of which ~1.2 KB is this boilerplate, and the ledger's cost was mostly
// writing those bytes twice (queue, chain) through SQLite's b-trees and WAL (ADR 0004, third pass).
//
// Canonical JSON never holds a raw U+0001 (JSON.stringify escapes control characters), so a token
// (U+0001 + one letter or digit) cannot be confused with event text. Text that holds one anyway is stored
// as it is. Stored text without a token is the canonical text itself (every row written before this).

const MARK = '\u0001';
const THO = 'http://terminology.hl7.org/CodeSystem/';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const HUIYI = 'https://huiyi.dev/fhir/';

// APPEND ONLY: stored rows refer to fragments by position. A fragment never contains `"reference"` and
// never starts or ends inside a `"system":"…"` pair, so the searches of search.ts can look for
// those in stored text (see needles()).
export const FRAGMENTS: readonly string[] = [
  `{"requestor":false,"type":{"coding":[{"code":"110153","system":"${DCM}"}]},"who":{"display":"huiyi"}}`,
  `"type":{"coding":[{"code":"IRCP","system":"${THO}v3-ParticipationType"}]}`,
  `"source":{"observer":{"display":"huiyi"},"type":[{"code":"4","system":"${THO}security-source-type"}]}`,
  '"meta":{"profile":["https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.',
  `"type":{"code":"rest","system":"${THO}audit-event-type"}`,
  '"system":"http://hl7.org/fhir/restful-interaction"',
  `{"role":{"code":"1","system":"${THO}object-role"},"type":{"code":"1","system":"${THO}audit-entity-type"},"what":{`,
  `{"role":{"code":"4","system":"${THO}object-role"},"type":{"code":"2","system":"${THO}audit-entity-type"},"what":{`,
  `"role":{"code":"24","system":"${THO}object-role"},"type":{"code":"2","system":"${THO}audit-entity-type"}`,
  `"system":"${HUIYI}CodeSystem/role"`,
  `"extension":[{"url":"${HUIYI}StructureDefinition/audit-user-agent","valueString":`,
  `"system":"${THO}object-role"`,
  `"system":"${THO}audit-entity-type"`,
  `"system":"${DCM}"`,
  `"system":"${HUIYI}CodeSystem/audit-event-subtype"`,
  `"system":"${THO}v3-ActReason"`,
  '"resourceType":"AuditEvent"',
  '"outcome":"0","recorded":"',
  '"requestor":true,"role":[{"coding":[{"code":"',
  '"network":{"address":"',
  '{"action":"',
  '"agent":[',
  '"entity":[',
  '"who":{"display":"',
  '{"what":{',
  '"type":"2"}',
];

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
if (FRAGMENTS.length > ALPHABET.length) throw new Error('audit compact: more fragments than token letters');
const TOKENS = FRAGMENTS.map((_, i) => MARK + ALPHABET[i]);
const BY_LETTER = new Map(FRAGMENTS.map((f, i) => [ALPHABET[i], f]));
// longest first, so a fragment inside a longer one does not break the longer one's match
const ENCODE_ORDER = FRAGMENTS.map((f, i) => [f, TOKENS[i]] as const).sort((a, b) => b[0].length - a[0].length);

/** The stored form of a canonical event text. */
export function compactText(text: string): string {
  if (text.includes(MARK)) return text;
  let out = text;
  for (const [fragment, token] of ENCODE_ORDER) if (out.includes(fragment)) out = out.replaceAll(fragment, token);
  return out;
}

/**
 * The canonical text of a stored one. A token with an unknown letter (only a row altered in the database
 * has one) is kept as it is, so the entry's hash no longer matches and verify names it.
 */
export function expandText(stored: string): string {
  if (!stored.includes(MARK)) return stored;
  const parts = stored.split(MARK);
  let out = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i];
    const f = BY_LETTER.get(p[0]);
    out += f === undefined ? MARK + p : f + p.slice(1);
  }
  return out;
}

/**
 * What to look for in stored text to find `needle` in the canonical text: the needle itself and the token of
 * every fragment that contains it. Exact for needles that begin with a JSON key and do not end inside a
 * fragment, such as `"reference":"Patient/1"` or `"system":"…"`.
 */
export function needles(needle: string): string[] {
  return [needle, ...FRAGMENTS.flatMap((f, i) => (f.includes(needle) ? [TOKENS[i]] : []))];
}
