// The whole knowledge base, assembled once: departments, symptom concepts (the tables plus one "department name"
// concept per clinic, so "想挂心内科" points there), red-flag rules, body parts.
import type { Concept } from './types.js';
import { DEPARTMENTS } from './departments.js';
import { URGENT_SIGNS } from './signs-urgent.js';
import { CHEST } from './symptoms-chest.js';
import { DIGESTIVE } from './symptoms-digestive.js';
import { NEURO_MIND } from './symptoms-neuro-mind.js';
import { BONES_SKIN } from './symptoms-bones-skin.js';
import { WOMEN_UROLOGY } from './symptoms-women-urology.js';
import { EENT } from './symptoms-eent.js';
import { GENERAL } from './symptoms-general.js';
import { RED_FLAGS } from './red-flags.js';
import { phraseTokens } from '../text/english.js';

export { DEPARTMENTS, departmentOf, familyOf, EMERGENCY } from './departments.js';
export { RED_FLAGS } from './red-flags.js';
export { BODY_PARTS, BODY_PART_CODES } from './body-parts.js';

/** The symptom tables (what the issue counts as "symptoms / phrasings"). */
export const SYMPTOMS: readonly Concept[] = [...CHEST, ...DIGESTIVE, ...NEURO_MIND, ...BONES_SKIN, ...WOMEN_UROLOGY, ...EENT, ...GENERAL];

const HAS_CJK = /[\u3400-\u9fff]/;

/** "心内科", "Cardiology": naming a department points there. */
const enKey = (s: string) => `en:${phraseTokens(s).join(' ')}`;
const TABLE_PHRASES = new Set([...URGENT_SIGNS, ...SYMPTOMS].flatMap((c) => [...c.zh, ...c.en.map(enKey)]));
export const DEPARTMENT_NAMES: readonly Concept[] = DEPARTMENTS.filter((d) => d.clinic).map((d) => {
  const names = [d.zh, ...d.aliases, d.en.replace(/\s*\(.*\)$/, '')];
  // a one-word English name is a department only when it says so (Burns is not a burn), unless it is an -ology
  const en = names.filter((n) => !HAS_CJK.test(n)).flatMap((n) => (/\s/.test(n) || /(ology|iatry|ics)$/i.test(n) ? [n] : [`${n} clinic`, `${n} department`]));
  // a name the symptom tables already use (新生儿, 男科 …) stays with its symptom
  return {
    id: `dept:${d.code}`,
    zh: names.filter((n) => HAS_CJK.test(n) && !TABLE_PHRASES.has(n)),
    en: en.filter((n) => !TABLE_PHRASES.has(enKey(n))),
    depts: { [d.code]: 1 },
  };
});

export const CONCEPTS: readonly Concept[] = [...URGENT_SIGNS, ...SYMPTOMS, ...DEPARTMENT_NAMES];

export const CONCEPT_BY_ID: ReadonlyMap<string, Concept> = new Map(CONCEPTS.map((c) => [c.id, c]));

/** Concepts some red-flag rule looks at (found in their own pass, so a longer ordinary phrase never hides them). */
export const RED_FLAG_CONCEPTS: ReadonlySet<string> = new Set(
  RED_FLAGS.flatMap((r) => [...(r.any ?? []), ...(r.all ?? []).flat()]).filter((id) => !id.startsWith('@')),
);
