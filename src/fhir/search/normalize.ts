/** Case- and accent-insensitive form used for string search (Chinese text is unchanged). */
export function normalizeSearchString(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
