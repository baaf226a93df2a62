// 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority, organisation category, 6-digit
// administrative code, 9-character organisation code (GB 11714, own check character), and a check character
// over an alphabet of 31 (no I, O, S, V, Z).

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 check character of an 8-character 组织机构代码 body (digits and capitals). */
export function orgCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new Error('expected 8 digits or capitals');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i] as string, 36) * (ORG_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100 check character of the first 17 characters of a 统一社会信用代码. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`invalid character at ${i}`);
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** A 事业单位 (public institution, category 12) code for the given admin code and 8-character body. */
export function makeUscc(adminCode: string, orgBody: string): string {
  const first17 = `12${adminCode}${orgBody}${orgCodeCheckChar(orgBody)}`;
  return first17 + usccCheckChar(first17);
}
