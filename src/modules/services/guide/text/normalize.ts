// One canonical form for matching, with a map back to the patient's own characters (evidence shows their words).
// NFKC first (full-width letters and punctuation), then per character: lower case, 痛 → 疼 (the two are used
// interchangeably: 头痛/头疼), curly quotes → ', adverbs between a body part and what it does are dropped
// (肚子有点疼 → 肚子疼, 头好晕 → 头晕, 嘴角有点歪 → 嘴角歪) so one phrasing covers them all, and 剧烈 moves behind
// the pain it describes (小肚子剧烈疼 → 小肚子疼剧烈) so both the pain and its severity are found.

export interface Canonical {
  /** the canonical text that matching runs on */
  text: string;
  /** the NFKC text the patient wrote */
  source: string;
  /** canonical index → source index (one longer: the end) */
  map: number[];
}

const ADVERB = /^(越来越|有点儿|有一点|有点|有些|老是|总是|一直|经常|非常|特别|超级|比较|稍微|还是|仍然|依然|很|好|挺|太|超|巨|略|还|更|也|又|真)(?=[疼痛痒胀晕酸麻闷歪肿红硬含模发不紫白黄沉差])/;
const SEVERE = /^剧烈(?=[疼痛])/;
const CHAR: Record<string, string> = { 痛: '疼', '’': "'", '‘': "'", '＇': "'", '\u3000': ' ', '\n': ' ', '\r': ' ', '\t': ' ' };

export function canonical(input: string): Canonical {
  const source = input.normalize('NFKC');
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < source.length;) {
    // keep the adverb when it starts the text or follows punctuation: nothing to join it to
    const m = i > 0 && /[\u3400-\u9fff]/.test(source[i - 1]) ? ADVERB.exec(source.slice(i, i + 4)) : null;
    if (m) {
      i += m[1].length;
      continue;
    }
    if (i > 0 && /[\u3400-\u9fff]/.test(source[i - 1]) && SEVERE.test(source.slice(i, i + 3))) {
      text += '疼剧烈';
      map.push(i + 2, i, i + 1);
      i += 3;
      continue;
    }
    const ch = source[i];
    const out = CHAR[ch] ?? ch.toLowerCase();
    for (const o of out) {
      text += o;
      map.push(i);
    }
    i += 1;
  }
  map.push(source.length);
  return { text, source, map };
}

/** The canonical form of a knowledge-base phrase. */
export const canonicalTerm = (s: string): string => canonical(s.trim()).text.replace(/\s+/g, ' ');

/** The patient's own words for a canonical span (characters may have moved: take the whole source range). */
export function sourceSpan(c: Canonical, start: number, end: number): string {
  let lo = Infinity;
  let hi = -1;
  for (let i = start; i < end; i++) {
    lo = Math.min(lo, c.map[i]);
    hi = Math.max(hi, c.map[i]);
  }
  return hi < 0 ? '' : c.source.slice(lo, hi + 1);
}
