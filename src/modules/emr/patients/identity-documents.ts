// The identity documents a patient can register with, as data.
//
// Which documents: 医院智慧服务分级评估标准体系（试行）(国家卫生健康委, 2019), 诊疗预约, level 2, basic item (1):
//   "支持多种证件的患者身份认证（如居民身份证、户口簿、军官证、港澳居民来往内地通行证、台湾居民来往大陆通行证、护照、
//   外国人居留证等）" (../shared/standards/smart-service-2019.jsonl, table 3 row 4); plus the documents that have
//   replaced or joined them since: 港澳台居民居住证 (国办发〔2018〕81号), the 外国人永久居留身份证 (2017 and 2023
//   versions; the standard's 外国人居留证), and for newborns the 出生医学证明 (《母婴保健法》; 国家卫生健康委、公安部
//   《关于启用出生医学证明（第七版）的通知》, 2023).
// Document-type codes: WS 364.3—2011 卫生信息数据元值域代码 第3部分, CV02.01.101 身份证件类别代码 (01 居民身份证,
//   02 居民户口簿, 03 护照, 04 军官证, 05 驾驶证, 06 港澳居民来往内地通行证, 07 台湾居民来往内地通行证,
//   99 其他法定有效证件) — transcribed, check against the published standard before relying on it in reports.
// Identifier types: HL7 v2 table 0203 (http://terminology.hl7.org/CodeSystem/v2-0203).
// Number formats:
//   公民身份号码 GB 11643-1999 (居民身份证; the 户口簿 personal page; 港澳台居民居住证 with address codes 810000,
//     820000, 830000 per 国办发〔2018〕81号) — see citizen-id.ts;
//   外国人永久居留身份证: 2023 version 18 characters, first digit 9, MOD 11-2 check (国家移民管理局, 新版外国人永久
//     居留身份证机读信息规则, 2023); 2017 version 3 letters (nationality) + 12 digits;
//   港澳居民来往内地通行证: H (Hong Kong) or M (Macao) + 8 digits, one number for life, without the renewal count;
//   台湾居民来往大陆通行证: 8 digits, one number for life (2015 card), without the issue count;
//   出生医学证明: 1 letter + 9 digits (editions 5–7);
//   护照: ICAO Doc 9303 document number, letters and digits (Chinese passports E + 8 characters); 军官证: as printed.
import { HMT_REGIONS, MAINLAND_PROVINCES, checkCharacter, checkCitizenId, type CitizenIdProblem } from './citizen-id.js';

export const V2_ID_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';
/** CV02.01.101 身份证件类别代码 (WS 364.3), as a code system of this server */
export const CV_ID_DOCUMENT = 'https://huiyi.dev/fhir/CodeSystem/cv02-01-101';
/** 公民身份号码: the same national number on the 居民身份证, the 户口簿 and the 港澳台居民居住证 */
export const CITIZEN_ID_SYSTEM = 'urn:oid:2.16.156.10011.1.3';
/** This server's codes of the documents (the `code` column), so a stored identifier says which one was shown. */
export const DOCUMENT_TYPE_SYSTEM = 'https://huiyi.dev/fhir/CodeSystem/identity-document';
const SID = 'https://huiyi.dev/fhir/sid';

export type IdType =
  | 'resident-id' | 'household-register' | 'passport' | 'military-officer' | 'hk-macao-permit' | 'taiwan-permit'
  | 'hmt-residence-permit' | 'foreign-permanent-resident' | 'birth-certificate' | 'other';

export type NumberFormat =
  /** a 公民身份号码 whose address code passes `regions` */
  | { kind: 'citizen-id'; regions: 'mainland' | 'hmt' }
  | { kind: 'foreign-permanent-resident' }
  | { kind: 'pattern'; pattern: RegExp };

export interface IdentityDocument {
  code: IdType;
  /** CV02.01.101 */
  nationalCode: string;
  zh: string;
  en: string;
  /** Identifier.system */
  system: string;
  /** Identifier.type: HL7 v2-0203 */
  v2: { code: string; display: string };
  format: NumberFormat;
  /** how to write the number, for the form (zh / en) */
  hint: { zh: string; en: string };
  /** the number encodes birth date and sex (checked against the form) */
  encodesBirthAndSex: boolean;
}

