// The engine's parts: normalising, stemming, phrase finding (jieba + substrings + site/feeling pairs), negation,
// red flags that must not be hidden or negated away, numbers and ages in the text, the result's shape.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonical, sourceSpan } from './text/normalize.js';
import { stem, tokenize } from './text/english.js';
import { findMentions } from './match.js';
import { runGuide } from './engine.js';
import { ageInText, numberFacts, zhNumber } from './kb/numbers.js';

const found = (text: string) => findMentions(text).scoring.map((m) => `${m.text}:${m.concept}${m.negated ? ':neg' : ''}`);
const flags = (text: string, o = {}) => runGuide({ text, ...o }).redFlags.map((f) => f.code);
const top = (text: string, o = {}) => runGuide({ text, ...o }).departments[0]?.code;

describe('text', () => {
  test('canonical form: 痛 → 疼, adverbs dropped, 剧烈 moved behind the pain, the patient keeps their words', () => {
    const c = canonical('肚子有点痛，头好晕，小肚子剧烈疼');
    assert.equal(c.text, '肚子疼,头晕,小肚子疼剧烈');
    assert.equal(sourceSpan(c, 0, 3), '肚子有点痛');
    assert.equal(sourceSpan(c, 7, 11), '小肚子剧烈疼');
    assert.equal(canonical('ＣＨＥＳＴ　ＰＡＩＮ').text, 'chest pain');
    assert.equal(canonical('好疼').text, '好疼', 'an adverb at the start has nothing to join');
  });

  test('English stemming and tokens: inflections meet, contractions expand, articles drop, "knee 疼" reads as knee pain', () => {
    for (const [a, b] of [['vomiting', 'vomited'], ['dizziness', 'dizzy'], ['aches', 'aching'], ['breathing', 'breathe'], ['bleeding', 'bleeds'], ['running', 'run']]) {
      assert.equal(stem(a), stem(b), `${a} ~ ${b}`);
    }
    assert.deepEqual(tokenize("i can't breathe").map((t) => t.w), ['i', 'can', 'not', 'breath']);
    assert.deepEqual(tokenize('a really bad cough').map((t) => t.w), ['bad', 'cough']);
    assert.deepEqual(tokenize('knee 疼').map((t) => t.w), [stem('knee'), 'pain']);
  });

  test('numbers: Chinese numerals, temperatures, blood pressures, ages', () => {
    assert.deepEqual(['七十', '十二', '八', '两', '二十五', '12'].map(zhNumber), [70, 12, 8, 2, 25, 12]);
    assert.deepEqual(numberFacts('烧到38.5度').map((f) => f.concept), ['fever']);
    assert.deepEqual(numberFacts('体温39.1℃').map((f) => f.concept), ['high-fever']);
    assert.deepEqual(numberFacts('体温37.2度').map((f) => f.concept), [], '37.2 is not a fever (≥ 37.3)');
    assert.deepEqual(numberFacts('fever of 103 f').map((f) => f.concept), ['high-fever']);
    assert.deepEqual(numberFacts('血压160/100').map((f) => f.concept), ['hypertension']);
    assert.deepEqual(numberFacts('血压 139/89').map((f) => f.concept), []);
    assert.deepEqual(numberFacts('血压140').map((f) => f.concept), ['hypertension']);
    assert.deepEqual(numberFacts('血压只有85/50').map((f) => f.concept), ['hypotension']);
    assert.equal(ageInText('我今年七十岁'), 70);
    assert.equal(ageInText('3个月大的宝宝'), 0.25);
    assert.ok(Math.abs((ageInText('出生20天') ?? 0) - 20 / 365) < 1e-9);
    assert.ok(Math.abs((ageInText('my 2 month old') ?? 0) - 2 / 12) < 1e-9);
    assert.equal(ageInText('拉肚子两天'), undefined, 'a duration is not an age');
    assert.equal(ageInText('怀孕35周'), undefined);
  });
});

