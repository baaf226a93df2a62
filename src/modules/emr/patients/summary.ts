// The compact form of a Patient that lists and banners show: name and pinyin, sex, age, MRN, the identity
// document with its number masked, phone, and whether the record was merged into another.
import type { Resource } from '../../../fhir/types.js';
import { chinaToday } from './citizen-id.js';
import { documentOf, type IdType } from './identity-documents.js';
import { MRN_SYSTEM } from './search-parameters.js';

export interface Age {
  value: number;
  /** years from 1, months under a year, days under a month (how Chinese clinical records write ages) */
  unit: 'year' | 'month' | 'day';
}

export interface PatientSummary {
  id: string;
  active: boolean;
  name: string;
  pinyin?: string;
  sex?: string;
  birthDate?: string;
  age?: Age;
  mrn?: string;
  idType?: IdType;
  idNumberMasked?: string;
  phone?: string;
  /** set when this record was merged into another (Patient.link replaced-by) */
  mergedInto?: string;
  /** records merged into this one (Patient.link replaces) */
  replaces?: string[];
}

interface HumanName { use?: string; text?: string; family?: string; given?: string[] }
interface Identifier { use?: string; system?: string; value?: string; type?: { coding?: { system?: string; code?: string }[] } }
interface Link { type?: string; other?: { reference?: string } }

const nameText = (n: HumanName | undefined) => n && (n.text ?? [n.family, ...(n.given ?? [])].filter(Boolean).join(''));

/** Age on `today` (YYYY-MM-DD) of someone born on `birthDate` (YYYY-MM or YYYY-MM-DD; a bare year gives years). */
export function ageOn(birthDate: string, today: string = chinaToday()): Age | undefined {
  const [by, bm = 1, bd = 1] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (!by || birthDate > today) return undefined;
  const months = (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0);
  if (months >= 12) return { value: Math.floor(months / 12), unit: 'year' };
  if (months >= 1) return { value: months, unit: 'month' };
  const days = Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
  return { value: days, unit: 'day' };
}

/** Keep the first 3 and last 4 characters (first 1 and last 2 of short numbers). */
export function maskNumber(n: string): string {
  if (n.length >= 10) return n.slice(0, 3) + '*'.repeat(n.length - 7) + n.slice(-4);
  if (n.length >= 5) return n.slice(0, 1) + '*'.repeat(n.length - 3) + n.slice(-2);
  return '*'.repeat(n.length);
}

const idOf = (ref: string | undefined) => ref?.startsWith('Patient/') ? ref.slice('Patient/'.length) : undefined;

export function summarize(p: Resource, today?: string): PatientSummary {
  const names = (p.name as HumanName[] | undefined) ?? [];
  const official = names.find((n) => n.use === 'official') ?? names.find((n) => n.use !== 'usual') ?? names[0];
  const usual = names.find((n) => n.use === 'usual' && n !== official);
  const ids = (p.identifier as Identifier[] | undefined) ?? [];
  const mrn = ids.find((i) => i.system === MRN_SYSTEM)?.value;
  const doc = ids.map((i) => ({ i, d: i.system === MRN_SYSTEM ? undefined : documentOf(i) })).find((x) => x.d && x.i.value);
  const phone = (p.telecom as { system?: string; value?: string }[] | undefined)?.find((t) => t.system === 'phone')?.value;
  const links = (p.link as Link[] | undefined) ?? [];
  const mergedInto = idOf(links.find((l) => l.type === 'replaced-by')?.other?.reference);
  const replaces = links.filter((l) => l.type === 'replaces').flatMap((l) => idOf(l.other?.reference) ?? []);
  const birthDate = p.birthDate as string | undefined;
  const age = birthDate ? ageOn(birthDate, today) : undefined;
  return {
    id: p.id as string,
    active: p.active !== false,
    name: nameText(official) ?? '',
    ...(usual ? { pinyin: nameText(usual) } : {}),
    ...(p.gender ? { sex: p.gender as string } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(age ? { age } : {}),
    ...(mrn ? { mrn } : {}),
    ...(doc?.d ? { idType: doc.d.code, idNumberMasked: maskNumber(doc.i.value as string) } : {}),
    ...(phone ? { phone } : {}),
    ...(mergedInto ? { mergedInto } : {}),
    ...(replaces.length ? { replaces } : {}),
  };
}
