// Hospital staff: Practitioners (name, licence, title) and PractitionerRoles (department, ward, clinic hours).
import type { Resource } from '../fhir/types.js';
import { SYS, concept, coding, ref } from './codes.js';
import { DEPARTMENTS, departmentId } from './departments.js';
import type { Layout } from './locations.js';
import { WARDS } from './location-plan.js';
import type { Sex } from './names.js';
import { HOSPITAL_ADMIN_CODE, SUPPORT_UNITS } from './organizations.js';
import { chineseName, humanNames, mobileNumber, nameText, type ChineseName } from './person.js';
import type { Rng } from './random.js';
import { POSITIONS, PROFESSION_CODE, TITLES, type Profession, type Title } from './staff-titles.js';
import { DAY, date } from './time.js';

export interface Member {
  id: string;
  name: string;
}

export interface Staff {
  resources: Resource[];
  /** Department code → its doctors / nurses; the first is the director / head nurse. */
  doctors: Map<string, Member[]>;
  nurses: Map<string, Member[]>;
}

interface Post {
  profession: Profession;
  /** A department code, or a support unit's Organization id. */
  unit: string;
  title: Title;
  position?: keyof typeof POSITIONS;
}

const BIG_WARDS = new Set(['03.01', '03.02', '03.03', '03.04', '04.01']);
const DOCTOR_LADDER = [TITLES.chiefPhysician, TITLES.associateChiefPhysician, TITLES.residentPhysician];

/** Who works where: wards get 2–3 doctors and 2–3 nurses, other departments a doctor or technicians. */
function posts(rng: Rng): Post[] {
  const out: Post[] = [];
  const ward = new Set(WARDS.map((w) => w.dept));
  for (const d of DEPARTMENTS) {
    const doctors = d.code === '30' ? 0 : ward.has(d.code) ? (BIG_WARDS.has(d.code) ? 3 : 2) : d.kind === 'emergency' ? 2 : 1;
    for (let i = 0; i < doctors; i++) {
      const title = doctors === 1
        ? rng.pick([TITLES.chiefPhysician, TITLES.associateChiefPhysician, TITLES.attendingPhysician])
        : i === 1 && rng.chance(0.5) ? TITLES.attendingPhysician : (DOCTOR_LADDER[i] as Title);
      out.push({ profession: 'doctor', unit: d.code, title, ...(i === 0 ? { position: 'director' as const } : {}) });
    }
    const nurses = d.code === '28' ? 3 : ward.has(d.code) ? 2 : d.kind === 'emergency' ? 1 : 0;
    for (let i = 0; i < nurses; i++) {
      const title = i === 0
        ? rng.pick([TITLES.associateChiefNurse, TITLES.nurseInCharge])
        : rng.pick([TITLES.nurseInCharge, TITLES.seniorNurse, TITLES.seniorNurse, TITLES.nurse]);
      out.push({ profession: 'nurse', unit: d.code, title, ...(i === 0 && nurses > 1 ? { position: 'headNurse' as const } : {}) });
    }
    if (d.kind === 'medical-technology') {
      out.push({ profession: 'technician', unit: d.code, title: TITLES.technologistInCharge });
      if (d.code === '30') out.push({ profession: 'technician', unit: d.code, title: TITLES.technologist });
    }
  }
  out.push({ profession: 'pharmacist', unit: 'dept-pharmacy', title: TITLES.pharmacistInCharge });
  out.push({ profession: 'pharmacist', unit: 'dept-pharmacy', title: TITLES.pharmacist });
  out.push({ profession: 'ict', unit: 'dept-it', title: TITLES.engineer });
  return out;
}

function sexFor(rng: Rng, post: Post): Sex {
  const pMale = post.profession === 'nurse' ? 0.05
    : post.unit.startsWith('04.') ? 0.8 : post.unit.startsWith('05.') ? 0.1 : 0.5;
  return rng.chance(pMale) ? 'male' : 'female';
}

const LICENCE: Record<Profession, { system: string; type?: [string, string]; text: string } | undefined> = {
  doctor: { system: SYS.physicianLicense, type: ['MD', 'Medical License number'], text: '医师执业证书编码' },
  nurse: { system: SYS.nurseLicense, type: ['RN', 'Registered Nurse Number'], text: '护士执业证书编号' },
  pharmacist: { system: SYS.pharmacistLicense, type: ['LN', 'License number'], text: '执业药师注册证编号' },
  technician: { system: SYS.technicianCertificate, text: '卫生专业技术资格证书编号' },
  ict: undefined,
};

/** Shaped like real certificate numbers (issue year, area code, serial); no issuing rule is claimed. */
function licenceNumber(rng: Rng, profession: Profession, year: number): string {
  const serial = (n: number): string => String(rng.int(0, 10 ** n - 1)).padStart(n, '0');
  const area = HOSPITAL_ADMIN_CODE;
  if (profession === 'doctor') return `11${area}${year}${serial(3)}`;
  if (profession === 'nurse') return `${year}${area.slice(0, 2)}${serial(6)}`;
  return `${year}${area.slice(0, 4)}${serial(6)}`;
}