describe('finding phrases', () => {
  test('colloquial phrases are found whole, in Chinese, English and mixed text', () => {
    assert.deepEqual(found('心口疼，拉肚子，头晕眼花，嗓子疼，闹肚子'), ['心口疼:chest-pain', '拉肚子:diarrhea', '头晕眼花:dizziness', '嗓子疼:sore-throat', '闹肚子:diarrhea']);
    assert.deepEqual(found('tummy ache and throwing up'), ['tummy ache:abdominal-pain', 'throwing up:vomiting']);
    assert.deepEqual(found('我chest pain还出汗'), ['chest pain:chest-pain', '出汗:sweating']);
  });

  test('jieba vetoes a short hit that splits one of its words: 不想活动 is not 不想活', () => {
    assert.deepEqual(found('腿疼不想活动'), ['腿疼:muscle-pain']);
    assert.deepEqual(flags('腿疼不想活动'), []);
    assert.deepEqual(flags('我不想活了'), ['suicide']);
  });

  test('site + feeling pairs: 嗓子眼儿疼, 脚趾头又红又疼, pain in my heel; a table phrase wins; 不 between negates', () => {
    assert.deepEqual(found('嗓子眼儿疼'), ['嗓子眼儿疼:sore-throat']);
    assert.deepEqual(found('脚趾头又红又疼').sort(), ['脚趾头又红:gout', '脚趾头又红又疼:gout']);
    assert.deepEqual(found('pain in my heel'), ['pain in my heel:joint-pain']);
    assert.deepEqual(found('手术后伤口疼'), ['伤口:wound'], '手 in 手术 is no hand, and the wound phrase wins');
    assert.deepEqual(found('手术后一直疼'), [], '手 in 手术 is no hand');
    assert.deepEqual(found('头发有点疼'), [], '头 in 头发 is no head');
    assert.deepEqual(found('嗓子不疼'), ['嗓子不疼:sore-throat:neg']);
  });

  test('red-flag phrases: hidden only by a longer phrase that contains them (中风后遗症), never by one that overlaps (走几步就喘|不上气)', () => {
    assert.deepEqual(flags('中风后遗症，想做康复'), []);
    assert.deepEqual(flags('眼皮抽搐'), []);
    assert.deepEqual(flags('食物中毒，拉肚子'), []);
    assert.deepEqual(flags('走几步就喘不上气'), ['breathing']);
    assert.deepEqual(flags('喘不上气', { age: 30 }), ['breathing']);
  });
});

describe('negation', () => {
  test('a cue right before a phrase, with only fillers between, negates it: 没有胸痛, 无明显胸痛, 否认胸痛, 不发烧, no fever, denies chest pain', () => {
    for (const t of ['没有胸痛', '无明显胸痛', '否认胸痛', '没出现过胸痛', '并没有胸痛', '不是胸痛']) assert.deepEqual(found(t), ['胸痛:chest-pain:neg'], t);
    assert.deepEqual(found('不发烧'), ['发烧:fever:neg']);
    assert.deepEqual(found('no fever'), ['fever:fever:neg']);
    assert.deepEqual(found('denies chest pain'), ['chest pain:chest-pain:neg']);
    assert.deepEqual(found("I don't have a cough"), ['cough:cough:neg']);
    assert.equal(runGuide({ text: '没有胸痛' }).departments[0].score, 0, 'a negated complaint is no evidence');
  });

  test('lists carry it (没有发烧、咳嗽和胸痛; no fever, cough or chest pain); a comma, 但, but or a question end it', () => {
    assert.deepEqual(found('没有发烧、咳嗽和胸痛，就是头疼'), ['发烧:fever:neg', '咳嗽:cough:neg', '胸痛:chest-pain:neg', '头疼:headache']);
    assert.deepEqual(found('no fever, cough or chest pain'), ['fever:fever:neg', 'cough:cough:neg', 'chest pain:chest-pain:neg']);
    assert.deepEqual(found('no chest pain, just a cough'), ['chest pain:chest-pain:neg', 'cough:cough']);
    assert.deepEqual(found('不发烧但咳嗽'), ['发烧:fever:neg', '咳嗽:cough']);
    assert.deepEqual(found('no fever but a cough'), ['fever:fever:neg', 'cough:cough']);
    assert.deepEqual(found('是不是胸痛'), ['胸痛:chest-pain'], 'a question is not a denial');
    assert.deepEqual(found('不是没有胸痛'), ['胸痛:chest-pain'], 'a double negative affirms');
  });

  test('tricks do not negate: words between cue and phrase that are not fillers, a comma, phrases that contain 不 themselves', () => {
    assert.deepEqual(found('不知道为什么胸口疼'), ['胸口疼:chest-pain']);
    assert.deepEqual(found('无明显诱因出现头痛'), ['头痛:headache']);
    assert.deepEqual(found('没事，就是喘不上气'), ['喘不上气:dyspnea-severe']);
    assert.deepEqual(found('血止不住'), ['血止不住:heavy-bleeding']);
    assert.deepEqual(found("I'm not sure why but my face is drooping"), ['face is drooping:stroke-face']);
    assert.deepEqual(flags('没什么大事，就是嘴歪了'), ['stroke']);
    assert.deepEqual(flags("I don't have chest pain but I can't breathe"), ['breathing']);
  });

  test('red flags: a negated sign does not fire (没有胸痛，出汗), except suicidality, which always needs a person to ask', () => {
    assert.deepEqual(flags('没有胸痛，就是最近出汗多'), []);
    assert.deepEqual(flags('胸口疼，没有出汗，也不喘'), []);
    assert.deepEqual(flags('我没有想自杀'), ['suicide']);
    assert.deepEqual(flags('I am not suicidal'), ['suicide']);
  });
});

