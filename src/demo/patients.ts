// Patients: a realistic age mix, Chinese names with pinyin, 身份证 and MRN, phone, home address, marital
// status and an emergency contact who fits (parents for children, a spouse, grown children for the widowed).
import type { Resource } from '../fhir/types.js';
import { SYS, concept, ref } from './codes.js';
import type { Sex, Surname } from './names.js';
import { HOSPITAL_ID, HOSPITAL_NAME } from './organizations.js';
import { chineseName, humanNames, mobileNumber, nameText, pickSurname, type IdCardIssuer } from './person.js';
import type { Rng } from './random.js';
import { REGIONS, homeAddress } from './regions.js';
import { DAY, date } from './time.js';

export interface PatientPlan {
  /** 1-based position; ids and visit numbers derive from it. */
  index: number;
  id: string;
  key: string;
  sex: Sex;
  ageYears: number;
  /** Epoch ms of birth (the birthDate's day is in China time). */
  bornMs: number;
  name: string;
  resource: Resource;
}

const YEAR = 365.25 * DAY;

/** Age bands (years) and their share of a general hospital's patients: older adults dominate. */
const AGE_BANDS: readonly [min: number, max: number, weight: number][] = [
  [0, 0.07, 3], [0.08, 1, 3], [1, 14, 8], [14, 30, 12], [30, 45, 17], [45, 60, 23], [60, 75, 22], [75, 95, 12],
];

const MARITAL = {
  S: ['Never Married', '未婚'], M: ['Married', '已婚'], D: ['Divorced', '离异'], W: ['Widowed', '丧偶'],
} as const;
type Marital = keyof typeof MARITAL;

function maritalFor(rng: Rng, age: number): Marital | undefined {
  if (age < 16) return undefined;
  const table: [Marital, number][] = age < 22 ? [['S', 1]]
    : age < 25 ? [['S', 80], ['M', 20]]
      : age < 35 ? [['S', 40], ['M', 58], ['D', 2]]
        : age < 60 ? [['S', 5], ['M', 85], ['D', 8], ['W', 2]]
          : age < 75 ? [['S', 2], ['M', 80], ['D', 5], ['W', 13]]
            : [['M', 55], ['D', 3], ['W', 42]];
  return rng.weighted(table, ([, w]) => w)[0];
}

const KIN = {
  SPS: ['spouse', '配偶'], MTH: ['mother', '母亲'], FTH: ['father', '父亲'], SON: ['natural son', '儿子'],
  DAU: ['natural daughter', '女儿'],
} as const;

/** The emergency contact: who it is follows from the patient's age, sex and marital status. */
function emergencyContact(rng: Rng, nowMs: number, sex: Sex, age: number, family: Surname, marital?: Marital): unknown {
  let kin: keyof typeof KIN;
  let kinAge: number;
  if (age < 18 || (marital === 'S' && age < 45)) {
    kin = rng.chance(0.6) ? 'MTH' : 'FTH';
    kinAge = age + rng.int(24, 34);
  } else if (marital === 'M') {
    kin = 'SPS';
    kinAge = Math.max(20, age + rng.int(-5, 5));
  } else {
    kin = rng.chance(0.5) ? 'SON' : 'DAU';
    kinAge = Math.max(18, age - rng.int(24, 32));
  }
  const kinSex: Sex = kin === 'SPS' ? (sex === 'male' ? 'female' : 'male') : kin === 'MTH' || kin === 'DAU' ? 'female' : 'male';
  // Children take the father's surname; a wife keeps her own.
  const sharesSurname = kin === 'FTH' || ((kin === 'SON' || kin === 'DAU') && sex === 'male');
  const surname = sharesSurname ? family : pickSurname(rng);
  const birthYear = Number(date(nowMs - kinAge * YEAR).slice(0, 4));
  const name = chineseName(rng, kinSex, birthYear, surname);
  return {
    relationship: [
      concept(SYS.v2ContactRole, 'C', 'Emergency Contact', '紧急联系人'),
      concept(SYS.v3RoleCode, kin, KIN[kin][0], KIN[kin][1]),
    ],
    name: { use: 'official', text: nameText(name), family: name.family, given: [name.given] },
    telecom: [{ system: 'phone', value: mobileNumber(rng), use: 'mobile' }],
    gender: kinSex,
  };
}

export function buildPatient(rng: Rng, index: number, nowMs: number, idCards: IdCardIssuer): PatientPlan {
  const key = String(index).padStart(4, '0');
  const id = `pat-${key}`;
  const [lo, hi] = rng.weighted(AGE_BANDS, (b) => b[2]);
  const ageYears = rng.float(lo, hi);
  const bornMs = nowMs - ageYears * YEAR;
  const birthDate = date(bornMs);
  const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
  const region = rng.weighted(REGIONS, (r) => r.weight);
  const surname = pickSurname(rng);
  const name = chineseName(rng, sex, Number(birthDate.slice(0, 4)), surname);
  const identifier: unknown[] = [];
  // A newborn has no 身份证 number until its household registration, usually within its first month.
  if (ageYears >= 28 / 365.25) {
    identifier.push({
      use: 'official', type: concept(SYS.v2IdType, 'NI', 'National unique individual identifier', '居民身份证'),
      system: SYS.idCard, value: idCards.issue(rng, region, birthDate, sex),
    });
  }
  identifier.push({
    use: 'usual', type: concept(SYS.v2IdType, 'MR', 'Medical record number', '病案号'),
    system: SYS.mrn, value: String(7_000_000 + index * 3 + rng.int(0, 2)).padStart(8, '0'),
  });
  const age = Math.floor(ageYears);
  const marital = maritalFor(rng, age);
  const address = homeAddress(region, rng);
  const resource: Resource = {
    resourceType: 'Patient', id, identifier, active: true, name: humanNames(name),
  };
  if (age >= 12 && (age < 80 || rng.chance(0.6))) resource.telecom = [{ system: 'phone', value: mobileNumber(rng), use: 'mobile' }];
  Object.assign(resource, {
    gender: sex, birthDate,
    address: [{
      use: 'home', type: 'both', text: address.text, line: [address.line], city: region.city,
      ...(region.district ? { district: region.district } : {}), state: region.province, country: 'CN',
    }],
  });
  if (marital) resource.maritalStatus = concept(SYS.v3Marital, marital, MARITAL[marital][0], MARITAL[marital][1]);
  resource.contact = [emergencyContact(rng, nowMs, sex, age, surname, marital)];
  resource.communication = [{ language: concept(SYS.bcp47, 'zh-CN', 'Chinese (China)', '中文'), preferred: true }];
  resource.managingOrganization = ref('Organization', HOSPITAL_ID, HOSPITAL_NAME);
  return { index, id, key, sex, ageYears, bornMs, name: nameText(name), resource };
}
