// Signs the red-flag rules (red-flags.ts) look for, and the context words they combine with. Most also point at a
// department (shown after 急诊医学科). A longer phrase elsewhere that CONTAINS one of these (中风后遗症 ⊃ 中风,
// 眼皮抽搐 ⊃ 抽搐, 食物中毒 ⊃ 中毒) is a deliberate exception; a phrase that only overlaps never hides a sign.
import { c } from './concept.js';

export const URGENT_SIGNS = [
  // heart
  c('chest-pressure', '压榨样胸疼 胸口像压了块石头 胸口压了块大石头 胸口像压着石头 胸口像被压住 胸口紧缩感 胸口绞疼 胸口像被勒住 胸口压着喘不过气 像压了块大石头 压了块大石头 像有块石头压着 像石头压着 胸口被压着 胸口像压着东西',
    'crushing chest pain|chest pressure|pressure in chest|elephant on chest|squeezing chest pain|chest feels crushed|heavy pressure on chest|like a weight on my chest|weight on my chest', '03.04:1'),
  c('tearing-pain', '撕裂样疼 撕裂一样疼 撕裂样胸疼 撕裂样背疼 刀割样胸背疼 胸背撕裂样疼', 'tearing chest pain|tearing pain|ripping pain in chest|tearing back pain', '04.06:1 03.04:.6'),
  c('cold-sweat', '出冷汗 冷汗 大汗淋漓 满头大汗 一身冷汗 冒冷汗 浑身是汗 直冒汗 出了一身汗 大汗 出大汗',
    'cold sweat|cold sweats|sweating profusely|drenched in sweat|clammy|broke out in a sweat|breaking out in sweat|sweating heavily', '03.04:.3'),
  c('radiating-pain', '放射到左臂 放射到左肩 放射到后背 放射到下巴 疼到左胳膊 疼到左肩 疼到后背 疼到下巴 牵扯到后背 牵扯到左臂 左臂发麻 左胳膊发麻 左手臂麻 左胳膊疼 左臂疼',
    'pain spreading to arm|pain spreading to jaw|radiating to left arm|radiating to arm|radiating to jaw|radiating to back|pain going down left arm|left arm pain|left arm numb|pain in left arm|pain to jaw|pain spreading to my jaw', '03.04:.5 04.03:.2'),
  c('impending-doom', '濒死感 感觉快要死了 感觉要死了 好像要死了', 'impending doom|feel like i am dying|feeling of dying', '03.04:.5 15:.2'),
  c('cardiac-arrest', '心跳停了 没有心跳 没呼吸了 没气了 心脏骤停 心跳骤停 呼吸停了 没有呼吸', 'not breathing|no pulse|heart stopped|cardiac arrest|stopped breathing', '03.04:.5'),
  // breathing
  c('dyspnea-severe', '喘不上气 喘不过气 上不来气 透不过气 呼吸困难 憋得喘不上气 喘得厉害 呼吸急促 气都喘不过来 快窒息 窒息 没法呼吸 不能呼吸 呼吸不了 憋死了 喘不动气 呼吸费力',
    'can not breathe|difficulty breathing|trouble breathing|struggling to breathe|hard to breathe|gasping for air|unable to breathe|can not catch breath|suffocating|breathing is difficult|laboured breathing|labored breathing|severe shortness of breath',
    '03.01:1 03.04:.6'),
  c('cyanosis', '嘴唇发紫 嘴唇发青 脸色发紫 口唇青紫 嘴唇青紫 发绀 脸发青 脸都青了 脸都紫了 憋青了 憋紫了 憋得发紫 憋得发青 嘴唇都紫了 嘴唇紫了 脸色青紫 嘴唇发乌', 'blue lips|lips turning blue|turning blue|lips are blue|bluish lips|lips look blue|face turning blue|going blue|turned blue', '03.01:.8 03.04:.5'),
  c('choking', '噎住了 噎住 卡住喉咙喘不上 异物堵住气管 被东西呛住', 'choking|something stuck in airway|choked on food', '11:.8'),
  // an asthma attack the reliever does not help is a severe attack (GINA 2023; 急诊预检分诊专家共识 2018)
  c('inhaler-no-relief', '喷了药也不管用 喷药也不管用 喷药不管用 喷了药不管用 喷了也不管用 喷剂不管用 喷雾也不管用 吸了药也不缓解 用了喷剂也不缓解 喷药也不缓解 吸药也没用',
    'inhaler is not helping|inhaler not helping|inhaler is not working|inhaler not working|inhaler does not help|inhaler did not help|puffer is not working', '03.01:1'),
  c('drowning', '溺水 落水 呛水昏迷', 'drowning|drowned|near drowning', '03.01:.5'),
  // brain
  c('stroke-face', '口角歪斜 嘴歪 嘴巴歪 嘴角歪 口眼歪斜 脸歪 半边脸麻 半边脸不能动 面部下垂 一侧脸麻 一边脸麻 一侧面部麻木 嘴角下垂 嘴角漏水 喝水从嘴角漏 嘴巴往一边歪 嘴往一边歪 嘴角往一边歪 嘴歪向一边 嘴歪眼斜 口眼歪',
    'face drooping|facial droop|drooping face|face droop|mouth drooping|crooked smile|lopsided smile|one side of face drooping|face is numb on one side|one side of face is drooping|face is drooping|face drooped', '03.03:1'),
  c('stroke-limb', '一侧无力 一侧肢体无力 半身不遂 偏瘫 半边身子没劲 半边身子麻 半边身子不能动 一边手脚没劲 一边胳膊没劲 一侧手脚麻木 单侧肢体麻木 单侧无力 左边身子没劲 右边身子没劲 左侧肢体无力 右侧肢体无力 手脚一边不听使唤 一只手突然没劲 一条腿突然没劲 半身麻木 半边身子不听使唤 一边身子没劲 一边身子没力气 一边身子不能动 半边身子没力气 一侧身子没劲 一边手脚没力气 一边胳膊抬不起来',
    'weakness on one side|one sided weakness|one side of body weak|arm weakness|weak arm|sudden arm weakness|numbness on one side|paralysis on one side|hemiplegia|can not move one side|one side of body numb|weak on one side|leg suddenly weak|can not lift arm|can not lift his arm|can not lift her arm|can not lift my arm|can not raise arm|arm went weak|arm is weak|leg went weak', '03.03:1'),
  c('stroke-speech', '说话不清 口齿不清 说话含糊 说不出话 讲话不清楚 说话不清楚 说话大舌头 大舌头 突然不会说话 言语不清 失语 说话不利索 舌头不灵活 说话含糊不清 说话含含糊糊 含含糊糊 口齿含糊 吐字不清 话说不清 话也说不清 话都说不清 说话说不清 舌头发硬 舌头不听使唤 说话不利落 说话费劲',
    'slurred speech|slurring words|slurring speech|trouble speaking|can not speak|can not talk|speech is slurred|difficulty speaking|words come out wrong|garbled speech|speech is slurred|speech slurred|slurred|slurring|can not get words out|talking funny|speech is garbled', '03.03:1'),
  c('stroke', '中风 脑卒中 卒中 脑梗 脑梗塞 脑出血 脑溢血', 'stroke|brain bleed|brain haemorrhage|brain hemorrhage|fast positive', '03.03:1 04.02:.4'),
  c('thunderclap', '突然剧烈头疼 一辈子最厉害的头疼 炸裂样头疼 头像要炸开 头要炸了 爆炸样头疼 头疼欲裂 从来没这么疼过的头疼 头像被打了一棍子 像被打了一棍子 被打了一闷棍',
    'worst headache of my life|thunderclap headache|sudden severe headache|worst headache ever|head is exploding', '03.03:1 04.02:.6'),
  c('unconscious', '昏迷 叫不醒 喊不醒 不省人事 人事不省 失去意识 意识丧失 晕倒 昏倒 晕过去 昏过去 晕厥 突然倒地 叫他没反应 叫她没反应 喊他没反应 喊她没反应 叫了没反应 叫不应 叫不太醒 喊不太醒 很难叫醒 叫不怎么醒 叫半天才应 喊半天才应 叫半天没反应 人没反应了 没反应了 推不醒 昏睡不醒 一直昏睡',
    'unconscious|passed out|fainted|blacked out|unresponsive|not responding|collapsed|lost consciousness|will not wake up|can not wake|fainting|syncope|knocked out|hard to wake|barely responsive|very hard to wake|hard to rouse|not waking up', '03.03:.6 03.04:.5'),
  c('confusion', '神志不清 意识模糊 意识不清 胡言乱语 说胡话 突然糊涂 精神错乱 突然不认人 迷迷糊糊叫不醒 反应迟钝叫不醒',
    'acting confused|suddenly confused|confusion|disoriented|delirious|not making sense|altered mental state', '03.03:1'),
  c('seizure', '抽搐 抽风 癫痫发作 羊角风 口吐白沫 四肢抽动 浑身抽 全身抽 惊厥 高热惊厥 热性惊厥 翻白眼 抽过去了',
    'seizure|seizures|convulsion|convulsions|fitting|having a fit|epileptic fit|shaking uncontrollably and unresponsive|febrile convulsion', '03.03:1'),
  // bleeding
  c('heavy-bleeding', '大出血 大量出血 出血不止 血止不住 止不住血 流血不止 血流不止 流了很多血 血流如注 喷血 一直在流血 出了很多血 血一直流 血哗哗流 出血特别多 出血很多 出血量很大 出血量大 流了好多血 血流了一地 产后出血 产后大出血 还在冒血 往外冒血 一直冒血 血往外冒 血往外涌 血直流 按不住血 压不住血 按着也止不住 压着也止不住 流血流不停 血一直往外冒 血止不住 血还止不住 按着还在流 压着还在流',
    'heavy bleeding|bleeding heavily|will not stop bleeding|bleeding will not stop|can not stop the bleeding|losing a lot of blood|bleeding a lot|spurting blood|uncontrolled bleeding|bleeding profusely|still bleeding after|bleeding through the bandage|blood soaking through', '04.01:.5'),
  c('hematemesis', '呕血 吐血 吐了血 吐出血 吐出来是血 呕吐物带血 吐咖啡色 吐了好多血', 'vomiting blood|throwing up blood|vomited blood|blood in vomit|vomit blood', '03.02:1'),
  c('massive-hemoptysis', '大口咯血 大量咯血 咳出一大口血 咳血不止 大口吐血', 'coughing up lots of blood|coughing up a lot of blood|coughing up large amounts of blood', '03.01:1 17:.3'),
  c('massive-rectal-bleeding', '大量便血 拉了很多血 便血很多 拉出很多血 一直拉血 大便全是血 拉的全是血 满马桶都是血 马桶里都是血', 'passing a lot of blood|lots of blood in stool|large amount of rectal bleeding', '03.02:1 04.01:.5'),
  // after childbirth: lochia suddenly heavier again or clots larger than a golf ball or an egg are warning signs of
  // postpartum haemorrhage (ACOG Committee Opinion 736, 2018; NHS "Your post-pregnancy body": clots bigger than a 50p
  // coin / golf ball). Only counted with 'postpartum' (red-flags.ts): clots in an ordinary period are no emergency.
  c('heavy-lochia', '恶露突然变多 恶露突然增多 恶露变多 恶露增多 恶露越来越多 恶露又多了 恶露很多 恶露特别多 恶露量大 恶露量多 大血块 鸡蛋大的血块 鸡蛋那么大 拳头大的血块 血块很大 大块血块 一大块血块',
    'clots bigger than a golf ball|large clots|golf ball sized clots|clots the size of an egg|bleeding getting heavier|bleeding is getting heavier', '05.02:1', 'female'),
  c('soaking-pads', '一小时湿透一片卫生巾 卫生巾一小时就湿透 阴道大出血 下面大出血 下面出血止不住 阴道出血止不住 一个小时就湿透 一小时就湿透 一个小时湿透 一小时湿透 湿透一片 一会儿就湿透 一小时换一片 一个小时换一片 一小时换一次卫生巾 夜用的都湿透',
    'soaking a pad every hour|soaking through pads|heavy vaginal bleeding|soaking pads|soaking through a pad|soaking a pad in an hour|going through a pad every hour|pad every hour', '05.01:1 05.02:.5', 'female'),
  // pregnancy
  c('pregnancy', '怀孕 怀孕了 孕妇 孕期 妊娠 怀着孩子 有了身孕 有身孕 孕周 早孕 怀孕周 验孕棒两道杠 测出怀孕 验孕阳性 怀了孩子 怀二胎 怀宝宝',
    'pregnant|pregnancy|expecting a baby|weeks pregnant|months pregnant|positive pregnancy test|i am expecting', '05.02:.8', 'female'),
  c('rupture-membranes', '破水 羊水破了 流羊水 羊水流出来', 'waters broke|water broke|water has broken|leaking amniotic fluid|membranes ruptured', '05.02:1', 'female'),
  c('fetal-movement', '胎动减少 胎动消失 感觉不到胎动 胎动少了 胎动没了 感觉不到宝宝动 宝宝不动了 宝宝不怎么动 宝宝动得少 胎儿不动 没有胎动 没胎动 胎动变少 胎动减弱 胎动不明显 感觉不到胎儿动 感觉不到孩子动', 'baby not moving|reduced fetal movements|baby stopped moving|fewer kicks|no fetal movement|baby has not moved|baby not moved|not felt baby move|baby is not kicking|baby not kicking|baby moving less|baby is moving less|can not feel baby move', '05.02:1', 'female'),
  c('labour', '宫缩 阵痛 要生了 快生了 肚子一阵阵发紧 规律宫缩', 'contractions|labour pains|labor pains|in labour|in labor|going into labor', '05.02:1', 'female'),
  // mind
  c('suicide', '自杀 想死 不想活 不想活了 活着没意思 活着没有意思 轻生 寻死 割腕 跳楼 结束自己的生命 结束生命 自残 自伤 伤害自己 想结束一切 活不下去了 不如死了 活着没意义 一了百了 不想活下去 想离开这个世界 死了算了 生无可恋 想了结自己 想去死 写好了遗书 写了遗书 遗书 交代后事 安排后事 家里的负担 是个负担 成了负担 是个累赘 是个拖累 不在了大家都轻松 我不在了 我走了大家都轻松 没有我大家会更好 活着太累了 活着太累 攒安眠药 药都攒好了 攒了很多药 不想醒来 不想再醒来 想跳下去 从楼上跳下去',
    'suicide|suicidal|kill myself|want to die|end my life|self harm|self-harm|hurt myself|cutting myself|do not want to live|no reason to live|better off dead|end it all|take my own life|ending my life|end my own life|thinking about ending it|take my life|wish i was dead|wish i were dead|not want to be alive|suicide note|burden to everyone|burden to my family|better off without me|no point in living|do not see the point anymore|see no point in living|say goodbye forever', '15:1'),
  // allergy
  c('anaphylaxis', '过敏性休克 喉头水肿 喉咙发紧 嗓子发紧 喉咙肿得 舌头肿了 舌头肿 嘴唇肿了 嘴唇肿 脸和嘴唇肿 喉咙肿起来 喉咙像被掐住',
    'anaphylaxis|anaphylactic|throat closing|throat swelling|throat feels tight|throat is tight|tongue swelling|swollen tongue|lips swelling|swollen lips|tongue swollen', '03.09:1'),
  // burns, poisoning, trauma
  c('severe-burn', '大面积烧伤 大面积烫伤 严重烧伤 严重烫伤 全身烫伤 全身烧伤 化学烧伤 化学灼伤 电击伤 被电击 触电 电烧伤 脸被烧伤 面部烧伤 脸被烫伤 吸入烟雾 呼吸道烧伤 被火烧伤 被电到 电到了 被电打 电击 烧焦了 烧焦 皮肤焦黑 烧得发黑 烫得发白 三度烧伤 深二度',
    'severe burn|large burn|extensive burns|chemical burn|electric shock|electrocuted|burned face|burnt face|smoke inhalation|third degree burn|burned black|charred skin|white leathery skin|full thickness burn', '04.07:1'),
  // burns of the face, hands, feet, genitals or major joints need a burn unit whatever their size (American Burn
  // Association burn centre referral criteria; 烧伤外科 转诊标准)
  c('burn-site', '脸上 脸部 面部 头面部 满脸 整张脸 两只手 双手 两只脚 双脚 会阴 下体', 'face|both hands|hands|feet|genitals|groin', ''),
  c('large-area', '面积很大 大片 大面积 全身 整条腿 整条胳膊 整个手臂 半个身子 整个后背 整个 一大片 好大一片 一大块 两条腿 整只手 整个胳膊 整个胸口 前胸后背', 'large area|whole arm|whole leg|most of my body|large part of|entire arm|entire leg|whole chest|whole back|all over body', ''),
  // a child who swallowed an adult's medicine (kb/numbers.ts also finds "奶奶的降压药吃了" in free order)
  c('others-medicine', '吃了大人的药 误吃大人的药 偷吃大人的药 大人的药吃了', 'got into the pills|ate adult medicine|swallowed adult medicine', '07:.5'),
  c('poisoning', '中毒 误服 喝了农药 喝农药 吃了老鼠药 服毒 吃了一瓶药 吃了一整瓶 吃了很多安眠药 吃了半瓶 药吃多了 吃错药 误食 喝了消毒水 喝了洗洁精 喝了84 吃了毒蘑菇 吃了野蘑菇 百草枯 吞了电池 喝了清洁剂 吃了一把药 纽扣电池 吞下电池 电池吞下去 吃了好多片 吃了很多片 一整板 吃了一大把 一整瓶药 一整瓶安眠药 一整盒药 整瓶药 整盒药 吃了一盒药 吞了一瓶 安眠药吃多了 过量服用 药物过量 服药过量 吞了药 洗衣凝珠 吃了洗衣液 喝了洗衣液 喝了防冻液',
    'poisoning|poisoned|overdose|overdosed|took too many pills|swallowed bleach|drank bleach|carbon monoxide|swallowed poison|ate poisonous mushrooms|ate wild mushrooms|swallowed a battery|drank cleaning fluid|dishwasher pod|dishwasher tablet|laundry pod|detergent pod|tide pod|swallowed detergent|drank detergent|swallowed pills|swallowed some pills|ate some pills|got into the medicine|swallowed medicine|drank antifreeze', '16:.2 15:.2'),
  // carbon monoxide: a closed room with burning charcoal, coal or a gas leak (一氧化碳中毒临床治疗指南, 中华医学会 2012)
  c('co-exposure', '烧炭 烧炭取暖 烤炭火 炭火盆 煤炉取暖 煤炉子 烧煤取暖 煤气泄漏 燃气泄漏 煤气漏了 燃气漏了 一氧化碳 热水器漏气',
    'charcoal burner|charcoal grill indoors|coal stove|gas leak|leaking gas|faulty boiler|generator indoors', '16:.2'),
  c('snake-bite', '被蛇咬 毒蛇咬伤 蛇咬伤', 'snake bite|bitten by a snake|snakebite', '04.01:.3'),
  c('major-trauma', '车祸 被车撞 高处坠落 从楼上摔下 从高处摔下 从梯子上摔下 从屋顶摔下 被刀捅 刀捅伤 刀伤很深 很深一道口子 一道很深的口子 很深的一道口子 切得很深 割得很深 枪伤 骨头露出来 骨头戳出来 多处骨折 摩托车摔了 撞车 割了个大口子 划了个大口子 割了一个大口子 划了一个大口子 砍了个大口子 磕了个大口子 很深的口子 口子很深 伤口很深 好大一个口子 皮开肉绽 伤口见骨',
    'car accident|hit by a car|fell from a height|fall from height|stab wound|stabbed|gunshot|bone sticking out|motorcycle accident|road accident|fell off a roof|fell off a ladder|deep cut|gaping wound|very deep cut|deep wound|cut to the bone', '04.03:.5 04.01:.3'),
  c('head-injury', '头撞了 磕到头 撞到头 头部外伤 头被打 头摔破了 摔到头 头着地 撞了脑袋 磕了脑袋 后脑勺着地 脑袋着地 头先着地 后脑着地 头磕到 头磕在', 'hit my head|head injury|bumped head|banged head|hit head|fell on head|hit the back of my head|head hit the ground|landed on head|landed on his head|landed on her head', '04.02:1'),
  // eyes, testes
  c('vision-loss', '眼前像拉了帘子 眼前像挡了块帘子 像有帘子挡住 眼前有帘子 黑影挡住视线 一块黑影挡住 突然看不见 突然失明 一只眼突然看不见 一只眼睛看不见 一只眼看不见 眼睛看不见了 两眼看不见 眼前突然一黑看不见 突然视力丧失 突然什么都看不见 眼睛突然看不清了 一只眼睛突然黑了',
    // a curtain or shadow coming over the sight is retinal detachment until proven otherwise (NHS: go to A&E now)
    'sudden loss of vision|suddenly can not see|sudden blindness|went blind|sudden vision loss|lost vision in one eye|curtain came down|curtain coming down|curtain over my eye|curtain over my vision|curtain across my vision|shadow coming across my vision|shadow over my vision', '10:1 03.03:.5'),
  c('eye-chemical', '化学品溅到眼睛 溅到眼睛里 石灰进眼睛 眼睛进了消毒液 眼睛溅了 碱溅到眼睛 酸溅到眼睛', 'chemical in eye|chemical splash in eye|bleach in eye|chemical in my eyes', '10:1'),
  c('torsion', '睾丸突然剧疼 睾丸剧疼 阴囊突然剧疼 蛋突然疼得厉害', 'sudden testicular pain|severe testicle pain|testicle suddenly very painful|sudden severe scrotal pain', '04.04:1 08:.4', 'male'),
  c('bleeding-generic', '出血 流血 出了点血 出了血 见血 有血', 'bleeding|bleed|some blood|bled', '02:.2'),
  // a feverish child who will not stay awake, is floppy, does not respond or has a weak or high-pitched cry: NICE
  // NG143 red (high-risk) features, any age under 5 (poor feeding alone is amber, not here)
  c('child-danger', '一直睡 一直在睡 总在睡 老在睡 昏睡 哭声很弱 哭声弱 哭声微弱 哭声小 哭不出声 尖声哭 软绵绵 浑身发软 逗也不笑 叫醒了又睡',
    'very sleepy|floppy|weak cry|high pitched cry|unusually sleepy|will not stay awake', '07:.5'),
  // modifiers: no department of their own
  c('severe', '剧烈 剧疼 得受不了 受不了 得厉害 得要命 得打滚 得直不起腰 难以忍受 疼死了 满地打滚 撕心裂肺 得睡不着 剧烈疼 从来没这么疼过 从没这么疼过 这辈子没这么疼过 从来没有这么疼过 疼得要死',
    'severe|excruciating|unbearable|agonizing|agonising|worst pain|extreme pain|terrible pain|intense pain|severely', ''),
  c('sudden', '突然 突发 一下子 猛地 忽然', 'sudden|suddenly|all of a sudden|abrupt', ''),
  c('allergy-context', '过敏 过敏了 吃了花生 被蜜蜂蛰 被蜂蛰 被马蜂蛰 被黄蜂蛰 打针后 输液后 吃了海鲜后 打完针 打了针 打针以后 打完点滴 输完液 输液以后 打完头孢 用了头孢 打了青霉素 被蛰 蛰了 吃了虾', 'allergic|allergy|allergic reaction|after eating peanuts|bee sting|stung by a bee|wasp sting|stung by a wasp|after an injection|after the injection|after taking penicillin|after antibiotics|stung by|after eating shrimp', '03.09:.8 13:.3'),
];
