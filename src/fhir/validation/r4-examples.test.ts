// Every official R4 example must validate without errors, except the few that are themselves
// wrong (known-bad-examples.ts); Bundles are validated with their entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_BAD_EXAMPLES } from './known-bad-examples.js';
import { resolveProfiles, skipUnless, TESTDATA } from './testdata.test-helper.js';
import { validateResource } from './validate.js';

const DIR = 'fhir-r4-examples';

test('R4 examples: no errors except the known-bad ones', { skip: skipUnless(DIR) }, (t) => {
  const dir = join(TESTDATA, DIR);
  const problems: string[] = [];
  let n = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    if (typeof r.resourceType !== 'string') continue; // package.json
    n++;
    const errors = validateResource(r, { profiles: resolveProfiles(r) }).filter((i) => i.severity === 'error');
    if (KNOWN_BAD_EXAMPLES.has(f)) {
      if (!errors.length) problems.push(`${f}: listed as known-bad but has no errors`);
    } else if (errors.length) {
      problems.push(`${f}: ${errors.length} error(s), first: ${errors[0].expression?.[0]} ${errors[0].diagnostics}`);
    }
  }
  t.diagnostic(`${n - KNOWN_BAD_EXAMPLES.size}/${n} examples valid; ${KNOWN_BAD_EXAMPLES.size} known-bad`);
  assert.deepEqual(problems, []);
});
