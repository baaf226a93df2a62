// The compact row format of the symptom tables: Chinese phrasings separated by spaces, English ones by "|",
// departments as "code:weight" pairs. One row per symptom keeps the tables short enough to review.
import type { Concept } from './types.js';

export function c(id: string, zh: string, en: string, depts: string, sex?: 'male' | 'female'): Concept {
  return {
    id,
    zh: zh.split(/\s+/).filter(Boolean),
    en: en.split('|').map((s) => s.trim()).filter(Boolean),
    depts: Object.fromEntries(depts.split(/\s+/).filter(Boolean).map((p) => {
      const [code, w] = p.split(':');
      return [code, Number(w ?? 1)];
    })),
    ...(sex ? { sex } : {}),
  };
}
