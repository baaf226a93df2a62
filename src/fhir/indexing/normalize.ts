// String normalisation shared by indexing and search: case- and accent-insensitive matching.

// NFKD also folds full-width Latin letters and digits (common in CJK input) to ASCII. Only the
// combining diacritical blocks are stripped (as HAPI does), so marks that are part of letters in
// other scripts (e.g. Japanese dakuten U+3099) survive the final NFC.
// The class is meant to match lone combining marks (after NFD), which is what the rule warns about.
// eslint-disable-next-line no-misleading-character-class
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// Displays and names repeat a lot across resources (LOINC displays, cities): memoise, bounded.
const memo = new Map<string, string>();
const MEMO_MAX = 10_000;

/** Lower-case, strip accents, trim and collapse whitespace. Chinese text passes through unchanged. */
export function normalizeString(s: string): string {
  let n = memo.get(s);
  if (n === undefined) {
    if (PRINTABLE_ASCII.test(s)) {
      n = s.toLowerCase().trim();
      if (n.includes('  ')) n = n.replace(/ {2,}/g, ' ');
    } else {
      n = s.normalize('NFKD').replace(DIACRITICS, '').normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
    }
    if (s.length <= 200) {
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(s, n);
    }
  }
  return n;
}
