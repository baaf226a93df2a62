// Professional titles (卫生专业技术资格: 正高/副高/中级/初级) and positions used for hospital staff, with the
// age range a holder of each title typically has.

export interface Title {
  code: string;
  zh: string;
  ages: [min: number, max: number];
}

function t(code: string, zh: string, min: number, max: number): Title {
  return { code, zh, ages: [min, max] };
}

export const TITLES = {
  chiefPhysician: t('chief-physician', '主任医师', 47, 60),
  associateChiefPhysician: t('associate-chief-physician', '副主任医师', 40, 55),
  attendingPhysician: t('attending-physician', '主治医师', 31, 45),
  residentPhysician: t('resident-physician', '住院医师', 25, 32),
  associateChiefNurse: t('associate-chief-nurse', '副主任护师', 40, 55),
  nurseInCharge: t('nurse-in-charge', '主管护师', 30, 50),
  seniorNurse: t('senior-nurse', '护师', 25, 38),
  nurse: t('nurse', '护士', 21, 27),
  pharmacistInCharge: t('pharmacist-in-charge', '主管药师', 30, 50),
  pharmacist: t('pharmacist', '药师', 24, 35),
  technologistInCharge: t('technologist-in-charge', '主管技师', 30, 50),
  technologist: t('technologist', '技师', 24, 35),
  engineer: t('engineer', '工程师', 26, 45),
} as const;

/** Positions (职务) held on top of a title. */
export const POSITIONS = {
  director: { code: 'department-director', zh: '科主任', en: 'Department director' },
  headNurse: { code: 'head-nurse', zh: '护士长', en: 'Head nurse' },
} as const;

export type Profession = 'doctor' | 'nurse' | 'pharmacist' | 'technician' | 'ict';

/** practitioner-role codes; technicians have none there, so they get a Huiyi code. */
export const PROFESSION_CODE: Record<Profession, { system: 'hl7' | 'huiyi'; code: string; display: string; zh: string }> = {
  doctor: { system: 'hl7', code: 'doctor', display: 'Doctor', zh: '医生' },
  nurse: { system: 'hl7', code: 'nurse', display: 'Nurse', zh: '护士' },
  pharmacist: { system: 'hl7', code: 'pharmacist', display: 'Pharmacist', zh: '药师' },
  technician: { system: 'huiyi', code: 'technician', display: 'Medical technologist', zh: '技师' },
  ict: { system: 'hl7', code: 'ict', display: 'ICT professional', zh: '信息工程师' },
};
