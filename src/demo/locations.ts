// The Location tree — campus (si) → building (bu) → ward (wa) → room (ro) → bed (bd) — plus clinic and service
// rooms. Beds carry operationalStatus from HL7 v2 table 0116; occupancy is set once patients are admitted.
import type { Resource } from '../fhir/types.js';
import { SYS, concept, ref } from './codes.js';
import { department, departmentId } from './departments.js';
import { BUILDINGS, CAMPUSES, CLINICS, SERVICE_ROOMS, WARDS } from './location-plan.js';
import { HOSPITAL_ID, HOSPITAL_NAME, hospitalAddress } from './organizations.js';
import type { Rng } from './random.js';

const ROLE_DISPLAY: Record<string, string> = {
  HU: 'Hospital unit', ICU: 'Intensive care unit', PEDU: 'Pediatric unit', ER: 'Emergency room',
  GI: 'Gastroenterology clinic', NEUR: 'Neurology clinic', HEM: 'Hematology clinic', NEPH: 'Nephrology clinic',
  ENDO: 'Endocrinology clinic', SU: 'Surgery clinic', ORTHO: 'Orthopedics clinic', URO: 'Urology clinic',
  OPH: 'Opthalmology clinic', ENT: 'Otorhinolaryngology clinic', DERM: 'Dermatology clinic', PSY: 'Psychiatry clinic',
  ONCL: 'Medical oncology clinic', GYN: 'Gynecology clinic', OB: 'Obstetrics clinic', PEDC: 'Pediatrics clinic',
  HLAB: 'hospital laboratory', HRAD: 'radiology unit', OUTPHARM: 'outpatient pharmacy', INPHARM: 'inpatient pharmacy',
};

export const BED_STATUS = {
  C: 'Closed', H: 'Housekeeping', I: 'Isolated', K: 'Contaminated', O: 'Occupied', U: 'Unoccupied',
} as const;
export type BedStatus = keyof typeof BED_STATUS;

export interface Bed {
  id: string;
  roomId: string;
  wardId: string;
  dept: string;
  resource: Resource;
}

export interface Ward {
  id: string;
  dept: string;
  beds: Bed[];
}

export interface Layout {
  /** Parents before children. */
  resources: Resource[];
  wards: Ward[];
  /** Department code → its clinic room ids. */
  clinics: Map<string, string[]>;
  /** Department code or support unit id → its other rooms (resuscitation, imaging, pharmacy…). */
  serviceRooms: Map<string, string[]>;
}

function physicalType(code: string, display: string): unknown {
  return concept(SYS.physicalType, code, display);
}

function roleType(code: string | undefined): unknown[] | undefined {
  return code === undefined ? undefined : [concept(SYS.v3RoleCode, code, ROLE_DISPLAY[code])];
}

function location(fields: Record<string, unknown> & { id: string }): Resource {
  const { id, ...rest } = fields;
  const r: Resource = { resourceType: 'Location', id, status: 'active', mode: 'instance', ...rest };
  for (const k of Object.keys(r)) if (r[k] === undefined) delete r[k];
  return r;
}

export function bedStatusOf(bed: Bed): BedStatus {
  return (bed.resource.operationalStatus as { code: BedStatus }).code;
}

export function setBedStatus(bed: Bed, status: BedStatus): void {
  bed.resource.operationalStatus = { system: SYS.v2BedStatus, code: status, display: BED_STATUS[status] };
  bed.resource.status = status === 'C' ? 'suspended' : 'active';
}

function buildingOf(id: string): { name: string; ref: () => unknown } {
  const b = BUILDINGS.find((x) => x.id === id);
  if (!b) throw new Error(`unknown building ${id}`);
  return { name: b.name, ref: () => ref('Location', b.id, b.name) };
}

function wardTree(rng: Rng, out: Resource[]): Ward[] {
  const wards: Ward[] = [];
  for (const plan of WARDS) {
    const d = department(plan.dept);
    const wardId = `ward-${plan.dept}`;
    const org = (): unknown => ref('Organization', departmentId(plan.dept), d.unit);
    const building = buildingOf(plan.building);
    const wardName = plan.dept === '28' ? '重症医学科病区（ICU）' : `${d.unit}病区`;
    out.push(location({
      id: wardId, name: wardName, alias: [`${d.short}病区`, `${d.en} Ward`],
      description: `${building.name}${plan.floor}层`, type: roleType(plan.type),
      physicalType: physicalType('wa', 'Ward'), managingOrganization: org(), partOf: building.ref(),
    }));
    const ward: Ward = { id: wardId, dept: plan.dept, beds: [] };
    const rooms = rng.int(plan.rooms[0], plan.rooms[1]);
    for (let r = 1; r <= rooms; r++) {
      const roomNo = `${plan.floor}${String(r).padStart(2, '0')}`;
      const roomId = `room-${plan.dept}-${roomNo}`;
      out.push(location({
        id: roomId, name: `${roomNo}病房`, alias: [`Room ${roomNo}`], description: `${wardName} ${roomNo}病房`,
        physicalType: physicalType('ro', 'Room'), managingOrganization: org(), partOf: ref('Location', wardId),
      }));
      const beds = rng.pick(plan.bedsPerRoom);
      for (let b = 0; b < beds; b++) {
        const n = ward.beds.length + 1;
        const bed: Bed = {
          id: `bed-${plan.dept}-${n}`, roomId, wardId, dept: plan.dept,
          resource: location({
            id: `bed-${plan.dept}-${n}`, name: `${d.short}${n}床`, alias: [`${d.en} Bed ${n}`],
            description: `${wardName} ${roomNo}病房 ${n}床`, physicalType: physicalType('bd', 'Bed'),
            managingOrganization: org(), partOf: ref('Location', roomId),
          }),
        };
        setBedStatus(bed, 'U');
        ward.beds.push(bed);
        out.push(bed.resource);
      }
    }
    wards.push(ward);
  }
  return wards;
}

