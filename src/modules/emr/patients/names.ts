// A patient's names as FHIR HumanNames: the Chinese name (official) and its pinyin spelling (usual), written as
// GB/T 28039-2011 《中国人名汉语拼音字母拼写规则》 says: surname and given name apart, each capitalised, the given
// name's syllables joined, an apostrophe before a syllable starting with a, o or e ("Wang Xiaoming", "Li Xi'an").
// The demo hospital writes its names the same way (src/demo/person.ts humanNames).
import { pinyin } from 'pinyin-pro';

/** Two-character surnames (复姓) still in use, from 《百家姓》; the rest take the first character as the surname. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯', '轩辕',
  '端木', '独孤', '南宫', '西门', '呼延', '百里', '东郭', '申屠', '澹台', '公冶', '太史', '闻人', '万俟', '濮阳', '淳于',
  '单于', '钟离', '赫连', '司空', '鲜于', '闾丘', '亓官', '仲孙', '第五', '梁丘', '左丘', '东门', '拓跋', '谷梁',
]);

const CJK = /[\u3400-\u9fff]/;

export function isChineseName(name: string): boolean {
  return CJK.test(name);
}

export function splitChineseName(name: string): { family: string; given: string } | undefined {
  if (!/^[\u3400-\u9fff]{2,}$/.test(name)) return undefined;
  const family = name.length > 2 && COMPOUND_SURNAMES.has(name.slice(0, 2)) ? name.slice(0, 2) : name.slice(0, 1);
  return { family, given: name.slice(family.length) };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Syllables joined, with an apostrophe where a syllable starting with a, o or e would be ambiguous. */
function joinSyllables(syllables: string[]): string {
  return syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
}

function syllables(text: string, surname: boolean): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', v: false, ...(surname ? { mode: 'surname' as const } : {}) })
    .map((s) => s.toLowerCase());
}

/** The pinyin spelling of a Chinese name: { family: "Ouyang", given: "Nana", text: "Ouyang Nana" }. */
export function pinyinName(name: string): { family?: string; given?: string; text: string } {
  const split = splitChineseName(name);
  if (split) {
    const family = cap(joinSyllables(syllables(split.family, true)));
    const given = cap(joinSyllables(syllables(split.given, false)));
    return { family, given, text: `${family} ${given}` };
  }
  // dotted names (买买提·艾力) and single characters: every part spelt, no surname
  const parts = name.split(/[·•]/).map((p) => cap(joinSyllables(syllables(p, false))));
  return { text: parts.join(' ') };
}

/** Patient.name for a registered name: official as written, plus the pinyin `usual` name for Chinese names. */
export function humanNames(raw: string): Record<string, unknown>[] {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!isChineseName(name)) {
    // a name in Latin letters, as in the passport: surname unknown, so the text alone
    return [{ use: 'official', text: name }];
  }
  const split = splitChineseName(name);
  const official = split ? { use: 'official', text: name, family: split.family, given: [split.given] } : { use: 'official', text: name };
  const py = pinyinName(name);
  const usual = { use: 'usual', text: py.text, ...(py.family ? { family: py.family } : {}), ...(py.given ? { given: [py.given] } : {}) };
  return [official, usual];
}

/**
 * What the pinyin search index holds for a spelling (the SearchParameter's FHIRPath computes the same from
 * the stored name): the letters run together ("zhangsan") and each syllable's first letter ("zs"); ü as v.
 */
export function pinyinKey(text: string): string {
  return text.toLowerCase().replaceAll('ü', 'v').replace(/[^a-z]/g, '');
}
