// How FHIR data reads on screen, in the user's language: concepts (the demo data carries Chinese text next to
// codings with English displays), names (official Chinese and pinyin), dates, ages and quantities.
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../app/fhir-types';

export type Lang = 'zh-CN' | 'en';

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Reference {
  reference?: string;
  display?: string;
}
export interface Period {
  start?: string;
  end?: string;
}
export interface Quantity {
  value?: number;
  unit?: string;
  code?: string;
  comparator?: string;
}
export interface HumanName {
  use?: string;
  text?: string;
  family?: string;
  given?: string[];
}

const CJK = /[\u3400-\u9fff]/;

/** The language the UI is in now (re-renders on a switch). */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/**
 * A concept in the user's language: Chinese UI → the Chinese text (or a Chinese coding display), English UI → an
 * English coding display when there is one, else the text. Falls back to the code.
 */
export function conceptText(c: CodeableConcept | undefined, lang: Lang): string {
  if (!c) return '';
  const displays = (c.coding ?? []).map((k) => k.display).filter((d): d is string => !!d);
  const zh = [c.text, ...displays].find((s) => s && CJK.test(s));
  const en = [...displays, c.text].find((s) => s && !CJK.test(s));
  const pick = lang === 'en' ? en ?? zh : zh ?? en;
  return pick ?? c.coding?.[0]?.code ?? '';
}

export function codingText(c: Coding | undefined, lang: Lang): string {
  return c ? conceptText({ coding: [c] }, lang) : '';
}

/** The code of a concept in a code system (e.g. ICD-10), if any. */
export function codeIn(c: CodeableConcept | undefined, system: string | RegExp): string | undefined {
  return c?.coding?.find((k) => (typeof system === 'string' ? k.system === system : system.test(k.system ?? '')))?.code;
}

export function hasCoding(c: CodeableConcept | CodeableConcept[] | undefined, system: string, code: string): boolean {
  const list = Array.isArray(c) ? c : c ? [c] : [];
  return list.some((x) => (x.coding ?? []).some((k) => k.system === system && k.code === code));
}

/** A person's name: Chinese UI → official (Chinese) name; English UI → the pinyin (usual) name with the Chinese one. */
export function personName(r: Resource | undefined, lang: Lang): string {
  const names = (r?.name as HumanName[] | undefined) ?? [];
  const text = (n: HumanName | undefined) => n?.text ?? [n?.family, ...(n?.given ?? [])].filter(Boolean).join(n && CJK.test(n.family ?? '') ? '' : ' ');
  const official = text(names.find((n) => n.use === 'official') ?? names[0]);
  if (lang === 'en') {
    const latin = names.map(text).find((s) => s && !CJK.test(s));
    if (latin && official && latin !== official) return `${latin} (${official})`;
    return latin || official;
  }
  return official;
}

/** A place's name in the user's language: in English the first alias without Chinese characters, if any. */
export function placeLabel(p: { id?: string; name?: unknown; alias?: unknown } | undefined, lang: Lang): string | undefined {
  if (!p) return undefined;
  const name = typeof p.name === 'string' ? p.name : undefined;
  if (lang === 'en') {
    const latin = (Array.isArray(p.alias) ? (p.alias as unknown[]) : []).find((a): a is string => typeof a === 'string' && !CJK.test(a));
    if (latin) return latin;
  }
  return name ?? p.id;
}

/** "Patient/x" → "x" */
export function refId(r: Reference | undefined, type: string): string | undefined {
  const s = r?.reference;
  return s?.startsWith(`${type}/`) ? s.slice(type.length + 1) : undefined;
}

export function formatDate(d: string | undefined): string {
  if (!d) return '';
  if (/^\d{4}$/.test(d) || /^\d{4}-\d{2}$/.test(d)) return d;
  return dayjs(d).format('YYYY-MM-DD');
}

export function formatDateTime(d: string | undefined): string {
  if (!d) return '';
  if (!d.includes('T')) return formatDate(d);
  return dayjs(d).format('YYYY-MM-DD HH:mm');
}

export function formatPeriod(p: Period | undefined): string {
  if (!p?.start) return '';
  if (!p.end) return `${formatDateTime(p.start)} –`;
  const sameDay = p.start.includes('T') && p.end.includes('T') && dayjs(p.start).isSame(dayjs(p.end), 'day');
  return `${formatDateTime(p.start)} – ${sameDay ? dayjs(p.end).format('HH:mm') : formatDateTime(p.end)}`;
}

/** Age in whole years at `at` (default now); under 1 year in months, under a month in days. */
export function age(birthDate: string | undefined, at = dayjs()): { years: number; months: number; days: number } | undefined {
  if (!birthDate) return undefined;
  const b = dayjs(birthDate);
  if (!b.isValid()) return undefined;
  return { years: at.diff(b, 'year'), months: at.diff(b, 'month'), days: at.diff(b, 'day') };
}

const SUP: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '-': '⁻' };

/** A unit as people write it: UCUM's 10*9/L → ×10⁹/L. */
export function unitText(u: string | undefined): string {
  return (u ?? '').replace(/10\*(-?\d+)/g, (_, e: string) => `×10${[...e].map((c) => SUP[c] ?? c).join('')}`);
}

export function quantityText(q: Quantity | undefined): string {
  if (!q || q.value === undefined) return '';
  return `${q.comparator ?? ''}${q.value}${q.unit ? ` ${unitText(q.unit)}` : ''}`;
}

export const MRN_SYSTEM = 'https://huiyi.dev/fhir/sid/mrn';

/** The medical record number: the MR-typed identifier, or the hospital's MRN system. */
export function mrnOf(p: Resource | undefined): string | undefined {
  const ids = (p?.identifier as { system?: string; value?: string; type?: CodeableConcept }[] | undefined) ?? [];
  const mr = ids.find((i) => i.type?.coding?.some((c) => c.code === 'MR')) ?? ids.find((i) => i.system === MRN_SYSTEM || /\/sid\/mrn$/.test(i.system ?? ''));
  return mr?.value;
}
