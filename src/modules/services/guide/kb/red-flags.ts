// Red flags: what sends a patient to 急诊 now instead of to a clinic. Sources: 急诊预检分诊专家共识 (中华急诊医学杂志
// 2018;27(6):599-604) level Ⅰ–Ⅱ clinical criteria (cardiac/respiratory arrest, shock, status epilepticus, GCS < 9,
// suspected stroke, suspected sepsis, acute confusion, multiple trauma, chest pain suggesting acute coronary
// syndrome, pain ≥ 7/10); the FAST stroke signs (face, arm, speech: any one is enough); NICE NG143 (fever in under-5s:
// under 3 months with fever, 3–6 months with ≥ 39 °C, and at any age the red features — hard to wake, weak or
// high-pitched cry, not feeding — are high risk; fever with non-blanching rash or neck stiffness); obstetric warning signs
// (bleeding, ruptured membranes, reduced fetal movements, labour, pre-eclampsia: headache or visual disturbance) and
// ectopic pregnancy (missed period with abdominal pain or bleeding); GINA 2023 (asthma not relieved by the reliever);
// carbon monoxide exposure with headache, nausea or drowsiness; American Burn Association referral criteria (burns
// of the face, hands, feet or genitals). Where sources differ the stricter one wins.
// Concepts are in signs-urgent.ts and the symptom tables; `@pregnant`, `@infant` (< 3 months), `@under6m` and
// `@under5` come from the form's fields (or an age the text states).
import type { RedFlagRule } from './types.js';

const r = (code: string, zh: string, en: string, reasonZh: string, reasonEn: string, o: Omit<RedFlagRule, 'code' | 'label' | 'reason'>): RedFlagRule => ({
  code, label: { zh, en }, reason: { zh: reasonZh, en: reasonEn }, ...o,
});

