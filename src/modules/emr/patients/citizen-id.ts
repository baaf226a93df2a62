// 公民身份号码 (GB 11643-1999), the number on the 居民身份证, the 居民户口簿 and the 港澳台居民居住证:
//   6-digit address code (GB/T 2260; 81/82/83 = Hong Kong, Macao, Taiwan residents, 国办发〔2018〕81号),
//   8-digit birth date YYYYMMDD (GB/T 7408), 3-digit sequence (odd = male, even = female),
//   1 check character by ISO 7064:1983 MOD 11-2 (0–9 or X for 10).
// The 2023 外国人永久居留身份证 number (国家移民管理局, 新版永居证机读信息规则, in force 2023-12-01) has the same
// 18-character shape, starts with 9 and uses the same check character.
// A validator that says WHY a number is wrong, so a registration form can tell the clerk what to fix.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Mainland province-level codes of GB/T 2260 (71 台湾省 is listed there but no 居民身份证 carries it). */
export const MAINLAND_PROVINCES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);
/** Address codes of 港澳台居民居住证 numbers: 810000 Hong Kong, 820000 Macao, 830000 Taiwan. */
export const HMT_REGIONS: ReadonlySet<string> = new Set(['810000', '820000', '830000']);

/** The oldest birth year accepted: older than anyone alive (the oldest verified person was born 1875). */
export const MIN_BIRTH_YEAR = 1875;

export type CitizenIdProblem =
  | 'empty'
  | 'first-generation' // 15 digits: the 1984–2004 card, invalid since 2013-01-01
  | 'length'
  | 'characters'
  | 'region'
  | 'birth-date'
  | 'birth-date-future'
  | 'check-digit';

export interface CitizenIdFacts {
  /** normalised: trimmed, upper-case X */
  number: string;
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
}

export type CitizenIdResult = { ok: true; facts: CitizenIdFacts } | { ok: false; problem: CitizenIdProblem };

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('expected exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** YYYY-MM-DD of `now` in China Standard Time (UTC+8, no daylight saving). */
export function chinaToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export interface CitizenIdRules {
  /** accepted address codes: a 2-digit province prefix or a full 6-digit code (default: the mainland provinces) */
  regions?: (code6: string) => boolean;
  /** today's date (YYYY-MM-DD), for the "born in the future" check */
  today?: string;
}

const mainland = (code: string) => MAINLAND_PROVINCES.has(code.slice(0, 2));

/** Check an 18-character 公民身份号码 and say what it encodes, or what is wrong with it. */
export function checkCitizenId(input: string, rules: CitizenIdRules = {}): CitizenIdResult {
  // NFKC: full-width digits and letters, as a Chinese input method types them, become ASCII
  const number = input.normalize('NFKC').trim().toUpperCase();
  if (!number) return { ok: false, problem: 'empty' };
  if (/^\d{15}$/.test(number)) return { ok: false, problem: 'first-generation' };
  if (number.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'characters' };
  const regionCode = number.slice(0, 6);
  if (!(rules.regions ?? mainland)(regionCode)) return { ok: false, problem: 'region' };
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  if (y < MIN_BIRTH_YEAR || !isCalendarDate(y, m, d)) return { ok: false, problem: 'birth-date' };
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (birthDate > (rules.today ?? chinaToday())) return { ok: false, problem: 'birth-date-future' };
  if (checkCharacter(number.slice(0, 17)) !== number[17]) return { ok: false, problem: 'check-digit' };
  return { ok: true, facts: { number, regionCode, birthDate, sex: Number(number[16]) % 2 === 1 ? 'male' : 'female' } };
}
