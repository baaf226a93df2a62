// A transformation of resource content at rest (field encryption is one): applied to what is stored
// and indexed, undone on everything read, and applied to token search values so exact search works.
import type { Resource } from '../types.js';
import type { Filter } from '../search/query.js';

export interface ContentCodec {
  /** before storage and indexing; deterministic, so unchanged content stays unchanged */
  seal(resource: Resource): Resource;
  /** after reading storage */
  open(resource: Resource): Resource;
  /** every stored form a token value of `type`.`param` may have (plain first) */
  tokenForms(type: string, param: string, system: string | undefined, code: string): string[];
  /** false when no rule can apply to the type (the core skips the codec) */
  covers(type: string): boolean;
}

export const sealResource = (c: ContentCodec | undefined, r: Resource): Resource => (c?.covers(r.resourceType) ? c.seal(r) : r);
export const openResource = (c: ContentCodec | undefined, r: Resource): Resource => (c?.covers(r.resourceType) ? c.open(r) : r);

/** Rewrite exact token filters so they match sealed index values (and plain ones written before). */
export function sealFilters(c: ContentCodec, filters: Filter[]): void {
  for (const f of filters) {
    if (f.kind === 'chain') sealFilters(c, f.inner);
    else if (f.kind === 'has') sealFilters(c, [f.inner]);
    else if (f.kind === 'param' && f.def.type === 'token' && (f.modifier === undefined || f.modifier === 'not') && c.covers(f.type)) {
      f.values = f.values.flatMap((v) => {
        const bar = v.indexOf('|');
        const system = bar < 0 ? undefined : v.slice(0, bar);
        const code = bar < 0 ? v : v.slice(bar + 1);
        if (!code) return [v];
        return c.tokenForms(f.type, f.def.code, system || undefined, code).map((form) => (bar < 0 ? form : `${system}|${form}`));
      });
    }
  }
}
