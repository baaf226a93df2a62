// String normalisation shared by indexing and search: case- and accent-insensitive matching.

// Only the combining diacritical blocks (as HAPI does), so marks that are letters' essence in
// other scripts (e.g. Japanese dakuten U+3099) survive.
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Lower-case, strip accents, trim and collapse whitespace. CJK text passes through unchanged. */
export function normalizeString(s: string): string {
  if (PRINTABLE_ASCII.test(s)) return s.toLowerCase().trim().replace(/ {2,}/g, ' ');
  return s.normalize('NFD').replace(DIACRITICS, '').normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
}