function unitRef(unit: string): unknown {
  const support = SUPPORT_UNITS.find((u) => u.id === unit);
  if (support) return ref('Organization', support.id, support.name);
  const d = DEPARTMENTS.find((x) => x.code === unit);
  return ref('Organization', departmentId(unit), d?.unit);
}

/** zhangjianan, lvli: ASCII pinyin as Chinese mailboxes spell it (ü typed as v). */
function emailName(name: ChineseName): string {
  return `${name.familyPinyin}${name.givenPinyin}`.toLowerCase().replaceAll('ü', 'v').replaceAll("'", '');
}

function practitioner(rng: Rng, post: Post, n: string, nowMs: number): { resource: Resource; name: ChineseName } {
  const sex = sexFor(rng, post);
  const birthMs = nowMs - (rng.int(post.title.ages[0], post.title.ages[1]) * 365.25 + rng.int(0, 364)) * DAY;
  const birthDate = date(birthMs);
  const name = chineseName(rng, sex, Number(birthDate.slice(0, 4)));
  const licence = LICENCE[post.profession];
  const year = Math.min(Number(date(nowMs).slice(0, 4)) - 1, Number(birthDate.slice(0, 4)) + rng.int(23, 27));
  const licenceNo = licence ? licenceNumber(rng, post.profession, year) : undefined;
  const identifier: unknown[] = [{ use: 'usual', type: { text: '工号' }, system: SYS.staffNumber, value: `HY${n}${rng.int(10, 99)}` }];
  if (licence && licenceNo) {
    identifier.unshift({
      use: 'official',
      type: licence.type ? concept(SYS.v2IdType, licence.type[0], licence.type[1], licence.text) : { text: licence.text },
      system: licence.system, value: licenceNo,
    });
  }
  const resource: Resource = {
    resourceType: 'Practitioner', id: `prac-${n}`, identifier, active: true, name: humanNames(name),
    telecom: [
      { system: 'phone', value: mobileNumber(rng), use: 'mobile' },
      { system: 'email', value: `${emailName(name)}.${n}@hospital.huiyi.example`, use: 'work' },
    ],
    gender: sex, birthDate,
    qualification: [{
      ...(licence && licenceNo ? { identifier: [{ system: licence.system, value: licenceNo }] } : {}),
      code: { coding: [coding(SYS.professionalTitle, post.title.code, post.title.zh)], text: post.title.zh },
      issuer: { display: post.profession === 'ict' ? '广东省人力资源和社会保障厅' : '慧医市卫生健康局' },
    }],
  };
  return { resource, name };
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

function practitionerRole(rng: Rng, post: Post, n: string, member: Member, layout: Layout): Resource {
  const prof = PROFESSION_CODE[post.profession];
  const code = [concept(prof.system === 'hl7' ? SYS.practitionerRole : SYS.staffRole, prof.code, prof.display, prof.zh)];
  if (post.position) {
    const p = POSITIONS[post.position];
    code.push(concept(SYS.position, p.code, p.zh, p.zh));
  }
  const role: Resource = {
    resourceType: 'PractitionerRole', id: `prole-${n}`, active: true,
    practitioner: ref('Practitioner', member.id, member.name), organization: unitRef(post.unit), code,
  };
  const dept = DEPARTMENTS.find((d) => d.code === post.unit);
  if (dept) role.specialty = [{ coding: [coding(SYS.department, dept.code, dept.zh)], text: dept.unit }];
  const wardId = layout.wards.find((w) => w.dept === post.unit)?.id;
  const clinics = post.profession === 'doctor' ? layout.clinics.get(post.unit) ?? [] : [];
  const locations = [...(wardId ? [wardId] : []), ...clinics, ...(layout.serviceRooms.get(post.unit) ?? [])];
  if (locations.length) role.location = locations.map((l) => ref('Location', l));
  // Doctors with a clinic sit there one or two mornings a week (a director once).
  if (clinics.length) {
    const days = rng.shuffle(WEEKDAYS).slice(0, post.title === TITLES.chiefPhysician ? 1 : 2);
    role.availableTime = [{
      daysOfWeek: WEEKDAYS.filter((d) => days.includes(d)), availableStartTime: '08:00:00', availableEndTime: '12:00:00',
    }];
  }
  return role;
}

export function buildStaff(rng: Rng, layout: Layout, nowMs: number): Staff {
  const staff: Staff = { resources: [], doctors: new Map(), nurses: new Map() };
  const roles: Resource[] = [];
  posts(rng).forEach((post, i) => {
    const n = String(i + 1).padStart(3, '0');
    const { resource, name } = practitioner(rng, post, n, nowMs);
    const member = { id: resource.id as string, name: nameText(name) };
    staff.resources.push(resource);
    if (post.profession === 'doctor' || post.profession === 'nurse') {
      const map = post.profession === 'doctor' ? staff.doctors : staff.nurses;
      map.set(post.unit, [...(map.get(post.unit) ?? []), member]);
    }
    roles.push(practitionerRole(rng, post, n, member, layout));
  });
  staff.resources.push(...roles);
  return staff;
}
