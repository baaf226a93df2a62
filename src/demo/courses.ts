// Each patient's story in outline: the problem that brings them, long-term conditions, and whether they are
// in a bed now, were admitted before, are in the emergency department or in a clinic room at this moment.
import { bedStatusOf, type Bed, type Ward } from './locations.js';
import type { PatientPlan } from './patients.js';
import { COMORBIDITIES, PROBLEMS, fits, problemByCode, type Problem } from './problems.js';
import type { Rng } from './random.js';

export type Stay = 'current' | 'past' | 'none';

export interface Course {
  patient: PatientPlan;
  problem: Problem;
  comorbidities: Problem[];
  stay: Stay;
  bed?: Bed;
  inEmergencyNow: boolean;
  inClinicNow: boolean;
  /** 0.6–1.3: how hard the problem hits this patient. */
  severity: number;
  /** The patient's own stream for everything that happens to them. */
  rng: Rng;
}

/** Share of patients in a bed at `now` (about 30 of the default 200). */
const CURRENTLY_ADMITTED = 0.15;

function wantsBed(rng: Rng, p: Problem): boolean {
  if (!p.settings.includes('IMP')) return false;
  return !p.settings.includes('AMB') || rng.chance(0.6);
}

export function planCourse(rng: Rng, patient: PatientPlan): Course & { bedCandidate: boolean; rank: number } {
  const candidates = PROBLEMS.filter((p) => fits(p, patient.ageYears, patient.sex));
  const problem = candidates.length
    ? rng.weighted(candidates, (p) => p.weight)
    : problemByCode('J06.9', patient.ageYears < 14 ? '07' : '03.01');
  const comorbidities: Problem[] = [];
  const age = patient.ageYears;
  if (age >= 45 && problem.icd !== COMORBIDITIES.hypertension && rng.chance(Math.min(0.6, (age - 35) / 80))) {
    comorbidities.push(problemByCode(COMORBIDITIES.hypertension));
  }
  if (age >= 45 && problem.icd !== COMORBIDITIES.diabetes && rng.chance(0.15)) {
    comorbidities.push(problemByCode(COMORBIDITIES.diabetes));
  }
  const bedCandidate = wantsBed(rng, problem);
  const emergencyOnly = problem.settings.includes('EMER') && !problem.settings.includes('IMP');
  return {
    patient, problem, comorbidities, stay: bedCandidate ? 'past' : 'none',
    inEmergencyNow: emergencyOnly && rng.chance(0.3),
    inClinicNow: !bedCandidate && !emergencyOnly && rng.chance(0.06),
    severity: rng.float(0.6, 1.3), rng, bedCandidate, rank: rng.next(),
  };
}

/**
 * Puts the chosen share of bed candidates into free beds of their department's ward; the rest were admitted
 * before and have gone home. Free means unoccupied, not closed, isolated or contaminated.
 */
export function admit(courses: (Course & { bedCandidate: boolean; rank: number })[], wards: Ward[], rng: Rng): void {
  const target = Math.round(courses.length * CURRENTLY_ADMITTED);
  const free = new Map(wards.map((w) => [w.dept, rng.shuffle(w.beds.filter((b) => bedStatusOf(b) === 'U'))]));
  let admitted = 0;
  const queue = courses.filter((c) => c.bedCandidate).sort((a, b) => a.rank - b.rank || a.patient.index - b.patient.index);
  for (const course of queue) {
    if (admitted >= target) break;
    const bed = free.get(course.problem.dept)?.shift();
    if (!bed) continue;
    course.stay = 'current';
    course.bed = bed;
    admitted += 1;
  }
}
