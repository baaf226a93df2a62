import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Resource } from '../types.js';
import { SearchParamRegistry } from '../definitions/search-params.js';
import { compileExpression } from './evaluator.js';
import { extractIndex } from './extract.js';
import { compileFastPath, type Node } from './fast-path.js';

const reg = SearchParamRegistry.base();
const EXAMPLES = fileURLToPath(new URL('../../../../shared/testdata/fhir-r4-examples/', import.meta.url));

function loadExamples(): { file: string; resource: Resource }[] {
  return readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()
    .map((file) => ({ file, resource: JSON.parse(readFileSync(EXAMPLES + file, 'utf8')) as Resource }));
}

function run(expr: string, resource: Resource): Node[] {
  const f = compileFastPath(expr, resource.resourceType);
  assert.ok(f, `fast path should handle ${expr}`);
  const root = { data: resource, type: resource.resourceType, path: resource.resourceType };
  return f(root, root);
}

test('fast path: choice casts, unions, where(), extension(), [n] and their FHIR types', () => {
  const obs: Resource = {
    resourceType: 'Observation', status: 'final', code: { text: 'c' }, subject: { reference: 'Patient/1' },
    valueQuantity: { value: 1 }, effectivePeriod: { start: '2020' },
    component: [{ code: { text: 'a' }, valueString: 's' }, { code: { text: 'b' }, valueQuantity: { value: 2 } }],
    extension: [{ url: 'u1', valueAge: { value: 3 } }, { url: 'u2', valueCode: 'x' }],
  };
  const types = (expr: string) => run(expr, obs).map((n) => n.type);
  assert.deepEqual(types('(Observation.value as Quantity)'), ['Quantity']);
  assert.deepEqual(types('Observation.value as Quantity'), ['Quantity']);
  assert.deepEqual(types('Observation.value.as(CodeableConcept)'), []);
  assert.deepEqual(types('Observation.effective.ofType(Period)'), ['Period']);
  assert.deepEqual(types('Observation.component.value'), ['string', 'Quantity']);
  assert.deepEqual(types('Observation.component.value.as(String)'), ['string']);
  assert.deepEqual(types('Observation.subject.where(resolve() is Patient)'), ['Reference']);
  assert.deepEqual(types('Observation.subject.where(resolve() is Group)'), []);
  assert.deepEqual(types("Observation.extension('u1').value"), ['Age']);
  assert.deepEqual(types("Observation.extension('u1').value.ofType(Quantity)"), ['Age']);
  assert.deepEqual(types("Observation.extension.where(url = 'u2').value"), ['code']);
  assert.deepEqual(run('Observation.component[1].code.text', obs).map((n) => n.data), ['b']);
  assert.deepEqual(types('Observation.id | Observation.status | Resource.meta.tag'), ['code']);
});

test('fast path declines what it cannot do exactly', () => {
  for (const expr of ['Observation.code.exists()', 'Observation.subject.resolve()', 'Observation.value.is(Quantity)',
    'Observation.component.where(code.text.startsWith(\'a\'))', 'Observation.notAnElement', "Observation.code.where(text != 'a')",
    'Patient.deceased.exists() and Patient.deceased != false']) {
    assert.equal(compileFastPath(expr, 'Observation'), null, expr);
  }
});

test('fast path and fhirpath.js index the R4 examples identically', (t) => {
  if (!existsSync(EXAMPLES)) {
    t.skip(`R4 examples not found at ${EXAMPLES}; skipping the fast-path/fhirpath.js comparison`);
    return;
  }
  const examples = loadExamples();
  assert.ok(examples.length > 500);
  const key = (e: unknown) => JSON.stringify(e);
  const mismatches: string[] = [];
  for (const { file, resource } of examples) {
    const fast = extractIndex(resource, reg).map(key).sort();
    const slow = extractIndex(resource, reg, { fastPath: false }).map(key).sort();
    if (fast.join('\n') !== slow.join('\n')) {
      const s = new Set(slow);
      const f = new Set(fast);
      mismatches.push(`${file}: fast-only ${fast.filter((x) => !s.has(x)).slice(0, 2)} slow-only ${slow.filter((x) => !f.has(x)).slice(0, 2)}`);
    }
  }
  assert.deepEqual(mismatches, []);

  // Coverage: (type, param) pairs whose every alternative runs on the fast path.
  let pairs = 0;
  let fastPairs = 0;
  for (const type of reg.resourceTypes()) {
    for (const def of reg.paramsForType(type)) {
      if (!def.expression || def.type === 'special' || def.code === '_id' || def.code === '_lastUpdated') continue;
      const c = compileExpression(def.expression, type);
      pairs++;
      if (c.fast === c.alternatives) fastPairs++;
    }
  }
  assert.ok(fastPairs / pairs > 0.99, `fast-path share ${fastPairs}/${pairs}`);

  const resources = examples.map((e) => e.resource);
  const throughput = (fastPath: boolean): number => {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 500) for (const r of resources) { extractIndex(r, reg, { fastPath }); n++; }
    return Math.round(n / ((performance.now() - t0) / 1000));
  };
  throughput(true);
  t.diagnostic(`fast path covers ${fastPairs}/${pairs} (type, param) pairs (${((100 * fastPairs) / pairs).toFixed(1)}%)`);
  t.diagnostic(`extraction over ${resources.length} examples: fast ${throughput(true)} resources/s, fhirpath.js only ${throughput(false)} resources/s`);
});
