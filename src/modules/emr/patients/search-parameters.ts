// Two custom SearchParameters the patient search relies on, kept as FHIR data (a tenant's SearchParameter
// resources, readable at /fhir/SearchParameter) so any FHIR client can use them too:
//   Patient?pinyin=zs | zhangsan   the pinyin of the name, run together, or the first letter of each syllable;
//   Patient?_sort=-mrn             the medical record number alone (to find the highest number issued).
// The pinyin keys are computed by the FHIRPath expression from the `usual` (pinyin) HumanName that registration and
// the demo hospital write, so existing records need no extra data and no rewrite: the core re-indexes Patient
// when the parameter is first stored.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';

export const MRN_SYSTEM = 'https://huiyi.dev/fhir/sid/mrn';

/**
 * One pinyin syllable (optional initial, vowels, optional final n/ng/r that does not start the next syllable).
 * Spellings follow GB/T 28039 (an apostrophe wherever the split would be ambiguous), so this split is exact.
 */
const SYLLABLE = "(?:[zcs]h|[bcdfghjklmnpqrstwxyz])?[aeiouv]+(?:ng(?![aeiouv])|n(?![aeiouv])|r(?![aeiouv]))?";
/** each name's text, lower-cased, ü as v (select: string functions take one string at a time) */
const letters = (names: string, then: string) => `${names}.text.select(lower().replaceMatches('ü', 'v')${then}).where(length() > 0)`;
/** every name's Latin letters run together (also passport-spelt names), and the syllable initials of the pinyin name */
export const PINYIN_EXPRESSION =
  `${letters('Patient.name', ".replaceMatches('[^a-z]', '')")}` +
  ` | ${letters("Patient.name.where(use = 'usual')", `.replaceMatches('[^a-z]+', ' ').replaceMatches('(?=([a-z]))${SYLLABLE}', '$1').replaceMatches('[^a-z]', '')`)}`;

export const SEARCH_PARAMETERS: Resource[] = [
  {
    resourceType: 'SearchParameter',
    id: 'huiyi-patient-pinyin',
    url: 'https://huiyi.dev/fhir/SearchParameter/patient-pinyin',
    name: 'pinyin',
    status: 'active',
    description: 'Patient name in pinyin, without spaces ("zhangsan"), or the first letters of its syllables ("zs"); ü is written v. Prefix match.',
    code: 'pinyin',
    base: ['Patient'],
    type: 'string',
    expression: PINYIN_EXPRESSION,
  },
  {
    resourceType: 'SearchParameter',
    id: 'huiyi-patient-mrn',
    url: 'https://huiyi.dev/fhir/SearchParameter/patient-mrn',
    name: 'mrn',
    status: 'active',
    description: 'The medical record number (病案号) alone, to search and sort by it.',
    code: 'mrn',
    base: ['Patient'],
    type: 'token',
    expression: `Patient.identifier.where(system = '${MRN_SYSTEM}')`,
  },
];

const ensured = new WeakMap<FhirRepository, Map<string, Promise<void>>>();

/**
 * Store the SearchParameters in a tenant once per process (an unchanged PUT writes nothing). This is definition
 * data, like a migration, written by the server itself: no user context, no policy.
 */
export function ensureSearchParameters(repo: FhirRepository, tenant: string): Promise<void> {
  let byTenant = ensured.get(repo);
  if (!byTenant) ensured.set(repo, (byTenant = new Map()));
  const done = byTenant;
  let p = done.get(tenant);
  if (!p) {
    const ctx: RequestContext = { tenant };
    p = (async () => {
      for (const sp of SEARCH_PARAMETERS) await repo.update(ctx, sp);
    })();
    p.catch(() => done.delete(tenant));
    done.set(tenant, p);
  }
  return p;
}
