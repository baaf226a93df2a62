// Departments the smart guide answers with: the 诊疗科目 codes of 医疗机构诊疗科目名录 (卫医发〔1994〕第27号, 原卫生部
// 1994-09-05; 27 疼痛科 added 2007, 28 重症医学科 added 2009), as listed in ../shared/docs/clinical-references.md.
// Only codes of that list are used: a sub-specialty code the list there does not give (07.03 小儿消化 …) is not
// invented; the guide answers with the parent (07 儿科). English names are ours, as in src/demo/departments.ts.
import type { Department } from './types.js';

type Row = [code: string, zh: string, en: string, aliases: string, clinic?: false, sex?: 'female'];

const ROWS: Row[] = [
  ['01', '预防保健科', 'Preventive Care', '体检科 体检中心 健康管理中心 预防接种门诊'],
  ['02', '全科医疗科', 'General Practice', '全科 全科医学科 全科门诊'],
  ['03', '内科', 'Internal Medicine', '大内科', false],
  ['03.01', '呼吸内科', 'Respiratory Medicine', '呼吸科 呼吸与危重症医学科'],
  ['03.02', '消化内科', 'Gastroenterology', '消化科 胃肠科 胃肠内科'],
  ['03.03', '神经内科', 'Neurology', '神内 神经科'],
  ['03.04', '心血管内科', 'Cardiology', '心内科 心脏科 心内'],
  ['03.05', '血液内科', 'Hematology', '血液科'],
  ['03.06', '肾病学', 'Nephrology', '肾内科 肾病科 肾脏内科'],
  ['03.07', '内分泌', 'Endocrinology', '内分泌科 糖尿病门诊 甲状腺门诊'],
  ['03.08', '免疫学', 'Rheumatology and Immunology', '风湿科 风湿免疫科 免疫科'],
  ['03.09', '变态反应', 'Allergy', '变态反应科 过敏科 过敏反应科'],
  ['03.10', '老年病', 'Geriatrics', '老年科 老年医学科 老年病科'],
  ['04', '外科', 'Surgery', '大外科', false],
  ['04.01', '普通外科', 'General Surgery', '普外科 普外 肝胆外科 胃肠外科 乳腺外科 甲状腺外科 肛肠科 肛肠外科'],
  ['04.02', '神经外科', 'Neurosurgery', '神外 脑外科'],
  ['04.03', '骨科', 'Orthopedics', '骨伤科 创伤骨科 脊柱外科 关节外科'],
  ['04.04', '泌尿外科', 'Urology', '泌尿科 男科'],
  ['04.05', '胸外科', 'Thoracic Surgery', '胸心外科'],
  ['04.06', '心脏大血管外科', 'Cardiovascular Surgery', '心外科 心脏外科 血管外科'],
  ['04.07', '烧伤科', 'Burns', '烧伤外科 烧烫伤科'],
  ['04.08', '整形外科', 'Plastic Surgery', '整形科'],
  ['05', '妇产科', 'Obstetrics and Gynecology', '', false, 'female'],
  ['05.01', '妇科', 'Gynecology', '妇科门诊', undefined, 'female'],
  ['05.02', '产科', 'Obstetrics', '产科门诊 孕妇门诊', undefined, 'female'],
  ['05.03', '计划生育', 'Family Planning', '计划生育科 计生科', undefined, 'female'],
  ['05.05', '生殖健康与不孕症', 'Reproductive Health and Infertility', '生殖科 生殖中心 不孕不育科 生殖医学科'],
  ['06', '妇女保健科', "Women's Health Care", '妇保科 妇女保健', undefined, 'female'],
  ['07', '儿科', 'Pediatrics', '小儿科 儿内科'],
  ['07.01', '新生儿', 'Neonatology', '新生儿科'],
  ['08', '小儿外科', 'Pediatric Surgery', '儿外科 儿童外科'],
  ['09', '儿童保健科', 'Child Health Care', '儿保科 儿童保健'],
  ['10', '眼科', 'Ophthalmology', '眼科门诊'],
  ['11', '耳鼻咽喉科', 'Otorhinolaryngology (ENT)', '耳鼻喉科 耳鼻喉'],
  ['12', '口腔科', 'Stomatology', '牙科 口腔医院 牙医'],
  ['13', '皮肤科', 'Dermatology', '皮肤性病科'],
  ['14', '医疗美容科', 'Medical Cosmetology', '医美 美容科 医学美容科'],
  ['15', '精神科', 'Psychiatry', '精神心理科 心理科 心理门诊 心理咨询'],
  ['16', '传染科', 'Infectious Diseases', '感染科 感染性疾病科 肝病科 发热门诊'],
  ['17', '结核病科', 'Tuberculosis', '结核科 结核门诊'],
  ['19', '肿瘤科', 'Oncology', '肿瘤内科'],
  ['20', '急诊医学科', 'Emergency Medicine', '急诊科 急诊'],
  ['21', '康复医学科', 'Rehabilitation Medicine', '康复科'],
  ['23', '职业病科', 'Occupational Diseases', '职业病门诊'],
  ['26', '麻醉科', 'Anesthesiology', '', false],
  ['27', '疼痛科', 'Pain Medicine', '疼痛门诊'],
  ['28', '重症医学科', 'Critical Care Medicine', 'ICU 重症监护室', false],
  ['30', '医学检验科', 'Clinical Laboratory', '检验科', false],
  ['31', '病理科', 'Pathology', '', false],
  ['32', '医学影像科', 'Medical Imaging', '影像科 放射科', false],
  ['50', '中医科', 'Traditional Chinese Medicine', '中医 中医门诊'],
  ['52', '中西医结合科', 'Integrated Chinese and Western Medicine', '中西医结合'],
];

export const DEPARTMENTS: readonly Department[] = ROWS.map(([code, zh, en, aliases, clinic, sex]) => ({
  code, zh, en, aliases: aliases.split(' ').filter(Boolean), clinic: clinic ?? true, ...(sex ? { sex } : {}),
}));

const BY_CODE = new Map(DEPARTMENTS.map((d) => [d.code, d]));

export function departmentOf(code: string): Department | undefined {
  return BY_CODE.get(code);
}

/** The 诊疗科目 family: '03.04' → '03'. */
export const familyOf = (code: string): string => code.split('.')[0];

export const EMERGENCY = '20';
