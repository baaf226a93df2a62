// ED arrivals and their triage as FHIR writes, each one transaction (all or nothing):
//   register  — [Patient] + Encounter (EMER, triaged, at the triage location, priority) + Observations + RiskAssessment
//   retriage  — new Observations + RiskAssessment; the Encounter's priority when the level rises
//   override  — RiskAssessment with both levels and the reason; the Encounter's priority
//   status    — seen by a doctor (in-progress) or left without being seen (cancelled)
// Re-triage never lowers the level by itself: a worsening raises it, an improvement keeps it (the nurse may
// override to a lower level, with a reason). Encounter writes carry If-Match on the version read.
import { randomUUID } from 'node:crypto';
import { FhirError, badRequest, conflict } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import type { ModuleDeps } from '../../module.js';
import { closeLocations, moveStatus } from '../../emr/encounters/encounter.js';
import { humanNames } from '../../emr/patients/names.js';
import { LEVELS, SYS, levelInfo, type Algorithm, type Flag } from './codes.js';
import { suggestFlags } from './complaint.js';
import { runTriage, type Lang, type TriageInput, type TriageResult } from './engine.js';
import { latestByEncounter, priorityConcept, riskAssessment, vitalObservations, type Reference, type StoredAssessment, type TriageEvent } from './fhir.js';

type Transaction = ModuleDeps['transaction'];
type Entry = { fullUrl?: string; resource: Resource; request: { method: string; url: string; ifMatch?: string } };

export interface NewPatient {
  name: string;
  sex: 'male' | 'female' | 'other' | 'unknown';
  age?: number;
  birthDate?: string;
  phone?: string;
}

export interface OverrideInput {
  level: number;
  reason: string;
}

export interface ArrivalInput extends TriageInput {
  patient?: string;
  newPatient?: NewPatient;
  override?: OverrideInput;
  location?: string;
}

export interface Actor {
  ctx: RequestContext;
  /** deps.elevated(ctx): only for registering the arrival */
  elevated: RequestContext;
  performer?: Reference;
  lang: Lang;
  now: Date;
}

/** Statuses of an ED encounter still waiting for the doctor (the board's rows). */
export const WAITING = ['arrived', 'triaged'] as const;

const urn = () => `urn:uuid:${randomUUID()}`;
const post = (fullUrl: string, resource: Resource): Entry => ({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } });
const nameText = (p: Resource): string | undefined => {
  const names = (p.name as { use?: string; text?: string }[] | undefined) ?? [];
  return (names.find((n) => n.use === 'official') ?? names[0])?.text;
};

export function checkOverride(algorithm: Algorithm, o: OverrideInput | undefined, field = 'override'): OverrideInput | undefined {
  if (!o) return undefined;
  const reason = typeof o.reason === 'string' ? o.reason.trim() : '';
  if (!reason) throw badRequest('An override needs a reason', [`${field}.reason`.replace(/^\./, '')]);
  const levels = LEVELS[algorithm].map((l) => l.level);
  if (!levels.includes(o.level)) throw badRequest(`level must be one of ${levels.join(', ')} for ${algorithm}`, [`${field}.level`.replace(/^\./, '')]);
  return { level: o.level, reason };
}

/** Commit; a failed If-Match becomes a 409 telling the nurse to reload. Answers the stored resources in entry order. */
async function commit(transaction: Transaction, ctx: RequestContext, entries: Entry[]): Promise<Resource[]> {
  try {
    const res = await transaction(ctx, { resourceType: 'Bundle', type: 'transaction', entry: entries });
    return ((res.entry as { resource?: Resource }[] | undefined) ?? []).map((e) => e.resource as Resource);
  } catch (e) {
    if (e instanceof FhirError && e.status === 412) throw conflict('The patient\'s ED record was changed by someone else meanwhile; reload and try again');
    throw e;
  }
}

