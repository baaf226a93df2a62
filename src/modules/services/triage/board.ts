// The emergency board: ED encounters still waiting for the doctor, each with its latest triage, minutes waited,
// overdue (waited longer than the level's maximum wait) and re-triage alerts (overdue: re-assess; worsened: the last
// re-triage raised the level; untriaged: registered without a triage). buildBoard is pure (the clock is a parameter).
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { SYS, levelInfo, type Algorithm, type Flag, type Vitals, type Zone } from './codes.js';
import { WAITING } from './encounters.js';
import { latestByEncounter, type Override, type Reference } from './fhir.js';

export type Alert = 'overdue' | 'worsened' | 'untriaged';

export interface BoardRow {
  encounter: string;
  status: string;
  patient: { id?: string; name?: string; gender?: string; birthDate?: string };
  location?: { id?: string; name?: string };
  arrivedAt: string;
  minutesWaited: number;
  algorithm?: Algorithm;
  level?: number;
  label?: string;
  zone?: Zone;
  maxWaitMinutes?: number;
  overdue: boolean;
  /** minutes past the maximum wait (0 when not overdue) */
  overdueBy: number;
  alerts: Alert[];
  triagedAt?: string;
  /** initial, retriage or override */
  event?: string;
  previousLevel?: number;
  override?: Override;
  criteria: string[];
  complaint?: string;
  flags: Flag[];
  age?: number;
  vitals: Vitals;
  expectedResources?: number;
}

export interface Board {
  at: string;
  patients: BoardRow[];
  counts: { total: number; overdue: number; alerts: number; byZone: Record<Zone, number>; byLevel: Record<string, number> };
}

const refId = (r: unknown, type: string) => {
  const s = (r as Reference | undefined)?.reference;
  return s?.startsWith(`${type}/`) ? s.slice(type.length + 1) : undefined;
};

function patientOf(e: Resource, patients: Map<string, Resource>): BoardRow['patient'] {
  const id = refId(e.subject, 'Patient');
  const p = id ? patients.get(id) : undefined;
  const names = (p?.name as { use?: string; text?: string }[] | undefined) ?? [];
  const name = (names.find((n) => n.use === 'official') ?? names[0])?.text ?? (e.subject as Reference | undefined)?.display;
  return {
    ...(id ? { id } : {}), ...(name ? { name } : {}),
    ...(typeof p?.gender === 'string' ? { gender: p.gender } : {}), ...(typeof p?.birthDate === 'string' ? { birthDate: p.birthDate } : {}),
  };
}

/** Waiting first by urgency (shortest maximum wait; untriaged before all), then by arrival. */
function order(a: BoardRow, b: BoardRow): number {
  const wait = (r: BoardRow) => (r.maxWaitMinutes ?? -1);
  return wait(a) - wait(b) || (a.level ?? 0) - (b.level ?? 0) || a.arrivedAt.localeCompare(b.arrivedAt);
}

export function buildBoard(encounters: readonly Resource[], included: readonly Resource[], now: Date): Board {
  const patients = new Map(included.filter((r) => r.resourceType === 'Patient').map((p) => [p.id as string, p]));
  const latest = latestByEncounter(included.filter((r) => r.resourceType === 'RiskAssessment'));
  const rows: BoardRow[] = [];
  for (const e of encounters) {
    if (!(WAITING as readonly string[]).includes(e.status as string)) continue;
    const arrivedAt = (e.period as { start?: string } | undefined)?.start ?? String(e.meta?.lastUpdated ?? now.toISOString());
    const minutesWaited = Math.max(0, Math.floor((now.getTime() - Date.parse(arrivedAt)) / 60_000));
    const a = latest.get(`Encounter/${e.id}`);
    const loc = ((e.location as { location?: Reference; status?: string }[] | undefined) ?? []).find((l) => l.status !== 'completed')?.location;
    const base = {
      encounter: e.id as string, status: e.status as string, patient: patientOf(e, patients),
      ...(loc ? { location: { ...(refId(loc, 'Location') ? { id: refId(loc, 'Location') } : {}), ...(loc.display ? { name: loc.display } : {}) } } : {}),
      arrivedAt, minutesWaited,
    };
    if (!a) {
      const complaint = (e.reasonCode as { text?: string }[] | undefined)?.[0]?.text;
      rows.push({ ...base, overdue: false, overdueBy: 0, alerts: ['untriaged'], criteria: [], flags: [], vitals: {}, ...(complaint ? { complaint } : {}) });
      continue;
    }
    const info = levelInfo(a.algorithm, a.level);
    const overdue = minutesWaited > info.maxWaitMinutes;
    const worsened = a.event === 'retriage' && a.previousLevel !== undefined && a.level < a.previousLevel;
    rows.push({
      ...base,
      algorithm: a.algorithm, level: a.level, label: info.label, zone: info.zone, maxWaitMinutes: info.maxWaitMinutes,
      overdue, overdueBy: overdue ? minutesWaited - info.maxWaitMinutes : 0,
      alerts: [...(overdue ? ['overdue' as const] : []), ...(worsened ? ['worsened' as const] : [])],
      triagedAt: a.at, event: a.event,
      ...(a.previousLevel !== undefined ? { previousLevel: a.previousLevel } : {}),
      ...(a.override ? { override: a.override } : {}),
      criteria: a.criteria,
      ...(a.input.complaint ? { complaint: a.input.complaint } : {}),
      flags: a.input.flags ?? [], age: a.input.age, vitals: a.input.vitals ?? {},
      ...(a.input.expectedResources !== undefined ? { expectedResources: a.input.expectedResources } : {}),
    });
  }
  rows.sort(order);
  const byZone: Record<Zone, number> = { red: 0, yellow: 0, green: 0 };
  const byLevel: Record<string, number> = {};
  for (const r of rows) {
    if (r.zone) byZone[r.zone]++;
    if (r.level !== undefined) byLevel[`${r.algorithm}:${r.level}`] = (byLevel[`${r.algorithm}:${r.level}`] ?? 0) + 1;
  }
  return {
    at: now.toISOString(),
    patients: rows,
    counts: { total: rows.length, overdue: rows.filter((r) => r.overdue).length, alerts: rows.filter((r) => r.alerts.length).length, byZone, byLevel },
  };
}

/** The board as the caller may see it: waiting ED encounters with their patients and triage assessments. */
export async function loadBoard(repo: FhirRepository, ctx: RequestContext, now: Date): Promise<Board> {
  const r = await repo.search(ctx, {
    types: ['Encounter'],
    params: [
      ['class', `${SYS.actCode}|EMER`], ['status', WAITING.join(',')],
      ['_include', 'Encounter:subject'], ['_revinclude', 'RiskAssessment:encounter'], ['_count', '500'],
    ],
  });
  return buildBoard(r.matches, r.included, now);
}
