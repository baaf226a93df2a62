// Benchmark: node --expose-gc --import tsx src/fhir/validation/validate.bench.ts
// Reports the one-time model compile cost, heap, and µs per resource (R4 examples, typical
// Patient / Observation). Reads ../shared/testdata when present.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invariantStats, skippedInvariants } from './invariants.js';
import { getModel, type TypeModel } from './model.js';
import { rawSource, sourceLoadMs } from './sd-source.js';
import { terminologyLoadMs } from './terminology.js';
import { validateResource } from './validate.js';

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};

export const PATIENT = {
  resourceType: 'Patient', id: 'p1', meta: { versionId: '1', lastUpdated: '2024-01-01T00:00:00Z' },
  identifier: [{ system: 'urn:oid:1.2.36.146.595.217.0.1', value: '12345' }],
  active: true, name: [{ use: 'official', family: 'Chalmers', given: ['Peter', 'James'] }],
  telecom: [{ system: 'phone', value: '(03) 5555 6473', use: 'work' }], gender: 'male', birthDate: '1974-12-25',
  address: [{ use: 'home', line: ['534 Erewhon St'], city: 'PleasantVille', postalCode: '3999' }],
  managingOrganization: { reference: 'Organization/1' },
};

export const OBSERVATION = {
  resourceType: 'Observation', id: 'o1', status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
  subject: { reference: 'Patient/p1' }, effectiveDateTime: '2024-01-01T10:00:00Z',
  valueQuantity: { value: 72, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
};

function perCall(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 1000; i++) fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return ((performance.now() - t0) * 1000) / n;
}

const heap0 = heapMb();
let t = performance.now();
validateResource(PATIENT);
const firstMs = performance.now() - t;
t = performance.now();
validateResource(OBSERVATION);
const secondMs = performance.now() - t;
console.log(`first validation (lazy compile): ${firstMs.toFixed(0)} ms (definitions parse ${sourceLoadMs.toFixed(0)} ms, terminology ${terminologyLoadMs.toFixed(0)} ms); next type: ${secondMs.toFixed(1)} ms`);
console.log(`heap after compile: +${(heapMb() - heap0).toFixed(1)} MB (--expose-gc for exact figures: ${gc ? 'on' : 'off'})`);
console.log(`Patient: ${perCall(() => validateResource(PATIENT)).toFixed(2)} µs`);
console.log(`Observation: ${perCall(() => validateResource(OBSERVATION)).toFixed(2)} µs`);

// Every type and backbone element compiled (the worst case for a long-running server).
const seen = new Set<TypeModel>();
const visit = (m: TypeModel | undefined): void => {
  if (!m || seen.has(m)) return;
  seen.add(m);
  for (const el of m.elements.values()) visit(el.childModel());
};
t = performance.now();
for (const name of rawSource().types.keys()) visit(getModel(name));
console.log(`all ${seen.size} type/backbone models compiled: +${(performance.now() - t).toFixed(0)} ms, heap +${(heapMb() - heap0).toFixed(1)} MB over the process baseline`);

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'testdata', 'fhir-r4-examples');
function examples(): void {
  const all = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'package.json').map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const bytes = all.reduce((n, r) => n + JSON.stringify(r).length, 0);
  const us = perCall(() => { for (const r of all) validateResource(r); }, 3000) / all.length;
  console.log(`R4 examples: ${us.toFixed(1)} µs/resource mean over all ${all.length} (bundles included; ${((bytes / all.length) * 1e-3).toFixed(1)} kB mean, ${((bytes / all.length / us)).toFixed(0)} MB/s)`);
  // per resource, non-bundles: the typical write
  const times = all.filter((r) => r.resourceType !== 'Bundle').map((r) => {
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) validateResource(r);
    return ((performance.now() - t0) * 1000) / 50;
  }).sort((a, b) => a - b);
  const q = (p: number): string => times[Math.floor(p * (times.length - 1))].toFixed(1);
  console.log(`R4 examples, ${times.length} non-bundle resources: median ${q(0.5)} µs, p90 ${q(0.9)} µs, max ${q(1)} µs`);
}
if (existsSync(dir)) examples();
else console.log(`R4 examples: skipped (${dir} absent)`);
const s = invariantStats();
console.log(`invariants: ${s.lite} fast-path, ${s.fhirpath} fhirpath.js (${[...s.viaFhirpathJs.keys()].join(', ')}), run-time fallbacks to fhirpath.js: ${s.fallbacks}`);
console.log(`structural: ${s.structural.join(', ')}; skipped: ${[...skippedInvariants()].map(([k, why]) => `${k} (${why})`).join(', ')}`);
