// Names as a public screen shows them: enough for a patient to recognise their own call, not enough to identify
// anyone else. Chinese names keep the first and the last character (张*三, 欧**娜; two characters: 张*); names in
// Latin letters keep the first letter only (John Smith → J***), since a family name there comes last and is the
// identifying part.
import type { Resource } from '../../../fhir/types.js';

const LATIN = /[A-Za-z]/;

export function maskName(name: string | undefined): string {
  const n = (name ?? '').trim();
  if (!n) return '***';
  if (LATIN.test(n)) return `${n.match(LATIN)![0].toUpperCase()}***`;
  // one character per code point (a rare character outside the BMP must not be split); separators (·) dropped
  const chars = [...n.replace(/[\s·•・.]/g, '')];
  if (chars.length <= 1) return `${chars[0] ?? ''}*`;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

interface HumanName {
  use?: string;
  text?: string;
  family?: string;
  given?: string[];
}

/** The name a Patient is called by: the official Chinese text, else family + given as written. */
export function patientName(p: Resource | undefined): string | undefined {
  const names = (p?.name as HumanName[] | undefined) ?? [];
  const n = names.find((x) => x.use === 'official') ?? names.find((x) => x.use !== 'old') ?? names[0];
  if (!n) return undefined;
  if (n.text) return n.text;
  const family = n.family ?? '';
  const given = (n.given ?? []).join(' ');
  // Latin names read given-first ("John Smith"); Chinese ones family-first without a space (张三)
  return (LATIN.test(family + given) ? [given, family].filter(Boolean).join(' ') : `${family}${given.replace(/\s/g, '')}`) || undefined;
}

