// 居民身份证号码 (GB 11643-1999 公民身份号码): 6-digit address code (GB/T 2260), 8-digit birth date YYYYMMDD,
// 3-digit sequence (odd = male, even = female), and a check character by ISO 7064 MOD 11-2.

import { checkCharacter } from '../modules/emr/patients/citizen-id.js';

/** Province-level prefixes in use (81/82/83: 港澳台居民居住证). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** The check character for the first 17 digits of a 身份证 number. */
export function idCardCheckDigit(first17: string): string {
  return checkCharacter(first17);
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * True for an 18-character number with a known province prefix, a real calendar birth date and a matching
 * check character. A lowercase x is accepted, as people type it. Birth dates in the future are not rejected:
 * this is a format check and knows no clock.
 */
export function isValidIdCard(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!PROVINCES.has(id.slice(0, 2))) return false;
  if (!isRealDate(id.slice(6, 14))) return false;
  return idCardCheckDigit(id.slice(0, 17)) === (id[17] as string).toUpperCase();
}

export interface IdCardFacts {
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
}

/** What a valid number encodes, or undefined when it is not valid. */
export function parseIdCard(id: string): IdCardFacts | undefined {
  if (!isValidIdCard(id)) return undefined;
  return {
    regionCode: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Builds a valid number; `sequence` is 1–499 and gets its parity from the gender. */
export function makeIdCard(regionCode: string, birthDate: string, gender: 'male' | 'female', sequence: number): string {
  const seq = sequence * 2 - (gender === 'male' ? 1 : 0);
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckDigit(first17);
}
