// Results the patient sees in the portal: only the reports a doctor released (extension released-to-patient with
// the time), never a preliminary one, with their Observations. Releasing writes the extension and a notification
// Communication to the patient's inbox in one transaction.
import type { FastifyRequest } from 'fastify';
import type { ModuleDeps } from '../../module.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { FhirError, conflict } from '../../../fhir/errors.js';
import { actorOf, writeTogether } from '../../emr/notes/support.js';
import { notification } from './messages.js';

export const RELEASED_URL = 'http://huiyi.health/fhir/StructureDefinition/released-to-patient';
/** report statuses a patient may see (R4 diagnostic-report-status): the finished ones */
export const RELEASABLE = ['final', 'amended', 'corrected', 'appended'];
const MAX_REPORTS = 200;

interface Extension { url?: string; valueDateTime?: string }
interface Concept { text?: string; coding?: { display?: string; code?: string }[] }

export function releasedAt(report: Resource): string | undefined {
  return ((report.extension as Extension[] | undefined) ?? []).find((e) => e.url === RELEASED_URL)?.valueDateTime;
}

const visible = (r: Resource) => RELEASABLE.includes(r.status as string) && !!releasedAt(r);

/** The patient's released reports, newest first, each with the Observations it lists. */
export async function releasedResults(deps: ModuleDeps, ctx: RequestContext, patientId: string): Promise<{ report: Resource; released: string; observations: Resource[] }[]> {
  const r = await deps.repo.search(ctx, {
    types: ['DiagnosticReport'],
    params: [['subject', `Patient/${patientId}`], ['_sort', '-date'], ['_count', String(MAX_REPORTS)], ['_include', 'DiagnosticReport:result']],
    strict: true,
  });
  const obs = new Map(r.included.filter((x) => x.resourceType === 'Observation').map((o) => [`Observation/${o.id as string}`, o]));
  return r.matches.filter(visible).map((report) => ({
    report,
    released: releasedAt(report) as string,
    observations: ((report.result as { reference?: string }[] | undefined) ?? [])
      .map((x) => obs.get(x.reference ?? ''))
      .filter((o): o is Resource => !!o && o.status !== 'entered-in-error' && o.status !== 'cancelled'),
  }));
}

const reportName = (r: Resource) => {
  const c = r.code as Concept | undefined;
  return c?.text ?? c?.coding?.find((x) => x.display)?.display ?? c?.coding?.[0]?.code ?? '';
};

/**
 * Release a report to its patient (by a doctor; the route checks the role). Idempotent: a released report is
 * answered as it is. A report that is not finished (registered, preliminary, cancelled …) cannot be released.
 */
export async function releaseReport(deps: ModuleDeps, req: FastifyRequest, ctx: RequestContext, id: string, now = new Date().toISOString()): Promise<{ report: Resource; communication?: Resource }> {
  const report = await deps.repo.read(ctx, 'DiagnosticReport', id);
  if (releasedAt(report)) return { report };
  if (!RELEASABLE.includes(report.status as string)) throw conflict(`The report has status ${String(report.status)}; only a final report can be released to the patient`);
  const subject = (report.subject as { reference?: string } | undefined)?.reference;
  if (!subject?.startsWith('Patient/')) throw new FhirError(422, 'processing', 'The report has no patient to release it to');
  const actor = await actorOf(deps, req, ctx);
  const { meta, ...rest } = report;
  const name = reportName(report);
  const [stored, communication] = await writeTogether(deps, ctx, [
    {
      method: 'PUT', url: `DiagnosticReport/${id}`, ifMatch: meta?.versionId as string,
      resource: { ...rest, extension: [...((report.extension as Extension[] | undefined) ?? []), { url: RELEASED_URL, valueDateTime: now }] },
    },
    {
      method: 'POST', url: 'Communication',
      resource: notification({
        patient: subject, sender: actor.ref, sent: now, about: `DiagnosticReport/${id}`,
        zh: `您的${name || '检查检验'}报告已出，可在“我的 → 检查检验结果”中查看。`,
        en: `Your ${name || 'test'} report is ready: see My results.`,
      }),
    },
  ]);
  return { report: stored as Resource, communication: communication as Resource };
}
