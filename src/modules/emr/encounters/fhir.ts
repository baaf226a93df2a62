// Small helpers over FHIR JSON for the encounter services: references, codings, paged searches.
import { badRequest } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';

export interface Reference {
  reference?: string;
  display?: string;
}
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Period {
  start?: string;
  end?: string;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** "Patient/x" or "x" → "x"; anything else is a 400 naming the field. */
export function idFrom(value: string, type: string, field: string): string {
  const id = value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value;
  if (!ID.test(id)) throw badRequest(`${field} must be a ${type} id or "${type}/<id>"`, [field]);
  return id;
}

/** The id of a reference to `type`, or undefined. */
export function refId(ref: unknown, type: string): string | undefined {
  const r = (ref as Reference | undefined)?.reference;
  return r?.startsWith(`${type}/`) ? r.slice(type.length + 1) : undefined;
}

export const ref = (type: string, id: string, display?: string): Reference =>
  display ? { reference: `${type}/${id}`, display } : { reference: `${type}/${id}` };

export const concept = (system: string, code: string, display?: string, text?: string): CodeableConcept => ({
  coding: [display ? { system, code, display } : { system, code }],
  ...(text ? { text } : {}),
});

export function hasCode(c: unknown, system: string, code: string): boolean {
  const list = Array.isArray(c) ? c : [c];
  return list.some((x) => ((x as CodeableConcept | undefined)?.coding ?? []).some((k) => k.system === system && k.code === code));
}

/** The display name of a Patient or Practitioner: the official (Chinese) text, else family + given. */
export function nameOf(r: Resource | undefined): string | undefined {
  const names = (r?.name as { use?: string; text?: string; family?: string; given?: string[] }[] | undefined) ?? [];
  const n = names.find((x) => x.use === 'official') ?? names[0];
  if (!n) return typeof r?.name === 'string' ? r.name : undefined;
  return n.text ?? [n.family, ...(n.given ?? [])].filter(Boolean).join('');
}

/** The current instant as a FHIR instant (UTC, seconds). */
export function nowInstant(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/** Every match of a search, page by page (up to `limit` resources), with the included resources. */
export async function searchAll(
  repo: FhirRepository, ctx: RequestContext, type: string, params: [string, string][], limit = 5000,
): Promise<{ matches: Resource[]; included: Resource[] }> {
  const matches: Resource[] = [];
  const included: Resource[] = [];
  let q: [string, string][] = [...params, ['_count', '1000']];
  for (;;) {
    const r = await repo.search(ctx, { types: [type], params: q });
    matches.push(...r.matches);
    included.push(...r.included);
    if (!r.nextQuery || matches.length >= limit) break;
    q = [...new URLSearchParams(r.nextQuery)] as [string, string][];
  }
  return { matches, included };
}

/** resources by "Type/id" */
export function byRef(resources: readonly Resource[]): Map<string, Resource> {
  return new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
}
