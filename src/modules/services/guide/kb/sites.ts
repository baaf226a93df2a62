// Body site + what it does, within one clause: "嗓子眼儿疼" (throat … pain), "脚趾头又红又疼" (toe … red),
// "头被车门撞了" (head … hit), "pain in my heel". Patients combine a place and a feeling in more ways than any list
// of phrases holds; this table maps each pair to a symptom concept. A phrase from the symptom tables always wins
// over a pair that overlaps it (手术后伤口疼 is a wound, not a hand), and a 不/没 between the two negates the pair.
export interface Word {
  code: string;
  zh: string[];
  en: string[];
}

export const SITES: Word[] = [
  { code: 'head', zh: ['头', '头部', '脑袋', '脑壳', '头顶', '后脑勺', '太阳穴', '额头'], en: ['head', 'forehead', 'temple'] },
  { code: 'throat', zh: ['嗓子', '喉咙', '咽喉', '嗓子眼', '嗓子眼儿', '咽部', '嗓门'], en: ['throat'] },
  { code: 'ear', zh: ['耳朵', '耳朵里', '耳道', '耳根'], en: ['ear', 'ears'] },
  { code: 'eye', zh: ['眼睛', '眼球', '眼皮', '眼角', '眼眶'], en: ['eye', 'eyes', 'eyelid'] },
  { code: 'nose', zh: ['鼻子', '鼻孔', '鼻腔'], en: ['nose', 'nostril'] },
  { code: 'tooth', zh: ['牙', '牙齿', '牙龈', '大牙', '门牙', '槽牙', '后槽牙'], en: ['tooth', 'teeth', 'gum', 'gums', 'molar'] },
  { code: 'mouth', zh: ['嘴', '嘴巴', '口腔', '舌头', '嘴唇', '嘴里'], en: ['mouth', 'tongue'] },
  { code: 'neck', zh: ['脖子', '颈部', '颈椎', '后颈'], en: ['neck'] },
  { code: 'chest', zh: ['胸', '胸口', '胸部', '心口', '前胸', '胸前', '心脏'], en: ['chest'] },
  { code: 'stomach', zh: ['胃', '胃里', '胃部', '上腹', '心窝', '心口窝'], en: ['upper stomach', 'upper abdomen'] },
  { code: 'belly', zh: ['肚子', '腹部', '肚皮', '肚脐', '腹', '肚'], en: ['belly', 'tummy', 'abdomen', 'stomach', 'gut'] },
  { code: 'lower-belly', zh: ['小腹', '小肚子', '下腹', '下腹部', '肚脐下'], en: ['lower belly', 'lower abdomen', 'pelvis'] },
  { code: 'back', zh: ['腰', '后背', '背', '腰部', '腰椎', '背部'], en: ['back', 'spine'] },
  { code: 'shoulder', zh: ['肩膀', '肩', '肩关节'], en: ['shoulder'] },
  { code: 'knee', zh: ['膝盖', '膝', '膝关节', '髋', '胯', '关节'], en: ['knee', 'hip', 'joint', 'joints'] },
  { code: 'hand', zh: ['手', '手指', '手腕', '手指头', '指头', '手关节', '指关节', '手掌', '胳膊', '手臂', '胳膊肘', '手肘'], en: ['hand', 'finger', 'wrist', 'arm', 'elbow', 'thumb'] },
  { code: 'foot', zh: ['脚', '脚踝', '脚背', '脚底', '脚掌', '脚后跟', '足跟', '脚丫'], en: ['foot', 'ankle', 'heel', 'sole'] },
  { code: 'toe', zh: ['脚趾', '脚趾头', '大脚趾', '脚指头'], en: ['toe', 'toes', 'big toe'] },
  { code: 'leg', zh: ['腿', '小腿', '大腿', '双腿', '两条腿'], en: ['leg', 'legs', 'calf', 'thigh'] },
  // one arm or one half of the body: weakness there is a stroke sign (FAST; NICE NG128: unilateral weakness); one
// leg alone is left to the phrase tables (sciatica is far commoner)
  { code: 'side-arm', zh: ['左手', '右手', '左胳膊', '右胳膊', '左臂', '右臂', '左手臂', '右手臂', '一只手', '一只胳膊', '一边胳膊', '一侧胳膊'], en: ['left arm', 'right arm', 'left hand', 'right hand', 'one arm'] },
  { code: 'side-leg', zh: ['左腿', '右腿', '一条腿', '一侧腿', '一边腿', '左下肢', '右下肢'], en: ['left leg', 'right leg', 'one leg'] },
  { code: 'half-body', zh: ['半边身子', '一边身子', '一侧身体', '一侧身子', '一侧肢体', '左半身', '右半身', '左边身子', '右边身子', '一边手脚', '左边手脚', '右边手脚', '一侧手脚', '半边身体'], en: ['one side of body', 'one side of my body', 'one side of his body', 'one side of her body', 'left side', 'right side'] },
  { code: 'face', zh: ['脸', '脸色', '面色', '脸部', '面部', '半边脸', '一边脸'], en: ['face'] },
  { code: 'skin', zh: ['皮肤', '身上', '全身皮肤', '后背皮肤'], en: ['skin'] },
  { code: 'private', zh: ['下面', '私处', '外阴', '阴道', '阴部', '下体'], en: ['vagina', 'vaginal', 'private parts', 'genitals'] },
  { code: 'testis', zh: ['睾丸', '蛋蛋', '阴囊'], en: ['testicle', 'testicles', 'scrotum', 'balls'] },
  { code: 'urine', zh: ['尿', '小便', '尿尿', '撒尿', '排尿', '解小便'], en: ['pee', 'urine', 'urinate', 'urinating', 'wee'] },
  { code: 'stool', zh: ['大便', '拉屎', '屁股', '肛门', '解大便', '便便'], en: ['stool', 'stools', 'poo', 'poop', 'bottom', 'anus', 'bum'] },
  { code: 'vomit', zh: ['吐', '呕吐', '吐出来', '呕'], en: ['vomit', 'vomiting', 'throw up', 'throwing up'] },
  { code: 'sputum', zh: ['痰', '咳'], en: ['sputum', 'phlegm', 'cough', 'coughing'] },
  { code: 'lung', zh: ['肺', '肺上', '肺部', '肺里'], en: ['lung', 'lungs'] },
  { code: 'thyroid', zh: ['甲状腺'], en: ['thyroid'] },
  { code: 'liver', zh: ['肝', '肝上', '肝脏', '肝里'], en: ['liver'] },
  { code: 'breast', zh: ['乳房', '乳头', '乳腺'], en: ['breast', 'nipple'] },
];

