// Chinese segmentation with @node-rs/jieba (the Rust port of jieba, bundled dictionary; no downloads). The
// knowledge base's phrases are added to its dictionary so colloquial phrases (心口疼, 喘不上气) come out as one
// word. The matcher (match.ts) also scans for every phrase as a substring, for robustness when jieba cuts
// differently; jieba's words then only veto a short substring hit that would cut one of its words in half
// (不想|活动 must not yield 不想活).
import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

/** Frequency given to knowledge-base phrases: enough to keep them whole (心口疼, 喘不上气), not so much that they win over ordinary words around them (不想|活动, not 不想活|动). */
const KB_FREQ = 5_000;

let jieba: JiebaType | undefined;
let loaded = new Set<string>();

/** The segmenter with the knowledge base's phrases (canonical form) in its dictionary; built once. */
export function segmenter(terms: Iterable<string>): JiebaType {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
    loaded = new Set();
  }
  const fresh = [...terms].filter((t) => !loaded.has(t) && !/\s/.test(t));
  if (fresh.length) {
    jieba.loadDict(Buffer.from(fresh.map((t) => `${t} ${KB_FREQ} n`).join('\n')));
    for (const t of fresh) loaded.add(t);
  }
  return jieba;
}

/** Word spans [start, end) of jieba's cut of a canonical text. */
export function words(j: JiebaType, text: string): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (const w of j.cut(text, false)) {
    const i = text.indexOf(w, at);
    if (i < 0) continue; // jieba never drops characters; be safe anyway
    out.push([i, i + w.length]);
    at = i + w.length;
  }
  return out;
}
