// JSON schemas of the encounter routes: request validation and the OpenAPI description (tags ['emr']).
import { ADMIT_SOURCES, BED_STATUS, DISCHARGE_DISPOSITIONS } from './codes.js';

const resource = (type: string) => ({ type: 'object', additionalProperties: true, description: `FHIR R4 ${type}`, properties: { resourceType: { type: 'string' } } });
export const encounter = resource('Encounter');
export const outcome = {
  type: 'object', additionalProperties: true, description: 'FHIR OperationOutcome saying what is wrong',
  properties: { resourceType: { type: 'string' }, issue: { type: 'array', items: { type: 'object', additionalProperties: true } } },
};
const errors = { '4xx': outcome };

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' } } };
const reference = (what: string) => ({ type: 'string', minLength: 1, maxLength: 200, description: `${what} id or "Type/id"` });
const practitioner = { type: 'string', pattern: '^(PractitionerRole|Practitioner)/[A-Za-z0-9\\-.]{1,64}$', description: 'the attending clinician; default the signed-in user (fhirUser)' };
const reason = {
  type: 'object', additionalProperties: false, description: 'reason for the encounter: ICD-10 code and/or text',
  properties: { code: { type: 'string', pattern: '^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$' }, text: { type: 'string', minLength: 1, maxLength: 500 } },
};

const place = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' }, alias: { type: 'array', items: { type: 'string' } } } };
const stay = {
  type: 'object', required: ['encounter'],
  properties: { encounter, patient: resource('Patient') },
};
const bedSlot = {
  type: 'object', required: ['id', 'status'],
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, alias: { type: 'array', items: { type: 'string' } }, room: place,
    status: { type: 'string', enum: Object.keys(BED_STATUS), description: 'HL7 v2 table 0116 bed status' },
    stay,
  },
};
const wardPlace = {
  type: 'object', required: ['id'],
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, alias: { type: 'array', items: { type: 'string' } },
    description: { type: 'string' }, department: { type: 'object', additionalProperties: true },
  },
};
const board = {
  type: 'object', required: ['ward', 'beds', 'unassigned', 'counts'],
  properties: {
    ward: wardPlace,
    beds: { type: 'array', items: bedSlot },
    unassigned: { type: 'array', items: stay, description: 'patients on the ward without one of its beds' },
    counts: { type: 'object', properties: { beds: { type: 'integer' }, free: { type: 'integer' }, occupied: { type: 'integer' }, closed: { type: 'integer' } } },
  },
};
const codeList = { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, display: { type: 'string' }, zh: { type: 'string' } } } };

export const schemas = {
  createVisit: {
    tags: ['emr'], summary: 'Register an outpatient visit (Encounter class AMB) with a doctor',
    description: 'Creates an Encounter (status arrived = registered, or planned) for the patient with the clinician as attender, in their department.',
    body: {
      type: 'object', required: ['patient'], additionalProperties: false,
      properties: {
        patient: reference('Patient'), status: { type: 'string', enum: ['planned', 'arrived'], default: 'arrived' },
        location: reference('clinic room Location'), reason, practitioner,
      },
    },
    response: { 201: encounter, ...errors },
  },
  changeStatus: {
    tags: ['emr'], summary: 'Move an encounter to its next status',
    description: 'Outpatient: planned/arrived → in-progress → finished (or cancelled before the consultation); inpatient: in-progress ⇄ onleave (finish by discharge). Illegal changes are 409.',
    params: idParams,
    body: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { type: 'string', enum: ['arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled'] } } },
    response: { 200: encounter, ...errors },
  },
  admit: {
    tags: ['emr'], summary: 'Admit a patient to a free bed (Encounter class IMP)',
    description: 'Claims the bed (v2-0116 status U → O, with If-Match so two admissions never share a bed: the loser gets 409) and creates an in-progress inpatient Encounter at the ward, room and bed.',
    body: {
      type: 'object', required: ['patient', 'bed'], additionalProperties: false,
      properties: {
        patient: reference('Patient'), bed: reference('bed Location'), reason,
        admitSource: { type: 'string', enum: Object.keys(ADMIT_SOURCES), default: 'outp' }, practitioner,
      },
    },
    response: { 201: encounter, ...errors },
  },
  transfer: {
    tags: ['emr'], summary: 'Transfer an inpatient to another free bed',
    description: 'The new bed is claimed, the Encounter gets the new location entries (the old ones are completed with their period end), and the old bed is freed.',
    params: idParams,
    body: { type: 'object', required: ['bed'], additionalProperties: false, properties: { bed: reference('bed Location') } },
    response: { 200: encounter, ...errors },
  },
  discharge: {
    tags: ['emr'], summary: 'Discharge an inpatient',
    description: 'Finishes the stay with hospitalization.dischargeDisposition and frees the bed.',
    params: idParams,
    body: { type: 'object', required: ['disposition'], additionalProperties: false, properties: { disposition: { type: 'string', enum: Object.keys(DISCHARGE_DISPOSITIONS) } } },
    response: { 200: encounter, ...errors },
  },
  wards: {
    tags: ['emr'], summary: 'Inpatient wards with their bed and free-bed counts',
    response: { 200: { type: 'object', properties: { wards: { type: 'array', items: { ...wardPlace, properties: { ...wardPlace.properties, beds: { type: 'integer' }, free: { type: 'integer' } } } } } }, ...errors },
  },
  wardBeds: {
    tags: ['emr'], summary: 'The beds of a ward with their status (free=true: only free ones)',
    params: idParams,
    querystring: { type: 'object', additionalProperties: false, properties: { free: { type: 'boolean' } } },
    response: { 200: { type: 'object', properties: { beds: { type: 'array', items: bedSlot } } }, ...errors },
  },
  wardBoard: {
    tags: ['emr'], summary: "A ward's bed board: every bed, its status and the patient in it",
    params: idParams,
    response: { 200: board, ...errors },
  },
  myClinic: {
    tags: ['emr'], summary: "The signed-in doctor's outpatient encounters of a day (default today)",
    querystring: {
      type: 'object', additionalProperties: false,
      properties: { date: { type: 'string', description: 'YYYY-MM-DD' }, tz: { type: 'string', description: 'UTC offset of the day, e.g. +08:00 (default the server zone)' } },
    },
    response: {
      200: { type: 'object', properties: { day: { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string' } } }, visits: { type: 'array', items: stay } } },
      ...errors,
    },
  },
  myInpatients: {
    tags: ['emr'], summary: "The signed-in doctor's current inpatients, with their ward, room and bed Locations",
    response: { 200: { type: 'object', properties: { stays: { type: 'array', items: stay }, locations: { type: 'array', items: resource('Location') } } }, ...errors },
  },
  myWards: {
    tags: ['emr'], summary: "The bed boards of the signed-in nurse's wards (the locations of her PractitionerRole)",
    response: { 200: { type: 'object', properties: { wards: { type: 'array', items: board } } }, ...errors },
  },
  codes: {
    tags: ['emr'], summary: 'Admit sources, discharge dispositions and bed statuses the encounter endpoints accept',
    response: { 200: { type: 'object', properties: { admitSources: codeList, dischargeDispositions: codeList, bedStatuses: codeList } } },
  },
};