export const FEELINGS: Word[] = [
  { code: 'pain', zh: ['疼', '酸疼', '刺疼', '胀疼', '隐隐作疼', '难受', '不舒服', '不适'], en: ['pain', 'painful', 'hurt', 'hurts', 'hurting', 'ache', 'aching', 'aches', 'sore', 'killing me'] },
  { code: 'burning', zh: ['火辣辣', '烧得慌', '灼热', '灼烧', '烧灼'], en: ['burning', 'burns'] },
  { code: 'itch', zh: ['痒'], en: ['itch', 'itchy', 'itching'] },
  { code: 'swelling', zh: ['肿', '肿了', '肿胀'], en: ['swollen', 'swelling'] },
  { code: 'red', zh: ['红', '发红', '红肿'], en: ['red'] },
  { code: 'blood', zh: ['血', '出血', '流血', '带血', '血丝'], en: ['blood', 'bleeding', 'bleed', 'bloody'] },
  { code: 'numb', zh: ['麻', '发麻', '麻木'], en: ['numb', 'tingling', 'tingly'] },
  { code: 'noise', zh: ['叫', '响', '嗡嗡', '吱吱'], en: ['ringing', 'buzzing'] },
  { code: 'hit', zh: ['撞', '磕', '摔', '碰', '砸', '被打'], en: ['hit', 'bumped', 'banged', 'knocked'] },
  { code: 'sour', zh: ['酸'], en: ['sensitive'] },
  { code: 'tight', zh: ['闷', '发紧', '紧', '憋'], en: ['tight', 'tightness', 'heavy'] },
  { code: 'bloated', zh: ['胀', '发胀', '胀气'], en: ['bloated', 'distended'] },
  { code: 'pus', zh: ['流脓', '流水', '脓'], en: ['pus', 'discharge', 'oozing'] },
  { code: 'weak', zh: ['没劲', '没力气', '没有力气', '无力', '拿不住', '抬不起来', '抬不起', '举不起来', '使不上劲', '不听使唤', '动不了', '不能动'], en: ['weak', 'weakness', 'can not lift', 'will not move', 'can not move'] },
  { code: 'crooked', zh: ['歪', '歪了', '歪斜', '往一边歪', '歪向一边'], en: ['drooping', 'droopy', 'droops', 'crooked', 'lopsided'] },
  { code: 'blue', zh: ['发紫', '紫了', '发青', '青紫', '发乌', '乌紫', '发绀'], en: ['blue', 'purple'] },
  { code: 'pressure', zh: ['压着', '压了', '压住', '被压', '像压'], en: ['crushing', 'squeezing'] },
  { code: 'black', zh: ['黑', '发黑', '黑色', '黑的', '黑乎乎'], en: ['black', 'tarry'] },
  { code: 'stiff', zh: ['僵硬', '发僵', '僵'], en: ['stiff', 'stiffness'] },
  { code: 'lump', zh: ['包', '疙瘩', '硬块', '肿块', '鼓包', '结节', '小结节', '阴影', '囊肿', '肿物'], en: ['lump', 'bump', 'nodule', 'mass', 'shadow', 'cyst'] },
];

