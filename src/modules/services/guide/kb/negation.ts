// Simple negation, in the spirit of NegEx (Chapman et al., J Biomed Inform 2001;34:301): a cue negates the phrase
// right after it, with only filler words in between, within the same clause; a list joined by 、/和/或/or/nor/","
// carries the negation on. Deliberately narrow: "不知道为什么胸口疼", "没事，就是喘不上气" and "无明显诱因出现头痛"
// are NOT negated (the words between the cue and the phrase are not fillers, or a comma ends the clause).
// Phrases that contain a negation themselves (喘不上气, 血止不住, can not breathe) are matched whole, so their own
// "不"/"not" never negates them. Negated phrases give no department evidence; red flags ignore negation only for
// suicidality (red-flags.ts evenIfNegated), because "我没有想自杀" still needs a person to ask.

/** Chinese cues, longest first when matched. */
export const ZH_CUES = ['从来没有', '并没有', '也没有', '还没有', '从没', '没有', '并无', '并不', '否认', '未见', '未有', '也没', '也不', '不再', '没', '无', '不', '未'];

/** Words that may stand between a Chinese cue and the phrase it negates (没有 明显 胸痛, 不 怎么 咳嗽). */
export const ZH_FILLERS = ['是', '明显的', '明显', '任何', '什么', '出现过', '出现', '发生', '感到', '感觉', '觉得', '怎么', '太', '再', '过', '有', '伴有', '伴随', '伴', '其他', '别的', '发现', '特别', '很', '一点', '那么', ' '];

/** Before a cue, these turn it into a question or a double negative (是不是, 不是没有). */
export const ZH_CANCEL_BEFORE = ['是', '不是', '并非', '会不会', '能不能', '有没有'];

/** Joining a negated phrase to the next one: 没有发烧、咳嗽和胸痛. */
export const ZH_LIST_JOINERS = ['、', '和', '或', '及', '与', '跟', '或者', '以及', '也', '也没有', '也不', '也没', ' '];

/** English cues (stemmed like the text when loaded). */
export const EN_CUES = ['no', 'not', 'never', 'without', 'denies', 'deny', 'denied', 'nor', 'none', 'neither', 'negative', 'absent'];

export const EN_FILLERS = ['have', 'has', 'had', 'any', 'experience', 'experiencing', 'feel', 'feeling', 'felt', 'got', 'get', 'been', 'be', 'is', 'am', 'are', 'was', 'were',
  'do', 'did', 'does', 'much', 'other', 'signs', 'of', 'significant', 'obvious', 'new', 'recent', 'problems', 'with', 'noticed', 'seen', 'history', 'i', 'he', 'she', 'they'];

/** `or`, `and`, `nor` and commas carry a negation on to the next phrase. */
export const EN_LIST_JOINERS = [',', 'or', 'and', 'nor'];

/** Words that end an English clause (besides . ; ! ? : ). */
export const EN_CLAUSE_BREAKS = ['but', 'however', 'although', 'though', 'except', 'yet', 'still'];

// History, not a current complaint: "孩子以前有热性惊厥", "有癫痫病史", "history of seizures". Red flags skip such a
// mention (a new event is still found where the text says it: "以前有癫痫，今天又抽了"); departments still use it.
// Only past-time words with a verb of having, so "睡觉以前抽了一次" (before sleeping) stays current.
export const ZH_HISTORY_BEFORE = /(?:以前|之前|曾经|既往|过去|小时候|早年|年轻时|几年前|去年)(?:也|还|就)?(?:有过|有|得过|患过|发过|犯过|出现过|发作过)(?:一次|几次|两次)?$|(?:曾经|既往)$/;
export const ZH_HISTORY_AFTER = /^(?:史|病史|的病史|的历史)/;
export const EN_HISTORY_BEFORE = /(?:history of|previous|prior|past|used to have|used to get)\s*$/;
