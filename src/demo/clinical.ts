// Conditions (the problem and long-term comorbidities, ICD-10 coded) and AllergyIntolerances for a patient.
import type { Resource } from '../fhir/types.js';
import { ALLERGIES } from './allergies.js';
import { SYS, coding, concept, ref } from './codes.js';
import type { Course } from './courses.js';
import type { BuiltEpisode } from './encounters.js';
import type { Problem } from './problems.js';
import { DAY, date, dateTime } from './time.js';

const YEAR = 365.25 * DAY;
const CATEGORY_DISPLAY = { 'problem-list-item': 'Problem List Item', 'encounter-diagnosis': 'Encounter Diagnosis' } as const;

function condition(course: Course, n: number, p: Problem, first: BuiltEpisode | undefined, opts: {
  category: 'problem-list-item' | 'encounter-diagnosis'; onsetMs: number; resolvedMs?: number;
}): Resource {
  const { patient } = course;
  const resolved = opts.resolvedMs !== undefined;
  const r: Resource = {
    resourceType: 'Condition', id: `cond-${patient.key}-${n}`,
    clinicalStatus: concept(SYS.conditionClinical, resolved ? 'resolved' : 'active', resolved ? 'Resolved' : 'Active'),
    verificationStatus: concept(SYS.conditionVerification, 'confirmed', 'Confirmed'),
    category: [concept(SYS.conditionCategory, opts.category, CATEGORY_DISPLAY[opts.category])],
    code: { coding: [coding(SYS.icd10, p.icd, p.zh)], text: p.zh },
    subject: ref('Patient', patient.id, patient.name),
  };
  if (first) r.encounter = ref('Encounter', first.id);
  // Chronic onsets are known to the year or month only, as patients report them.
  r.onsetDateTime = p.chronic ? date(opts.onsetMs).slice(0, 7) : dateTime(opts.onsetMs);
  if (resolved) r.abatementDateTime = dateTime(opts.resolvedMs as number);
  if (first) {
    r.recordedDate = dateTime(first.start);
    r.recorder = ref('Practitioner', first.doctor.id, first.doctor.name);
  }
  return r;
}

export function buildConditions(course: Course, episodes: readonly BuiltEpisode[], nowMs: number): Resource[] {
  const { rng, problem, patient } = course;
  const first = episodes[0];
  const last = episodes[episodes.length - 1];
  const startMs = first?.start ?? nowMs;
  const yearsAgo = (max: number): number =>
    Math.max(patient.bornMs, startMs - rng.float(0.3, Math.max(0.5, Math.min(max, patient.ageYears - 1))) * YEAR);
  // An acute problem counts as resolved two weeks after its last visit ended.
  const resolvedAt = !problem.chronic && last?.end !== undefined && last.end < nowMs - 14 * DAY ? last.end : undefined;
  const acuteOnset = Math.max(patient.bornMs, startMs - rng.float(2, 72) * 3_600_000);
  const out = [condition(course, 1, problem, first, {
    category: problem.chronic ? 'problem-list-item' : 'encounter-diagnosis',
    onsetMs: problem.chronic ? yearsAgo(15) : acuteOnset,
    ...(resolvedAt === undefined ? {} : { resolvedMs: resolvedAt }),
  })];
  course.comorbidities.forEach((c, i) => {
    out.push(condition(course, i + 2, c, first, { category: 'problem-list-item', onsetMs: yearsAgo(20) }));
  });
  return out;
}

/** About one patient in eight has a recorded allergy; penicillin is the commonest, as on Chinese wards. */
export function buildAllergies(course: Course, episodes: readonly BuiltEpisode[]): Resource[] {
  const { rng, patient } = course;
  const first = episodes[0];
  if (!first || !rng.chance(0.13)) return [];
  const a = rng.weighted(ALLERGIES, (x) => x.weight);
  const severe = a.criticality === 'high' && rng.chance(0.3);
  return [{
    resourceType: 'AllergyIntolerance', id: `alg-${patient.key}-1`,
    clinicalStatus: concept(SYS.allergyClinical, 'active', 'Active'),
    verificationStatus: concept(SYS.allergyVerification, 'confirmed', 'Confirmed'),
    type: 'allergy', category: [a.category], criticality: a.criticality,
    code: { text: a.substance },
    patient: ref('Patient', patient.id, patient.name),
    encounter: ref('Encounter', first.id),
    recordedDate: dateTime(first.start),
    recorder: ref('Practitioner', first.doctor.id, first.doctor.name),
    reaction: [{
      manifestation: [{ text: severe ? (a.reactions[a.reactions.length - 1] as string) : (a.reactions[0] as string) }],
      severity: severe ? 'severe' : 'moderate',
    }],
  }];
}
