// The registration form's content, checked field by field: every problem is reported (not just the first), each
// against the field it concerns, so the form can show them all beside their fields at once. The web form runs the
// same checks before sending (this file and its imports are free of Node and server code).
import { MIN_BIRTH_YEAR, chinaToday, isCalendarDate } from './citizen-id.js';
import { checkDocumentNumber, identityDocument, type IdentityDocument, type NumberProblem } from './identity-documents.js';
import type { Problem, ProblemCode } from './problem-codes.js';

/** A Chinese name: Han characters, optionally with the middle dot of transcribed minority or foreign names. */
export const CHINESE_NAME = /^[\u3400-\u9fff]+(?:[·•][\u3400-\u9fff]+)*$/;
/** A name in Latin letters (passport spelling): letters, spaces, apostrophes, hyphens and dots. */
export const LATIN_NAME = /^[A-Za-z\u00C0-\u024F]+(?:[ '.-]+[A-Za-z\u00C0-\u024F]+)*\.?$/;

export const SEXES = ['male', 'female', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** Emergency-contact relationships (HL7 v3 RoleCode), the ones a registration desk asks for. */
export const RELATIONSHIPS: Record<string, { zh: string; en: string }> = {
  SPS: { zh: '配偶', en: 'spouse' },
  MTH: { zh: '母亲', en: 'mother' },
  FTH: { zh: '父亲', en: 'father' },
  SON: { zh: '儿子', en: 'son' },
  DAU: { zh: '女儿', en: 'daughter' },
  SIB: { zh: '兄弟姐妹', en: 'sibling' },
  GRPRN: { zh: '祖父母/外祖父母', en: 'grandparent' },
  GRNDCHILD: { zh: '孙子女/外孙子女', en: 'grandchild' },
  GUARD: { zh: '监护人', en: 'guardian' },
  FRND: { zh: '朋友', en: 'friend' },
};

export interface RegistrationInput {
  name?: string;
  sex?: string;
  birthDate?: string;
  idType?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  contact?: { name?: string; relationship?: string; phone?: string };
  confirmDuplicate?: boolean;
}

export interface Registration {
  name: string;
  sex: Sex;
  birthDate: string;
  document: IdentityDocument;
  idNumber: string;
  phone: { value: string; use: 'mobile' | 'home' };
  address?: string;
  contact?: { name: string; relationship?: string; phone?: { value: string; use: 'mobile' | 'home' } };
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** A mobile number (11 digits from 13–19, +86 allowed) or a landline with its area code. */
export function parsePhone(input: string): { value: string; use: 'mobile' | 'home' } | undefined {
  const s = input.normalize('NFKC').replace(/[\s()]/g, '').replace(/^(\+86|0086)(?=1)/, '');
  if (MOBILE.test(s)) return { value: s, use: 'mobile' };
  if (LANDLINE.test(s)) return { value: s, use: 'home' };
  return undefined;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

function checkName(field: string, raw: unknown, out: Problem[]): string | undefined {
  const name = text(raw).replace(/\s+/g, ' ');
  if (!name) return void out.push({ field, code: 'required' });
  if (name.length > 50) return void out.push({ field, code: 'name-too-long' });
  if (!CHINESE_NAME.test(name) && !LATIN_NAME.test(name)) return void out.push({ field, code: 'name-invalid' });
  return name;
}

function checkPhone(field: string, raw: unknown, out: Problem[], required: boolean) {
  const s = text(raw);
  if (!s) return void (required && out.push({ field, code: 'required' }));
  const phone = parsePhone(s);
  if (!phone) out.push({ field, code: 'phone-invalid' });
  return phone;
}

const NUMBER_PROBLEM: Record<NumberProblem, ProblemCode> = {
  'empty': 'required',
  'first-generation': 'id-first-generation',
  'length': 'id-length',
  'characters': 'id-characters',
  'region': 'id-region',
  'birth-date': 'id-birth-date',
  'birth-date-future': 'id-birth-date-future',
  'check-digit': 'id-check-digit',
  'format': 'id-format',
};

const SEX_TEXT = { male: ['男性', 'male'], female: ['女性', 'female'] } as const;

/** Check the form; `today` (YYYY-MM-DD, China time) is for tests. */
export function checkRegistration(input: RegistrationInput, lang: 'zh' | 'en', today = chinaToday()): { ok: true; value: Registration } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const name = checkName('name', input.name, problems);

  let sex: Sex | undefined;
  const sexIn = text(input.sex);
  if (!sexIn) problems.push({ field: 'sex', code: 'required' });
  else if (!(SEXES as readonly string[]).includes(sexIn)) problems.push({ field: 'sex', code: 'sex-invalid' });
  else sex = sexIn as Sex;

  let birthDate: string | undefined;
  const bd = text(input.birthDate);
  if (!bd) problems.push({ field: 'birthDate', code: 'required' });
  else {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(bd);
    if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) problems.push({ field: 'birthDate', code: 'birth-date-invalid' });
    else if (bd > today) problems.push({ field: 'birthDate', code: 'birth-date-future' });
    else if (Number(m[1]) < MIN_BIRTH_YEAR) problems.push({ field: 'birthDate', code: 'birth-date-too-early' });
    else birthDate = bd;
  }

  let document: IdentityDocument | undefined;
  const idType = text(input.idType);
  if (!idType) problems.push({ field: 'idType', code: 'required' });
  else if (!(document = identityDocument(idType))) problems.push({ field: 'idType', code: 'id-type-invalid' });

  let idNumber: string | undefined;
  if (!text(input.idNumber)) problems.push({ field: 'idNumber', code: 'required' });
  else if (document) {
    const r = checkDocumentNumber(document, text(input.idNumber), today);
    if (!r.ok) problems.push({ field: 'idNumber', code: NUMBER_PROBLEM[r.problem], ...(r.problem === 'format' ? { params: { hint: document.hint[lang] } } : {}) });
    else {
      idNumber = r.number;
      // what the number encodes must agree with the form (the birth date and sex fields carry the message)
      if (r.birthDate && birthDate && r.birthDate !== birthDate) {
        problems.push({ field: 'birthDate', code: 'birth-date-mismatch', params: { date: r.birthDate } });
      }
      if (r.sex && (sex === 'male' || sex === 'female') && r.sex !== sex) {
        problems.push({ field: 'sex', code: 'sex-mismatch', params: { sex: SEX_TEXT[r.sex][lang === 'zh' ? 0 : 1] } });
      }
    }
  }

  const phone = checkPhone('phone', input.phone, problems, true);

  const address = text(input.address) || undefined;
  if (address && address.length > 200) problems.push({ field: 'address', code: 'address-too-long' });

  let contact: Registration['contact'];
  const c = input.contact;
  if (c && (text(c.name) || text(c.phone) || text(c.relationship))) {
    const cname = checkName('contact.name', c.name, problems);
    const rel = text(c.relationship) || undefined;
    if (rel && !RELATIONSHIPS[rel]) problems.push({ field: 'contact.relationship', code: 'relationship-invalid' });
    const cphone = checkPhone('contact.phone', c.phone, problems, false);
    if (cname) contact = { name: cname, ...(rel ? { relationship: rel } : {}), ...(cphone ? { phone: cphone } : {}) };
  }

  if (problems.length || !name || !sex || !birthDate || !document || !idNumber || !phone) return { ok: false, problems };
  return { ok: true, value: { name, sex, birthDate, document, idNumber, phone, ...(address ? { address } : {}), ...(contact ? { contact } : {}) } };
}