export const IDENTITY_DOCUMENTS: readonly IdentityDocument[] = [
  {
    code: 'resident-id', nationalCode: '01', zh: '居民身份证', en: 'Resident Identity Card',
    system: CITIZEN_ID_SYSTEM, v2: { code: 'NI', display: 'National unique individual identifier' },
    format: { kind: 'citizen-id', regions: 'mainland' }, encodesBirthAndSex: true,
    hint: { zh: '18 位公民身份号码，末位可为 X', en: '18-character citizen ID number; the last may be X' },
  },
  {
    code: 'household-register', nationalCode: '02', zh: '居民户口簿', en: 'Household Register (hukou booklet)',
    system: CITIZEN_ID_SYSTEM, v2: { code: 'NI', display: 'National unique individual identifier' },
    format: { kind: 'citizen-id', regions: 'mainland' }, encodesBirthAndSex: true,
    hint: { zh: '户口簿本人页上的 18 位公民身份号码', en: 'the 18-character citizen ID number on the personal page' },
  },
  {
    code: 'passport', nationalCode: '03', zh: '护照', en: 'Passport',
    system: `${SID}/passport`, v2: { code: 'PPN', display: 'Passport number' },
    format: { kind: 'pattern', pattern: /^[A-Z0-9]{5,17}$/ }, encodesBirthAndSex: false,
    hint: { zh: '5–17 位字母或数字', en: '5–17 letters or digits' },
  },
  {
    code: 'military-officer', nationalCode: '04', zh: '军官证', en: 'Military Officer ID',
    system: `${SID}/military-officer-id`, v2: { code: 'MI', display: 'Military ID number' },
    format: { kind: 'pattern', pattern: /^[\u4e00-\u9fa5A-Z0-9]{4,20}$/ }, encodesBirthAndSex: false,
    hint: { zh: '证件上的编号，如 军字第1234567号', en: 'the number as printed, e.g. 军字第1234567号' },
  },
  {
    code: 'hk-macao-permit', nationalCode: '06', zh: '港澳居民来往内地通行证', en: 'Mainland Travel Permit for Hong Kong and Macao Residents',
    system: `${SID}/hk-macao-mainland-travel-permit`, v2: { code: 'PPN', display: 'Passport number' },
    format: { kind: 'pattern', pattern: /^[HM]\d{8}$/ }, encodesBirthAndSex: false,
    hint: { zh: 'H 或 M 加 8 位数字，不含换证次数', en: 'H or M and 8 digits, without the renewal count' },
  },
  {
    code: 'taiwan-permit', nationalCode: '07', zh: '台湾居民来往大陆通行证', en: 'Mainland Travel Permit for Taiwan Residents',
    system: `${SID}/taiwan-mainland-travel-permit`, v2: { code: 'PPN', display: 'Passport number' },
    format: { kind: 'pattern', pattern: /^\d{8}$/ }, encodesBirthAndSex: false,
    hint: { zh: '8 位数字，不含签发次数', en: '8 digits, without the issue count' },
  },
  {
    code: 'hmt-residence-permit', nationalCode: '99', zh: '港澳台居民居住证', en: 'Residence Permit for Hong Kong, Macao and Taiwan Residents',
    system: CITIZEN_ID_SYSTEM, v2: { code: 'NI', display: 'National unique individual identifier' },
    format: { kind: 'citizen-id', regions: 'hmt' }, encodesBirthAndSex: true,
    hint: { zh: '以 810000、820000 或 830000 开头的 18 位公民身份号码', en: '18-character citizen ID number starting 810000, 820000 or 830000' },
  },
  {
    code: 'foreign-permanent-resident', nationalCode: '99', zh: '外国人永久居留身份证', en: 'Foreign Permanent Resident ID Card',
    system: `${SID}/foreign-permanent-resident-id`, v2: { code: 'PRC', display: 'Permanent Resident Card Number' },
    format: { kind: 'foreign-permanent-resident' }, encodesBirthAndSex: false,
    hint: { zh: '2023 版为以 9 开头的 18 位号码；2017 版为 3 位字母加 12 位数字', en: '2023 card: 18 characters starting with 9; 2017 card: 3 letters and 12 digits' },
  },
  {
    code: 'birth-certificate', nationalCode: '99', zh: '出生医学证明', en: 'Medical Birth Certificate',
    system: `${SID}/birth-certificate`, v2: { code: 'BCT', display: 'Birth Certificate' },
    format: { kind: 'pattern', pattern: /^[A-Z]\d{9}$/ }, encodesBirthAndSex: false,
    hint: { zh: '1 位字母加 9 位数字', en: '1 letter and 9 digits' },
  },
  {
    code: 'other', nationalCode: '99', zh: '其他法定有效证件', en: 'Other legal identity document',
    system: `${SID}/other-identity-document`, v2: { code: 'U', display: 'Unspecified identifier' },
    format: { kind: 'pattern', pattern: /^[\u4e00-\u9fa5A-Z0-9-]{2,40}$/ }, encodesBirthAndSex: false,
    hint: { zh: '证件上的编号', en: 'the number as printed' },
  },
];

