// The body-part chips of the form (optional, several allowed): each adds a small weight to the departments of that
// region, so a vague text ("这里疼") plus a pick still finds a place to go. Weights are below a named symptom's.
import type { Text } from './types.js';

export interface BodyPart {
  code: string;
  label: Text;
  depts: Record<string, number>;
}

export const BODY_PARTS: BodyPart[] = [
  { code: 'head', label: { zh: '头部', en: 'Head' }, depts: { '03.03': 0.4, '04.02': 0.15 } },
  { code: 'eye', label: { zh: '眼睛', en: 'Eyes' }, depts: { '10': 0.5 } },
  { code: 'ear-nose-throat', label: { zh: '耳鼻喉', en: 'Ear, nose, throat' }, depts: { '11': 0.5 } },
  { code: 'mouth-teeth', label: { zh: '口腔牙齿', en: 'Mouth and teeth' }, depts: { '12': 0.5 } },
  { code: 'neck', label: { zh: '颈部', en: 'Neck' }, depts: { '04.03': 0.25, '04.01': 0.2, '11': 0.15 } },
  { code: 'chest', label: { zh: '胸部', en: 'Chest' }, depts: { '03.04': 0.35, '03.01': 0.3, '04.05': 0.1 } },
  { code: 'abdomen', label: { zh: '腹部', en: 'Abdomen' }, depts: { '03.02': 0.4, '04.01': 0.25 } },
  { code: 'back', label: { zh: '腰背部', en: 'Back' }, depts: { '04.03': 0.4, '04.04': 0.1 } },
  { code: 'pelvis', label: { zh: '下腹盆腔', en: 'Lower abdomen and pelvis' }, depts: { '05.01': 0.35, '04.04': 0.3, '04.01': 0.1 } },
  { code: 'genital-urinary', label: { zh: '泌尿生殖', en: 'Urinary and genital' }, depts: { '04.04': 0.4, '05.01': 0.3 } },
  { code: 'arms-legs', label: { zh: '四肢关节', en: 'Arms, legs and joints' }, depts: { '04.03': 0.45 } },
  { code: 'skin', label: { zh: '皮肤', en: 'Skin' }, depts: { '13': 0.5 } },
  { code: 'mind', label: { zh: '情绪睡眠', en: 'Mood and sleep' }, depts: { '15': 0.45, '03.03': 0.1 } },
  { code: 'whole-body', label: { zh: '全身', en: 'Whole body' }, depts: { '02': 0.35 } },
];

export const BODY_PART_CODES = BODY_PARTS.map((b) => b.code);
