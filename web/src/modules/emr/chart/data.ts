// What the chart reads, all through the FHIR API: the patient's encounters (with their Locations), allergies,
// problems, medications, vital signs and laboratory results.
import { api } from '../../../app/api';
import { included, matches, type Bundle, type Resource } from '../../../app/fhir-types';

/** Every page of a search (up to `limit` matches), matches and included resources apart. */
export async function searchAll(type: string, query: [string, string][], signal?: AbortSignal, limit = 2000): Promise<{ matches: Resource[]; included: Resource[] }> {
  const out = { matches: [] as Resource[], included: [] as Resource[] };
  let bundle: Bundle = await api.fhir.search(type, [...query, ['_count', '500']], { signal });
  for (;;) {
    out.matches.push(...matches(bundle));
    out.included.push(...included(bundle));
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    if (!next || out.matches.length >= limit || signal?.aborted) break;
    bundle = await api.fhir.page(next);
  }
  return out;
}

export interface ChartContext {
  encounters: Resource[];
  /** Locations of the encounters, by "Location/id" */
  locations: Map<string, Resource>;
  allergies: Resource[];
}

export async function loadContext(patientId: string, signal?: AbortSignal): Promise<ChartContext> {
  const subject = `Patient/${patientId}`;
  const [enc, alg] = await Promise.all([
    searchAll('Encounter', [['subject', subject], ['_sort', '-date'], ['_include', 'Encounter:location']], signal, 500),
    searchAll('AllergyIntolerance', [['patient', subject]], signal, 200),
  ]);
  const start = (e: Resource) => (e.period as { start?: string } | undefined)?.start ?? '';
  return {
    encounters: [...enc.matches].sort((a, b) => Date.parse(start(b) || '0') - Date.parse(start(a) || '0')),
    locations: new Map(enc.included.filter((r) => r.resourceType === 'Location').map((l) => [`Location/${l.id}`, l])),
    allergies: alg.matches.filter((a) => !['entered-in-error'].includes(verification(a))),
  };
}

const verification = (a: Resource) => ((a.verificationStatus as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code ?? '');

export const loadConditions = (patientId: string, signal?: AbortSignal) =>
  searchAll('Condition', [['subject', `Patient/${patientId}`], ['_sort', '-recorded-date']], signal, 500).then((r) => r.matches);

export async function loadMedications(patientId: string, signal?: AbortSignal): Promise<{ requests: Resource[]; statements: Resource[]; medications: Map<string, Resource> }> {
  const subject = `Patient/${patientId}`;
  const [req, st] = await Promise.all([
    searchAll('MedicationRequest', [['subject', subject], ['_sort', '-authoredon'], ['_include', 'MedicationRequest:medication']], signal, 500),
    searchAll('MedicationStatement', [['subject', subject], ['_include', 'MedicationStatement:medication']], signal, 500),
  ]);
  const medications = new Map([...req.included, ...st.included].filter((r) => r.resourceType === 'Medication').map((m) => [`Medication/${m.id}`, m]));
  return { requests: req.matches, statements: st.matches, medications };
}

export const loadVitals = (patientId: string, signal?: AbortSignal) =>
  searchAll('Observation', [['subject', `Patient/${patientId}`], ['category', 'vital-signs'], ['_sort', 'date']], signal, 5000).then((r) => r.matches);

export async function loadResults(patientId: string, signal?: AbortSignal): Promise<{ reports: Resource[]; observations: Resource[] }> {
  const subject = `Patient/${patientId}`;
  const [reports, obs] = await Promise.all([
    searchAll('DiagnosticReport', [['subject', subject], ['_sort', '-date']], signal, 500),
    searchAll('Observation', [['subject', subject], ['category', 'laboratory'], ['_sort', 'date']], signal, 5000),
  ]);
  return { reports: reports.matches, observations: obs.matches };
}