export const RED_FLAGS: RedFlagRule[] = [
  r('cardiac-arrest', '心跳呼吸骤停', 'Cardiac or respiratory arrest', '没有心跳或呼吸：立即拨打 120 并开始心肺复苏', 'No pulse or breathing: call an ambulance now and start CPR',
    { any: ['cardiac-arrest'], also: ['03.04'] }),
  r('acs', '疑似急性冠脉综合征', 'Possible heart attack', '胸痛或胸闷伴出汗、放射痛、气短或压榨感，可能是心肌梗死', 'Chest pain or tightness with sweating, spreading pain, breathlessness or a crushing feeling may be a heart attack',
    { any: ['chest-pressure'], all: [['chest-pain', 'chest-tightness', 'angina'], ['cold-sweat', 'sweating', 'radiating-pain', 'impending-doom', 'jaw', 'dyspnea', 'exertional-dyspnea']], also: ['03.04'] }),
  r('aortic', '疑似主动脉夹层', 'Possible aortic dissection', '撕裂样胸背痛可能是主动脉夹层', 'Tearing chest or back pain may be an aortic dissection',
    { any: ['tearing-pain'], also: ['04.06', '03.04'] }),
  r('stroke', '疑似脑卒中（中风）', 'Possible stroke', '口角歪斜、一侧肢体无力或麻木、说话不清（FAST）中任何一项都可能是中风，时间就是大脑', 'Face drooping, weakness or numbness on one side, or slurred speech (FAST): any one may be a stroke, and time is brain',
    { any: ['stroke-face', 'stroke-limb', 'stroke-speech', 'stroke'], all: [['sudden'], ['numbness', 'weakness-limbs', 'gait']], within: 6, also: ['03.03'] }),
  r('thunderclap', '突发剧烈头痛', 'Sudden severe headache', '突然出现的剧烈头痛可能是脑出血', 'A sudden, severe headache may be bleeding in the brain',
    { any: ['thunderclap'], also: ['03.03', '04.02'] }),
  r('breathing', '呼吸困难', 'Difficulty breathing', '呼吸困难、口唇发紫或窒息需要立即处理', 'Difficulty breathing, blue lips or choking need help at once',
    { any: ['dyspnea-severe', 'cyanosis', 'choking', 'drowning', 'inhaler-no-relief'], also: ['03.01'] }),
  r('bleeding', '大出血', 'Heavy bleeding', '出血量大或止不住、呕血、大量咯血或便血，或出血后头晕心慌，可能危及生命', 'Heavy or unstoppable bleeding, vomiting or coughing up blood, passing a lot of blood, or bleeding with dizziness or a racing heart can be life-threatening',
    { any: ['heavy-bleeding', 'hematemesis', 'massive-hemoptysis', 'massive-rectal-bleeding', 'soaking-pads'], all: [['hematochezia', 'melena', 'hemoptysis'], ['dizziness', 'palpitations', 'unconscious', 'hypotension']] }),
  r('suicide', '自杀或自伤风险', 'Risk of suicide or self-harm', '提到自杀或伤害自己：请立即到急诊或拨打 120，也可拨打心理援助热线 12356', 'Thoughts of suicide or self-harm: go to the emergency department or call 120 now; the mental-health helpline 12356 is also available',
    { any: ['suicide'], evenIfNegated: true, also: ['15'] }),
  r('unconscious', '意识丧失', 'Loss of consciousness', '晕倒、昏迷或叫不醒需要立即急救', 'Fainting, unconsciousness or being impossible to wake needs emergency care',
    { any: ['unconscious'], also: ['03.03', '03.04'] }),
  r('confusion', '急性意识障碍', 'Acute confusion', '突然神志不清或胡言乱语可能是中风、感染或低血糖', 'Sudden confusion may be a stroke, an infection or low blood sugar',
    { any: ['confusion'], also: ['03.03'] }),
  r('seizure', '抽搐', 'Seizure', '抽搐发作需要急诊评估', 'A seizure needs emergency assessment',
    { any: ['seizure'], also: ['03.03'] }),
  r('anaphylaxis', '严重过敏反应', 'Severe allergic reaction', '喉咙发紧、舌头或嘴唇肿胀，或过敏后出现气喘、头晕，可能是过敏性休克', 'Throat tightness, tongue or lip swelling, or wheezing or dizziness after an allergic reaction may be anaphylaxis',
    { any: ['anaphylaxis'], all: [['allergy-context', 'hives'], ['dyspnea', 'wheeze', 'chest-tightness', 'dizziness', 'unconscious', 'hypotension']], also: ['03.09'] }),
  r('severe-burn', '严重烧烫伤', 'Severe burn', '大面积、面部、化学或电烧伤需要急诊处理', 'Large, facial, chemical or electrical burns need emergency care',
    { any: ['severe-burn'], all: [['burn'], ['large-area', 'burn-site']], within: 12, also: ['04.07'] }),
  r('poisoning', '中毒', 'Poisoning', '误服、服毒或药物过量需要立即急诊处理，带上药瓶或包装', 'Swallowed poison or an overdose needs emergency care now; bring the bottle or package',
    { any: ['poisoning'], all: [['co-exposure'], ['headache', 'dizziness', 'nausea', 'vomiting', 'unconscious', 'confusion', 'sleepiness', 'fatigue']] }),
  r('child-medicine', '儿童误服药物', 'Child swallowed medicine', '孩子误服大人的药：有些药一片就可能致命，请立即到急诊，带上药瓶或包装', 'A child who swallowed an adult\'s medicine: some drugs can kill with one tablet; go to the emergency department now and bring the package',
    { all: [['@under5', 'child', 'newborn'], ['others-medicine']], also: ['07'] }),
  r('snake-bite', '毒蛇咬伤', 'Snake bite', '蛇咬伤需要立即急诊处理，尽量少活动伤肢', 'A snake bite needs emergency care now; keep the bitten limb still',
    { any: ['snake-bite'] }),
  r('major-trauma', '严重外伤', 'Major injury', '车祸、高处坠落、刀伤、很深的伤口或开放性骨折需要立即急诊处理', 'A road accident, a fall from height, a stab wound, a deep cut or an open fracture needs emergency care now',
    { any: ['major-trauma'], also: ['04.03', '04.01'] }),
  r('head-injury', '头部外伤伴危险信号', 'Head injury with danger signs', '头部受伤后呕吐、嗜睡、意识不清或抽搐，可能有颅内出血', 'Vomiting, drowsiness, confusion or a seizure after a head injury may mean bleeding in the brain',
    { all: [['head-injury'], ['vomiting', 'unconscious', 'confusion', 'seizure', 'sleepiness']], also: ['04.02'] }),
  r('severe-pain', '剧烈疼痛', 'Severe pain', '剧烈的腹痛、胸痛或头痛（疼痛评分 ≥ 7 分）需要急诊评估', 'Severe abdominal, chest or head pain (7/10 or worse) needs emergency assessment',
    { all: [['severe'], ['abdominal-pain', 'epigastric-pain', 'right-lower-pain', 'right-upper-pain', 'lower-abdominal-pain', 'headache', 'chest-pain', 'kidney-stone']], within: 8 }),
  r('pregnancy-bleeding', '孕期出血', 'Bleeding in pregnancy', '怀孕期间阴道出血可能是流产、宫外孕或胎盘问题', 'Vaginal bleeding in pregnancy may be a miscarriage, an ectopic pregnancy or a placental problem',
    { all: [['pregnancy', '@pregnant'], ['vaginal-bleeding', 'soaking-pads', 'bleeding-generic', 'heavy-bleeding']], also: ['05.02'] }),
  r('postpartum-bleeding', '产后出血', 'Bleeding after childbirth', '产后阴道出血多可能是产后出血，需要立即处理', 'Heavy bleeding after giving birth may be a postpartum haemorrhage and needs help at once',
    { all: [['postpartum'], ['vaginal-bleeding', 'bleeding-generic', 'heavy-bleeding', 'soaking-pads', 'heavy-lochia']], also: ['05.02'] }),
  r('obstetric', '产科急症', 'Pregnancy emergency', '破水、胎动减少或规律宫缩需要立即到医院', 'Waters breaking, fewer baby movements or regular contractions need the hospital now',
    { any: ['rupture-membranes', 'fetal-movement', 'labour'], also: ['05.02'] }),
  r('preeclampsia', '疑似子痫前期', 'Possible pre-eclampsia', '孕期出现剧烈头痛、视物模糊或面部浮肿可能是子痫前期', 'Severe headache, blurred vision or a swollen face in pregnancy may be pre-eclampsia',
    { all: [['pregnancy', '@pregnant'], ['blurred-vision', 'thunderclap', 'edema-face']], also: ['05.02'] }),
  r('ectopic', '疑似宫外孕', 'Possible ectopic pregnancy', '停经后腹痛或阴道出血需要排除宫外孕', 'Abdominal pain or bleeding after a missed period needs an ectopic pregnancy ruled out',
    { all: [['amenorrhea'], ['lower-abdominal-pain', 'abdominal-pain', 'vaginal-bleeding', 'bleeding-generic']], also: ['05.01'] }),
  r('infant-fever', '小婴儿发热', 'Fever in a young baby', '3 个月以下的婴儿发热属于高危，需要立即就诊', 'A baby under 3 months with a fever is at high risk and must be seen now',
    { all: [['@infant', 'newborn'], ['fever', 'high-fever']], also: ['07'] }),
  r('infant-high-fever', '婴儿高热', 'High fever in a baby', '3–6 个月的婴儿体温 ≥ 39 °C 属于高危，需要立即就诊', 'A baby aged 3–6 months with a temperature of 39 °C or more is at high risk and must be seen now',
    { all: [['@under6m'], ['high-fever']], also: ['07'] }),
  r('child-fever-danger', '发热儿童出现危险征象', 'Feverish child with danger signs', '发热的孩子一直睡、叫醒了又睡、软绵绵、逗也没反应、哭声弱或尖声哭，属于高危，需要立即就诊', 'A feverish child who will not stay awake, is floppy, does not respond or has a weak or high-pitched cry is at high risk and must be seen now',
    { all: [['@under5', 'child', 'newborn'], ['fever', 'high-fever'], ['child-danger']], also: ['07'] }),
  r('meningitis', '发热伴颈强直或出血点', 'Fever with stiff neck or spots', '发热伴脖子僵硬或皮肤出血点，可能是脑膜炎或败血症', 'Fever with a stiff neck or non-blanching spots may be meningitis or sepsis',
    { all: [['fever', 'high-fever'], ['neck-stiffness', 'bruising']], also: ['16'] }),
  r('vision-loss', '突然视力丧失', 'Sudden loss of vision', '突然看不见或化学物质溅入眼睛需要立即处理', 'Sudden loss of sight or a chemical in the eye needs help at once',
    { any: ['vision-loss', 'eye-chemical'], all: [['sudden'], ['blurred-vision']], within: 6, also: ['10'] }),
  r('torsion', '疑似睾丸扭转', 'Possible testicular torsion', '突发剧烈睾丸疼痛可能是睾丸扭转，需要在数小时内手术', 'Sudden severe testicular pain may be torsion, which needs surgery within hours',
    { any: ['torsion'], all: [['sudden', 'severe'], ['male-genital']], within: 6, also: ['04.04'] }),
];
