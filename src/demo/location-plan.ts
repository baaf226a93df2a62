// The demo hospital's physical layout: two campuses, their buildings, the inpatient wards and where each
// department's outpatient clinic rooms are. Room and bed counts are drawn at build time.

export interface CampusPlan {
  id: string;
  name: string;
  en: string;
  line: string;
}

export interface BuildingPlan {
  id: string;
  campus: string;
  name: string;
  en: string;
}

export interface WardPlan {
  dept: string;
  building: string;
  floor: number;
  /** v3 ServiceDeliveryLocationRoleType. */
  type: string;
  rooms: [min: number, max: number];
  bedsPerRoom: readonly number[];
}

export interface ClinicPlan {
  dept: string;
  building: string;
  floor: number;
  rooms: number;
  /** v3 ServiceDeliveryLocationRoleType, where one fits the clinic. */
  type?: string;
}

export const CAMPUSES: readonly CampusPlan[] = [
  { id: 'campus-main', name: '本部院区', en: 'Main Campus', line: '健康大道1号' },
  { id: 'campus-east', name: '东院区', en: 'East Campus', line: '滨海路88号' },
];

export const BUILDINGS: readonly BuildingPlan[] = [
  { id: 'bldg-main-opd', campus: 'campus-main', name: '门诊楼', en: 'Outpatient Building' },
  { id: 'bldg-main-ipd', campus: 'campus-main', name: '住院楼', en: 'Inpatient Building' },
  { id: 'bldg-main-er', campus: 'campus-main', name: '急诊楼', en: 'Emergency Building' },
  { id: 'bldg-main-mt', campus: 'campus-main', name: '医技楼', en: 'Medical Technology Building' },
  { id: 'bldg-east-wc', campus: 'campus-east', name: '妇儿楼', en: "Women's and Children's Building" },
  { id: 'bldg-east-ipd', campus: 'campus-east', name: '东院住院楼', en: 'East Inpatient Building' },
];

const GENERAL = [2, 3, 3, 3, 4] as const;

export const WARDS: readonly WardPlan[] = [
  { dept: '28', building: 'bldg-main-ipd', floor: 3, type: 'ICU', rooms: [6, 6], bedsPerRoom: [2] },
  { dept: '03.04', building: 'bldg-main-ipd', floor: 7, type: 'HU', rooms: [9, 12], bedsPerRoom: GENERAL },
  { dept: '03.01', building: 'bldg-main-ipd', floor: 8, type: 'HU', rooms: [9, 12], bedsPerRoom: GENERAL },
  { dept: '03.02', building: 'bldg-main-ipd', floor: 9, type: 'HU', rooms: [8, 11], bedsPerRoom: GENERAL },
  { dept: '03.03', building: 'bldg-main-ipd', floor: 10, type: 'HU', rooms: [8, 11], bedsPerRoom: GENERAL },
  { dept: '04.01', building: 'bldg-main-ipd', floor: 11, type: 'HU', rooms: [9, 12], bedsPerRoom: GENERAL },
  { dept: '04.03', building: 'bldg-east-ipd', floor: 5, type: 'HU', rooms: [9, 12], bedsPerRoom: GENERAL },
  { dept: '07', building: 'bldg-east-wc', floor: 5, type: 'PEDU', rooms: [8, 10], bedsPerRoom: [2, 3, 3] },
  { dept: '05.02', building: 'bldg-east-wc', floor: 6, type: 'HU', rooms: [8, 10], bedsPerRoom: [2, 2, 3] },
];

