// The advice sentence shown under the result, in the requested language. It never diagnoses: it says where to go,
// why, and when to go to the emergency department instead.
import type { Lang } from './kb/types.js';
import type { FiredFlag } from './red-flag-check.js';
import type { DepartmentScore } from './scoring.js';
import type { GuideInput } from './engine.js';

const DISCLAIMER: Record<Lang, string> = {
  zh: '本建议仅供导诊参考，不能代替医生诊断；如症状突然加重，请立即前往急诊或拨打 120。',
  en: 'This is guidance on where to go, not a diagnosis; if things suddenly get worse, go to the emergency department or call 120.',
};

export function adviceText(lang: Lang, fired: FiredFlag[], ranked: DepartmentScore[], input: GuideInput): string {
  const name = (d: DepartmentScore) => (lang === 'zh' ? d.dept.zh : d.dept.en);
  if (fired.length) {
    const labels = fired.map((f) => f.rule.label[lang]).join(lang === 'zh' ? '、' : '; ');
    const helpline = fired.some((f) => f.rule.code === 'suicide')
      ? (lang === 'zh' ? '如有自杀或自伤的想法，请不要独处，可拨打心理援助热线 12356。' : 'If you are thinking of suicide or self-harm, do not stay alone; the mental-health helpline 12356 can help.')
      : '';
    return lang === 'zh'
      ? `请立即前往急诊（急诊医学科）或拨打 120，不要等待门诊预约。原因：${labels}。${helpline}`
      : `Go to the emergency department now or call 120; do not wait for a clinic appointment. Why: ${labels}.${helpline ? ` ${helpline}` : ''}`;
  }
  const [first, second] = ranked;
  if (!first || first.score === 0) {
    const where = first ? name(first) : '';
    return lang === 'zh'
      ? `没有从描述中识别出明确的症状。建议先到${where}就诊，或请导诊台护士帮助选择科室。可以补充：哪里不舒服、多久了、有什么伴随症状。`
      : `No clear symptom was recognised in the description. Start with ${where}, or ask the nurse at the guide desk. It helps to add where it hurts, since when, and what else you notice.`;
  }
  const also = second && second.score >= first.score * 0.5 ? second : undefined;
  const words = first.evidence.slice(0, 4).join(lang === 'zh' ? '、' : ', ');
  const pregnant = input.pregnant && input.sex !== 'male'
    ? (lang === 'zh' ? '就诊时请告诉医生您已怀孕。' : 'Tell the doctor that you are pregnant.')
    : '';
  return lang === 'zh'
    ? `建议挂号：${name(first)}${also ? `（也可考虑${name(also)}）` : ''}。依据：${words}。${pregnant}${DISCLAIMER.zh}`
    : `Suggested department: ${name(first)}${also ? ` (or ${name(also)})` : ''}. Based on: ${words}. ${pregnant ? `${pregnant} ` : ''}${DISCLAIMER.en}`;
}
