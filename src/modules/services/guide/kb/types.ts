// Shapes of the smart guide's knowledge base (kb/*.ts): plain data a clinician can review, checked by kb.test.ts.

export type Lang = 'zh' | 'en';
export type Text = Record<Lang, string>;

export interface Department {
  /** 诊疗科目 code (医疗机构诊疗科目名录, 卫医发〔1994〕第27号) */
  code: string;
  zh: string;
  en: string;
  /** other names patients and staff use for it (心内科, 消化科 …): mentioning one points there directly */
  aliases: string[];
  /**
   * false: listed for completeness but never recommended (parent codes 03/04/05, ICU, laboratory, pathology,
   * imaging, anaesthesia: nobody books those from a symptom)
   */
  clinic: boolean;
  /** seen by one sex only (妇科, 产科 …) */
  sex?: 'female';
}

/** One symptom (or sign, or context) with its phrasings and how strongly it points at each department. */
export interface Concept {
  id: string;
  /** Chinese phrasings, colloquial ones included (each ≥ 2 characters, no spaces) */
  zh: string[];
  /** English phrasings (matched after lower-casing and stemming, word by word) */
  en: string[];
  /** department code → weight 0–1 (1: this complaint belongs there) */
  depts: Record<string, number>;
  /** only meaningful for one sex (前列腺 …): ignored for the other */
  sex?: 'male' | 'female';
}

export interface RedFlagRule {
  code: string;
  label: Text;
  /** why the patient must go now (the matched words are appended) */
  reason: Text;
  /** fires when any of these concepts is present */
  any?: string[];
  /**
   * fires when every group has a present concept; a group may contain `@pregnant` (the pregnant flag), `@infant`
   * (age under 3 months), `@under6m` or `@under5`
   */
  all?: string[][];
  /** for `all`: the groups' matches must lie within this many characters of each other (one complaint) */
  within?: number;
  /** a negated mention still fires (suicidality must always be assessed by a person) */
  evenIfNegated?: boolean;
  /** departments to list after 急诊医学科 */
  also?: string[];
}
