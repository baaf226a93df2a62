// The FHIR shape of the queue. A ticket is a Task (code queue-ticket) for the patient, focused on the Appointment,
// with the visit's Encounter, the clinic room as location and the doctor as owner:
//   waiting  → Task.status ready        called → in-progress     skipped (过号) → on-hold     done → completed
// (businessStatus carries the queue word). Its number is unique per room and day: Task.groupIdentifier names the
// room's day ("<room>@<date>") and the number comes from that day's counter, a Basic resource updated with
// If-Match in the same transaction as the ticket — two check-ins can never draw the same number.
import type { Resource } from '../../../fhir/types.js';
import type { CodeableConcept, Reference } from '../../emr/encounters/fhir.js';

const HUIYI = 'http://huiyi.health/fhir';

export const QSYS = {
  /** what the Task / Basic is */
  queue: `${HUIYI}/CodeSystem/queue`,
  /** waiting | called | skipped | done */
  status: `${HUIYI}/CodeSystem/queue-status`,
  /** the typed inputs of a ticket Task */
  field: `${HUIYI}/CodeSystem/queue-ticket-field`,
  /** "<room>@<date>": a room's queue of one day */
  roomDay: `${HUIYI}/NamingSystem/queue-room-day`,
  /** "<room>@<date>#<number>" */
  ticket: `${HUIYI}/NamingSystem/queue-ticket`,
} as const;

export const QEXT = {
  lastTicket: `${HUIYI}/StructureDefinition/queue-last-ticket`,
  calls: `${HUIYI}/StructureDefinition/queue-calls`,
} as const;

export const TICKET_CODE = 'queue-ticket';
export const COUNTER_CODE = 'queue-room-day';
export const ticketCodeToken = `${QSYS.queue}|${TICKET_CODE}`;

export type QueueStatus = 'waiting' | 'called' | 'skipped' | 'done' | 'cancelled';

export const TASK_STATUS: Record<QueueStatus, string> = {
  waiting: 'ready', called: 'in-progress', skipped: 'on-hold', done: 'completed', cancelled: 'cancelled',
};
const LABEL: Record<QueueStatus, string> = { waiting: '候诊', called: '已叫号', skipped: '过号', done: '已就诊', cancelled: '已取消' };

/** The inputs a ticket carries (Task.input, typed by QSYS.field). */
export interface TicketFields {
  number: number;
  /** the masked name for public screens, computed once at check-in (the board never reads the Patient) */
  displayName: string;
  late: boolean;
  /** the room's call count at this ticket's latest call (order of calls on the board) */
  calledSeq?: number;
  calledAt?: string;
  callCount: number;
  /** the room's call count when the ticket was skipped (it re-joins after more calls) */
  skippedSeq?: number;
}

export interface Ticket extends TicketFields {
  id: string;
  version?: string;
  status: QueueStatus;
  room: string;
  date: string;
  patient?: string;
  encounter?: string;
  appointment?: string;
  owner?: Reference;
  checkedInAt: string;
  task: Resource;
}

export const roomDayKey = (room: string, date: string) => `${room}@${date}`;
export const roomDayToken = (room: string, date: string) => `${QSYS.roomDay}|${roomDayKey(room, date)}`;

const FIELD_TYPES: Record<keyof TicketFields, 'valueInteger' | 'valueString' | 'valueBoolean' | 'valueDateTime'> = {
  number: 'valueInteger', displayName: 'valueString', late: 'valueBoolean', calledSeq: 'valueInteger',
  calledAt: 'valueDateTime', callCount: 'valueInteger', skippedSeq: 'valueInteger',
};
const FIELD_CODES: Record<keyof TicketFields, string> = {
  number: 'number', displayName: 'display-name', late: 'late', calledSeq: 'called-seq', calledAt: 'called-at', callCount: 'call-count', skippedSeq: 'skipped-seq',
};

function inputs(f: TicketFields): unknown[] {
  return (Object.keys(FIELD_CODES) as (keyof TicketFields)[])
    .filter((k) => f[k] !== undefined)
    .map((k) => ({ type: { coding: [{ system: QSYS.field, code: FIELD_CODES[k] }] }, [FIELD_TYPES[k]]: f[k] }));
}

function readFields(task: Resource): TicketFields {
  const out: Record<string, unknown> = { late: false, callCount: 0, displayName: '***', number: 0 };
  for (const i of (task.input as ({ type?: CodeableConcept } & Record<string, unknown>)[] | undefined) ?? []) {
    const code = i.type?.coding?.find((c) => c.system === QSYS.field)?.code;
    const key = (Object.keys(FIELD_CODES) as (keyof TicketFields)[]).find((k) => FIELD_CODES[k] === code);
    if (key) out[key] = i[FIELD_TYPES[key]];
  }
  return out as unknown as TicketFields;
}

export const statusConcept = (s: QueueStatus): CodeableConcept => ({ coding: [{ system: QSYS.status, code: s, display: LABEL[s] }], text: LABEL[s] });

