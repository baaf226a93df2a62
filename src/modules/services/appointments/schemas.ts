// JSON schemas of the appointment routes: request validation (bad input → 400 OperationOutcome) and the OpenAPI
// description at /api/docs (tag appointments).
import { BODY_PART_CODES } from '../guide/kb/index.js';
import { MAX_TEXT } from '../guide/routes.js';

const tags = ['appointments'];
const outcome = {
  type: 'object', additionalProperties: true, description: 'FHIR OperationOutcome saying what is wrong',
  properties: { resourceType: { type: 'string' }, issue: { type: 'array', items: { type: 'object', additionalProperties: true } } },
};
const errors = { '4xx': outcome };
const resource = (type: string) => ({ type: 'object', additionalProperties: true, description: `FHIR R4 ${type}`, properties: { resourceType: { type: 'string' } } });
const idPattern = '[A-Za-z0-9\\-.]{1,64}';
const refTo = (type: string, what: string) => ({ type: 'string', pattern: `^(${type}/)?${idPattern}$`, description: `${what}: ${type} id or "${type}/<id>"` });
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'hospital-local day (Asia/Shanghai), YYYY-MM-DD' };
const department = { type: 'string', pattern: '^\\d{2}(\\.\\d{2})?$', description: '诊疗科目 code, e.g. 03.04', examples: ['03.04'] };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: `^${idPattern}$` } } };

const dept = { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, nameEn: { type: 'string' } } };
const doctor = {
  type: 'object',
  properties: { role: { type: 'string' }, practitioner: { type: 'string' }, name: { type: 'string' }, title: { type: 'string' }, titleCode: { type: 'string' } },
};
const room = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, alias: { type: 'array', items: { type: 'string' } } } };
const slotView = {
  type: 'object', required: ['id', 'start', 'end', 'status'],
  properties: {
    id: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' },
    status: { type: 'string', enum: ['free', 'busy', 'busy-unavailable', 'busy-tentative', 'entered-in-error'] },
    schedule: { type: 'string' }, department: dept, doctor, room,
  },
};
const appointmentView = {
  type: 'object', required: ['id', 'status'],
  properties: {
    id: { type: 'string' }, status: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, slot: { type: 'string' },
    department: dept, doctor, room,
    patient: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    cancelReason: { type: 'object', description: 'pat: by the patient, prov: by the clinic (停诊), other: by staff', properties: { code: { type: 'string' }, text: { type: 'string' } } },
    guide: { type: 'string', description: 'QuestionnaireResponse id of the smart-guide pre-visit note' },
    channel: { type: 'string', enum: ['portal', 'desk'] },
    created: { type: 'string' },
  },
};
const appointmentAnswer = { type: 'object', properties: { appointment: resource('Appointment') } };

export const guideInput = {
  type: 'object', additionalProperties: false, required: ['text'],
  description: 'what the patient told the smart guide (the body of POST /api/guide): kept as the pre-visit note (QuestionnaireResponse)',
  properties: {
    text: { type: 'string', minLength: 1, maxLength: MAX_TEXT },
    age: { type: 'number', minimum: 0, maximum: 150 },
    sex: { type: 'string', enum: ['female', 'male'] },
    pregnant: { type: 'boolean' },
    lang: { type: 'string', enum: ['zh', 'en'] },
    bodyParts: { type: 'array', maxItems: BODY_PART_CODES.length, uniqueItems: true, items: { type: 'string', enum: BODY_PART_CODES } },
  },
};

