// The deterministic demo hospital: a 三级甲等 general hospital with departments, campuses down to beds, staff,
// patients and their visits, vital signs, diagnoses and allergies, as FHIR R4 resources with client ids.
// Same options in, byte-identical JSON out: every random draw comes from the seeded PRNG, every time from `now`.
import type { Resource } from '../fhir/types.js';
import { buildAllergies, buildConditions } from './clinical.js';
import { admit, planCourse } from './courses.js';
import { VisitNumbers, buildHistory } from './encounters.js';
import { planEpisodes } from './episodes.js';
import { bedStatusOf, buildLocations, setBedStatus } from './locations.js';
import { buildOrganizations } from './organizations.js';
import { buildPatient } from './patients.js';
import { IdCardIssuer } from './person.js';
import { buildStaff } from './practitioners.js';
import { Rng } from './random.js';

export interface DemoOptions {
  seed?: number;
  patients?: number;
  now?: Date;
}

export const DEFAULT_SEED = 20231101;
export const DEFAULT_PATIENTS = 200;
/** Fixed so the default output never changes; pass the real clock to get a hospital that is "live" now. */
export const DEFAULT_NOW = '2026-11-01T08:00:00+08:00';

/**
 * The whole demo hospital, ordered so that every resource comes after the ones it references:
 * Organizations, Locations, Practitioners, PractitionerRoles, Patients, Encounters, Conditions,
 * AllergyIntolerances, Observations.
 */
export function generateDemoHospital(opts: DemoOptions = {}): Resource[] {
  const seed = opts.seed ?? DEFAULT_SEED;
  const count = opts.patients ?? DEFAULT_PATIENTS;
  const nowMs = opts.now ? opts.now.getTime() : Date.parse(DEFAULT_NOW);
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  if (!Number.isInteger(count) || count < 0) throw new Error('patients must be a whole number');
  if (!Number.isFinite(nowMs)) throw new Error('now must be a valid date');
  const root = new Rng(seed);

  const organizations = buildOrganizations();
  const layout = buildLocations(root.fork('locations'));
  const staff = buildStaff(root.fork('staff'), layout, nowMs);

  const idCards = new IdCardIssuer();
  const courses = Array.from({ length: count }, (_, i) => {
    const patient = buildPatient(root.fork(`patient-${i + 1}`), i + 1, nowMs, idCards);
    return planCourse(root.fork(`course-${i + 1}`), patient);
  });
  admit(courses, layout.wards, root.fork('admissions'));

  const encounters: Resource[] = [];
  const conditions: Resource[] = [];
  const allergies: Resource[] = [];
  const observations: Resource[] = [];
  const visitNumbers = new VisitNumbers();
  for (const course of courses) {
    const history = buildHistory(course, planEpisodes(course, nowMs), { nowMs, staff, layout, visitNumbers });
    encounters.push(...history.encounters);
    observations.push(...history.observations);
    conditions.push(...buildConditions(course, history.episodes, nowMs));
    allergies.push(...buildAllergies(course, history.episodes));
  }

  // Bed board: occupied exactly where someone is admitted; a few just-vacated beds are being cleaned.
  const beds = root.fork('bed-board');
  for (const course of courses) if (course.bed) setBedStatus(course.bed, 'O');
  for (const ward of layout.wards) {
    for (const bed of ward.beds) if (bedStatusOf(bed) === 'U' && beds.chance(0.04)) setBedStatus(bed, 'H');
  }

  return [
    ...organizations, ...layout.resources, ...staff.resources, ...courses.map((c) => c.patient.resource),
    ...encounters, ...conditions, ...allergies, ...observations,
  ];
}
