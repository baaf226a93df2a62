// Eyes, ears, nose, throat, mouth and teeth: 眼科 10, 耳鼻咽喉科 11, 口腔科 12, 变态反应 03.09.
import { c } from './concept.js';

export const EENT = [
  c('sore-throat', '嗓子疼 喉咙疼 咽喉疼 咽疼 嗓子不舒服 喉咙不舒服 吞口水疼 咽口水疼 嗓子发炎 扁桃体发炎 扁桃体肿大 扁桃体炎 咽炎 喉咙发炎 嗓子干 嗓子痒 喉咙痒 喉咙干 嗓子冒烟 嗓子里有东西 咽部异物感 嗓子有异物感',
    'sore throat|throat pain|throat hurts|painful swallowing|pain when swallowing|tonsillitis|swollen tonsils|strep throat|scratchy throat|itchy throat|dry throat|pharyngitis|lump in throat feeling', '11:1 03.01:.3'),
  c('hoarseness', '声音嘶哑 嗓子哑 嗓子哑了 失声 说话没声 声音沙哑 喉咙哑 发不出声', 'hoarse|hoarseness|hoarse voice|lost my voice|losing my voice|croaky voice|laryngitis', '11:1'),
  c('fish-bone', '鱼刺卡喉 鱼刺卡住 卡了鱼刺 喉咙卡了鱼刺 嗓子卡了鱼刺 骨头卡喉咙 卡鱼刺 鱼刺卡嗓子', 'fish bone stuck in throat|fishbone in throat|bone stuck in throat', '11:1'),
  c('runny-nose', '流鼻涕 流清鼻涕 流黄鼻涕 鼻涕多 清鼻涕 鼻涕倒流 流鼻水', 'runny nose|running nose|nose is running|snotty nose|nasal discharge|post nasal drip|snot', '11:.8 03.01:.4 02:.3'),
  c('nasal-congestion', '鼻塞 鼻子不通气 鼻子堵 鼻子不通 鼻子堵住了 鼻窦炎 鼻炎 慢性鼻炎 鼻息肉 鼻中隔偏曲 闻不到味 嗅觉减退 闻不到气味', 'blocked nose|stuffy nose|nasal congestion|sinusitis|sinus infection|sinus pain|nasal polyps|loss of smell|can not smell|deviated septum', '11:1'),
  c('sneezing', '打喷嚏 喷嚏不断 一直打喷嚏 鼻子痒 过敏性鼻炎 花粉过敏 季节性鼻炎', 'sneezing|sneeze|hay fever|allergic rhinitis|itchy nose|pollen allergy', '11:.8 03.09:.8'),
  c('nosebleed', '流鼻血 鼻出血 鼻子出血 鼻血 鼻子流血', 'nosebleed|nose bleed|bleeding nose|nose bleeding', '11:1'),
  c('ear-pain', '耳朵疼 耳疼 耳朵里疼 耳朵流脓 耳朵流水 中耳炎 外耳道炎 耳朵发炎 耳朵痒 耳朵进水 耳屎 耳垢 耳朵堵 耳朵进虫子 耳朵里进了东西', 'earache|ear ache|ear pain|ear hurts|ear infection|discharge from ear|ear discharge|itchy ear|blocked ear|earwax|ear wax|something in my ear|bug in ear', '11:1'),
  c('hearing-loss', '听力下降 耳聋 听不见 听不清 耳背 听力差 突发性耳聋 一只耳朵听不见 突然听不见', 'hearing loss|deaf|can not hear|hard of hearing|sudden hearing loss|muffled hearing|deafness', '11:1 03.10:.2'),
  c('tinnitus', '耳鸣 耳朵嗡嗡响 耳朵里有声音 耳朵响 耳朵里嗡嗡的 耳朵像蝉叫', 'tinnitus|ringing in ears|ringing in my ears|buzzing in ears|noise in ear|ears ringing', '11:1 03.03:.3'),
  c('neck-lump-ent', '甲状腺结节 甲状腺肿大 脖子粗 大脖子 甲状腺肿物 甲状腺癌 颈部肿块 下巴下面长包 腮腺肿 腮腺炎 痄腮 脖子前面长了个包 脖子前面有个包 脖子前面鼓起来 脖子前面鼓 吞咽时跟着动 吞口水时跟着动 随吞咽上下移动 吞口水会动 吞口水时会跟着动', 'thyroid nodule|thyroid lump|goitre|goiter|enlarged thyroid|neck lump|thyroid cancer|mumps|swollen parotid|lump in front of neck|moves when i swallow|lump moves when swallowing', '04.01:1 03.07:.8 11:.4'),
  // eyes
  c('red-eye', '眼睛红 红眼病 眼睛充血 眼睛发红 结膜炎 眼屎多 眼睛分泌物多 眼睛有分泌物 眼睛痒 眼睛干 眼干 眼睛干涩 干眼症 眼睛酸 眼睛涩 揉眼睛 老揉眼睛 眼睛刺疼 眼睛肿 眼皮红肿 麦粒肿 针眼 霰粒肿',
    'red eye|red eyes|pink eye|conjunctivitis|itchy eyes|dry eyes|gritty eyes|eye discharge|sticky eye|watery eyes|stye|swollen eyelid|eye strain|tired eyes|sore eyes', '10:1 03.09:.2'),
  c('eye-pain', '眼睛疼 眼疼 眼球疼 眼眶疼 眼睛胀疼 眼胀 青光眼 眼压高', 'eye pain|painful eye|eye hurts|pain behind eye|glaucoma|eye pressure', '10:1 03.03:.2'),
  c('blurred-vision', '视物模糊 看东西模糊 看不清 视力下降 眼睛模糊 眼花看不清 看东西重影 复视 视力减退 视野缺损 眼前有黑影 飞蚊症 眼前有东西飘 白内障 老花眼 近视 散光 配眼镜 看电视凑很近 看电视要凑很近 看不清黑板 看书凑得很近 视网膜 黄斑 眼底出血',
    'blurred vision|blurry vision|vision problems|can not see clearly|double vision|floaters|seeing spots|cataract|short sighted|near sighted|long sighted|need glasses|glasses prescription|eyesight getting worse|macular|retina', '10:1 03.03:.2 03.07:.1'),
  c('eye-injury', '眼睛被打 眼睛受伤 眼睛进东西 眼睛里进了沙子 眼睛进沙子 眼睛被戳 眼里进异物 眼睛被划伤', 'eye injury|something in my eye|poked in the eye|grit in eye|scratched eye|hit in the eye', '10:1'),
  c('squint', '斜视 对眼 斗鸡眼 弱视 眯眼看东西 歪头看东西', 'squint|crossed eyes|lazy eye|amblyopia|strabismus', '10:1 09:.2'),
  // mouth and teeth
  c('toothache', '牙疼 牙齿疼 牙龈肿疼 牙齿敏感 牙酸 冷热刺激牙疼 蛀牙 虫牙 龋齿 牙洞 牙神经疼 智齿疼 长智齿 智齿发炎 牙齿松动 牙松了 牙掉了 牙齿断了 牙齿磕断',
    'toothache|tooth ache|tooth pain|sore tooth|teeth hurt|sensitive teeth|cavity|tooth decay|wisdom tooth|wisdom teeth|loose tooth|broken tooth|chipped tooth|cracked tooth', '12:1'),
  c('gum', '牙龈出血 刷牙出血 牙龈肿 牙龈萎缩 牙周炎 牙结石 洗牙 口臭 嘴里有味 牙龈发炎 牙龈流脓', 'bleeding gums|gums bleed|swollen gums|gum disease|gingivitis|periodontitis|bad breath|halitosis|teeth cleaning|scale and polish|gum infection', '12:1 03.05:.1'),
  c('mouth-ulcer', '口腔溃疡 口疮 嘴里长泡 嘴巴烂了 嘴里溃疡 舌头疼 舌头溃疡 嘴里起泡 口腔黏膜白斑 嘴角烂了 嘴唇干裂', 'mouth ulcer|mouth ulcers|canker sore|ulcer in mouth|sore tongue|tongue ulcer|sore mouth|cracked lips|cracked corners of mouth', '12:1 50:.2'),
  c('dental-care', '补牙 拔牙 镶牙 种牙 种植牙 假牙 牙齿矫正 戴牙套 正畸 牙不齐 地包天 根管治疗 牙齿美白 龅牙 窝沟封闭 涂氟', 'filling|tooth extraction|pull a tooth|dentures|dental implant|braces|orthodontic|crooked teeth|root canal|teeth whitening|dental check up|overbite|underbite', '12:1'),
  c('jaw', '下巴疼 颞下颌关节 张嘴疼 张不开嘴 嘴张不大 下巴响 咬东西下巴疼 腮帮子疼 腮帮子肿 脸肿牙疼', 'jaw pain|jaw joint pain|tmj|clicking jaw|can not open mouth wide|jaw clicking|swollen cheek', '12:1 11:.3'),
  c('dry-mouth', '口干 嘴巴干 口渴 老口渴 口苦 嘴里发苦 口淡无味', 'dry mouth|thirsty all the time|bitter taste in mouth|always thirsty', '03.07:.6 50:.5 12:.3 03.08:.2'),
];
