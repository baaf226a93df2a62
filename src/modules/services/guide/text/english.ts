// English: tokens with their positions, contractions expanded, a few words dropped (articles, possessives,
// intensifiers: "a really bad headache" ~ "bad headache"), and a small suffix-stripping stemmer applied the same way
// to the text and to the knowledge base (vomiting/vomited/vomits → vomit, dizziness/dizzy → dizzi).

export interface Token {
  /** stemmed word, or the punctuation mark */
  w: string;
  start: number;
  end: number;
  punct: boolean;
}

const IRREGULAR: Record<string, string> = {
  feet: 'foot', teeth: 'tooth', children: 'child', women: 'woman', men: 'man', threw: 'throw', thrown: 'throw', bled: 'bleed',
  ate: 'eat', eaten: 'eat', fell: 'fell', felt: 'felt', lost: 'lose', broke: 'break', broken: 'break', swollen: 'swell', stung: 'sting',
  bitten: 'bite', bit: 'bite', burnt: 'burn', swallowed: 'swallow', lying: 'lie', dying: 'die', kids: 'kid',
};

const DROP = new Set(['the', 'a', 'an', 'my', 'his', 'her', 'their', 'our', 'your', 'its', 'very', 'really', 'so', 'quite', 'bit', 'little', 'pretty', 'just', 'some', 'is', 'are', 'was', 'were', 'am', 'be', 'been', 'being']);

const CONTRACTIONS: Record<string, string[]> = {
  "can't": ['can', 'not'], cannot: ['can', 'not'], "won't": ['will', 'not'], "i'm": ['i', 'am'], "it's": ['it', 'is'], "don't": ['do', 'not'],
  "doesn't": ['does', 'not'], "didn't": ['did', 'not'], "isn't": ['is', 'not'], "aren't": ['are', 'not'], "haven't": ['have', 'not'],
  "hasn't": ['has', 'not'], "wasn't": ['was', 'not'], "couldn't": ['could', 'not'], "wouldn't": ['would', 'not'], "i've": ['i', 'have'],
  // typed on a phone without the apostrophe ("wont", "ill", "were", "id" are real words: left alone)
  cant: ['can', 'not'], dont: ['do', 'not'], doesnt: ['does', 'not'], didnt: ['did', 'not'], isnt: ['is', 'not'], arent: ['are', 'not'],
  havent: ['have', 'not'], hasnt: ['has', 'not'], wasnt: ['was', 'not'], couldnt: ['could', 'not'], wouldnt: ['would', 'not'],
  im: ['i', 'am'], ive: ['i', 'have'],
};

const undouble = (w: string): string => (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w);

export function stem(word: string): string {
  let w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.length <= 3) return w;
  w = w.replace(/'s$/, '');
  if (w.endsWith('ness') && w.length > 6) w = w.slice(0, -4);
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && !w.endsWith('eed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('y') && w.length > 3) w = `${w.slice(0, -1)}i`;
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

const WORD = /[a-z0-9]+(?:'[a-z]+)?|[.,;:!?]/g;

/** Tokens of a canonical (lower-cased) text; dropped words leave no token, punctuation stays. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const end = start + raw.length;
    if (/^[.,;:!?]$/.test(raw)) {
      out.push({ w: raw, start, end, punct: true });
      continue;
    }
    const parts = CONTRACTIONS[raw] ?? (raw.endsWith("n't") ? [raw.slice(0, -3), 'not'] : [raw.replace(/'[a-z]+$/, '')]);
    for (const p of parts) {
      if (DROP.has(p)) continue;
      out.push({ w: stem(p), start, end, punct: false });
    }
    // mixed text: "knee 疼" reads as "knee pain"
    const zh = /^ ?疼/.exec(text.slice(end, end + 2));
    if (zh) out.push({ w: 'pain', start: end + zh[0].length - 1, end: end + zh[0].length, punct: false });
  }
  return out;
}

/** A knowledge-base phrase as stemmed words. */
export const phraseTokens = (phrase: string): string[] => tokenize(phrase.toLowerCase()).filter((t) => !t.punct).map((t) => t.w);
