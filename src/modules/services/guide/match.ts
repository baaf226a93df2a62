// Finding the knowledge base's phrases in a text: every Chinese phrase as a substring (checked against jieba's
// words), every English phrase as a run of stemmed tokens; then choosing among overlapping hits and deciding
// which are negated. Two choices are made: one for the department scores (the longest phrase wins an overlap)
// and one for red flags (among red-flag phrases only), where a red-flag phrase is hidden only by a longer phrase
// that contains it whole (中风后遗症 ⊃ 中风), never by one that merely overlaps it (走几步就喘|不上气).
import type { Jieba } from '@node-rs/jieba';
import { CONCEPTS, RED_FLAG_CONCEPTS } from './kb/index.js';
import { EN_CLAUSE_BREAKS, EN_CUES, EN_FILLERS, EN_HISTORY_BEFORE, EN_LIST_JOINERS, ZH_CANCEL_BEFORE, ZH_CUES, ZH_FILLERS, ZH_HISTORY_AFTER, ZH_HISTORY_BEFORE, ZH_LIST_JOINERS } from './kb/negation.js';
import { canonical, canonicalTerm, sourceSpan, type Canonical } from './text/normalize.js';
import { phraseTokens, stem, tokenize, type Token } from './text/english.js';
import { segmenter, words } from './text/chinese.js';
import { COMBOS, FEELING_FIRST_ZH, FEELINGS, MAX_GAP_EN, MAX_GAP_ZH, SITES } from './kb/sites.js';
import { ageInText, numberFacts } from './kb/numbers.js';

export interface Mention {
  concept: string;
  /** canonical-text span */
  start: number;
  end: number;
  /** the patient's own words */
  text: string;
  lang: 'zh' | 'en';
  negated: boolean;
  /** English: first and last token index */
  t0?: number;
  t1?: number;
  /** a site + feeling pair (kb/sites.ts) rather than a phrase of the tables */
  combo?: boolean;
  /** 不/没 between the site and the feeling (嗓子不疼) */
  innerNegated?: boolean;
  /** a pair's site and feeling spans (canonical text) */
  parts?: [number, number][];
  /** said as past history (以前有…, …病史, history of …): no red flag */
  history?: boolean;
}

export interface Matches {
  /** for department scores */
  scoring: Mention[];
  /** for red-flag rules */
  red: Mention[];
  /** the age the text states ("3个月大"), for when the form gives none */
  age?: number;
}

interface Index {
  zh: Map<string, string>;
  zhMax: number;
  en: Map<string, { toks: string[]; concept: string }[]>;
  jieba: Jieba;
  enCues: Set<string>;
  enFillers: Set<string>;
  enJoiners: Set<string>;
  enBreaks: Set<string>;
  /** site and feeling words: canonical Chinese → [kind, code]; English first stem → phrases */
  parts: Map<string, [Part, string]>;
  partsMax: number;
  enParts: Map<string, { toks: string[]; kind: Part; code: string }[]>;
  /** concepts that name no department (突然, 剧烈 …): they never block a site + feeling pair */
  modifiers: Set<string>;
}

type Part = 'site' | 'feeling';

let index: Index | undefined;

/** The phrase lookups, built on first use (jieba's dictionary load takes a few hundred ms). */
export function matchIndex(): Index {
  if (index) return index;
  const zh = new Map<string, string>();
  const en = new Map<string, { toks: string[]; concept: string }[]>();
  for (const c of CONCEPTS) {
    for (const t of c.zh) zh.set(canonicalTerm(t), c.id);
    for (const t of c.en) {
      const toks = phraseTokens(t);
      if (!toks.length) continue;
      const list = en.get(toks[0]) ?? [];
      list.push({ toks, concept: c.id });
      en.set(toks[0], list);
    }
  }
  const stems = (xs: string[]) => new Set(xs.map(stem));
  const parts = new Map<string, [Part, string]>();
  const enParts = new Map<string, { toks: string[]; kind: Part; code: string }[]>();
  for (const [kind, list] of [['site', SITES], ['feeling', FEELINGS]] as const) {
    for (const w of list) {
      for (const z of w.zh) parts.set(canonicalTerm(z), [kind, w.code]);
      for (const e of w.en) {
        const toks = phraseTokens(e);
        enParts.set(toks[0], [...(enParts.get(toks[0]) ?? []), { toks, kind, code: w.code }]);
      }
    }
  }
  index = {
    zh, en,
    zhMax: Math.max(...[...zh.keys()].map((k) => k.length)),
    jieba: segmenter(zh.keys()),
    enCues: stems(EN_CUES), enFillers: stems(EN_FILLERS), enJoiners: new Set(EN_LIST_JOINERS), enBreaks: stems(EN_CLAUSE_BREAKS),
    parts, partsMax: Math.max(...[...parts.keys()].map((k) => k.length)), enParts,
    modifiers: new Set(CONCEPTS.filter((c) => !Object.keys(c.depts).length).map((c) => c.id)),
  };
  return index;
}

