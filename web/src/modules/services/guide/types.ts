// The /api/guide contract as the web app sees it (the server's engine.ts is the source of truth).
export interface GuideInput {
  text: string;
  age?: number;
  sex?: 'female' | 'male';
  pregnant?: boolean;
  lang?: 'zh' | 'en';
  bodyParts?: string[];
}

export interface GuideRedFlag {
  code: string;
  label: string;
  reason: string;
}

export interface GuideDepartment {
  code: string;
  name: string;
  nameEn: string;
  score: number;
  evidence: string[];
}

export interface GuideResult {
  emergency: boolean;
  redFlags: GuideRedFlag[];
  departments: GuideDepartment[];
  advice: string;
}

/** The body-part chips (server: kb/body-parts.ts); labels are in the messages. */
export const BODY_PARTS = ['head', 'eye', 'ear-nose-throat', 'mouth-teeth', 'neck', 'chest', 'abdomen', 'back', 'pelvis', 'genital-urinary', 'arms-legs', 'skin', 'mind', 'whole-body'] as const;

export const MAX_TEXT = 2000;