function estimatedBirthDate(age: number, now: Date): string {
  const d = new Date(now.getTime() - age * 365.25 * 86_400_000);
  // a partial date says no more than is known: the year (the month for infants)
  return age < 2 ? d.toISOString().slice(0, 7) : d.toISOString().slice(0, 4);
}

function newPatientResource(p: NewPatient, now: Date): Resource {
  const birthDate = p.birthDate ?? (typeof p.age === 'number' ? estimatedBirthDate(p.age, now) : undefined);
  return {
    resourceType: 'Patient',
    active: true,
    name: humanNames(p.name),
    gender: p.sex,
    ...(birthDate ? { birthDate } : {}),
    ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone, use: 'mobile' }] } : {}),
  };
}

async function readPatient(repo: FhirRepository, ctx: RequestContext, value: string): Promise<Resource> {
  const id = value.replace(/^Patient\//, '');
  try {
    return await repo.read(ctx, 'Patient', id);
  } catch (e) {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) throw new FhirError(422, 'processing', `Patient/${id} is not known`, ['patient']);
    throw e;
  }
}

/** POST /encounters: a new ED arrival with its first triage. */
export async function registerArrival(repo: FhirRepository, transaction: Transaction, a: Actor, input: ArrivalInput, location: Resource): Promise<Record<string, unknown>> {
  if (!input.patient === !input.newPatient) throw badRequest('Give either "patient" (an existing Patient) or "newPatient"', ['patient']);
  const algorithm = input.algorithm ?? 'cn2018';
  const override = checkOverride(algorithm, input.override);
  const triage: TriageInput = {
    algorithm, age: input.age,
    ...(input.vitals ? { vitals: input.vitals } : {}), ...(input.complaint ? { complaint: input.complaint } : {}),
    ...(input.flags ? { flags: input.flags } : {}), ...(input.expectedResources !== undefined ? { expectedResources: input.expectedResources } : {}),
  };
  const result = runTriage(triage, a.lang);
  const at = a.now.toISOString();

  const entries: Entry[] = [];
  let subject: Reference;
  if (input.patient) {
    // the nurse may not see this patient yet (no encounter on her ward): read it elevated, for this step only
    const p = await readPatient(repo, a.elevated, input.patient);
    const inEd = (await repo.search(a.elevated, {
      types: ['Encounter'], params: [['subject', `Patient/${p.id}`], ['class', `${SYS.actCode}|EMER`], ['status', 'arrived,triaged,in-progress'], ['_count', '1']],
    })).matches[0];
    if (inEd) throw conflict(`${nameText(p) ?? `Patient/${p.id}`} is already in the emergency department (Encounter/${inEd.id}): re-triage there`);
    subject = { reference: `Patient/${p.id}`, ...(nameText(p) ? { display: nameText(p) } : {}) };
  } else {
    const p = newPatientResource(input.newPatient as NewPatient, a.now);
    const full = urn();
    entries.push(post(full, p));
    subject = { reference: full, display: (input.newPatient as NewPatient).name.trim() };
  }
  const assigned = override?.level ?? result.level;
  const encUrl = urn();
  const encounter: Resource = {
    resourceType: 'Encounter',
    status: 'triaged',
    statusHistory: [{ status: 'arrived', period: { start: at, end: at } }, { status: 'triaged', period: { start: at } }],
    class: { system: SYS.actCode, code: 'EMER', display: 'emergency' },
    priority: priorityConcept(algorithm, assigned),
    subject,
    ...(a.performer ? { participant: [{ type: [{ coding: [{ system: SYS.participation, code: 'PART', display: 'Participation' }], text: '预检分诊 / triage' }], individual: a.performer }] } : {}),
    period: { start: at },
    ...(input.complaint ? { reasonCode: [{ text: input.complaint }] } : {}),
    location: [{
      location: { reference: `Location/${location.id}`, ...(typeof location.name === 'string' ? { display: location.name } : {}) },
      status: 'active', period: { start: at },
    }],
    ...(location.managingOrganization ? { serviceProvider: location.managingOrganization } : {}),
  };
  entries.push(post(encUrl, encounter));
  const observations = vitalObservations(input.vitals, { subject, encounter: encUrl, ...(a.performer ? { performer: a.performer } : {}), at }).map((o) => post(urn(), o));
  entries.push(...observations);
  entries.push(post(urn(), riskAssessment({
    input: triage, result, event: 'initial', assigned, subject, encounter: encUrl, at, ...(a.performer ? { performer: a.performer } : {}),
    basis: observations.map((o) => o.fullUrl as string),
    ...(override ? { override: { computed: result.level, assigned: override.level, reason: override.reason } } : {}),
  })));

  const stored = await commit(transaction, a.elevated, entries);
  const offset = input.newPatient ? 1 : 0;
  return {
    encounter: stored[offset],
    ...(input.newPatient ? { patient: stored[0] } : {}),
    observations: stored.slice(offset + 1, offset + 1 + observations.length),
    riskAssessment: stored[stored.length - 1],
    triage: result,
    level: { ...levelInfo(algorithm, assigned), algorithm, overridden: !!override },
  };
}

