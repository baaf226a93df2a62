// The satisfaction survey after a visit: which finished clinic visits still wait for one, and the answers stored as
// a QuestionnaireResponse tied to the visit (one per visit).
import type { ModuleDeps } from '../../../module.js';
import type { RequestContext } from '../../../../fhir/store/repository.js';
import type { Resource } from '../../../../fhir/types.js';
import { FhirError, conflict } from '../../../../fhir/errors.js';
import { assertAllowed } from '../../../../fhir/store/access.js';
import { DEPARTMENTS } from '../../../../demo/departments.js';
import { SYS } from '../../../../demo/codes.js';
import { SURVEY, SURVEY_URL, SURVEY_WINDOW_DAYS } from './questionnaire.js';
import { checkAnswers, type AnswerProblem } from './answers.js';

const DAY_MS = 86_400_000;

interface Ref { reference?: string; display?: string }
interface Concept { text?: string; coding?: { system?: string; code?: string; display?: string }[] }

export interface PendingVisit {
  encounter: string;
  start?: string;
  end?: string;
  department?: { code?: string; name: string; nameEn?: string };
  doctor?: string;
}

/** The survey is for outpatient clinic visits (class AMB), finished within the window. */
export function surveyable(e: Resource, now: number): boolean {
  const cls = (e.class as { code?: string } | undefined)?.code;
  const end = (e.period as { end?: string; start?: string } | undefined)?.end ?? (e.period as { start?: string } | undefined)?.start;
  return e.status === 'finished' && cls === 'AMB' && !!end && now - Date.parse(end) <= SURVEY_WINDOW_DAYS * DAY_MS;
}

function visitOf(e: Resource): PendingVisit {
  const period = (e.period as { start?: string; end?: string } | undefined) ?? {};
  const st = e.serviceType as Concept | undefined;
  const coding = st?.coding?.find((c) => c.system === SYS.department) ?? st?.coding?.[0];
  const dept = coding?.code ? DEPARTMENTS.find((d) => d.code === coding.code) : undefined;
  const name = dept?.zh ?? coding?.display ?? st?.text;
  const doctor = ((e.participant as { individual?: Ref }[] | undefined) ?? []).map((p) => p.individual?.display).find(Boolean);
  return {
    encounter: e.id as string,
    ...(period.start ? { start: period.start } : {}),
    ...(period.end ? { end: period.end } : {}),
    ...(name ? { department: { ...(coding?.code ? { code: coding.code } : {}), name, ...(dept ? { nameEn: dept.en } : {}) } } : {}),
    ...(doctor ? { doctor } : {}),
  };
}

const answeredVisit = (qr: Resource) => qr.questionnaire === SURVEY_URL && qr.status !== 'entered-in-error' && qr.status !== 'stopped';

/** Finished clinic visits of the last SURVEY_WINDOW_DAYS days without a survey response, newest first. */
export async function pendingSurveys(deps: ModuleDeps, ctx: RequestContext, patientId: string, now = Date.now()): Promise<PendingVisit[]> {
  const patient = `Patient/${patientId}`;
  const since = new Date(now - SURVEY_WINDOW_DAYS * DAY_MS).toISOString();
  const [visits, responses] = await Promise.all([
    deps.repo.search(ctx, { types: ['Encounter'], params: [['subject', patient], ['status', 'finished'], ['class', 'AMB'], ['date', `ge${since}`], ['_sort', '-date'], ['_count', '50']], strict: true }),
    deps.repo.search(ctx, { types: ['QuestionnaireResponse'], params: [['subject', patient], ['_count', '500'], ['_elements', 'questionnaire,encounter,status']], strict: true }),
  ]);
  const done = new Set(responses.matches.filter(answeredVisit).map((qr) => (qr.encounter as Ref | undefined)?.reference));
  return visits.matches.filter((e) => surveyable(e, now) && !done.has(`Encounter/${e.id as string}`)).map(visitOf);
}

export class SurveyError extends Error {
  constructor(readonly problems: AnswerProblem[]) {
    super('invalid answers');
  }
}

/**
 * Store the patient's answers for one visit. 404: not their visit; 409: not finished, outside the window, or
 * already answered; SurveyError (→ 400): answers that do not fit the questionnaire. Nothing is written on error.
 */
export async function submitSurvey(deps: ModuleDeps, ctx: RequestContext, patientId: string, encounterRef: string, answers: Record<string, unknown>, now = Date.now()): Promise<Resource> {
  const id = encounterRef.replace(/^Encounter\//, '');
  const patient = `Patient/${patientId}`;
  let e: Resource;
  try {
    e = await deps.repo.read(ctx, 'Encounter', id);
  } catch (err) {
    if (err instanceof FhirError && err.status < 500) throw new FhirError(404, 'not-found', `No visit ${id} of yours`, ['encounter']);
    throw err;
  }
  if ((e.subject as Ref | undefined)?.reference !== patient) throw new FhirError(404, 'not-found', `No visit ${id} of yours`, ['encounter']);
  const checked = checkAnswers(SURVEY, answers);
  if (!checked.ok) throw new SurveyError(checked.problems);
  if (!surveyable(e, now)) {
    throw conflict(e.status !== 'finished' ? 'The visit is not finished yet; the survey opens after it' : `The survey is for clinic visits of the last ${SURVEY_WINDOW_DAYS} days`);
  }
  assertAllowed(ctx.access, 'QuestionnaireResponse', 'create');
  const response: Resource = {
    resourceType: 'QuestionnaireResponse',
    questionnaire: SURVEY_URL,
    status: 'completed',
    subject: { reference: patient },
    encounter: { reference: `Encounter/${id}` },
    authored: new Date(now).toISOString(),
    author: { reference: patient },
    source: { reference: patient },
    item: checked.items,
  };
  // one response per visit, also when two arrive at once: the core serialises conditional creates on the criteria
  const r = await deps.repo.conditionalCreate(ctx, response, `encounter=${encodeURIComponent(`Encounter/${id}`)}&questionnaire=${encodeURIComponent(SURVEY_URL)}`);
  if (!r.created) throw conflict('This visit already has your survey; thank you');
  return r.resource;
}
