// Merging a duplicate record into the one that stays, recorded and never silent. In one transaction:
//   source: active = false, link replaced-by → target      (the merged record says where it went)
//   target: link replaces → source                          (the surviving record says what it absorbed)
//   Provenance: activity merge (ISO 21089 lifecycle), target both patients, agent the user, reason as given.
// Both patients are written with If-Match on the versions that were checked, so a concurrent merge or edit
// makes this one fail (409) instead of merging a record that changed meanwhile. The clinical records of the
// source stay where they are; readers follow the link.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { FhirError } from '../../../fhir/errors.js';
import type { ModuleDeps } from '../../module.js';
import { problemsError, type Lang } from './problems.js';

export const MERGE_ACTIVITY = { system: 'http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle', code: 'merge', display: 'Merge Record Lifecycle Event' };

export interface MergeRequest {
  source: string;
  target: string;
  reason: string;
}

export interface Agent {
  /** the user's FHIR resource (PractitionerRole/…), when the account has one */
  fhirUser?: string;
  username?: string;
  userId?: string;
}

export interface MergeResult {
  source: Resource;
  target: Resource;
  provenance: Resource;
}

interface Link { type?: string; other?: { reference?: string } }
const links = (p: Resource) => (p.link as Link[] | undefined) ?? [];
const isMerged = (p: Resource) => p.active === false || links(p).some((l) => l.type === 'replaced-by');

export function agentReference(a: Agent): Record<string, unknown> {
  if (a.fhirUser) return { reference: a.fhirUser, ...(a.username ? { display: a.username } : {}) };
  return { identifier: { system: 'https://huiyi.dev/fhir/sid/user', value: a.userId ?? a.username ?? 'unknown' }, display: a.username ?? 'unknown user' };
}

const stripRef = (id: string) => id.replace(/^Patient\//, '');

export async function mergePatients(deps: Pick<ModuleDeps, 'repo' | 'transaction'>, ctx: RequestContext, req: MergeRequest, agent: Agent, lang: Lang, now = new Date()): Promise<MergeResult> {
  const sourceId = stripRef(req.source.trim());
  const targetId = stripRef(req.target.trim());
  const reason = req.reason.trim();
  const problems = [];
  if (!sourceId) problems.push({ field: 'source', code: 'required' as const });
  if (!targetId) problems.push({ field: 'target', code: 'required' as const });
  if (!reason) problems.push({ field: 'reason', code: 'required' as const });
  else if (reason.length > 500) problems.push({ field: 'reason', code: 'reason-too-long' as const });
  if (problems.length) throw problemsError(problems, lang);
  if (sourceId === targetId) throw problemsError([{ field: 'target', code: 'merge-self' }], lang);

  const source = await deps.repo.read(ctx, 'Patient', sourceId);
  const target = await deps.repo.read(ctx, 'Patient', targetId);
  if (isMerged(source)) throw problemsError([{ field: 'source', code: 'merge-source-inactive' }], lang, 409, 'business-rule');
  if (isMerged(target)) throw problemsError([{ field: 'target', code: 'merge-target-inactive' }], lang, 409, 'business-rule');

  const merged: Resource = { ...source, active: false, link: [...links(source), { other: { reference: `Patient/${targetId}` }, type: 'replaced-by' }] };
  const surviving: Resource = { ...target, link: [...links(target), { other: { reference: `Patient/${sourceId}` }, type: 'replaces' }] };
  for (const r of [merged, surviving]) delete r.meta;
  const provenance: Resource = {
    resourceType: 'Provenance',
    target: [{ reference: `Patient/${sourceId}` }, { reference: `Patient/${targetId}` }],
    occurredDateTime: now.toISOString(),
    recorded: now.toISOString(),
    reason: [{ text: reason }],
    activity: { coding: [MERGE_ACTIVITY], text: '合并患者记录' },
    agent: [{
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author', display: 'Author' }] },
      who: agentReference(agent),
    }],
    entity: [{ role: 'source', what: { reference: `Patient/${sourceId}` } }],
  };
  const version = (p: Resource) => `W/"${p.meta?.versionId as string}"`;
  const bundle: Resource = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: `urn:uuid:${randomUUID()}`, resource: merged, request: { method: 'PUT', url: `Patient/${sourceId}`, ifMatch: version(source) } },
      { fullUrl: `urn:uuid:${randomUUID()}`, resource: surviving, request: { method: 'PUT', url: `Patient/${targetId}`, ifMatch: version(target) } },
      { fullUrl: `urn:uuid:${randomUUID()}`, resource: provenance, request: { method: 'POST', url: 'Provenance' } },
    ],
  };
  let response: Resource;
  try {
    response = await deps.transaction(ctx, bundle);
  } catch (e) {
    if (e instanceof FhirError && e.status === 412) throw problemsError([{ field: 'source', code: 'merge-conflict' }], lang, 409, 'conflict');
    throw e;
  }
  const out = ((response.entry as { resource?: Resource }[] | undefined) ?? []).map((e) => e.resource);
  if (!out[0] || !out[1] || !out[2]) throw new FhirError(500, 'exception', 'The merge transaction answered without the written resources');
  return { source: out[0], target: out[1], provenance: out[2] };
}
