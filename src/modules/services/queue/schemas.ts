// JSON schemas of the queue routes: request validation and the OpenAPI description (tags ['queue']).
import { QUEUE_ENV_DOC } from './rules.js';

const ID = '^[A-Za-z0-9\\-.]{1,64}$';
const outcome = {
  type: 'object', additionalProperties: true, description: 'FHIR OperationOutcome saying what is wrong',
  properties: { resourceType: { type: 'string' }, issue: { type: 'array', items: { type: 'object', additionalProperties: true } } },
};
const errors = { '4xx': outcome };
const tags = ['queue'];

const department = { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, nameEn: { type: 'string' } } };
const place = {
  type: 'object', required: ['id', 'name'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, nameEn: { type: 'string' }, department },
};
const status = { type: 'string', enum: ['waiting', 'called', 'skipped', 'done', 'cancelled'] };
const ticketProps = {
  id: { type: 'string', description: 'the ticket Task id' },
  ticket: { type: 'integer', description: 'queue number, unique per room and day' },
  status,
  name: { type: 'string', description: 'masked name (张*三) as public screens show it' },
  room: { type: 'string' },
  date: { type: 'string' },
  checkedInAt: { type: 'string' },
  late: { type: 'boolean', description: 'checked in after the booked slot ended (waits behind everyone already in line)' },
  callCount: { type: 'integer' },
  calledAt: { type: 'string' },
  encounter: { type: 'string' },
  appointment: { type: 'string' },
  position: { type: 'integer', description: 'people ahead in line (0: next, or being called)' },
  rejoinsAfterCalls: { type: 'integer', description: 'a skipped ticket re-joins the line after this many more calls' },
};
const preVisit = {
  type: 'object', description: "the patient's smart-guide answers linked to the appointment (Appointment.supportingInformation)",
  properties: {
    text: { type: 'string' }, emergency: { type: 'boolean' }, redFlags: { type: 'array', items: { type: 'string' } },
    departments: { type: 'array', items: department }, authored: { type: 'string' },
  },
};
const staffTicket = {
  type: 'object', required: ['id', 'ticket', 'status', 'name'],
  properties: { ...ticketProps, patient: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } }, preVisit },
};
const myTicket = {
  type: 'object', required: ['id', 'ticket', 'status', 'room'],
  properties: { ...ticketProps, room: place, doctor: { type: 'string' } },
};
const roomParams = { type: 'object', required: ['room'], properties: { room: { type: 'string', pattern: ID, description: 'clinic room Location id' } } };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: ID, description: 'ticket (Task) id' } } };
const boardQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    department: { type: 'string', pattern: '^[0-9]{2}(\\.[0-9]{2})?$', description: '诊疗科目 code: the rooms of that department' },
    room: { type: 'string', pattern: ID, description: 'one clinic room (Location id)' },
  },
};
const board = {
  type: 'object', required: ['date', 'rooms', 'calls'],
  properties: {
    date: { type: 'string' }, department, room: place,
    rooms: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          room: place,
          current: { type: 'object', properties: { id: { type: 'string' }, ticket: { type: 'integer' }, name: { type: 'string' }, calledAt: { type: 'string' } } },
          next: { type: 'array', items: { type: 'object', properties: { ticket: { type: 'integer' }, name: { type: 'string' } } } },
          waiting: { type: 'integer' },
        },
      },
    },
    calls: {
      type: 'array', description: 'the latest calls, newest first',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, ticket: { type: 'integer' }, name: { type: 'string' }, room: place, calledAt: { type: 'string' }, callCount: { type: 'integer' } },
      },
    },
  },
};
const envText = QUEUE_ENV_DOC.map(([k, d, what]) => `${k} (default ${d}): ${what}`).join('; ');

export const schemas = {
  checkIn: {
    tags, summary: 'Check in for an appointment: the visit starts and a queue number is issued',
    description: 'A patient checks in for their own appointment (others: 403), desk staff (doctor, nurse) for anyone\'s. Only on the appointment\'s day (409 otherwise), '
      + 'from 60 minutes before the slot until the clinic session ends (409 outside). One transaction: Appointment → arrived, a new Encounter (class AMB, arrived) and a ticket Task. '
      + 'Checking in again answers the same ticket with 200. A late arrival (after the slot ended) is accepted and waits behind everyone already in line. '
      + `Settings: ${envText}.`,
    body: {
      type: 'object', required: ['appointment'], additionalProperties: false,
      properties: { appointment: { type: 'string', minLength: 1, maxLength: 100, description: 'Appointment id or "Appointment/<id>"' } },
    },
    response: {
      201: { type: 'object', properties: { ...ticketProps, room: place } },
      200: { type: 'object', properties: { ...ticketProps, room: place } },
      ...errors,
    },
  },
  mine: {
    tags, summary: "The signed-in patient's queue tickets of today, with the people ahead",
    response: { 200: { type: 'object', properties: { date: { type: 'string' }, tickets: { type: 'array', items: myTicket } } }, ...errors },
  },
  myRoom: {
    tags, summary: "The signed-in doctor's clinic room for today's session (from their Schedule and roster), and the rooms they may choose",
    response: {
      200: {
        type: 'object',
        properties: {
          date: { type: 'string' }, room: { anyOf: [place, { type: 'null' }] },
          session: { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string' } } },
          rooms: { type: 'array', items: place },
        },
      },
      ...errors,
    },
  },
  room: {
    tags, summary: "A clinic room's line of today: called, waiting (in call order), skipped, done",
    params: roomParams,
    response: {
      200: {
        type: 'object',
        properties: {
          room: place, date: { type: 'string' }, calls: { type: 'integer' },
          called: { type: 'array', items: staffTicket }, waiting: { type: 'array', items: staffTicket },
          skipped: { type: 'array', items: staffTicket }, done: { type: 'array', items: staffTicket },
        },
      },
      ...errors,
    },
  },
  next: {
    tags, summary: 'Call the next patient of the room (the one called before is finished)',
    description: 'Waiting patients are called in ticket order; a skipped patient re-joins after the configured number of calls. The called patient\'s Encounter goes arrived → in-progress.',
    params: roomParams,
    body: { type: 'object', additionalProperties: false, properties: {} },
    response: { 200: { type: 'object', properties: { called: staffTicket, finished: { type: 'array', items: staffTicket } } }, ...errors },
  },
  action: (what: string) => ({
    tags, summary: what,
    params: idParams,
    body: { type: 'object', additionalProperties: false, properties: {} },
    response: { 200: staffTicket, ...errors },
  }),
  board: {
    tags, summary: 'The waiting-room board: calls now and next in line per room, masked names (staff accounts only)',
    description: 'Signed-in staff (doctor, nurse, pharmacist, technician, manager, dispatcher) — the waiting-room TV signs in as a nurse. Names are masked: 张*三, 张* (two characters), J*** (Latin names).',
    querystring: boardQuery,
    response: { 200: board, ...errors },
  },
  boardEvents: {
    tags, summary: 'The board live (text/event-stream): event "board" with the board on connect and after each change; a heartbeat comment every 20 s',
    description: 'Each push re-reads GET /api/queue/board with the caller\'s session (authenticated and audited); event "end" when the session no longer may read it.',
    querystring: boardQuery,
    response: { 200: { type: 'string', description: 'text/event-stream' }, ...errors },
  },
};