/** The ED encounter, still waiting, with its latest triage; 409 when it is not (or no longer) on the board. */
export async function waitingEncounter(repo: FhirRepository, ctx: RequestContext, id: string): Promise<{ encounter: Resource; latest: StoredAssessment }> {
  const encounter = await repo.read(ctx, 'Encounter', id);
  if ((encounter.class as { code?: string } | undefined)?.code !== 'EMER') throw conflict(`Encounter/${id} is not an emergency encounter`);
  if (!(WAITING as readonly string[]).includes(encounter.status as string)) throw conflict(`Encounter/${id} is ${encounter.status}: no longer waiting for triage`);
  const assessments = (await repo.search(ctx, { types: ['RiskAssessment'], params: [['encounter', `Encounter/${id}`], ['_count', '200']] })).matches;
  const latest = latestByEncounter(assessments).get(`Encounter/${id}`);
  if (!latest) throw conflict(`Encounter/${id} has no triage yet`);
  return { encounter, latest };
}

function encounterUpdate(e: Resource, algorithm: Algorithm, level: number): Entry {
  const next = { ...e, priority: priorityConcept(algorithm, level) };
  return { resource: next, request: { method: 'PUT', url: `Encounter/${e.id}`, ifMatch: `W/"${e.meta?.versionId}"` } };
}

export interface RetriageInput {
  age?: number;
  vitals?: TriageInput['vitals'];
  complaint?: string;
  flags?: Flag[];
  expectedResources?: number;
}

function reassess(
  e: Resource, latest: StoredAssessment, event: TriageEvent, triage: TriageInput, result: TriageResult, assigned: number, a: Actor, basis: string[],
  override?: { computed: number; assigned: number; reason: string },
): Resource {
  return riskAssessment({
    input: triage, result, event, assigned, subject: e.subject as Reference, encounter: `Encounter/${e.id}`, at: a.now.toISOString(),
    ...(a.performer ? { performer: a.performer } : {}), basis: [...basis, `RiskAssessment/${latest.id}`], previousLevel: latest.level,
    ...(override ? { override } : {}),
  });
}

