// One search box: what the clerk typed decides the FHIR search that runs (through the repository, so the
// caller's access policy decides which patients come back, and the search is audited).
//   18-character citizen / permanent-resident number   identifier=<system>|<number>
//   mobile or landline number                            phone=<number>
//   other digits (MRN, permit numbers …)                 identifier=<digits> (any system), the MRN also zero-padded
//   letters with digits (passport, permit …)             identifier=<upper-case number>
//   Chinese characters                                   name=<text> (starts a name part), else name:contains
//   Latin letters                                        pinyin=<letters> ("zhangsan", "zhang san", "zs"; foreign names)
//   nothing                                              the most recently changed records
import type { FhirRepository, RequestContext, SearchResult } from '../../../fhir/store/repository.js';
import { CITIZEN_ID_SYSTEM, IDENTITY_DOCUMENTS } from './identity-documents.js';
import { parsePhone } from './registration-input.js';
import { isChineseName, pinyinKey } from './names.js';
import { MRN_SYSTEM } from './search-parameters.js';
import { summarize, type PatientSummary } from './summary.js';

export type QueryKind = 'recent' | 'id-number' | 'phone' | 'number' | 'document' | 'name' | 'pinyin';
export type MatchedBy = QueryKind | 'name-contains';

const FOREIGN_PR_SYSTEM = IDENTITY_DOCUMENTS.find((d) => d.code === 'foreign-permanent-resident')!.system;

export interface Classified {
  kind: QueryKind;
  params: [string, string][];
}

export function classifyQuery(raw: string): Classified {
  const q = raw.trim().replace(/\s+/g, ' ');
  if (!q) return { kind: 'recent', params: [['_sort', '-_lastUpdated']] };
  if (isChineseName(q) && !/\d/.test(q)) return { kind: 'name', params: [['name', q]] };
  const compact = q.replace(/\s+/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(compact)) {
    return { kind: 'id-number', params: [['identifier', `${CITIZEN_ID_SYSTEM}|${compact},${FOREIGN_PR_SYSTEM}|${compact}`]] };
  }
  const phone = parsePhone(q);
  if (phone) return { kind: 'phone', params: [['phone', phone.value]] };
  if (/^\d+$/.test(compact)) {
    const values = [compact];
    if (compact.length < 8) values.push(`${MRN_SYSTEM}|${compact.padStart(8, '0')}`);
    return { kind: 'number', params: [['identifier', values.join(',')]] };
  }
  if (/^[A-Z0-9\u4e00-\u9fa5-]+$/.test(compact) && /\d/.test(compact)) return { kind: 'document', params: [['identifier', compact.replace(/,/g, '\\,')]] };
  const key = pinyinKey(q);
  if (key) return { kind: 'pinyin', params: [['pinyin', key]] };
  // punctuation only: nothing can match
  return { kind: 'pinyin', params: [['_id', 'none-matches']] };
}

export interface SearchPage {
  query: string;
  matchedBy: MatchedBy;
  total?: number;
  items: PatientSummary[];
  /** opaque: pass as `page` for the next page */
  next?: string;
}

/** The `_cursor` / `_offset` of the next page, as an opaque token the client hands back. */
function pageToken(r: SearchResult): string | undefined {
  if (!r.nextQuery) return undefined;
  const p = new URLSearchParams(r.nextQuery);
  const c = p.get('_cursor');
  if (c) return c;
  const o = p.get('_offset');
  return o ? `o${o}` : undefined;
}

function pageParams(page: string | undefined): [string, string][] {
  if (!page) return [];
  if (/^o\d{1,9}$/.test(page)) return [['_offset', page.slice(1)]];
  if (/^[ab]\d{1,15}$/.test(page)) return [['_cursor', page]];
  return [['_id', 'none-matches']];
}

export async function searchPatients(repo: FhirRepository, ctx: RequestContext, q: string, o: { count: number; page?: string }): Promise<SearchPage> {
  const c = classifyQuery(q);
  const run = (params: [string, string][], page?: string) =>
    repo.search(ctx, { types: ['Patient'], params: [...params, ['_count', String(o.count)], ['_total', 'accurate'], ...pageParams(page)], strict: true });
  let matchedBy: MatchedBy = c.kind;
  const contains: [string, string][] = c.kind === 'name' ? [['name:contains', c.params[0][1]]] : [];
  let r: SearchResult;
  if (contains.length && o.page?.startsWith('c.')) {
    r = await run(contains, o.page.slice(2));
    matchedBy = 'name-contains';
  } else {
    r = await run(c.params, o.page);
    if (contains.length && !r.matches.length && !o.page) {
      // not the start of any name part: anywhere in the name
      r = await run(contains);
      matchedBy = 'name-contains';
    }
  }
  const token = pageToken(r);
  const next = token && matchedBy === 'name-contains' ? `c.${token}` : token;
  return {
    query: q,
    matchedBy,
    ...(r.total !== undefined ? { total: r.total } : {}),
    items: r.matches.map((p) => summarize(p)),
    ...(next ? { next } : {}),
  };
}