export const schemas = {
  generate: {
    tags, summary: 'Generate Schedules and Slots from the rosters (admin, nurse, doctor)',
    description: 'For every active PractitionerRole with clinic hours (availableTime) and a clinic room: a Schedule, and Slots of HUIYI_SLOT_MINUTES for each session of the days. Idempotent: deterministic ids, sessions that already have slots are left alone.',
    body: {
      type: 'object', additionalProperties: false,
      properties: { from: { ...date, description: 'first day (default today, hospital-local)' }, days: { type: 'integer', minimum: 1, maximum: 31, default: 8 } },
    },
    response: {
      200: {
        type: 'object',
        properties: {
          from: { type: 'string' }, to: { type: 'string' }, slotMinutes: { type: 'integer' }, schedules: { type: 'integer' },
          sessions: { type: 'integer' }, generatedSessions: { type: 'integer' }, created: { type: 'integer' },
        },
      },
      ...errors,
    },
  },
  departments: {
    tags, summary: 'Departments with clinic schedules, and when their next free slot starts',
    response: { 200: { type: 'object', properties: { departments: { type: 'array', items: { ...dept, properties: { ...dept.properties, nextFree: { type: 'string' } } } } } }, ...errors },
  },
  schedules: {
    tags, summary: 'Clinic schedules (doctor + room) of a department, for stopping a session',
    querystring: { type: 'object', additionalProperties: false, properties: { department } },
    response: {
      200: { type: 'object', properties: { schedules: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, department: dept, doctor, room } } } } },
      ...errors,
    },
  },
  slots: {
    tags, summary: "A department's slots of a day, every status, with doctor and room",
    querystring: {
      type: 'object', additionalProperties: false, required: ['department', 'date'],
      properties: { department, date, practitioner: { type: 'string', pattern: `^((PractitionerRole|Practitioner)/)?${idPattern}$`, description: 'only this doctor (PractitionerRole or Practitioner)' } },
    },
    response: { 200: { type: 'object', properties: { slots: { type: 'array', items: slotView } } }, ...errors },
  },
  book: {
    tags, summary: 'Book a slot',
    description: 'Patient accounts book for themselves (patient omitted or their own); doctors and nurses pass patient. The Slot becomes busy in the same transaction (If-Match: one winner, 409 for the others). 403 code suspended after too many no-shows (self-booking only). With guide, the smart-guide input is stored as a QuestionnaireResponse in Appointment.supportingInformation.',
    body: {
      type: 'object', additionalProperties: false, required: ['slot'],
      properties: { slot: refTo('Slot', 'the slot to book'), patient: refTo('Patient', 'whom for (staff)'), guide: guideInput },
    },
    response: { 201: appointmentAnswer, ...errors },
  },
  cancel: {
    tags, summary: 'Cancel an appointment; its slot becomes free',
    params: idParams,
    body: { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } } },
    response: { 200: appointmentAnswer, ...errors },
  },
  reschedule: {
    tags, summary: 'Move an appointment to another slot (atomic: new slot taken, old slot freed)',
    description: 'Also for an appointment the clinic cancelled (停诊): pick one of the offered slots.',
    params: idParams,
    body: { type: 'object', additionalProperties: false, required: ['slot'], properties: { slot: refTo('Slot', 'the new slot') } },
    response: { 200: appointmentAnswer, ...errors },
  },
  mine: {
    tags, summary: "The signed-in patient's appointments",
    response: { 200: { type: 'object', properties: { appointments: { type: 'array', items: appointmentView } } }, ...errors },
  },
  list: {
    tags, summary: 'Appointments by patient and/or day (default today), for doctors and nurses',
    querystring: {
      type: 'object', additionalProperties: false,
      properties: {
        patient: refTo('Patient', 'only this patient'), date, department,
        status: { type: 'string', pattern: '^[a-z-]+(,[a-z-]+)*$', description: 'Appointment statuses, comma-separated' },
      },
    },
    response: { 200: { type: 'object', properties: { date: { type: 'string' }, appointments: { type: 'array', items: appointmentView } } }, ...errors },
  },
  stop: {
    tags, summary: '停诊: stop a clinic session; cancel its appointments and notify the patients',
    description: 'The doctor of the schedule, a nurse or an admin. Slots become busy-unavailable; booked appointments are cancelled (reason prov); each patient gets a Communication in zh-CN and en offering the next free slots.',
    body: {
      type: 'object', additionalProperties: false, required: ['schedule', 'date', 'reason'],
      properties: {
        schedule: refTo('Schedule', 'the clinic schedule'), date, session: { type: 'string', enum: ['am', 'pm'], description: 'morning or afternoon only (default the whole day)' },
        reason: { type: 'string', minLength: 1, maxLength: 500 },
      },
    },
    response: {
      200: {
        type: 'object',
        properties: { slots: { type: 'integer' }, cancelled: { type: 'integer' }, notified: { type: 'integer' }, offered: { type: 'array', items: slotView } },
      },
      ...errors,
    },
  },
  noShows: {
    tags, summary: 'Mark missed appointments as no-shows now (also done before every list and booking)',
    body: { type: 'object', additionalProperties: false, properties: {} },
    response: { 200: { type: 'object', properties: { marked: { type: 'integer' } } }, ...errors },
  },
};