describe('results', () => {
  test('the contract: emergency, red flags with label and reason, departments with code, names, score 0–1 and evidence, advice', () => {
    const r = runGuide({ text: '胸口疼出冷汗', age: 58, sex: 'male' });
    assert.equal(r.emergency, true);
    assert.deepEqual(r.redFlags.map((f) => f.code), ['acs']);
    assert.match(r.redFlags[0].reason, /依据：胸口疼、出冷汗/);
    assert.deepEqual(r.departments.slice(0, 2).map((d) => [d.code, d.name, d.nameEn]), [['20', '急诊医学科', 'Emergency Medicine'], ['03.04', '心血管内科', 'Cardiology']]);
    for (const d of r.departments) assert.ok(d.score >= 0 && d.score <= 1 && Array.isArray(d.evidence));
    assert.match(r.advice, /急诊/);
    const en = runGuide({ text: '胸口疼出冷汗', lang: 'en' });
    assert.equal(en.redFlags[0].label, 'Possible heart attack');
    assert.match(en.advice, /emergency department/);
  });

  test('ordinary complaints: a ranked list with the words behind each department and a hedged advice', () => {
    const r = runGuide({ text: '拉肚子两天', age: 30 });
    assert.equal(r.emergency, false);
    assert.deepEqual(r.departments[0], { code: '03.02', name: '消化内科', nameEn: 'Gastroenterology', score: 0.63, evidence: ['拉肚子'] });
    assert.match(r.advice, /建议挂号：消化内科.*依据：拉肚子.*不能代替医生诊断/);
    assert.ok(r.departments.length <= 5);
    for (let i = 1; i < r.departments.length; i++) assert.ok(r.departments[i - 1].score >= r.departments[i].score);
  });

  test('nothing recognised: one starting point with score 0 and advice to add detail or ask the desk', () => {
    const r = runGuide({ text: '你好' });
    assert.deepEqual(r.departments.map((d) => [d.code, d.score]), [['02', 0]]);
    assert.match(r.advice, /导诊台/);
    assert.equal(top('你好', { age: 5 }), '07');
    assert.equal(top('你好', { sex: 'female', pregnant: true }), '05.02');
  });

  test('naming a department points there; body-part picks add a little', () => {
    assert.equal(top('想挂心内科'), '03.04');
    assert.equal(top('I need the cardiology clinic'), '03.04');
    const picked = runGuide({ text: '这里不舒服', bodyParts: ['eye'] });
    assert.equal(picked.departments[0].code, '10');
    assert.deepEqual(picked.departments[0].evidence, ['眼睛']);
  });
});

