// Allergies commonly recorded on Chinese admission notes (过敏史). Substances are coded by text only: the usual
// code systems for them (SNOMED CT, ATC) are not bundled with Huiyi.

export interface AllergyDef {
  substance: string;
  category: 'medication' | 'food' | 'environment';
  criticality: 'low' | 'high';
  reactions: readonly string[];
  weight: number;
}

export const ALLERGIES: readonly AllergyDef[] = [
  { substance: '青霉素类抗生素', category: 'medication', criticality: 'high', reactions: ['皮疹', '过敏性休克'], weight: 5 },
  { substance: '头孢菌素类抗生素', category: 'medication', criticality: 'high', reactions: ['皮疹', '瘙痒'], weight: 2 },
  { substance: '磺胺类药物', category: 'medication', criticality: 'low', reactions: ['皮疹'], weight: 1.5 },
  { substance: '阿司匹林', category: 'medication', criticality: 'low', reactions: ['哮喘发作', '荨麻疹'], weight: 0.8 },
  { substance: '碘造影剂', category: 'medication', criticality: 'high', reactions: ['荨麻疹', '喉头水肿'], weight: 0.8 },
  { substance: '海鲜', category: 'food', criticality: 'low', reactions: ['荨麻疹', '瘙痒'], weight: 2 },
  { substance: '花生', category: 'food', criticality: 'high', reactions: ['口唇肿胀', '呼吸困难'], weight: 0.5 },
  { substance: '花粉', category: 'environment', criticality: 'low', reactions: ['过敏性鼻炎'], weight: 1.5 },
  { substance: '尘螨', category: 'environment', criticality: 'low', reactions: ['过敏性鼻炎', '哮喘发作'], weight: 1 },
];
