// Who may be sent where: age, sex and pregnancy rules, applied to the department scores after the symptoms.
// - Children: Chinese general hospitals' 儿科 see children under 14 (满 14 周岁转成人科, the usual admission age;
//   a hospital may change CHILD_MAX_AGE). Medical complaints go to 儿科 (07); surgical ones to 小儿外科 (08), with
//   the adult surgical department kept second (many hospitals have no 小儿外科); eyes, ENT, teeth, skin, burns,
//   mental health, rehabilitation and TCM keep their own department.
// - Newborns: the neonatal period is the first 28 days (WHO), → 新生儿 (07.01).
// - Older people: 老年人 are people aged 60 and over (中华人民共和国老年人权益保障法 第二条); 老年病 (03.10) is offered
//   to them alongside the organ specialty, never instead, and never to younger patients.
// - Sex: 妇科/产科/计划生育/妇女保健 see women only; a man's "women's" complaint (下腹痛 …) goes to 泌尿外科 (男科).
//   Concepts marked for one sex (前列腺, 痛经 …) are ignored for the other.
// - Pregnancy: 妇科-type complaints go to 产科 (05.02), and 产科 is always offered; complaints of other organs keep
//   their department (a pregnant woman with toothache still sees 口腔科, with 产科 listed after it).

export const CHILD_MAX_AGE = 14; // children are age < 14
export const NEWBORN_MAX_AGE = 28 / 365; // < 28 days, in years
export const INFANT_MAX_AGE = 0.25; // < 3 months (NICE NG143 fever rule), in years
export const HIGH_FEVER_INFANT_MAX_AGE = 0.5; // < 6 months: ≥ 39 °C is high risk (NICE NG143)
export const YOUNG_CHILD_MAX_AGE = 5; // NICE NG143's traffic-light table covers under-5s
export const ELDERLY_MIN_AGE = 60;

/** Children: department → where a child goes instead. `keep` keeps the adult department too, at that fraction. */
export const CHILD_REDIRECT: Record<string, { to: string | null; keep?: number }> = {
  '01': { to: '09' },
  '02': { to: '07' },
  '03.01': { to: '07' }, '03.02': { to: '07' }, '03.03': { to: '07' }, '03.04': { to: '07' }, '03.05': { to: '07' },
  '03.06': { to: '07' }, '03.07': { to: '07' }, '03.08': { to: '07' }, '03.09': { to: '07' }, '03.10': { to: null },
  '04.01': { to: '08', keep: 0.5 }, '04.02': { to: '08', keep: 0.5 }, '04.03': { to: '08', keep: 0.6 }, '04.04': { to: '08', keep: 0.5 },
  '04.05': { to: '08', keep: 0.4 }, '04.06': { to: '08', keep: 0.4 },
  '05.02': { to: null }, '05.03': { to: null }, '05.05': { to: null }, '06': { to: '09' },
  '16': { to: '07' }, '19': { to: '07' }, '23': { to: '07' }, '27': { to: '07' },
};

/** Men: departments for women only → where a man's complaint goes (null: dropped). */
export const MALE_REDIRECT: Record<string, string | null> = {
  '05': '04.04', '05.01': '04.04', '05.02': null, '05.03': null, '06': null,
};

/** Pregnant women: these go to 产科. */
export const PREGNANCY_REDIRECT: Record<string, string> = { '05': '05.02', '05.01': '05.02', '05.03': '05.02', '05.05': '05.02', '06': '05.02' };
/** 产科 is always offered to a pregnant woman, with at least this weight. */
export const PREGNANCY_BASE = 0.5;

/** Older people: 老年病 gets this share of the best internal-medicine weight. */
export const ELDERLY_SHARE = 0.5;

/** With no recognised complaint: where to start. */
export const FALLBACK = { adult: '02', child: '07', newborn: '07.01', pregnant: '05.02' } as const;