/** site → feeling → symptom concept */
export const COMBOS: Record<string, Record<string, string>> = {
  head: { pain: 'headache', bloated: 'headache', hit: 'head-injury' },
  throat: { pain: 'sore-throat', burning: 'sore-throat', itch: 'sore-throat', swelling: 'sore-throat', red: 'sore-throat' },
  ear: { pain: 'ear-pain', itch: 'ear-pain', pus: 'ear-pain', noise: 'tinnitus', swelling: 'ear-pain' },
  eye: { pain: 'eye-pain', red: 'red-eye', itch: 'red-eye', swelling: 'red-eye', pus: 'red-eye', sour: 'red-eye', blood: 'red-eye', hit: 'eye-injury' },
  nose: { blood: 'nosebleed', itch: 'sneezing', pus: 'runny-nose' },
  tooth: { pain: 'toothache', sour: 'toothache', blood: 'gum', swelling: 'gum', pus: 'gum' },
  mouth: { pain: 'mouth-ulcer', burning: 'mouth-ulcer', blood: 'gum', crooked: 'stroke-face', blue: 'cyanosis' },
  face: { crooked: 'stroke-face', blue: 'cyanosis' },
  neck: { pain: 'neck-pain', sour: 'neck-pain', lump: 'neck-lump-ent', swelling: 'neck-lump-ent' },
  chest: { pain: 'chest-pain', tight: 'chest-tightness', burning: 'heartburn', hit: 'chest-trauma', pressure: 'chest-pressure' },
  stomach: { pain: 'epigastric-pain', burning: 'heartburn', bloated: 'bloating', sour: 'heartburn' },
  belly: { pain: 'abdominal-pain', bloated: 'bloating', lump: 'hernia' },
  'lower-belly': { pain: 'lower-abdominal-pain', bloated: 'lower-abdominal-pain' },
  back: { pain: 'back-pain', sour: 'back-pain' },
  shoulder: { pain: 'shoulder-pain', sour: 'shoulder-pain' },
  knee: { pain: 'joint-pain', sour: 'joint-pain', swelling: 'joint-swelling', stiff: 'joint-pain' },
  hand: { pain: 'hand-pain', numb: 'numbness', swelling: 'joint-swelling', stiff: 'joint-swelling' },
  'side-arm': { pain: 'hand-pain', numb: 'numbness', swelling: 'joint-swelling', weak: 'stroke-limb' },
  'side-leg': { pain: 'muscle-pain', numb: 'numbness', swelling: 'edema-legs', weak: 'weakness-limbs' },
  'half-body': { weak: 'stroke-limb', numb: 'stroke-limb' },
  foot: { pain: 'joint-pain', numb: 'numbness', swelling: 'edema-legs', itch: 'fungal' },
  toe: { pain: 'gout', red: 'gout', swelling: 'gout', itch: 'fungal' },
  leg: { pain: 'muscle-pain', numb: 'numbness', swelling: 'edema-legs' },
  skin: { itch: 'itch', red: 'rash', lump: 'rash' },
  private: { itch: 'discharge', blood: 'vaginal-bleeding', lump: 'std', pus: 'discharge' },
  testis: { pain: 'male-genital', swelling: 'male-genital' },
  urine: { pain: 'dysuria', burning: 'dysuria', blood: 'hematuria', red: 'hematuria' },
  stool: { blood: 'hematochezia', pain: 'hemorrhoids', lump: 'hemorrhoids', black: 'melena' },
  vomit: { blood: 'hematemesis', black: 'hematemesis' },
  sputum: { blood: 'hemoptysis' },
  lung: { lump: 'lung-nodule' },
  thyroid: { lump: 'neck-lump-ent', swelling: 'neck-lump-ent' },
  liver: { lump: 'fatty-liver', pain: 'right-upper-pain' },
  breast: { lump: 'breast-lump', pain: 'breast-lump', swelling: 'breast-lump' },
};

/** Feelings that may also come first, verb before its object (磕到后脑勺, 撞到了头), with the largest gap (characters). */
export const FEELING_FIRST_ZH: Record<string, number> = { hit: 3 };

/** Largest gap between a site and its feeling (Chinese characters; English words). */
export const MAX_GAP_ZH = 8;
export const MAX_GAP_EN = 3;
