// The smart guide (智能导诊): free text (Chinese, English or both) plus age, sex, pregnancy and body-part picks →
// red flags (go to 急诊 now, and why) or a ranked list of departments with a 0–1 score and the words behind it.
// Pure and synchronous; the knowledge base (kb/) and jieba's dictionary load once, on first use.
import { findMentions, matchIndex } from './match.js';
import { redFlags } from './red-flag-check.js';
import { rankDepartments, type DepartmentScore } from './scoring.js';
import { adviceText } from './advice.js';
import type { Lang } from './kb/types.js';

export interface GuideInput {
  text: string;
  /** years; fractions allowed for babies (0.05 ≈ 18 days) */
  age?: number;
  sex?: 'female' | 'male';
  pregnant?: boolean;
  /** language of labels, reasons and advice (default zh) */
  lang?: Lang;
  /** body-part chips (kb/body-parts.ts codes) */
  bodyParts?: string[];
}

export interface GuideRedFlag {
  code: string;
  label: string;
  reason: string;
}

export interface GuideDepartment {
  code: string;
  name: string;
  nameEn: string;
  score: number;
  evidence: string[];
}

export interface GuideResult {
  emergency: boolean;
  redFlags: GuideRedFlag[];
  departments: GuideDepartment[];
  advice: string;
}

/** Load the knowledge base and the segmenter now (the server calls this at start so no request pays for it). */
export function warmUp(): void {
  matchIndex();
}

export function runGuide(input: GuideInput): GuideResult {
  const lang: Lang = input.lang === 'en' ? 'en' : 'zh';
  const found = findMentions(input.text);
  // an age the text states counts when the form gives none ("3个月大的宝宝发烧")
  const who: GuideInput = input.age === undefined && found.age !== undefined ? { ...input, age: found.age } : input;
  const fired = redFlags(found.red, who);
  const ranked: DepartmentScore[] = rankDepartments(found.scoring, who, fired);
  const sep = lang === 'zh' ? '、' : ', ';
  const redFlagsOut = fired.map((f) => ({
    code: f.rule.code,
    label: f.rule.label[lang],
    reason: f.words.length ? `${f.rule.reason[lang]}${lang === 'zh' ? `（依据：${f.words.join(sep)}）` : ` (from: ${f.words.join(sep)})`}` : f.rule.reason[lang],
  }));
  const departments = ranked.map((d) => ({ code: d.dept.code, name: d.dept.zh, nameEn: d.dept.en, score: d.score, evidence: d.evidence }));
  return {
    emergency: fired.length > 0,
    redFlags: redFlagsOut,
    departments,
    advice: adviceText(lang, fired, ranked, input),
  };
}
