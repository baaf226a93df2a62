// A note as a FHIR Composition: one section per template section, its text as the section narrative (one <p> per
// line), coded with the Huiyi section code and the LOINC code where one exists. Only written sections are stored.
import type { Resource } from '../../../fhir/types.js';
import { LOINC, SECTION_SYSTEM, TEMPLATE_SYSTEM, templateOf, type NoteTemplate } from './templates.js';
import type { Ref } from './support.js';

const XHTML = 'http://www.w3.org/1999/xhtml';

export interface CompositionSection {
  title?: string;
  code?: { coding?: { system?: string; code?: string; display?: string }[]; text?: string };
  text?: { status: string; div: string };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Section text → XHTML narrative (one paragraph per line, everything escaped). */
export function toDiv(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return `<div xmlns="${XHTML}">${lines.map((l) => `<p>${escape(l)}</p>`).join('')}</div>`;
}

/** The narrative of a section as plain text (the inverse of toDiv; other markup is dropped). */
export function fromDiv(div: string | undefined): string {
  if (!div) return '';
  const paras = [...div.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g)].map((m) => m[1]);
  const parts = paras.length ? paras : [div.replace(/^\s*<div[^>]*>/, '').replace(/<\/div>\s*$/, '')];
  return parts.map((p) => unescape(p.replace(/<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, ''))).join('\n');
}

/** Normalise a section's text: trailing spaces of lines and surrounding blank lines go; blank = empty. */
export function cleanText(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\s+$/, '')).join('\n').replace(/^\n+|\n+$/g, '');
}

export function buildSections(t: NoteTemplate, texts: Record<string, string>): CompositionSection[] {
  const out: CompositionSection[] = [];
  for (const s of t.sections) {
    const text = cleanText(texts[s.key]);
    // cmp-1: a section has text, entries or sub-sections; an empty one is left out (the template lists it)
    if (!text) continue;
    const coding = [{ system: SECTION_SYSTEM, code: s.key, display: s.title.zh }];
    if (s.loinc) coding.unshift({ system: LOINC, code: s.loinc.code, display: s.loinc.display });
    out.push({ title: s.title.zh, code: { coding, text: s.title.zh }, text: { status: 'additional', div: toDiv(text) } });
  }
  return out;
}

/** Section texts of a Composition by Huiyi section key (sections of other systems by their title). */
export function readSections(c: Resource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of (c.section as CompositionSection[] | undefined) ?? []) {
    const key = s.code?.coding?.find((x) => x.system === SECTION_SYSTEM)?.code ?? s.title;
    if (key) out[key] = fromDiv(s.text?.div);
  }
  return out;
}

/** The template's required sections that are empty in `texts`. */
export function missingRequired(t: NoteTemplate, texts: Record<string, string>): string[] {
  return t.sections.filter((s) => s.required && !cleanText(texts[s.key])).map((s) => s.key);
}

export function compositionType(t: NoteTemplate) {
  return {
    coding: [
      { system: LOINC, code: t.loinc.code, display: t.loinc.display },
      { system: TEMPLATE_SYSTEM, code: t.key, display: t.title.zh },
    ],
    text: t.title.zh,
  };
}

export interface Attester {
  mode: string;
  time?: string;
  party?: Ref;
}

export interface NoteView {
  id: string;
  version: string;
  lastUpdated?: string;
  status: 'preliminary' | 'final' | 'amended' | 'entered-in-error';
  template?: string;
  title: string;
  patient?: string;
  encounter?: string;
  date?: string;
  authors: Ref[];
  /** the legal attesters (signer of the original and of each amendment), oldest first */
  signers: { party?: Ref; time?: string }[];
  sections: Record<string, string>;
}

/** The API's view of a Composition (the stored resource stays the source of truth). */
export function noteView(c: Resource): NoteView {
  return {
    id: c.id as string,
    version: c.meta?.versionId as string,
    ...(c.meta?.lastUpdated ? { lastUpdated: c.meta.lastUpdated } : {}),
    status: c.status as NoteView['status'],
    ...(templateOf(c.type) ? { template: templateOf(c.type)?.key } : {}),
    title: (c.title as string | undefined) ?? '',
    ...((c.subject as Ref | undefined)?.reference ? { patient: (c.subject as Ref).reference } : {}),
    ...((c.encounter as Ref | undefined)?.reference ? { encounter: (c.encounter as Ref).reference } : {}),
    ...(c.date ? { date: c.date as string } : {}),
    authors: (c.author as Ref[] | undefined) ?? [],
    signers: ((c.attester as Attester[] | undefined) ?? []).filter((a) => a.mode === 'legal').map((a) => ({ ...(a.party ? { party: a.party } : {}), ...(a.time ? { time: a.time } : {}) })),
    sections: readSections(c),
  };
}
