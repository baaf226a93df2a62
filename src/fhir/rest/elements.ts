import { badRequest } from '../errors.js';
import { mandatoryElements, summaryElements } from '../definitions/definitions.js';
import type { Coding, Resource } from '../types.js';
import { firstValue } from './query.js';

export type SummaryMode = 'true' | 'text' | 'data' | 'count' | 'false';

export interface Subsetting {
  summary?: SummaryMode;
  elements?: string[];
}

export const SUBSETTED: Coding = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };
const SUMMARY_MODES = new Set<string>(['true', 'text', 'data', 'count', 'false']);
const ALWAYS = ['resourceType', 'id', 'meta'];

/** _summary / _elements from query parameters (400 on an unknown _summary value). */
export function parseSubsetting(pairs: [string, string][]): Subsetting {
  const out: Subsetting = {};
  const summary = firstValue(pairs, '_summary');
  if (summary !== undefined) {
    if (!SUMMARY_MODES.has(summary)) throw badRequest(`Invalid _summary value: ${summary.slice(0, 40)}`, ['_summary']);
    out.summary = summary as SummaryMode;
  }
  const elements = pairs.filter(([n]) => n === '_elements').flatMap(([, v]) => v.split(','));
  const names = elements.map((e) => e.trim()).filter(Boolean);
  if (names.length) out.elements = names;
  return out;
}

/** The resource as the client asked to see it; never mutates the input. */
export function applySubsetting(resource: Resource, sub: Subsetting): Resource {
  const mode = sub.summary;
  if (mode === 'true' || mode === 'text' || mode === 'data') return summarize(resource, mode);
  // _summary takes precedence over _elements
  if (sub.elements && (mode === undefined || mode === 'false')) {
    return keepOnly(resource, new Set([...ALWAYS, ...mandatoryElements(resource.resourceType), ...sub.elements]));
  }
  return resource;
}

function summarize(resource: Resource, mode: 'true' | 'text' | 'data'): Resource {
  if (mode === 'data') {
    const { text: _text, ...rest } = resource;
    return tagSubsetted(rest as Resource);
  }
  const type = resource.resourceType;
  const keep = new Set([...ALWAYS, ...mandatoryElements(type)]);
  if (mode === 'true') for (const n of summaryElements(type)) keep.add(n);
  else keep.add('text');
  return keepOnly(resource, keep);
}

function keepOnly(resource: Resource, keep: Set<string>): Resource {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resource)) {
    // "_birthDate" carries the extensions of "birthDate"
    const name = k.startsWith('_') ? k.slice(1) : k;
    if (keep.has(name)) out[k] = v;
  }
  return tagSubsetted(out as Resource);
}

function tagSubsetted(resource: Resource): Resource {
  const tags = resource.meta?.tag ?? [];
  if (tags.some((t) => t.system === SUBSETTED.system && t.code === SUBSETTED.code)) return resource;
  return { ...resource, meta: { ...resource.meta, tag: [...tags, { ...SUBSETTED }] } };
}