const refOf = (r: unknown): string | undefined => (r as Reference | undefined)?.reference;
const idOf = (r: unknown, type: string): string | undefined => {
  const s = refOf(r);
  return s?.startsWith(`${type}/`) ? s.slice(type.length + 1) : undefined;
};

export function isTicket(r: Resource): boolean {
  return r.resourceType === 'Task' && ((r.code as CodeableConcept | undefined)?.coding ?? []).some((c) => c.system === QSYS.queue && c.code === TICKET_CODE);
}

export function readTicket(task: Resource): Ticket {
  const key = ((task.groupIdentifier as { value?: string } | undefined)?.value ?? '@');
  const at = key.lastIndexOf('@');
  const status = ((task.businessStatus as CodeableConcept | undefined)?.coding ?? []).find((c) => c.system === QSYS.status)?.code as QueueStatus | undefined;
  return {
    ...readFields(task),
    id: task.id as string,
    ...(task.meta?.versionId ? { version: task.meta.versionId } : {}),
    status: status ?? 'waiting',
    room: key.slice(0, at),
    date: key.slice(at + 1),
    ...(idOf(task.for, 'Patient') ? { patient: idOf(task.for, 'Patient') } : {}),
    ...(idOf(task.encounter, 'Encounter') ? { encounter: idOf(task.encounter, 'Encounter') } : {}),
    ...(idOf(task.focus, 'Appointment') ? { appointment: idOf(task.focus, 'Appointment') } : {}),
    ...(task.owner ? { owner: task.owner as Reference } : {}),
    checkedInAt: (task.authoredOn as string | undefined) ?? '',
    task,
  };
}

export interface NewTicket {
  room: Reference & { reference: string };
  date: string;
  patient: string;
  appointment?: string;
  /** the Encounter's reference (a urn:uuid fullUrl inside the check-in transaction) */
  encounter: string;
  owner?: Reference;
  at: string;
  fields: TicketFields;
}

export function newTicketTask(t: NewTicket): Resource {
  const room = t.room.reference.slice('Location/'.length);
  return {
    resourceType: 'Task',
    identifier: [{ system: QSYS.ticket, value: `${roomDayKey(room, t.date)}#${t.fields.number}` }],
    groupIdentifier: { system: QSYS.roomDay, value: roomDayKey(room, t.date) },
    status: TASK_STATUS.waiting,
    businessStatus: statusConcept('waiting'),
    intent: 'order',
    code: { coding: [{ system: QSYS.queue, code: TICKET_CODE, display: '门诊候诊排队' }], text: '门诊候诊排队' },
    for: { reference: `Patient/${t.patient}` },
    ...(t.appointment ? { focus: { reference: `Appointment/${t.appointment}` } } : {}),
    encounter: { reference: t.encounter },
    location: t.room,
    ...(t.owner ? { owner: t.owner } : {}),
    authoredOn: t.at,
    lastModified: t.at,
    input: inputs(t.fields),
  };
}

/** The ticket's Task moved to a queue status with its fields changed (a copy; the caller writes it with If-Match). */
export function withStatus(t: Ticket, status: QueueStatus, at: string, fields: Partial<TicketFields> = {}): Resource {
  const merged: TicketFields = { ...readFields(t.task), ...fields };
  const task: Resource = { ...structuredClone(t.task), status: TASK_STATUS[status], businessStatus: statusConcept(status), lastModified: at, input: inputs(merged) };
  if (status === 'called' && !(task.executionPeriod as object | undefined)) task.executionPeriod = { start: at };
  if (status === 'done' || status === 'cancelled') task.executionPeriod = { ...(task.executionPeriod as object | undefined), end: at };
  return task;
}

// ---- the room's day counter (Basic) ----

export interface Counter {
  id: string;
  version: string;
  lastTicket: number;
  calls: number;
  resource: Resource;
}

const intExt = (r: Resource, url: string) => Number((((r.extension as { url: string; valueInteger?: number }[] | undefined) ?? []).find((e) => e.url === url))?.valueInteger ?? 0);

export function readCounter(r: Resource): Counter {
  return { id: r.id as string, version: r.meta?.versionId as string, lastTicket: intExt(r, QEXT.lastTicket), calls: intExt(r, QEXT.calls), resource: r };
}

export function newCounter(room: string, date: string): Resource {
  return {
    resourceType: 'Basic',
    identifier: [{ system: QSYS.roomDay, value: roomDayKey(room, date) }],
    code: { coding: [{ system: QSYS.queue, code: COUNTER_CODE, display: '诊室当日叫号计数' }] },
    subject: { reference: `Location/${room}` },
    created: date,
    extension: [{ url: QEXT.lastTicket, valueInteger: 0 }, { url: QEXT.calls, valueInteger: 0 }],
  };
}

export function counterWith(c: Counter, next: { lastTicket?: number; calls?: number }): Resource {
  return {
    ...structuredClone(c.resource),
    extension: [
      { url: QEXT.lastTicket, valueInteger: next.lastTicket ?? c.lastTicket },
      { url: QEXT.calls, valueInteger: next.calls ?? c.calls },
    ],
  };
}
