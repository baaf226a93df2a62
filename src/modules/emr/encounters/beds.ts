// Beds from the Location tree (ward → room → bed): who lies where, which beds are free, and claiming a bed so that
// two admissions can never get the same one (If-Match on the bed's version: the second writer gets a 409).
import { FhirError, conflict } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { ACTIVE_STATUSES, BED_STATUS, SYS, type BedStatusCode } from './codes.js';
import { activeLocation, physicalCode, readNamed } from './encounter.js';
import { byRef, refId, searchAll, type Coding } from './fhir.js';

export interface Place {
  id: string;
  name?: string;
  /** other names, e.g. the English one */
  alias?: string[];
}

export interface BedSlot extends Place {
  room?: Place;
  /** v2-0116 bed status (U when the bed carries none) */
  status: BedStatusCode;
  stay?: Stay;
}

export interface Stay {
  encounter: Resource;
  patient?: Resource;
}

export interface WardBoard {
  ward: Place & { description?: string; department?: unknown };
  beds: BedSlot[];
  /** patients on the ward without a bed of it */
  unassigned: Stay[];
  counts: { beds: number; free: number; occupied: number; closed: number };
}

export interface WardSummary extends Place {
  description?: string;
  department?: unknown;
  beds: number;
  free: number;
}

/** A bed location's status: its v2-0116 operationalStatus; a closed (suspended/inactive) bed counts as C. */
export function bedStatus(bed: Resource): BedStatusCode {
  if (bed.status === 'inactive' || bed.status === 'suspended') return 'C';
  const c = bed.operationalStatus as Coding | undefined;
  if (c?.system === SYS.bedStatus && c.code && c.code in BED_STATUS) return c.code as BedStatusCode;
  return 'U';
}

const place = (l: Resource): Place => ({
  id: l.id as string,
  ...(typeof l.name === 'string' ? { name: l.name } : {}),
  ...(Array.isArray(l.alias) && l.alias.length ? { alias: l.alias as string[] } : {}),
});
const natural = (a: Place, b: Place) => (a.name ?? a.id).localeCompare(b.name ?? b.id, 'zh-CN', { numeric: true });

function withStatus(bed: Resource, code: BedStatusCode): Resource {
  return {
    ...bed,
    operationalStatus: { system: SYS.bedStatus, code, display: BED_STATUS[code] },
    ...(code === 'C' ? {} : { status: 'active' }),
  };
}

export interface FreeBed {
  bed: Resource;
  room?: Resource;
  ward: Resource;
}

/** The room and ward above a bed (a bed may also hang directly under its ward). */
async function parentsOf(repo: FhirRepository, ctx: RequestContext, bed: Resource, field: string): Promise<{ room?: Resource; ward: Resource }> {
  const parentId = refId(bed.partOf, 'Location');
  if (!parentId) throw new FhirError(422, 'processing', `Location/${bed.id} belongs to no ward`, [field]);
  const parent = await repo.read(ctx, 'Location', parentId);
  if (physicalCode(parent) === 'wa') return { ward: parent };
  const wardId = refId(parent.partOf, 'Location');
  const ward = wardId ? await repo.read(ctx, 'Location', wardId) : undefined;
  if (!ward || physicalCode(ward) !== 'wa') throw new FhirError(422, 'processing', `Location/${bed.id} belongs to no ward`, [field]);
  return { room: parent, ward };
}

/** A bed that is free now (409 otherwise), with its room and ward; claim it with `bedWrite(bed, 'O')`. */
export async function freeBed(repo: FhirRepository, ctx: RequestContext, bedRef: string, field = 'bed'): Promise<FreeBed> {
  const bed = await readNamed(repo, ctx, 'Location', bedRef, field);
  if (physicalCode(bed) !== 'bd') throw new FhirError(422, 'processing', `Location/${bed.id} is not a bed`, [field]);
  const status = bedStatus(bed);
  if (status !== 'U') throw conflict(`Bed ${bed.name ?? bed.id} is not free (${BED_STATUS[status]})`);
  return { bed, ...(await parentsOf(repo, ctx, bed, field)) };
}

/**
 * A transaction entry that sets a bed's status, with If-Match on the version read: of two transactions that
 * claim the same bed exactly one commits, the other fails with 412 and writes nothing.
 */
export function bedWrite(bed: Resource, code: BedStatusCode): BundleEntry {
  return {
    resource: withStatus(bed, code),
    request: { method: 'PUT', url: `Location/${bed.id}`, ifMatch: `W/"${bed.meta?.versionId}"` },
  };
}

export interface BundleEntry {
  fullUrl?: string;
  resource: Resource;
  request: { method: 'POST' | 'PUT'; url: string; ifMatch?: string };
}

