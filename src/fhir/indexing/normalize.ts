// String normalisation shared by indexing and search: case- and accent-insensitive matching.

// Only the combining diacritical blocks (as HAPI does), so marks that are letters' essence in
// other scripts (e.g. Japanese dakuten U+3099) survive.
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// Displays and names repeat a lot across resources (LOINC displays, cities): memoise, bounded.
const memo = new Map<string, string>();
const MEMO_MAX = 10_000;

/** Lower-case, strip accents, trim and collapse whitespace. CJK text passes through unchanged. */
export function normalizeString(s: string): string {
  let n = memo.get(s);
  if (n === undefined) {
    if (PRINTABLE_ASCII.test(s)) {
      n = s.toLowerCase().trim();
      if (n.includes('  ')) n = n.replace(/ {2,}/g, ' ');
    } else {
      n = s.normalize('NFD').replace(DIACRITICS, '').normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
    }
    if (s.length <= 200) {
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(s, n);
    }
  }
  return n;
}