// Added after the second blind batch (vignettes.ts BLIND2): each new rule, phrase family and age boundary, and the
// wordings that look close but must stay quiet.
describe('red flags from the second blind batch', () => {
  test('babies: 3–6 months with ≥ 39 °C (NICE NG143), a feverish under-5 who will not stay awake, ages like 宝宝才40天', () => {
    assert.deepEqual(flags('发烧39.5度', { age: 0.3 }), ['infant-high-fever']);
    assert.deepEqual(flags('发烧39.5度', { age: 0.5 }), [], '6 months: the 3–6 month rule ends');
    assert.deepEqual(flags('发烧38.5度', { age: 0.3 }), [], 'below 39 °C');
    assert.deepEqual(flags('发烧，一直睡，叫醒了又睡', { age: 4.9 }), ['child-fever-danger']);
    assert.deepEqual(flags('孩子发烧，哭声很弱'), ['child-fever-danger'], 'a child word stands in for an age');
    assert.deepEqual(flags('发烧，一直睡', { age: 30 }), [], 'an adult who sleeps with a fever');
    assert.deepEqual(flags('孩子一直睡不好，有点发烧', { age: 3 }), [], '一直睡不好 is poor sleep');
    assert.deepEqual(flags('宝宝不吃奶，有点发烧', { age: 1 }), [], 'poor feeding alone is amber, not red');
    assert.ok(Math.abs((ageInText('宝宝才40天') ?? 0) - 40 / 365) < 1e-9);
    assert.equal(ageInText('孩子三天没拉大便'), undefined, 'a duration, not an age');
  });

  test('one arm or half the body weak (FAST) fires; one leg, a wrist or numbness alone does not', () => {
    assert.deepEqual(flags('右手拿不住筷子'), ['stroke']);
    assert.deepEqual(flags('奶奶一边身子没劲'), ['stroke']);
    assert.deepEqual(flags('嘴巴往一边歪'), ['stroke']);
    assert.deepEqual(flags('右腿没劲，腰椎间盘突出'), []);
    assert.deepEqual(flags('左手腕疼，拿东西没劲'), []);
    assert.deepEqual(flags('左手发麻'), []);
  });

  test('phrase families: chest pressure, blue face, asthma the inhaler does not help, black stool with dizziness, soaked pads', () => {
    assert.deepEqual(flags('胸口像压了块大石头'), ['acs']);
    assert.deepEqual(flags('哮喘犯了，喷了药也不管用'), ['breathing']);
    assert.deepEqual(flags('憋得脸都青了'), ['breathing']);
    assert.deepEqual(flags('大便是黑的，站起来就头晕'), ['bleeding']);
    assert.deepEqual(flags('大便是黑的，最近在吃铁剂'), []);
    assert.deepEqual(flags('一个小时就湿透一片', { sex: 'female' }), ['bleeding']);
  });

  test('exposures: carbon monoxide needs a symptom, burns of the face or both hands, injection then a systemic sign', () => {
    assert.deepEqual(flags('家里烧炭取暖，头疼恶心'), ['poisoning']);
    assert.deepEqual(flags('家里用煤炉子取暖，想问问注意什么'), []);
    assert.deepEqual(flags('脸和两只手都烧伤了'), ['severe-burn']);
    assert.deepEqual(flags('手被开水烫了一下，红了'), []);
    assert.deepEqual(flags('打完头孢浑身痒，胸闷'), ['anaphylaxis']);
    assert.deepEqual(flags('打完针屁股疼'), []);
  });

  test('indirect suicidality and overdose wordings fire; near misses do not', () => {
    assert.deepEqual(flags('我是家里的负担，已经写好了遗书'), ['suicide']);
    assert.deepEqual(flags('把一整瓶安眠药吃了'), ['poisoning']);
    assert.deepEqual(flags('一整瓶可乐喝完了，胃胀'), []);
    assert.deepEqual(flags('割了个大口子，还在往外冒血'), ['bleeding', 'major-trauma']);
    assert.deepEqual(flags('嘴唇裂了个口子'), []);
  });

  test('a pair is not blocked by a phrase that is only its feeling word: 大便的时候出血 is rectal bleeding', () => {
    assert.ok(found('大便的时候出血').includes('大便的时候出血:hematochezia'));
    assert.equal(top('大便的时候出血，鲜红的'), '04.01');
    assert.deepEqual(flags('大便的时候出血，鲜红的'), []);
  });
});

describe('guide: blind batch 3 changes', () => {
  const em = (text: string, age?: number) => runGuide({ text, ...(age !== undefined ? { age } : {}) }).emergency;
  test('tablets swallowed at once: 10 is an overdose, 9 is not; 十几 / a handful count as 10', () => {
    assert.deepEqual(numberFacts('吃了9片安眠药').map((f) => f.concept), []);
    assert.deepEqual(numberFacts('吃了10片安眠药').map((f) => f.concept), ['poisoning']);
    assert.deepEqual(numberFacts('吞了十几片').map((f) => f.concept), ['poisoning']);
    assert.deepEqual(numberFacts('took like 30 paracetamol tablets').map((f) => f.concept), ['poisoning']);
    assert.deepEqual(numberFacts('took 2 tablets of ibuprofen').map((f) => f.concept), []);
  });
  test("a young child who swallowed an adult's medicine fires; the adult's own refill does not", () => {
    assert.equal(em('孩子把爷爷的药吃了', 3), true);
    assert.equal(em('奶奶的降压药吃完了想开药', 70), false);
    assert.equal(em('孩子吃了两片退烧药还是烧', 6), false);
  });
  test('history is not a current red flag (以前有…, …病史, history of …); a current event still is', () => {
    assert.equal(em('孩子以前有热性惊厥，想问能不能打疫苗', 2), false);
    assert.equal(em('history of seizures, wants a refill'), false);
    assert.equal(em('有癫痫病史，刚才又抽搐了'), true);
  });
  test('verb before the head (磕到后脑勺) is a head injury; apostrophe-less contractions expand', () => {
    assert.equal(em('磕到后脑勺，吐了两次'), true);
    assert.equal(em('磕到后脑勺，不吐也不晕'), false);
    assert.equal(em('he cant breathe'), true);
    assert.equal(em('dont have chest pain, just a cough'), false);
  });
  test('after childbirth, clots as big as an egg fire; clots in a period do not', () => {
    assert.equal(em('产后一周，血块有鸡蛋那么大'), true);
    assert.equal(em('月经有血块，量多'), false);
  });
});