export const CLINICS: readonly ClinicPlan[] = [
  { dept: '03.01', building: 'bldg-main-opd', floor: 2, rooms: 2 },
  { dept: '03.02', building: 'bldg-main-opd', floor: 2, rooms: 2, type: 'GI' },
  { dept: '03.03', building: 'bldg-main-opd', floor: 2, rooms: 2, type: 'NEUR' },
  { dept: '03.04', building: 'bldg-main-opd', floor: 2, rooms: 3 },
  { dept: '03.05', building: 'bldg-main-opd', floor: 2, rooms: 1, type: 'HEM' },
  { dept: '03.06', building: 'bldg-main-opd', floor: 2, rooms: 1, type: 'NEPH' },
  { dept: '03.07', building: 'bldg-main-opd', floor: 2, rooms: 2, type: 'ENDO' },
  { dept: '04.01', building: 'bldg-main-opd', floor: 3, rooms: 2, type: 'SU' },
  { dept: '04.02', building: 'bldg-main-opd', floor: 3, rooms: 1 },
  { dept: '04.03', building: 'bldg-main-opd', floor: 3, rooms: 2, type: 'ORTHO' },
  { dept: '04.04', building: 'bldg-main-opd', floor: 3, rooms: 1, type: 'URO' },
  { dept: '04.05', building: 'bldg-main-opd', floor: 3, rooms: 1 },
  { dept: '10', building: 'bldg-main-opd', floor: 4, rooms: 2, type: 'OPH' },
  { dept: '11', building: 'bldg-main-opd', floor: 4, rooms: 1, type: 'ENT' },
  { dept: '12', building: 'bldg-main-opd', floor: 4, rooms: 2 },
  { dept: '13', building: 'bldg-main-opd', floor: 5, rooms: 1, type: 'DERM' },
  { dept: '15', building: 'bldg-main-opd', floor: 5, rooms: 1, type: 'PSY' },
  { dept: '19', building: 'bldg-main-opd', floor: 5, rooms: 1, type: 'ONCL' },
  { dept: '50', building: 'bldg-main-opd', floor: 5, rooms: 2 },
  { dept: '05.01', building: 'bldg-east-wc', floor: 1, rooms: 1, type: 'GYN' },
  { dept: '05.02', building: 'bldg-east-wc', floor: 1, rooms: 2, type: 'OB' },
  { dept: '07', building: 'bldg-east-wc', floor: 2, rooms: 3, type: 'PEDC' },
  { dept: '20', building: 'bldg-main-er', floor: 1, rooms: 2, type: 'ER' },
];

/** Rooms that are not clinics: resuscitation, observation, laboratory, imaging, pharmacies. */
export interface ServiceRoomPlan {
  id: string;
  /** A department code, or a support unit's Organization id. */
  owner: string;
  building: string;
  floor: number;
  name: string;
  en: string;
  type?: string;
  /** Where ED arrivals wait after triage (Location.type location-function|triage; see the triage module). */
  triage?: boolean;
}

export const SERVICE_ROOMS: readonly ServiceRoomPlan[] = [
  { id: 'er-resus', owner: '20', building: 'bldg-main-er', floor: 1, name: '急诊抢救室', en: 'Resuscitation Room', type: 'ER' },
  { id: 'er-observation', owner: '20', building: 'bldg-main-er', floor: 2, name: '急诊留观室', en: 'ED Observation Room', type: 'ER' },
  { id: 'er-triage', owner: '20', building: 'bldg-main-er', floor: 1, name: '急诊预检分诊处', en: 'ED Triage and Waiting Area', type: 'ER', triage: true },
  { id: 'lab-phlebotomy', owner: '30', building: 'bldg-main-mt', floor: 1, name: '门诊采血室', en: 'Phlebotomy Room', type: 'HLAB' },
  { id: 'lab-core', owner: '30', building: 'bldg-main-mt', floor: 2, name: '检验科实验室', en: 'Core Laboratory', type: 'HLAB' },
  { id: 'img-dr', owner: '32', building: 'bldg-main-mt', floor: 1, name: 'DR摄片室', en: 'Digital Radiography Room', type: 'HRAD' },
  { id: 'img-ct', owner: '32', building: 'bldg-main-mt', floor: 1, name: 'CT室', en: 'CT Room', type: 'HRAD' },
  { id: 'img-mri', owner: '32', building: 'bldg-main-mt', floor: 1, name: 'MRI室', en: 'MRI Room', type: 'HRAD' },
  { id: 'pharm-opd', owner: 'dept-pharmacy', building: 'bldg-main-opd', floor: 1, name: '门诊药房', en: 'Outpatient Pharmacy', type: 'OUTPHARM' },
  { id: 'pharm-ipd', owner: 'dept-pharmacy', building: 'bldg-main-ipd', floor: 1, name: '住院药房', en: 'Inpatient Pharmacy', type: 'INPHARM' },
];