const BY_CODE = new Map(IDENTITY_DOCUMENTS.map((d) => [d.code, d]));

export function identityDocument(code: string): IdentityDocument | undefined {
  return BY_CODE.get(code as IdType);
}

export const ID_TYPES = IDENTITY_DOCUMENTS.map((d) => d.code);

/** The document an identifier was registered with (its type's CV02.01.101 coding, else by system). */
export function documentOf(identifier: { system?: string; type?: { coding?: { system?: string; code?: string }[] } }): IdentityDocument | undefined {
  const huiyi = identifier.type?.coding?.find((c) => c.system === DOCUMENT_TYPE_SYSTEM)?.code;
  if (huiyi && BY_CODE.has(huiyi as IdType)) return BY_CODE.get(huiyi as IdType);
  return IDENTITY_DOCUMENTS.find((d) => d.system === identifier.system);
}

export type NumberProblem = CitizenIdProblem | 'format';

export type NumberCheck =
  | { ok: true; number: string; birthDate?: string; sex?: 'male' | 'female' }
  | { ok: false; problem: NumberProblem };

/** Full-width characters made ASCII, spaces dropped, letters upper-cased: how numbers are compared and stored. */
export function normaliseNumber(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Check a document number against its format; for citizen ID numbers also what it encodes. */
export function checkDocumentNumber(doc: IdentityDocument, input: string, today?: string): NumberCheck {
  const number = normaliseNumber(input);
  if (!number) return { ok: false, problem: 'empty' };
  const f = doc.format;
  if (f.kind === 'citizen-id') {
    const regions = f.regions === 'hmt' ? (c: string) => HMT_REGIONS.has(c) : (c: string) => MAINLAND_PROVINCES.has(c.slice(0, 2));
    const r = checkCitizenId(number, { regions, ...(today ? { today } : {}) });
    return r.ok ? { ok: true, number: r.facts.number, birthDate: r.facts.birthDate, sex: r.facts.sex } : { ok: false, problem: r.problem };
  }
  if (f.kind === 'foreign-permanent-resident') {
    if (/^[A-Z]{3}\d{12}$/.test(number)) return { ok: true, number };
    // 2023 card: only the leading 9 and the check character are relied on (the rest of its layout is not checked)
    if (/^9\d{16}[\dX]$/.test(number)) return checkCharacter(number.slice(0, 17)) === number[17] ? { ok: true, number } : { ok: false, problem: 'check-digit' };
    return { ok: false, problem: 'format' };
  }
  return f.pattern.test(number) ? { ok: true, number } : { ok: false, problem: 'format' };
}

/** Patient.identifier for a document number. */
export function documentIdentifier(doc: IdentityDocument, number: string): Record<string, unknown> {
  return {
    use: 'official',
    type: {
      coding: [
        { system: V2_ID_TYPE, code: doc.v2.code, display: doc.v2.display },
        { system: DOCUMENT_TYPE_SYSTEM, code: doc.code, display: doc.zh },
        { system: CV_ID_DOCUMENT, code: doc.nationalCode },
      ],
      text: doc.zh,
    },
    system: doc.system,
    value: number,
  };
}
