// Code systems, extensions and the department names the appointment resources use.
import { DEPARTMENTS } from '../../../demo/departments.js';
import { SYS as DEMO_SYS } from '../../../demo/codes.js';
import type { CodeableConcept } from '../../emr/encounters/fhir.js';

const HUIYI = 'http://huiyi.health/fhir';

export const SYS = {
  /** 诊疗科目 codes, as the hospital's Organizations and PractitionerRoles carry them */
  department: DEMO_SYS.department,
  physicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  cancelReason: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason',
  communicationCategory: 'http://terminology.hl7.org/CodeSystem/communication-category',
  serviceCategory: 'http://terminology.hl7.org/CodeSystem/service-category',
} as const;

export const EXT = {
  /** the language of a Communication.payload (BCP 47 code) */
  language: `${HUIYI}/StructureDefinition/language`,
  /** how an appointment was booked: portal (the patient) or desk (staff) — the standard counts electronic bookings */
  bookingChannel: `${HUIYI}/StructureDefinition/booking-channel`,
} as const;

export interface DepartmentName {
  code: string;
  name: string;
  nameEn: string;
}

/** Names of a 诊疗科目 code (the national list's Chinese name; our English one), else the coding's display. */
export function departmentName(code: string, display?: string): DepartmentName {
  const d = DEPARTMENTS.find((x) => x.code === code);
  return { code, name: d?.zh ?? display ?? code, nameEn: d?.en ?? display ?? code };
}

export function departmentConcept(code: string): CodeableConcept {
  const d = departmentName(code);
  return { coding: [{ system: SYS.department, code, display: d.name }], text: d.name };
}

/** The 诊疗科目 code in a CodeableConcept list (specialty / serviceType), if any. */
export function departmentCode(list: unknown): string | undefined {
  for (const c of (list as CodeableConcept[] | undefined) ?? []) {
    const code = (c.coding ?? []).find((k) => k.system === SYS.department)?.code;
    if (code) return code;
  }
  return undefined;
}

export const departmentToken = (code: string) => `${SYS.department}|${code}`;
