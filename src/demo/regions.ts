// A small table of real county-level administrative divisions (中华人民共和国行政区划代码, GB/T 2260, as
// published by 民政部), used for 身份证 address codes and home addresses. Weighted towards Guangdong, where the
// demo hospital's (fictional) city lies; municipalities repeat the city as the province, as addresses do.
import type { Rng } from './random.js';

export interface Region {
  code: string;
  province: string;
  city: string;
  /** Absent for prefecture-level cities without districts (东莞, 中山). */
  district?: string;
  weight: number;
}

const ROWS = `
440402 广东省 珠海市 香洲区 8|440403 广东省 珠海市 斗门区 3|440404 广东省 珠海市 金湾区 3
440106 广东省 广州市 天河区 4|440104 广东省 广州市 越秀区 3|440111 广东省 广州市 白云区 3
440304 广东省 深圳市 福田区 3|440305 广东省 深圳市 南山区 3|440306 广东省 深圳市 宝安区 3
440604 广东省 佛山市 禅城区 2|440606 广东省 佛山市 顺德区 2|442000 广东省 中山市 - 4|441900 广东省 东莞市 - 3
440703 广东省 江门市 蓬江区 2|440802 广东省 湛江市 赤坎区 2|441402 广东省 梅州市 梅江区 2
440507 广东省 汕头市 龙湖区 2|441302 广东省 惠州市 惠城区 2
110105 北京市 北京市 朝阳区 1|110108 北京市 北京市 海淀区 1|310115 上海市 上海市 浦东新区 1
310104 上海市 上海市 徐汇区 1|120101 天津市 天津市 和平区 1|500103 重庆市 重庆市 渝中区 1
330106 浙江省 杭州市 西湖区 1|320106 江苏省 南京市 鼓楼区 1|320583 江苏省 苏州市 昆山市 1
510107 四川省 成都市 武侯区 1.5|420106 湖北省 武汉市 武昌区 1.5|430104 湖南省 长沙市 岳麓区 2
431102 湖南省 永州市 零陵区 2|370102 山东省 济南市 历下区 1|370202 山东省 青岛市 市南区 1
410105 河南省 郑州市 金水区 1.5|411302 河南省 南阳市 宛城区 1.5|610113 陕西省 西安市 雁塔区 1
350203 福建省 厦门市 思明区 1|350102 福建省 福州市 鼓楼区 1|450103 广西壮族自治区 南宁市 青秀区 1.5
450802 广西壮族自治区 贵港市 港北区 1.5|360102 江西省 南昌市 东湖区 1.5|340104 安徽省 合肥市 蜀山区 1
130102 河北省 石家庄市 长安区 1|210102 辽宁省 沈阳市 和平区 1|230103 黑龙江省 哈尔滨市 南岗区 1
220102 吉林省 长春市 南关区 1|530102 云南省 昆明市 五华区 1|520102 贵州省 贵阳市 南明区 1
460106 海南省 海口市 龙华区 1|140105 山西省 太原市 小店区 1|150102 内蒙古自治区 呼和浩特市 新城区 1
620102 甘肃省 兰州市 城关区 1`;

export const REGIONS: readonly Region[] = ROWS.trim().split(/[|\n]/).map((row) => {
  const [code, province, city, district, weight] = row.trim().split(' ') as [string, string, string, string, string];
  const region: Region = { code, province, city, weight: Number(weight) };
  if (district !== '-') region.district = district;
  return region;
});

const STREETS = ['人民路', '中山路', '解放路', '建设路', '和平路', '新华路', '长江路', '朝阳路', '胜利路', '文化路',
  '青年路', '花园路', '迎宾大道', '滨江路', '学府路', '友谊路'];
const ESTATES = ['幸福里', '阳光花园', '锦绣华庭', '翠湖苑', '金色家园', '怡景湾', '紫荆苑', '书香门第', '丽景湾',
  '康乐新村', '水岸名都', '滨江花园', '翰林苑', '东方明珠苑'];

export interface AddressParts {
  line: string;
  text: string;
}

/** A home address line inside `region`, e.g. 人民路128号幸福里3栋2单元502室. */
export function homeAddress(region: Region, rng: Rng): AddressParts {
  const room = `${rng.int(1, 28)}0${rng.int(1, 6)}`;
  const line = `${rng.pick(STREETS)}${rng.int(1, 399)}号${rng.pick(ESTATES)}${rng.int(1, 24)}栋${rng.int(1, 4)}单元${room}室`;
  const head = region.province === region.city ? region.city : `${region.province}${region.city}`;
  return { line, text: `${head}${region.district ?? ''}${line}` };
}
