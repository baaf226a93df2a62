// Chinese personal names for the demo.
// Surnames: the 60 most common, ranked as in 公安部治安管理局's 2007 national household-registration surname
// count; `share` is an approximate percentage of the population, used only as a sampling weight.
// Given-name characters: everyday name characters grouped by the era they are typical of (older people are
// 建国/秀英, younger ones 浩宇/欣怡). Pinyin follows GB/T 28039-2011 (中国人名汉语拼音字母拼写规则).

export interface Surname {
  zh: string;
  pinyin: string;
  share: number;
}

const SURNAME_ROWS = `
王 Wang 7.25|李 Li 7.19|张 Zhang 6.83|刘 Liu 5.38|陈 Chen 4.53|杨 Yang 3.08|赵 Zhao 2.29|黄 Huang 2.23
周 Zhou 2.12|吴 Wu 2.05|徐 Xu 1.67|孙 Sun 1.54|胡 Hu 1.31|朱 Zhu 1.26|高 Gao 1.21|林 Lin 1.18|何 He 1.17
郭 Guo 1.15|马 Ma 1.05|罗 Luo 0.86|梁 Liang 0.83|宋 Song 0.80|郑 Zheng 0.78|谢 Xie 0.72|韩 Han 0.68
唐 Tang 0.65|冯 Feng 0.64|于 Yu 0.62|董 Dong 0.61|肖 Xiao 0.59|程 Cheng 0.57|曹 Cao 0.57|袁 Yuan 0.54
邓 Deng 0.54|许 Xu 0.54|傅 Fu 0.51|沈 Shen 0.50|曾 Zeng 0.50|彭 Peng 0.49|吕 Lü 0.47|苏 Su 0.46
卢 Lu 0.46|蒋 Jiang 0.46|蔡 Cai 0.46|贾 Jia 0.41|丁 Ding 0.41|魏 Wei 0.40|薛 Xue 0.39|叶 Ye 0.39
闫 Yan 0.38|余 Yu 0.36|潘 Pan 0.35|杜 Du 0.34|戴 Dai 0.34|夏 Xia 0.34|钟 Zhong 0.33|汪 Wang 0.33
田 Tian 0.32|任 Ren 0.32|姜 Jiang 0.32`;

export const SURNAMES: readonly Surname[] = SURNAME_ROWS.trim().split(/[|\n]/).map((row) => {
  const [zh, pinyin, share] = row.trim().split(' ') as [string, string, string];
  return { zh, pinyin, share: Number(share) };
});

export type Era = 'old' | 'mid' | 'young';
export type Sex = 'male' | 'female';

/** Name characters by sex and era: old = born before 1970, mid = 1970–1994, young = 1995 on. */
export const GIVEN_CHARS: Record<Sex, Record<Era, string>> = {
  male: {
    old: '建国军华明德福志强平兴忠林庆海春宝荣成文永胜顺发贵山祥',
    mid: '伟磊勇刚斌鹏杰涛超波辉亮健飞东峰俊毅宁浩凯龙晨阳旭鑫',
    young: '子浩宇轩梓博睿然泽铭航俊晨逸辰豪一诺天瑞奕皓昊嘉煜彦',
  },
  female: {
    old: '秀英兰桂芳珍凤玉淑梅琴霞翠荣素华云莲香金菊贞爱萍',
    mid: '丽静敏燕艳娟霞婷雪慧红晶颖洁琳倩丹蕾莉娜妍微佳欢璐',
    young: '欣怡梓涵雨萱诗琪佳思语可馨悦若汐一诺沐晴芷安彤瑶依月心',
  },
};

/** Pinyin (name reading, no tones) of every given-name character above. */
export const GIVEN_PINYIN: Readonly<Record<string, string>> = Object.fromEntries(
  `建jian 国guo 军jun 华hua 明ming 德de 福fu 志zhi 强qiang 平ping 兴xing 忠zhong 林lin 庆qing 海hai 春chun
  宝bao 荣rong 成cheng 文wen 永yong 胜sheng 顺shun 发fa 贵gui 山shan 祥xiang 伟wei 磊lei 勇yong 刚gang 斌bin
  鹏peng 杰jie 涛tao 超chao 波bo 辉hui 亮liang 健jian 飞fei 东dong 峰feng 俊jun 毅yi 宁ning 浩hao 凯kai
  龙long 晨chen 阳yang 旭xu 鑫xin 子zi 宇yu 轩xuan 梓zi 博bo 睿rui 然ran 泽ze 铭ming 航hang 逸yi 辰chen
  豪hao 一yi 诺nuo 天tian 瑞rui 奕yi 皓hao 昊hao 嘉jia 煜yu 彦yan 秀xiu 英ying 兰lan 桂gui 芳fang 珍zhen
  凤feng 玉yu 淑shu 梅mei 琴qin 霞xia 翠cui 素su 云yun 莲lian 香xiang 金jin 菊ju 贞zhen 爱ai 萍ping 丽li
  静jing 敏min 燕yan 艳yan 娟juan 婷ting 雪xue 慧hui 红hong 晶jing 颖ying 洁jie 琳lin 倩qian 丹dan 蕾lei
  莉li 娜na 妍yan 微wei 佳jia 欢huan 璐lu 欣xin 怡yi 涵han 雨yu 萱xuan 诗shi 琪qi 思si 语yu 可ke 馨xin
  悦yue 若ruo 汐xi 沐mu 晴qing 芷zhi 安an 彤tong 瑶yao 依yi 月yue 心xin`
    .trim().split(/\s+/).map((pair) => [pair.slice(0, 1), pair.slice(1)]),
);

/** Joins syllables of a given name: 晓明 → Xiaoming; a/o/e after another syllable gets an apostrophe (建安 → Jian'an). */
export function givenNamePinyin(given: string): string {
  const syllables = [...given].map((ch) => {
    const py = GIVEN_PINYIN[ch];
    if (py === undefined) throw new Error(`no pinyin for ${ch}`);
    return py;
  });
  const joined = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}