function zhCandidates(ix: Index, c: Canonical): Mention[] {
  const text = c.text;
  const out: Mention[] = [];
  if (!/[\u3400-\u9fff]/.test(text)) return out;
  const spans = words(ix.jieba, text);
  // the word each character belongs to, for the veto below
  const wordAt = new Int32Array(text.length).fill(-1);
  spans.forEach(([s, e], k) => {
    for (let i = s; i < e; i++) wordAt[i] = k;
  });
  const cuts = (pos: number): boolean => {
    // does a boundary at pos split a jieba word of ≥ 2 characters that is not itself a knowledge-base phrase?
    if (pos <= 0 || pos >= text.length) return false;
    const k = wordAt[pos];
    if (k < 0 || k !== wordAt[pos - 1]) return false;
    const [s, e] = spans[k];
    return e - s >= 2 && !ix.zh.has(text.slice(s, e));
  };
  for (let i = 0; i < text.length; i++) {
    for (let len = 2; len <= ix.zhMax && i + len <= text.length; len++) {
      const concept = ix.zh.get(text.slice(i, i + len));
      if (!concept) continue;
      if (len <= 3 && (cuts(i) || cuts(i + len))) continue;
      out.push({ concept, start: i, end: i + len, text: sourceSpan(c, i, i + len), lang: 'zh', negated: false });
    }
  }
  return [...out, ...zhCombos(ix, c, spans)];
}

const CLAUSE_END = /[,.;:!?，。；：！？、\n]/;
const INNER_NEGATION = /[不没无未]/;

/** Site + feeling pairs in Chinese: the nearest site before each feeling, same clause, a short gap. */
function zhCombos(ix: Index, c: Canonical, spans: [number, number][]): Mention[] {
  const text = c.text;
  const wordOf = new Map<number, [number, number]>();
  for (const s of spans) for (let i = s[0]; i < s[1]; i++) wordOf.set(i, s);
  // a one-character site or feeling must be a word of its own, or jieba's word must be just a site and a feeling
  // (腿疼 is leg + pain; 手 in 手术 is no hand, 头 in 头发 no head, 红 in 红色 no redness)
  const alone = (i: number, kind: Part): boolean => {
    const [s, e] = wordOf.get(i) ?? [i, i + 1];
    if (s === i && e === i + 1) return true;
    const rest = kind === 'site' && s === i ? text.slice(i + 1, e) : kind === 'feeling' && e === i + 1 ? text.slice(s, i) : undefined;
    const other = rest === undefined ? undefined : ix.parts.get(rest);
    return !!other && other[0] !== kind;
  };
  const found: { kind: Part; code: string; start: number; end: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    for (let len = Math.min(ix.partsMax, text.length - i); len >= 1; len--) {
      const hit = ix.parts.get(text.slice(i, i + len));
      if (!hit || (len === 1 && !alone(i, hit[0]))) continue;
      found.push({ kind: hit[0], code: hit[1], start: i, end: i + len });
      break;
    }
  }
  const out: Mention[] = [];
  let site: (typeof found)[number] | undefined;
  let verb: (typeof found)[number] | undefined;
  for (const f of found) {
    if (site && (f.start < site.end || CLAUSE_END.test(text.slice(site.end, f.start)))) site = f.start < site.end ? site : undefined;
    if (f.kind === 'site') {
      // verb first: 磕到后脑勺 (hit … head)
      const gap = verb ? FEELING_FIRST_ZH[verb.code] : undefined;
      const concept = verb && COMBOS[f.code]?.[verb.code];
      if (verb && gap !== undefined && concept && f.start >= verb.end && f.start - verb.end <= gap && !CLAUSE_END.test(text.slice(verb.end, f.start))) {
        out.push({
          concept, start: verb.start, end: f.end, text: sourceSpan(c, verb.start, f.end), lang: 'zh', negated: false, combo: true,
          innerNegated: INNER_NEGATION.test(text.slice(verb.end, f.start)), parts: [[verb.start, verb.end], [f.start, f.end]],
        });
      }
      if (!site || f.start >= site.end) site = f;
      continue;
    }
    verb = f;
    if (!site || f.start < site.end || f.start - site.end > MAX_GAP_ZH) continue;
    const concept = COMBOS[site.code]?.[f.code];
    if (!concept) continue;
    out.push({
      concept, start: site.start, end: f.end, text: sourceSpan(c, site.start, f.end), lang: 'zh', negated: false, combo: true,
      innerNegated: INNER_NEGATION.test(text.slice(site.end, f.start)), parts: [[site.start, site.end], [f.start, f.end]],
    });
  }
  return out;
}

