// Evaluating the red-flag rules (kb/red-flags.ts) on the mentions found in a text and the form's fields.
import type { RedFlagRule } from './kb/types.js';
import { CONCEPT_BY_ID, RED_FLAGS } from './kb/index.js';
import { HIGH_FEVER_INFANT_MAX_AGE, INFANT_MAX_AGE, YOUNG_CHILD_MAX_AGE } from './kb/demographics.js';
import type { Mention } from './match.js';

export interface FiredFlag {
  rule: RedFlagRule;
  /** the patient's words that fired it */
  words: string[];
}

export interface FlagContext {
  age?: number;
  sex?: 'female' | 'male';
  pregnant?: boolean;
}

const fitsSex = (concept: string, sex: FlagContext['sex']): boolean => {
  const s = CONCEPT_BY_ID.get(concept)?.sex;
  return !s || !sex || s === sex;
};

/** The rules that fire, in the table's order. */
export function redFlags(mentions: Mention[], ctx: FlagContext): FiredFlag[] {
  const under = (max: number) => ctx.age !== undefined && ctx.age < max;
  const context = (id: string) => (id === '@pregnant' ? ctx.pregnant === true
    : id === '@infant' ? under(INFANT_MAX_AGE) : id === '@under6m' ? under(HIGH_FEVER_INFANT_MAX_AGE) : id === '@under5' ? under(YOUNG_CHILD_MAX_AGE) : false);
  const fired: FiredFlag[] = [];
  for (const rule of RED_FLAGS) {
    const usable = mentions.filter((m) => ((!m.negated && !m.history) || rule.evenIfNegated) && fitsSex(m.concept, ctx.sex));
    const of = (ids: string[]) => usable.filter((m) => ids.includes(m.concept));
    const words = new Set<string>();
    const any = rule.any ? of(rule.any) : [];
    for (const m of any) words.add(m.text);
    let all = false;
    if (rule.all) {
      const groups = rule.all.map((g) => ({ ctx: g.some(context), ms: of(g) }));
      if (groups.every((g) => g.ctx || g.ms.length)) {
        const positional = groups.filter((g) => !g.ctx);
        const within = rule.within;
        if (within === undefined || positional.length < 2) {
          all = true;
          for (const g of positional) for (const m of g.ms) words.add(m.text);
        } else {
          const near = (a: Mention, b: Mention) => Math.max(a.start, b.start) - Math.min(a.end, b.end) <= within;
          for (const a of positional[0].ms) {
            const partners = positional.slice(1).map((g) => g.ms.find((b) => near(a, b)));
            if (partners.every(Boolean)) {
              all = true;
              words.add(a.text);
              for (const b of partners) words.add((b as Mention).text);
            }
          }
        }
      }
    }
    if (any.length || all) fired.push({ rule, words: [...words] });
  }
  return fired;
}