/** The rooms and beds of a ward (beds sorted by room, then bed number). */
async function wardTree(repo: FhirRepository, ctx: RequestContext, ward: Resource): Promise<{ rooms: Map<string, Resource>; beds: Resource[] }> {
  const children = (await searchAll(repo, ctx, 'Location', [['partof', `Location/${ward.id}`]])).matches;
  const rooms = new Map(children.filter((l) => physicalCode(l) !== 'bd').map((r) => [r.id as string, r]));
  const beds = children.filter((l) => physicalCode(l) === 'bd');
  if (rooms.size) {
    const inRooms = await searchAll(repo, ctx, 'Location', [['partof', [...rooms.keys()].map((id) => `Location/${id}`).join(',')]]);
    beds.push(...inRooms.matches.filter((l) => physicalCode(l) === 'bd'));
  }
  const roomOf = (b: Resource) => rooms.get(refId(b.partOf, 'Location') ?? '');
  beds.sort((a, b) => {
    const ra = roomOf(a);
    const rb = roomOf(b);
    const byRoom = ra && rb ? natural(place(ra), place(rb)) : 0;
    return byRoom || natural(place(a), place(b));
  });
  return { rooms, beds };
}

/** Read a ward (404 when unknown, 422 when the Location is not a ward). */
export async function readWard(repo: FhirRepository, ctx: RequestContext, id: string): Promise<Resource> {
  const ward = await repo.read(ctx, 'Location', id);
  if (physicalCode(ward) !== 'wa') throw new FhirError(422, 'processing', `Location/${id} is not a ward`, ['id']);
  return ward;
}

function wardPlace(ward: Resource): WardBoard['ward'] {
  return {
    ...place(ward),
    ...(typeof ward.description === 'string' ? { description: ward.description } : {}),
    ...(ward.managingOrganization ? { department: ward.managingOrganization } : {}),
  };
}

/** The beds of a ward with their status (no patients): what an admission picks from. */
export async function wardBeds(repo: FhirRepository, ctx: RequestContext, wardId: string): Promise<BedSlot[]> {
  const ward = await readWard(repo, ctx, wardId);
  const { rooms, beds } = await wardTree(repo, ctx, ward);
  return beds.map((b) => {
    const room = rooms.get(refId(b.partOf, 'Location') ?? '');
    return { ...place(b), ...(room ? { room: place(room) } : {}), status: bedStatus(b) };
  });
}

/** A ward's bed board: every bed with its status and the patient in it. */
export async function wardBoard(repo: FhirRepository, ctx: RequestContext, wardId: string): Promise<WardBoard> {
  const ward = await readWard(repo, ctx, wardId);
  const [{ rooms, beds }, stays] = await Promise.all([
    wardTree(repo, ctx, ward),
    searchAll(repo, ctx, 'Encounter', [['location', `Location/${ward.id}`], ['status', ACTIVE_STATUSES.join(',')], ['_include', 'Encounter:subject']]),
  ]);
  const patients = byRef(stays.included);
  const bedIds = new Set(beds.map((b) => b.id as string));
  const inBed = new Map<string, Stay>();
  const unassigned: Stay[] = [];
  for (const encounter of stays.matches) {
    const patient = patients.get((encounter.subject as { reference?: string } | undefined)?.reference ?? '');
    const stay: Stay = { encounter, ...(patient ? { patient } : {}) };
    const bedId = refId(activeLocation(encounter, 'bd')?.location, 'Location');
    if (bedId && bedIds.has(bedId) && !inBed.has(bedId)) inBed.set(bedId, stay);
    else unassigned.push(stay);
  }
  const slots: BedSlot[] = beds.map((b) => {
    const room = rooms.get(refId(b.partOf, 'Location') ?? '');
    const stay = inBed.get(b.id as string);
    return { ...place(b), ...(room ? { room: place(room) } : {}), status: bedStatus(b), ...(stay ? { stay } : {}) };
  });
  return {
    ward: wardPlace(ward),
    beds: slots,
    unassigned,
    counts: {
      beds: slots.length,
      free: slots.filter((s) => s.status === 'U').length,
      occupied: slots.filter((s) => s.status === 'O' || s.stay).length,
      closed: slots.filter((s) => s.status === 'C').length,
    },
  };
}

/** Every ward with its bed and free-bed counts (beds are the Locations carrying a v2-0116 status). */
export async function listWards(repo: FhirRepository, ctx: RequestContext): Promise<WardSummary[]> {
  const codes = Object.keys(BED_STATUS).map((c) => `${SYS.bedStatus}|${c}`).join(',');
  const found = await searchAll(repo, ctx, 'Location', [['operational-status', codes], ['_include', 'Location:partof'], ['_include:iterate', 'Location:partof']], 20000);
  const all = byRef([...found.matches, ...found.included]);
  const wards = new Map<string, WardSummary>();
  for (const bed of found.matches) {
    if (physicalCode(bed) !== 'bd') continue;
    let parent = all.get((bed.partOf as { reference?: string } | undefined)?.reference ?? '');
    if (parent && physicalCode(parent) !== 'wa') parent = all.get((parent.partOf as { reference?: string } | undefined)?.reference ?? '');
    if (!parent || physicalCode(parent) !== 'wa') continue;
    const w = wards.get(parent.id as string) ?? { ...wardPlace(parent), beds: 0, free: 0 };
    w.beds++;
    if (bedStatus(bed) === 'U') w.free++;
    wards.set(parent.id as string, w);
  }
  return [...wards.values()].sort(natural);
}
