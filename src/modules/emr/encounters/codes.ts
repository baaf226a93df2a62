// Code systems and the outpatient status flow of Encounters, as data.
// Sources: HL7 FHIR R4 Encounter (http://hl7.org/fhir/R4/encounter.html, EncounterStatus and its state diagram),
// v3 ActCode (encounter class), HL7 v2 table 0116 (bed status), terminology.hl7.org CodeSystems admit-source and
// discharge-disposition (R4 value sets encounter-admit-source / encounter-discharge-disposition); the Chinese
// labels follow 病案首页 wording (入院途径, 离院方式) where it has one.

export const SYS = {
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participation: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  bedStatus: 'http://terminology.hl7.org/CodeSystem/v2-0116',
  physicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  admitSource: 'http://terminology.hl7.org/CodeSystem/admit-source',
  dischargeDisposition: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
} as const;

export const CLASS = {
  AMB: { code: 'AMB', display: 'ambulatory' },
  EMER: { code: 'EMER', display: 'emergency' },
  IMP: { code: 'IMP', display: 'inpatient encounter' },
} as const;
export type EncounterClassCode = keyof typeof CLASS;

export type EncounterStatus =
  | 'planned' | 'arrived' | 'triaged' | 'in-progress' | 'onleave' | 'finished' | 'cancelled' | 'entered-in-error' | 'unknown';
export const ENCOUNTER_STATUSES: readonly EncounterStatus[] = [
  'planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled', 'entered-in-error', 'unknown',
];

/**
 * Status changes allowed through the status endpoint: 挂号 (planned/arrived) → 就诊中 (in-progress) → 结束 (finished),
 * or cancelled before the consultation began. Inpatient stays go on and come back from leave here; they finish only
 * by discharge (which frees the bed), never by a bare status change.
 */
export const TRANSITIONS: Record<'outpatient' | 'inpatient', Partial<Record<EncounterStatus, readonly EncounterStatus[]>>> = {
  outpatient: {
    planned: ['arrived', 'in-progress', 'cancelled'],
    arrived: ['triaged', 'in-progress', 'cancelled'],
    triaged: ['in-progress', 'cancelled'],
    'in-progress': ['finished'],
  },
  inpatient: {
    'in-progress': ['onleave'],
    onleave: ['in-progress'],
  },
};

/** Statuses of an encounter that is still going on (the ward's patients, the bed's occupant). */
export const ACTIVE_STATUSES: readonly EncounterStatus[] = ['arrived', 'triaged', 'in-progress', 'onleave'];

/** HL7 v2 table 0116 bed status. */
export const BED_STATUS = {
  C: 'Closed', H: 'Housekeeping', I: 'Isolated', K: 'Contaminated', O: 'Occupied', U: 'Unoccupied',
} as const;
export type BedStatusCode = keyof typeof BED_STATUS;

export const PHYSICAL = {
  wa: 'Ward', ro: 'Room', bd: 'Bed',
} as const;

/** admit-source (入院途径). */
export const ADMIT_SOURCES: Record<string, { display: string; zh: string }> = {
  'hosp-trans': { display: 'Transferred from other hospital', zh: '其他医疗机构转入' },
  emd: { display: 'From accident/emergency department', zh: '急诊' },
  outp: { display: 'From outpatient department', zh: '门诊' },
  born: { display: 'Born in hospital', zh: '院内出生' },
  gp: { display: 'General Practitioner referral', zh: '全科医生转诊' },
  mp: { display: 'Medical Practitioner/physician referral', zh: '医生转诊' },
  nursing: { display: 'From nursing home', zh: '护理院转入' },
  psych: { display: 'From psychiatric hospital', zh: '精神病院转入' },
  rehab: { display: 'From rehabilitation facility', zh: '康复机构转入' },
  other: { display: 'Other', zh: '其他' },
};

/** discharge-disposition (离院方式). */
export const DISCHARGE_DISPOSITIONS: Record<string, { display: string; zh: string }> = {
  home: { display: 'Home', zh: '医嘱离院' },
  'alt-home': { display: 'Alternative home', zh: '医嘱离院（其他住所）' },
  'other-hcf': { display: 'Other healthcare facility', zh: '医嘱转院' },
  hosp: { display: 'Hospice', zh: '转安宁疗护' },
  long: { display: 'Long-term care', zh: '转长期照护机构' },
  aadvice: { display: 'Left against advice', zh: '非医嘱离院' },
  exp: { display: 'Expired', zh: '死亡' },
  psy: { display: 'Psychiatric hospital', zh: '转精神专科医院' },
  rehab: { display: 'Rehabilitation', zh: '转康复机构' },
  snf: { display: 'Skilled nursing facility', zh: '转护理机构' },
  oth: { display: 'Other', zh: '其他' },
};
