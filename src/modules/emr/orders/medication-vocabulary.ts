// The small vocabularies of a medication order: routes of administration, frequencies, dose units.
//
// Sources
// - Routes: HL7 v3 RouteOfAdministration (http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration, free to use;
//   codes and English displays as published there). SNOMED CT route codes are not shipped (see
//   docs/clinical-references.md: SNOMED CT is never bundled). Chinese names are the usual 用法 words of Chinese
//   prescriptions (口服、静脉滴注 …; 《处方管理办法》, 卫生部令第53号, 2007, lets 用法 be written in standard Chinese,
//   English, Latin or their abbreviations).
// - Frequencies: the Latin abbreviations of Chinese prescriptions (qd, bid, tid …),
//   as FHIR Timing with the HL7 v3 GTSAbbreviation code where one exists (timing-abbreviation value set; there is no
//   code for q12h, st or qn, which keep only the repeat). prn (必要时) is Dosage.asNeededBoolean, not a Timing.
// - Dose units: UCUM (http://unitsofmeasure.org), with annotations ({tbl}, {cap}, {puff}) for count units.
import type { Bilingual } from '../notes/templates.js';

export const ROUTE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration';
export const GTS_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';
export const FREQUENCY_SYSTEM = 'https://huiyi.dev/fhir/CodeSystem/medication-frequency';
export const UCUM = 'http://unitsofmeasure.org';

export interface RouteOfAdministration {
  code: string;
  display: string;
  name: Bilingual;
}

export const ROUTES: readonly RouteOfAdministration[] = [
  { code: 'PO', display: 'Swallow, oral', name: { zh: '口服', en: 'Oral' } },
  { code: 'SL', display: 'Dissolve, sublingual', name: { zh: '舌下含服', en: 'Sublingual' } },
  { code: 'IV', display: 'Infusion, intravenous', name: { zh: '静脉滴注', en: 'Intravenous infusion' } },
  { code: 'IVINJ', display: 'Injection, intravenous', name: { zh: '静脉注射', en: 'Intravenous injection' } },
  { code: 'IM', display: 'Injection, intramuscular', name: { zh: '肌内注射', en: 'Intramuscular injection' } },
  { code: 'SQ', display: 'Injection, subcutaneous', name: { zh: '皮下注射', en: 'Subcutaneous injection' } },
  { code: 'IDINJ', display: 'Injection, intradermal', name: { zh: '皮内注射', en: 'Intradermal injection' } },
  { code: 'NEB', display: 'Inhalation, nebulization', name: { zh: '雾化吸入', en: 'Nebulised inhalation' } },
  { code: 'IPINHL', display: 'Inhalation, respiratory', name: { zh: '吸入', en: 'Inhalation' } },
  { code: 'NGT', display: 'Instillation, nasogastric tube', name: { zh: '鼻饲', en: 'Nasogastric tube' } },
  { code: 'PR', display: 'Insertion, rectal', name: { zh: '直肠给药', en: 'Rectal' } },
  { code: 'OPTHALTA', display: 'Topical application, ophthalmic', name: { zh: '滴眼', en: 'Eye drops' } },
  { code: 'TOPICAL', display: 'Topical', name: { zh: '外用', en: 'Topical' } },
];

export interface Frequency {
  code: string;
  name: Bilingual;
  /** HL7 v3 GTSAbbreviation code, where one exists */
  gts?: string;
  /** Timing.repeat; absent for prn */
  repeat?: { frequency?: number; period?: number; periodUnit?: 'h' | 'd' | 'wk'; count?: number; when?: string[] };
  asNeeded?: true;
}

export const FREQUENCIES: readonly Frequency[] = [
  { code: 'qd', name: { zh: '每日一次', en: 'Once a day' }, gts: 'QD', repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
  { code: 'bid', name: { zh: '每日两次', en: 'Twice a day' }, gts: 'BID', repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
  { code: 'tid', name: { zh: '每日三次', en: 'Three times a day' }, gts: 'TID', repeat: { frequency: 3, period: 1, periodUnit: 'd' } },
  { code: 'qid', name: { zh: '每日四次', en: 'Four times a day' }, gts: 'QID', repeat: { frequency: 4, period: 1, periodUnit: 'd' } },
  { code: 'q6h', name: { zh: '每6小时一次', en: 'Every 6 hours' }, gts: 'Q6H', repeat: { frequency: 1, period: 6, periodUnit: 'h' } },
  { code: 'q8h', name: { zh: '每8小时一次', en: 'Every 8 hours' }, gts: 'Q8H', repeat: { frequency: 1, period: 8, periodUnit: 'h' } },
  { code: 'q12h', name: { zh: '每12小时一次', en: 'Every 12 hours' }, repeat: { frequency: 1, period: 12, periodUnit: 'h' } },
  { code: 'qn', name: { zh: '每晚一次', en: 'Every night' }, repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] } },
  { code: 'qod', name: { zh: '隔日一次', en: 'Every other day' }, gts: 'QOD', repeat: { frequency: 1, period: 2, periodUnit: 'd' } },
  { code: 'qw', name: { zh: '每周一次', en: 'Once a week' }, gts: 'WK', repeat: { frequency: 1, period: 1, periodUnit: 'wk' } },
  { code: 'st', name: { zh: '立即（一次）', en: 'Now (once)' }, repeat: { count: 1 } },
  { code: 'prn', name: { zh: '必要时', en: 'When needed' }, asNeeded: true },
];

export interface DoseUnit {
  /** UCUM code */
  code: string;
  name: Bilingual;
}

export const DOSE_UNITS: readonly DoseUnit[] = [
  { code: 'mg', name: { zh: 'mg', en: 'mg' } },
  { code: 'g', name: { zh: 'g', en: 'g' } },
  { code: 'ug', name: { zh: 'μg', en: 'μg' } },
  { code: 'mL', name: { zh: 'mL', en: 'mL' } },
  { code: '[iU]', name: { zh: 'IU（国际单位）', en: 'IU' } },
  { code: '{tbl}', name: { zh: '片', en: 'tablet(s)' } },
  { code: '{cap}', name: { zh: '粒', en: 'capsule(s)' } },
  { code: '{puff}', name: { zh: '揿', en: 'puff(s)' } },
];

export const route = (code: string) => ROUTES.find((r) => r.code === code);
export const frequency = (code: string) => FREQUENCIES.find((f) => f.code === code);
export const doseUnit = (code: string) => DOSE_UNITS.find((u) => u.code === code);

/** FHIR Timing of a frequency (undefined for prn). */
export function timingOf(f: Frequency): Record<string, unknown> | undefined {
  if (!f.repeat) return undefined;
  const coding = [{ system: FREQUENCY_SYSTEM, code: f.code, display: f.name.zh }];
  if (f.gts) coding.unshift({ system: GTS_SYSTEM, code: f.gts, display: f.gts });
  return { repeat: f.repeat, code: { coding, text: f.code } };
}