/** POST /encounters/:id/retriage: new vitals (and/or complaint, flags, resources) on top of the last triage. */
export async function retriage(repo: FhirRepository, transaction: Transaction, a: Actor, id: string, body: RetriageInput): Promise<Record<string, unknown>> {
  const { encounter, latest } = await waitingEncounter(repo, a.ctx, id);
  const prev = latest.input;
  const flags = body.flags ?? [...new Set([...(prev.flags ?? []), ...suggestFlags(body.complaint).map((s) => s.flag)])];
  const resources = body.expectedResources ?? prev.expectedResources;
  const complaint = body.complaint ?? prev.complaint;
  const triage: TriageInput = {
    algorithm: latest.algorithm, age: body.age ?? prev.age, vitals: { ...prev.vitals, ...body.vitals }, flags,
    ...(complaint ? { complaint } : {}), ...(resources !== undefined ? { expectedResources: resources } : {}),
  };
  const result = runTriage(triage, a.lang);
  const assigned = Math.min(result.level, latest.level);
  const at = a.now.toISOString();
  const subject = encounter.subject as Reference;
  const observations = vitalObservations(body.vitals, { subject, encounter: `Encounter/${id}`, ...(a.performer ? { performer: a.performer } : {}), at }).map((o) => post(urn(), o));
  const entries: Entry[] = [
    ...(assigned !== latest.level ? [encounterUpdate(encounter, latest.algorithm, assigned)] : []),
    ...observations,
    post(urn(), reassess(encounter, latest, 'retriage', triage, result, assigned, a, observations.map((o) => o.fullUrl as string))),
  ];
  const stored = await commit(transaction, a.ctx, entries);
  const changed = assigned !== latest.level;
  return {
    encounter: changed ? stored[0] : encounter,
    observations: stored.slice(changed ? 1 : 0, -1),
    riskAssessment: stored[stored.length - 1],
    triage: result,
    previousLevel: latest.level,
    level: { ...levelInfo(latest.algorithm, assigned), algorithm: latest.algorithm },
    raised: assigned < latest.level,
  };
}

/** POST /encounters/:id/override: the nurse's level, with a reason; both levels are recorded. */
export async function override(repo: FhirRepository, transaction: Transaction, a: Actor, id: string, body: OverrideInput): Promise<Record<string, unknown>> {
  const { encounter, latest } = await waitingEncounter(repo, a.ctx, id);
  const o = checkOverride(latest.algorithm, body, '') as OverrideInput;
  const result = runTriage(latest.input, a.lang);
  const stored = await commit(transaction, a.ctx, [
    encounterUpdate(encounter, latest.algorithm, o.level),
    post(urn(), reassess(encounter, latest, 'override', latest.input, result, o.level, a, [], { computed: result.level, assigned: o.level, reason: o.reason })),
  ]);
  return {
    encounter: stored[0], riskAssessment: stored[1], triage: result, previousLevel: latest.level,
    level: { ...levelInfo(latest.algorithm, o.level), algorithm: latest.algorithm, overridden: true },
  };
}

export type StatusChange = 'seen' | 'left';

/** POST /encounters/:id/status: seen by a doctor (in-progress) or left without being seen (cancelled). */
export async function changeStatus(repo: FhirRepository, transaction: Transaction, a: Actor, id: string, status: StatusChange): Promise<Resource> {
  const e = await repo.read(a.ctx, 'Encounter', id);
  if ((e.class as { code?: string } | undefined)?.code !== 'EMER') throw conflict(`Encounter/${id} is not an emergency encounter`);
  if (!(WAITING as readonly string[]).includes(e.status as string)) throw conflict(`Encounter/${id} is ${e.status}: it is no longer waiting`);
  const at = a.now.toISOString();
  const next: Resource = structuredClone(e);
  if (status === 'seen') {
    moveStatus(next, 'in-progress', at);
  } else {
    moveStatus(next, 'cancelled', at);
    next.period = { ...(next.period as object), end: at };
    closeLocations(next, at);
    next.hospitalization = {
      ...(next.hospitalization as object | undefined),
      dischargeDisposition: { coding: [{ system: SYS.dischargeDisposition, code: 'oth', display: 'Other' }], text: '未就诊离开 / left without being seen' },
    };
  }
  const [saved] = await commit(transaction, a.ctx, [{ resource: next, request: { method: 'PUT', url: `Encounter/${id}`, ifMatch: `W/"${e.meta?.versionId}"` } }]);
  return saved as Resource;
}
