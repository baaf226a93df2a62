// A patient's visits in time order: clinic visits over the past months, an emergency visit, a hospital stay
// (current or finished), follow-up. Times only; encounters.ts turns them into resources.
import type { Course } from './courses.js';
import type { Problem } from './problems.js';
import type { Rng } from './random.js';
import { DAY, HOUR, MINUTE, startOfDay, weekday } from './time.js';

export type EncounterClass = 'AMB' | 'EMER' | 'IMP';

export interface Episode {
  cls: EncounterClass;
  dept: string;
  start: number;
  /** Absent while the encounter is in progress. */
  end?: number;
  /** How strongly the problem shows at the start, 0 (gone) to ~1.3. */
  severity: number;
  admitSource?: 'emd' | 'outp' | 'born';
  discharge?: string;
}

const HISTORY_DAYS = 180;

/** Days in hospital so far (current stays) or in all (past stays). */
function lengthOfStay(rng: Rng, p: Problem, current: boolean): number {
  if (p.icd === 'O80.0') return current ? rng.float(0.2, 3) : rng.float(2, 4);
  if (p.icd === 'P59.9') return current ? rng.float(0.5, 5) : rng.float(3, 6);
  if (p.dept === '28') return current ? rng.float(1, 8) : rng.float(5, 14);
  return current ? rng.float(0.3, 10) : rng.float(4, 12);
}

function dischargeDisposition(rng: Rng, course: Course): string {
  const rehab = ['S72.0', 'I63.9'].includes(course.problem.icd) ? 20 : 2;
  const table: [string, number][] = [
    ['home', 85], ['rehab', rehab], ['other-hcf', 4], ['aadvice', 3], ['long', course.patient.ageYears > 80 ? 5 : 0],
  ];
  return rng.weighted(table, ([, w]) => w)[0];
}

/** A clinic slot on a working day (Mon–Sat) `daysAgo` days before now: 08:00–11:30 or 14:00–17:00. */
function clinicTime(rng: Rng, nowMs: number, daysAgo: number): number {
  let day = startOfDay(nowMs - daysAgo * DAY);
  if (weekday(day) === 0) day -= DAY;
  const morning = rng.chance(0.65);
  return day + (morning ? 8 * HOUR + rng.float(0, 3.5 * HOUR) : 14 * HOUR + rng.float(0, 3 * HOUR));
}

function clinicVisit(rng: Rng, dept: string, start: number, severity: number): Episode {
  return { cls: 'AMB', dept, start, end: start + rng.float(8, 25) * MINUTE, severity };
}

/** Moves a time into working hours (10:00–16:00) of the same day, or of the day before if that is still ahead. */
function daytime(rng: Rng, ms: number, nowMs: number): number {
  const t = startOfDay(ms) + rng.float(10, 16) * HOUR;
  return t < nowMs ? t : t - DAY;
}

export function planEpisodes(course: Course, nowMs: number): Episode[] {
  const { rng, problem: p, severity } = course;
  const out: Episode[] = [];
  // Nothing happens before birth: a newborn's history is as long as its life.
  const lifeDays = (nowMs - course.patient.bornMs) / DAY;
  let historyEnds = nowMs - DAY;
  const stayFits = course.stay === 'current' || lifeDays > 3;
  if (course.stay !== 'none' && stayFits) {
    const current = course.stay === 'current';
    const viaEmergency = p.settings.includes('EMER');
    const source = p.icd === 'P59.9' ? 'born' : viaEmergency ? 'emd' : 'outp';
    let los = Math.min(lengthOfStay(rng, p, current), current ? lifeDays * 0.9 : lifeDays - 1.5);
    let admit = current ? nowMs - los * DAY : nowMs - rng.float(Math.min(los + 8, lifeDays - 0.5), Math.min(170, lifeDays - 0.1)) * DAY;
    if (source === 'outp') admit = daytime(rng, admit, nowMs);
    if (!current) los = Math.min(los, (nowMs - admit) / DAY - 0.5);
    historyEnds = admit - 2 * DAY;
    if (source === 'emd') {
      out.push({ cls: 'EMER', dept: '20', start: admit - rng.float(2, 6) * HOUR, end: admit, severity });
    } else if (source === 'outp') {
      out.push(clinicVisit(rng, p.dept, admit - rng.float(1, 3) * HOUR, severity));
    }
    const stay: Episode = { cls: 'IMP', dept: p.dept, start: admit, severity, admitSource: source };
    if (!current) {
      stay.end = admit + los * DAY;
      stay.discharge = dischargeDisposition(rng, course);
      if (rng.chance(0.5) && stay.end < nowMs - 8 * DAY) {
        const daysAgo = rng.float(1, (nowMs - stay.end) / DAY - 7);
        out.push(clinicVisit(rng, p.dept, clinicTime(rng, nowMs, daysAgo), p.chronic ? 0.6 * severity : 0.1 * severity));
      }
    }
    out.push(stay);
  } else if (p.settings.includes('EMER') && !p.settings.includes('AMB')) {
    const start = course.inEmergencyNow ? nowMs - rng.float(10, 150) * MINUTE : nowMs - rng.float(2, 150) * DAY;
    out.push({ cls: 'EMER', dept: '20', start, ...(course.inEmergencyNow ? {} : { end: start + rng.float(1, 5) * HOUR }), severity });
  } else if (p.settings.includes('EMER') && rng.chance(0.5)) {
    const start = nowMs - rng.float(2, 120) * DAY;
    out.push({ cls: 'EMER', dept: '20', start, end: start + rng.float(1, 4) * HOUR, severity });
  }
  // Clinic visits before any stay: chronic problems come back every month or two.
  if (p.settings.includes('AMB') || p.chronic) {
    const visits = p.chronic ? rng.int(2, 4) : course.stay === 'none' ? rng.int(1, 2) : rng.int(0, 1);
    const latest = Math.max(1, (nowMs - historyEnds) / DAY);
    const earliest = Math.min(HISTORY_DAYS, lifeDays - 1);
    for (let i = 0; i < visits && earliest > latest; i++) {
      const daysAgo = rng.float(latest, earliest);
      out.push(clinicVisit(rng, p.dept, clinicTime(rng, nowMs, daysAgo), p.chronic ? 0.8 * severity : severity));
    }
  }
  if (course.inClinicNow) {
    out.push({ cls: 'AMB', dept: p.dept, start: nowMs - rng.float(5, 40) * MINUTE, severity });
  }
  const born = course.patient.bornMs;
  return out.filter((e) => e.start < nowMs && e.start > born).sort((a, b) => a.start - b.start);
}
