// The chief complaint as free text (zh or en) → the clinical flags it suggests. A small reviewable table, not a
// diagnosis: the nurse sees the suggestions as chips and confirms or removes them; flags she sends explicitly win
// (engine.ts). A keyword right after a negation (无, 否认, no, denies …) suggests nothing.
import type { Flag } from './codes.js';

export interface KeywordRow {
  flag: Flag;
  zh: readonly string[];
  en: readonly string[];
}

export const COMPLAINT_KEYWORDS: readonly KeywordRow[] = [
  { flag: 'cardiacArrest', zh: ['心跳骤停', '心脏骤停', '心搏骤停', '没有心跳', '无脉搏', '摸不到脉搏'], en: ['cardiac arrest', 'no pulse', 'pulseless'] },
  { flag: 'respiratoryArrest', zh: ['呼吸骤停', '呼吸停止', '没有呼吸', '不喘气'], en: ['respiratory arrest', 'not breathing', 'apnoea', 'apnea'] },
  { flag: 'shock', zh: ['休克'], en: ['shock'] },
  { flag: 'statusEpilepticus', zh: ['抽搐不止', '持续抽搐', '反复抽搐', '癫痫持续'], en: ['status epilepticus', 'continuous seizure', 'seizure not stopping', 'ongoing seizure'] },
  { flag: 'intubated', zh: ['气管插管', '已插管'], en: ['intubated'] },
  { flag: 'unresponsive', zh: ['昏迷', '叫不醒', '意识丧失', '不省人事'], en: ['unresponsive', 'unconscious', 'coma'] },
  { flag: 'suspectedStroke', zh: ['口角歪斜', '口眼歪斜', '嘴歪', '偏瘫', '半身不遂', '一侧肢体无力', '单侧肢体无力', '半边身子', '言语不清', '说话不清', '口齿不清', '中风', '卒中'],
    en: ['stroke', 'facial droop', 'slurred speech', 'one-sided weakness', 'one sided weakness', 'hemiplegia'] },
  { flag: 'suspectedSepsis', zh: ['脓毒症', '败血症'], en: ['sepsis', 'septic'] },
  { flag: 'acuteConfusion', zh: ['意识模糊', '神志不清', '胡言乱语', '谵妄', '糊涂'], en: ['confusion', 'confused', 'disoriented', 'delirium'] },
  { flag: 'multipleTrauma', zh: ['多发伤', '多处外伤', '多处受伤', '车祸', '高处坠落', '高坠'], en: ['multiple trauma', 'polytrauma', 'car crash', 'car accident', 'fall from height'] },
  { flag: 'chestPainACS', zh: ['胸痛', '胸口痛', '胸口疼', '心口痛', '心口疼', '胸闷', '胸部压榨', '胸前区疼痛', '胸前区痛'], en: ['chest pain', 'chest tightness', 'chest pressure', 'crushing chest'] },
  { flag: 'neutropenicFever', zh: ['化疗后发热', '化疗后发烧', '粒缺', '粒细胞缺乏'], en: ['neutropenic fever', 'neutropenia', 'fever after chemotherapy'] },
  { flag: 'ecgAMI', zh: ['心梗', '心肌梗死', '心肌梗塞', 'st段抬高'], en: ['stemi', 'myocardial infarction', 'heart attack'] },
  { flag: 'abdominalPain', zh: ['腹痛', '肚子痛', '肚子疼', '腹部疼痛', '腹部痛', '胃痛', '胃疼'], en: ['abdominal pain', 'belly pain', 'stomach ache', 'stomachache', 'stomach pain', 'tummy pain'] },
];

const ZH_NEGATIONS = ['无', '没有', '否认', '不伴', '未见'];
const EN_NEGATIONS = ['no', 'not', 'denies', 'without', 'never'];

function negatedZh(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 3), at);
  return ZH_NEGATIONS.some((n) => before.endsWith(n));
}

function negatedEn(text: string, at: number): boolean {
  const words = text.slice(Math.max(0, at - 20), at).trim().split(/[^a-z]+/).filter(Boolean);
  return words.length > 0 && EN_NEGATIONS.includes(words[words.length - 1] as string);
}

function occurrences(text: string, word: string, wordBoundaries: boolean): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (wordBoundaries) {
      const before = text[i - 1];
      const after = text[i + word.length];
      if ((before && /[a-z]/.test(before)) || (after && /[a-z]/.test(after) && after !== 's')) continue;
    }
    out.push(i);
  }
  return out;
}

export interface Suggestion {
  flag: Flag;
  /** the words in the text that led to it */
  words: string[];
}

/** The flags the complaint suggests, in table order, each with the words that matched. */
export function suggestFlags(complaint: string | undefined): Suggestion[] {
  if (!complaint) return [];
  const text = complaint.toLowerCase().normalize('NFKC');
  const out: Suggestion[] = [];
  for (const row of COMPLAINT_KEYWORDS) {
    const words: string[] = [];
    for (const w of row.zh) if (occurrences(text, w, false).some((at) => !negatedZh(text, at))) words.push(w);
    for (const w of row.en) if (occurrences(text, w, true).some((at) => !negatedEn(text, at))) words.push(w);
    if (words.length) out.push({ flag: row.flag, words });
  }
  return out;
}
