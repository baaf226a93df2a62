// Agreement with the reference (Java) validator on the R4 cases of the FHIR test-case repository:
// valid/invalid must agree for every case whose checks are in scope. Out-of-scope cases are
// listed with the reason; the error-path overlap is reported, not asserted (README: paths, not texts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveProfiles, skipUnless, TESTDATA } from './testdata.test-helper.js';
import { validateResource } from './validate.js';

const DIR = 'fhir-validator-r4';

const TX = 'needs a terminology server (SNOMED CT, LOINC, CVX codes or display names)';
const TX_RULES = 'terminology authoring rules for CodeSystem/ValueSet content (properties, filters, ECL, supplements, parameters)';
const RESOLVE = 'needs references resolved across the Bundle/Parameters or narrative links';
const EXTENSIONS = 'needs extension definitions (unknown or version-specific extensions are errors there)';
const CONFORMANCE = 'semantics of conformance resources (CapabilityStatement, SearchParameter, snapshot generation)';
const POLICY = 'reference-validator policy, not an R4 rule (HTML in strings/markdown, example URLs, publishing rules)';
const JSON_SYNTAX = 'JSON syntax/JSON5 (parsing happens before validation)';

const OUT_OF_SCOPE: Record<string, string> = {
  'vs-bad-code': TX, 'cvx': TX, 'bundle-id-5': TX, 'uk-msg': TX, 'obs-temp-code2': TX, 'ips-nz-pj': TX,
  'supplement-2': TX_RULES, 'cs-bad-props': TX_RULES, 'vs-bad-props': TX_RULES, 'vs-params-2': TX_RULES,
  'vs-params-3': TX_RULES, 'vs-params-4': TX_RULES, 'vs-bad-ecl': TX_RULES, 'vs-bad-ecl-us': TX_RULES,
  'allergy': 'a data-absent-reason extension in place of a required code is an error only by reference-validator policy',
  'bundle-document-versioned-references-bad': RESOLVE, 'parameters-reference-bad': RESOLVE, 'bundle-with-contained': RESOLVE,
  'ips-htmlrefs-backwards': RESOLVE,
  'pat-dob-ext': EXTENSIONS, 'pat-example-extensions': EXTENSIONS, 'nested-questionnaire-nested-valueset': EXTENSIONS,
  'maiden-name-extension': EXTENSIONS, 'patient-with-turvakielto': EXTENSIONS,
  'capstmt': CONFORMANCE, 'sp-diff-type': CONFORMANCE, 'sp-diff-base': CONFORMANCE, 'sp-composite': CONFORMANCE, 'obs-mz': CONFORMANCE,
  'pat-security-bad-string': POLICY, 'bad-markdown-no-html': POLICY, 'dr-example-org': POLICY, 'cs-narrative-status-pub': POLICY,
  'signatures-example-2': 'digital signature verification',
  'obs-temp-bad': 'the vital-signs profile chosen from the LOINC/SNOMED code (not from meta.profile)',
  'obs-vs-1': 'the vital-signs profile chosen from the LOINC code, plus extension definitions',
  'contained-resource-bad-id-ignore': 'a validator option that suppresses the contained-resource checks',
  'json-comments-1-no': JSON_SYNTAX, 'json-comments-1-yes': JSON_SYNTAX, 'json-comments-2-no': JSON_SYNTAX,
  'json-comments-2-yes': JSON_SYNTAX, 'json-comma-bad-1': JSON_SYNTAX, 'json-comma-bad-2': JSON_SYNTAX,
  'json-no-quotes-1': JSON_SYNTAX, 'json-no-quotes-2': JSON_SYNTAX, 'bad-json-close': JSON_SYNTAX,
  'bad-json-close-2': JSON_SYNTAX, 'bad-json-close-3': JSON_SYNTAX,
};

interface Case { name: string; file: string; expected?: string; expectedErrors: number }

const stripComments = (p: string): string => p.replace(/\/\*[^*]*\*\//g, ''); // "resource/*Patient/1*/.name"

test('validator cases: valid/invalid agreement with the reference validator', { skip: skipUnless(DIR) }, (t) => {
  const dir = join(TESTDATA, DIR);
  const cases: Case[] = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const disagree: string[] = [];
  let inScope = 0, agreeInScope = 0, runnable = 0, agreeAll = 0, invalidInScope = 0, pathHits = 0;
  for (const c of cases) {
    let r: unknown;
    try {
      r = JSON.parse(readFileSync(join(dir, c.file), 'utf8').replace(/^\uFEFF/, ''));
    } catch {
      assert.ok(OUT_OF_SCOPE[c.name], `${c.name}: unparseable JSON but not listed as out of scope`);
      continue;
    }
    runnable++;
    const errors = validateResource(r, { profiles: resolveProfiles(r) }).filter((i) => i.severity === 'error');
    const agree = errors.length > 0 === c.expectedErrors > 0;
    if (agree) agreeAll++;
    if (OUT_OF_SCOPE[c.name]) continue;
    inScope++;
    if (agree) agreeInScope++;
    else disagree.push(`${c.name}: expected ${c.expectedErrors} error(s), got ${errors.length}${errors[0] ? `, first: ${errors[0].expression?.[0]} ${errors[0].diagnostics}` : ''}`);
    if (c.expectedErrors > 0 && c.expected) {
      invalidInScope++;
      const expected = JSON.parse(readFileSync(join(dir, c.expected), 'utf8')).issue
        .filter((i: any) => i.severity === 'error' || i.severity === 'fatal')
        .flatMap((i: any) => (i.expression ?? []).map(stripComments));
      if (errors.some((e) => expected.includes(e.expression?.[0]))) pathHits++;
    }
  }
  t.diagnostic(`in scope: ${agreeInScope}/${inScope} agree; all parseable cases: ${agreeAll}/${runnable}; ${cases.length - inScope} out of scope`);
  t.diagnostic(`invalid in-scope cases with at least one error at a reference-validator path: ${pathHits}/${invalidInScope}`);
  assert.deepEqual(disagree, []);
});
