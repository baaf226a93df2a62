// Numbers patients write: a temperature, a blood pressure, an age ("3个月大", "出生20天", "2 month old").
// Thresholds: 发热 axillary ≥ 37.3 °C and 高热 ≥ 39.1 °C (诊断学, 人民卫生出版社, 第9版: 低热 37.3–38,
// 中等度热 38.1–39, 高热 39.1–41); hypertension ≥ 140/90 mmHg and hypotension < 90 systolic (中国高血压防治指南
// 2018). The engine turns them into the same concepts the words do (fever, high-fever, hypertension, hypotension).
export const FEVER_MIN = 37.3;
export const HIGH_FEVER_MIN = 39.1;
export const SYSTOLIC_HIGH = 140;
export const DIASTOLIC_HIGH = 90;
export const SYSTOLIC_LOW = 90;

const ZH_DIGIT: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "12", "十二", "七十", "八十五" → number (up to 99); NaN otherwise. */
export function zhNumber(s: string): number {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || (!m[1] && !m[2] && !m[3])) return NaN;
  if (!m[2]) return m[3] ? NaN : ZH_DIGIT[m[1] as string];
  return (m[1] ? ZH_DIGIT[m[1]] : 1) * 10 + (m[3] ? ZH_DIGIT[m[3]] : 0);
}

export interface NumberFact {
  concept: 'fever' | 'high-fever' | 'hypertension' | 'hypotension' | 'poisoning' | 'others-medicine';
  start: number;
  end: number;
}

const NUM = '(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]+)';
const BABY = '(?:宝宝|孩子|娃|婴儿|小孩|儿子|女儿|闺女)';

// Tablets swallowed at once: from 10 an overdose is likely whatever the drug (paracetamol 10 × 500 mg = 5 g, above
// the 4 g daily maximum); 十几/几十/一把 count as that many. A child who swallowed an adult's medicine needs the ED
// whatever the count: several common drugs can kill a toddler with one tablet (Koren G, J Toxicol Clin Toxicol
// 1993;31:407-13).
export const PILLS_OVERDOSE_MIN = 10;
const ZH_PILLS = /(?:吃了|吞了|服了|吃下|吞下|吃掉)(?:大概|差不多|将近|快)?(\d+|[一二两三四五六七八九十]+|十几|几十|二三十|好几十|一大?把)多?(?:片|粒|颗|个药片)/g;
const EN_PILLS = /\b(?:took|taken|take|swallowed|ate|had)\s+(?:like\s+|about\s+|around\s+|over\s+|maybe\s+|almost\s+)?(\d+)\s+(?:[a-z]+\s+){0,2}?(?:tablets|pills|capsules|tabs|caps)\b/g;
const OWNER_ZH = '(?:大人|奶奶|爷爷|姥姥|姥爷|外婆|外公|老人|爸爸|妈妈|爸妈|家里人|老公|老婆)';
const OTHERS_MEDICINE_ZH = new RegExp(`(?:吃了|吞了|误服|偷吃|把)[^，。,.;；!！?？]{0,4}${OWNER_ZH}的[\u4e00-\u9fff]{0,5}?药|${OWNER_ZH}的[\u4e00-\u9fff]{0,5}?药[^，。,.;；!！?？]{0,3}(?:吃了|吞了|吃下去|吞下去|吃掉)`, 'g');
const OTHERS_MEDICINE_EN = /\b(?:ate|swallowed|got into|took|chewed)\s+(?:some\s+of\s+)?(?:grandma|grandpa|granny|grandad|nana|mom|mum|dad|parents?)'?s?\s+(?:[a-z]+\s+)?(?:pills|tablets|medicine|medication|meds)\b/g;

function pillCount(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (/十几|几十|二三十|把/.test(s)) return PILLS_OVERDOSE_MIN;
  return zhNumber(s);
}