/** Beds out of use before anyone is admitted: one closed room, a contaminated bed, isolation beds. */
function blockBeds(rng: Rng, wards: Ward[]): void {
  const general = wards.filter((w) => w.dept !== '28');
  const closedWard = rng.pick(general);
  const closedRoom = rng.pick(closedWard.beds).roomId;
  for (const bed of closedWard.beds) if (bed.roomId === closedRoom) setBedStatus(bed, 'C');
  const free = (w: Ward): Bed[] => w.beds.filter((b) => b.resource.status === 'active');
  setBedStatus(rng.pick(free(rng.pick(general))), 'K');
  const respiratory = wards.find((w) => w.dept === '03.01');
  for (const bed of rng.shuffle(free(respiratory ?? rng.pick(general))).slice(0, 2)) setBedStatus(bed, 'I');
}

function clinicRooms(out: Resource[]): Pick<Layout, 'clinics' | 'serviceRooms'> {
  const clinics = new Map<string, string[]>();
  const serviceRooms = new Map<string, string[]>();
  const nextRoom = new Map<string, number>();
  const roomNumber = (building: string, floor: number): string => {
    const key = `${building}/${floor}`;
    const n = (nextRoom.get(key) ?? 0) + 1;
    nextRoom.set(key, n);
    return `${floor}${String(n).padStart(2, '0')}`;
  };
  for (const plan of CLINICS) {
    const d = department(plan.dept);
    const building = buildingOf(plan.building);
    const ids: string[] = [];
    for (let i = 1; i <= plan.rooms; i++) {
      const id = `clinic-${plan.dept}-${i}`;
      out.push(location({
        id, name: `${d.unit}${i}诊室`, alias: [`${d.en} Clinic Room ${i}`],
        description: `${building.name}${plan.floor}层 ${roomNumber(plan.building, plan.floor)}室`,
        type: roleType(plan.type), physicalType: physicalType('ro', 'Room'),
        managingOrganization: ref('Organization', departmentId(plan.dept), d.unit), partOf: building.ref(),
      }));
      ids.push(id);
    }
    clinics.set(plan.dept, ids);
  }
  for (const room of SERVICE_ROOMS) {
    const building = buildingOf(room.building);
    const owner = room.owner.startsWith('dept-') ? room.owner : departmentId(room.owner);
    out.push(location({
      id: room.id, name: room.name, alias: [room.en],
      description: `${building.name}${room.floor}层 ${roomNumber(room.building, room.floor)}室`,
      type: room.triage ? [...(roleType(room.type) ?? []), concept(SYS.locationFunction, 'triage', 'ED triage', '急诊预检分诊')] : roleType(room.type),
      physicalType: physicalType('ro', 'Room'), managingOrganization: ref('Organization', owner), partOf: building.ref(),
    }));
    serviceRooms.set(room.owner, [...(serviceRooms.get(room.owner) ?? []), room.id]);
  }
  return { clinics, serviceRooms };
}

export function buildLocations(rng: Rng): Layout {
  const resources: Resource[] = [];
  const hospital = ref('Organization', HOSPITAL_ID, HOSPITAL_NAME);
  for (const c of CAMPUSES) {
    const address = hospitalAddress();
    resources.push(location({
      id: c.id, name: c.name, alias: [c.en], physicalType: physicalType('si', 'Site'),
      address: { ...address, text: address.text.replace('健康大道1号', c.line), line: [c.line] },
      managingOrganization: { ...hospital },
    }));
  }
  for (const b of BUILDINGS) {
    resources.push(location({
      id: b.id, name: b.name, alias: [b.en], physicalType: physicalType('bu', 'Building'),
      managingOrganization: { ...hospital }, partOf: ref('Location', b.campus),
    }));
  }
  const wards = wardTree(rng, resources);
  blockBeds(rng, wards);
  return { resources, wards, ...clinicRooms(resources) };
}