function enCandidates(ix: Index, c: Canonical, toks: Token[]): Mention[] {
  const out: Mention[] = [];
  for (let k = 0; k < toks.length; k++) {
    if (toks[k].punct) continue;
    for (const term of ix.en.get(toks[k].w) ?? []) {
      let ok = k + term.toks.length <= toks.length;
      for (let j = 1; ok && j < term.toks.length; j++) ok = !toks[k + j].punct && toks[k + j].w === term.toks[j];
      if (!ok) continue;
      const last = k + term.toks.length - 1;
      out.push({ concept: term.concept, start: toks[k].start, end: toks[last].end, text: sourceSpan(c, toks[k].start, toks[last].end), lang: 'en', negated: false, t0: k, t1: last });
    }
  }
  return [...out, ...enCombos(ix, c, toks)];
}

/** Site + feeling pairs in English, in either order ("my heel hurts", "pain in my heel"), a few words apart. */
function enCombos(ix: Index, c: Canonical, toks: Token[]): Mention[] {
  const found: { kind: Part; code: string; t0: number; t1: number }[] = [];
  for (let k = 0; k < toks.length; k++) {
    const hits = (ix.enParts.get(toks[k].w) ?? []).filter((p) => p.toks.every((w, j) => toks[k + j] && !toks[k + j].punct && toks[k + j].w === w));
    const best = hits.sort((a, b) => b.toks.length - a.toks.length)[0];
    if (best) found.push({ kind: best.kind, code: best.code, t0: k, t1: k + best.toks.length - 1 });
  }
  const out: Mention[] = [];
  for (const f of found.filter((x) => x.kind === 'feeling')) {
    const near = found
      .filter((s) => s.kind === 'site' && (s.t1 < f.t0 ? f.t0 - s.t1 - 1 : s.t0 - f.t1 - 1) <= MAX_GAP_EN && (s.t1 < f.t0 || s.t0 > f.t1))
      .filter((s) => !toks.slice(Math.min(s.t1, f.t1) + 1, Math.max(s.t0, f.t0)).some((t) => t.punct || ix.enBreaks.has(t.w)))
      .sort((a, b) => Math.abs(a.t0 - f.t0) - Math.abs(b.t0 - f.t0))[0];
    const concept = near && COMBOS[near.code]?.[f.code];
    if (!near || !concept) continue;
    const t0 = Math.min(near.t0, f.t0);
    const t1 = Math.max(near.t1, f.t1);
    const between = toks.slice(Math.min(near.t1, f.t1) + 1, Math.max(near.t0, f.t0));
    out.push({
      concept, start: toks[t0].start, end: toks[t1].end, text: sourceSpan(c, toks[t0].start, toks[t1].end), lang: 'en', negated: false, t0, t1, combo: true,
      innerNegated: between.some((t) => ix.enCues.has(t.w)),
      parts: [[toks[near.t0].start, toks[near.t1].end], [toks[f.t0].start, toks[f.t1].end]],
    });
  }
  return out;
}

/** How much text a mention covers: characters, then words ("can't breathe" is longer than its "not breathe"). */
const size = (m: Mention): number => (m.end - m.start) * 64 + ((m.t1 ?? 0) - (m.t0 ?? 0));

/** Longest first; among equals the earlier; no overlaps. */
function greedy(cands: Mention[]): Mention[] {
  const sorted = [...cands].sort((a, b) => size(b) - size(a) || a.start - b.start);
  const taken: Mention[] = [];
  for (const m of sorted) if (!taken.some((t) => m.start < t.end && t.start < m.end)) taken.push(m);
  return taken.sort((a, b) => a.start - b.start);
}

function endsWithAny(s: string, list: readonly string[]): string | undefined {
  return list.find((x) => s.endsWith(x));
}

function zhNegated(text: string, m: Mention, prev: Mention | undefined): boolean {
  let j = m.start;
  for (let f = endsWithAny(text.slice(0, j), ZH_FILLERS); f; f = endsWithAny(text.slice(0, j), ZH_FILLERS)) j -= f.length;
  const before = text.slice(0, j);
  const cue = endsWithAny(before, ZH_CUES);
  if (cue) return !endsWithAny(before.slice(0, before.length - cue.length), ZH_CANCEL_BEFORE);
  // a list: 没有发烧、咳嗽和胸痛
  if (prev?.negated && prev.lang === 'zh') {
    let gap = text.slice(prev.end, m.start);
    for (let x = gap && endsWithAny(gap, ZH_LIST_JOINERS); x; x = gap && endsWithAny(gap, ZH_LIST_JOINERS)) gap = gap.slice(0, gap.length - x.length);
    return gap === '';
  }
  return false;
}