/** Temperatures, blood pressures and swallowed tablets in a canonical (lower-cased) text. */
export function numberFacts(text: string): NumberFact[] {
  const out: NumberFact[] = [];
  for (const m of text.matchAll(/(\d{2}(?:\.\d)?)\s*(?:度|℃|°c|°|摄氏度)/g)) {
    const t = Number(m[1]);
    if (t >= FEVER_MIN && t <= 43) out.push({ concept: t >= HIGH_FEVER_MIN ? 'high-fever' : 'fever', start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  for (const m of text.matchAll(/(\d{3}(?:\.\d)?)\s*(?:°f|f\b|degrees f)/g)) {
    const t = (Number(m[1]) - 32) * 5 / 9;
    if (t >= FEVER_MIN && t <= 43) out.push({ concept: t >= HIGH_FEVER_MIN ? 'high-fever' : 'fever', start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  for (const m of text.matchAll(/(?:血压|高压|bp|blood pressure)\D{0,8}?(\d{2,3})(?:\s*[/／]\s*(\d{2,3}))?/g)) {
    const sys = Number(m[1]);
    const dia = m[2] ? Number(m[2]) : undefined;
    const at = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    if (sys >= SYSTOLIC_HIGH || (dia !== undefined && dia >= DIASTOLIC_HIGH)) out.push({ concept: 'hypertension', ...at });
    else if (sys >= 40 && sys < SYSTOLIC_LOW) out.push({ concept: 'hypotension', ...at });
  }
  for (const m of [...text.matchAll(ZH_PILLS), ...text.matchAll(EN_PILLS)]) {
    if (pillCount(m[1]) >= PILLS_OVERDOSE_MIN) out.push({ concept: 'poisoning', start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  for (const m of [...text.matchAll(OTHERS_MEDICINE_ZH), ...text.matchAll(OTHERS_MEDICINE_EN)]) {
    out.push({ concept: 'others-medicine', start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/** The patient's age in years when the text says it ("3个月大的宝宝", "出生20天", "宝宝才40天", "我今年七十岁", "2 month old"). */
export function ageInText(text: string): number | undefined {
  const rules: [RegExp, number][] = [
    [new RegExp(`出生${NUM}天`), 1 / 365], [new RegExp(`${NUM}天大`), 1 / 365],
    [new RegExp(`出生${NUM}(?:周|个星期)`), 7 / 365], [new RegExp(`${NUM}(?:周|个星期)大`), 7 / 365],
    [new RegExp(`${NUM}个?多?月大`), 1 / 12], [new RegExp(`${NUM}个月的(?:宝宝|孩子|婴儿|小孩)`), 1 / 12],
    // "宝宝才40天", "孩子刚两个月": a baby word, then 才/刚/刚满/出生 (not "孩子三天没拉", a duration)
    [new RegExp(`${BABY}(?:才|刚|刚满|刚刚|出生才?)${NUM}天`), 1 / 365], [new RegExp(`${BABY}(?:才|刚|刚满|刚刚|出生才?)${NUM}(?:周|个星期)`), 7 / 365],
    [new RegExp(`${BABY}(?:才|刚|刚满|刚刚|出生才?)${NUM}个?多?月`), 1 / 12],
    [new RegExp(`${NUM}周?岁`), 1],
    [/(\d+)[ -]?(day)s?[ -]old/, 1 / 365], [/(\d+)[ -]?(week)s?[ -]old/, 7 / 365], [/(\d+)[ -]?(month)s?[ -]old/, 1 / 12],
    [/(\d+)[ -]?(?:year)s?[ -]old/, 1], [/aged? (\d+)\b/, 1],
  ];
  for (const [re, unit] of rules) {
    const m = re.exec(text);
    const n = m ? zhNumber(m[1]) : NaN;
    if (!Number.isNaN(n) && n * unit < 130) return n * unit;
  }
  if (/刚出生|新生儿|newborn|new born/.test(text)) return 7 / 365;
  return undefined;
}
