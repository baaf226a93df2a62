// Code systems and identifier systems used by the demo data, and the small builders every generator file needs.
import type { Coding } from '../fhir/types.js';

export const HUIYI = 'https://huiyi.dev/fhir';
export const SYS = {
  department: `${HUIYI}/CodeSystem/department`,
  /** What a Location is for (the triage module's system: triage = where ED arrivals wait after triage). */
  locationFunction: 'http://huiyi.health/fhir/CodeSystem/location-function',
  professionalTitle: `${HUIYI}/CodeSystem/professional-title`,
  position: `${HUIYI}/CodeSystem/position`,
  staffRole: `${HUIYI}/CodeSystem/staff-role`,
  hospitalGrade: `${HUIYI}/CodeSystem/hospital-grade`,
  uscc: `${HUIYI}/sid/uscc`,
  institutionLicense: `${HUIYI}/sid/medical-institution-license`,
  mrn: `${HUIYI}/sid/mrn`,
  visitNumber: `${HUIYI}/sid/visit-number`,
  staffNumber: `${HUIYI}/sid/staff-number`,
  physicianLicense: `${HUIYI}/sid/physician-license`,
  nurseLicense: `${HUIYI}/sid/nurse-license`,
  pharmacistLicense: `${HUIYI}/sid/pharmacist-license`,
  technicianCertificate: `${HUIYI}/sid/technician-certificate`,
  /** 居民身份证: the Chinese national ID OID. */
  idCard: 'urn:oid:2.16.156.10011.1.3',
  v2IdType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v2BedStatus: 'http://terminology.hl7.org/CodeSystem/v2-0116',
  v2ContactRole: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  v3RoleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  v3Marital: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus',
  v3Participation: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  v3Priority: 'http://terminology.hl7.org/CodeSystem/v3-ActPriority',
  physicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  orgType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  practitionerRole: 'http://terminology.hl7.org/CodeSystem/practitioner-role',
  admitSource: 'http://terminology.hl7.org/CodeSystem/admit-source',
  dischargeDisposition: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  bcp47: 'urn:ietf:bcp:47',
} as const;

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference: string;
  display?: string;
}

export function coding(system: string, code: string, display?: string): Coding {
  return display === undefined ? { system, code } : { system, code, display };
}

/** A CodeableConcept with one coding; `text` is the Chinese label a user sees. */
export function concept(system: string, code: string, display?: string, text?: string): CodeableConcept {
  const c: CodeableConcept = { coding: [coding(system, code, display)] };
  if (text !== undefined) c.text = text;
  return c;
}

export function ref(resourceType: string, id: string, display?: string): Reference {
  return display === undefined ? { reference: `${resourceType}/${id}` } : { reference: `${resourceType}/${id}`, display };
}