function enNegated(ix: Index, toks: Token[], m: Mention, prev: Mention | undefined): boolean {
  let k = (m.t0 ?? 0) - 1;
  while (k >= 0 && !toks[k].punct && ix.enFillers.has(toks[k].w)) k--;
  if (k >= 0 && !toks[k].punct && ix.enCues.has(toks[k].w)) return true;
  // a list: no fever, cough or chest pain. A comma carries the negation only into the middle of a list (the
  // phrase is followed by another joiner): "no chest pain, just a cough" keeps the cough.
  if (prev?.negated && prev.lang === 'en' && prev.t1 !== undefined) {
    let j = (m.t0 ?? 0) - 1;
    const joiners: string[] = [];
    while (j > prev.t1 && ix.enJoiners.has(toks[j].w)) joiners.push(toks[j--].w);
    if (j !== prev.t1 || !joiners.length) return false;
    const next = toks[(m.t1 ?? 0) + 1]?.w;
    return joiners.some((w) => w !== ',') || (next !== undefined && ix.enJoiners.has(next));
  }
  return false;
}

function markNegation(ix: Index, c: Canonical, toks: Token[], list: Mention[]): Mention[] {
  const out: Mention[] = [];
  let prev: Mention | undefined;
  for (const m0 of list) {
    const m = { ...m0 };
    m.negated = !!m.innerNegated || (m.lang === 'zh' ? zhNegated(c.text, m, prev) : enNegated(ix, toks, m, prev));
    const before = c.text.slice(Math.max(0, m.start - 14), m.start);
    m.history = ZH_HISTORY_BEFORE.test(before) || ZH_HISTORY_AFTER.test(c.text.slice(m.end, m.end + 4)) || EN_HISTORY_BEFORE.test(before);
    out.push(m);
    prev = m;
  }
  return out;
}

/** Every knowledge-base phrase in the text, chosen and negation-marked for scoring and for red flags. */
export function findMentions(input: string): Matches {
  const ix = matchIndex();
  const c = canonical(input);
  const toks = tokenize(c.text);
  const numbers: Mention[] = numberFacts(c.text).map((f) => ({
    concept: f.concept, start: f.start, end: f.end, text: sourceSpan(c, f.start, f.end), lang: /[a-z]/.test(c.text.slice(f.start, f.end)) ? 'en' : 'zh', negated: false,
  }));
  const found = [...zhCandidates(ix, c), ...enCandidates(ix, c, toks), ...numbers];
  const phrases = found.filter((m) => !m.combo);
  // a site + feeling pair only where no phrase of the tables (other than 突然, 剧烈 …) overlaps it, unless the phrase
  // lies inside the site or the feeling word alone (一边身子|没劲, 大便的时候|出血: the pair says more than its part)
  const blocking = phrases.filter((p) => !ix.modifiers.has(p.concept));
  const inPart = (p: Mention, m: Mention) => (m.parts ?? []).some(([s, e]) => s <= p.start && p.end <= e);
  const combos = found.filter((m) => m.combo && !blocking.some((p) => p.start < m.end && m.start < p.end && !inPart(p, m)));
  const cands = [...phrases, ...combos];
  // pairs never compete with each other: 脚趾头又红又疼 is both red and painful
  const scoring = [...greedy(phrases), ...combos].sort((a, b) => a.start - b.start || b.end - a.end);
  // red-flag phrases: all of them, unless a longer phrase contains one whole
  const red = cands.filter((r) => RED_FLAG_CONCEPTS.has(r.concept)
    && !phrases.some((o) => o !== r && o.start <= r.start && r.end <= o.end && size(o) > size(r)));
  const key = (m: Mention) => `${m.start}:${m.end}:${m.concept}`;
  const union = new Map<string, Mention>();
  for (const m of [...scoring, ...red]) union.set(key(m), m);
  // negation is decided once, in text order, so a list (没有发烧、咳嗽和胸痛) carries it through both choices
  const marked = markNegation(ix, c, toks, [...union.values()].sort((a, b) => a.start - b.start || b.end - a.end));
  const redKeys = new Set(red.map(key));
  const age = ageInText(c.text);
  return { scoring: marked, red: marked.filter((m) => redKeys.has(key(m))), ...(age !== undefined ? { age } : {}) };
}
