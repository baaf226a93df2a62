// The 'appointments' module of smart services (分时段预约), routes under /api/appointments: slots generated from the
// rosters, booking by patients and staff, cancel / reschedule, the no-show rule and 停诊 with notices.
import type { FastifyRequest } from 'fastify';
import type { HuiyiModule } from '../../module.js';
import type { BookingDeps, BookInput } from './booking.js';
import { book, cancel, reschedule } from './booking.js';
import { callerOf, forbidden, hasRole, ROSTER_STAFF } from './caller.js';
import { generateSlots } from './generate.js';
import { guideNote } from './guide-note.js';
import { myAppointments, staffList, type ListQuery } from './lists.js';
import { markNoShows } from './noshow.js';
import { schemas } from './schemas.js';
import { loadAppointmentSettings } from './settings.js';
import { listDepartments, listSchedules, listSlots } from './slots.js';
import { stopSession, type StopInput } from './stop.js';
import { checkDate, localDate } from './time.js';

type Id = { Params: { id: string } };

export const appointments: HuiyiModule = {
  name: 'appointments',
  async register(app, deps) {
    const settings = loadAppointmentSettings(deps.env);
    const d: BookingDeps = { repo: deps.repo, transaction: deps.transaction, elevated: deps.elevated, settings, now: () => new Date(), guideNote };
    const who = (req: FastifyRequest) => callerOf(req);
    const rosterStaff = (req: FastifyRequest, what: string) => {
      if (!hasRole(who(req), ROSTER_STAFF)) throw forbidden(`${what} needs one of the roles ${ROSTER_STAFF.join(', ')}`);
    };

    app.post<{ Body: { from?: string; days?: number } }>('/slots/generate', { schema: schemas.generate }, async (req) => {
      rosterStaff(req, 'Generating slots');
      const from = req.body?.from ? checkDate(req.body.from, 'from') : localDate(Date.now());
      // nurses may not write Schedules and Slots themselves: generating them is this module's step for its roles
      return generateSlots(deps.repo, deps.transaction, deps.elevated(deps.context(req)), { from, days: req.body?.days ?? 8, slotMinutes: settings.slotMinutes });
    });

    app.get('/departments', { schema: schemas.departments }, async (req) => ({ departments: await listDepartments(deps.repo, deps.context(req), new Date()) }));

    app.get<{ Querystring: { department?: string } }>('/schedules', { schema: schemas.schedules }, async (req) =>
      ({ schedules: await listSchedules(deps.repo, deps.context(req), req.query.department) }));

    app.get<{ Querystring: { department: string; date: string; practitioner?: string } }>('/slots', { schema: schemas.slots }, async (req) => {
      const q = req.query;
      return { slots: await listSlots(deps.repo, deps.context(req), { ...q, date: checkDate(q.date, 'date') }) };
    });

    app.post<{ Body: BookInput }>('/', { schema: schemas.book }, async (req, reply) =>
      reply.code(201).send({ appointment: await book(d, who(req), deps.context(req), req.body) }));

    app.get<{ Querystring: ListQuery }>('/', { schema: schemas.list }, async (req) => {
      const q = req.query;
      return staffList(d, who(req), deps.context(req), { ...q, ...(q.date ? { date: checkDate(q.date, 'date') } : {}) });
    });

    app.get('/mine', { schema: schemas.mine }, async (req) => ({ appointments: await myAppointments(d, who(req), deps.context(req)) }));

    app.post<Id & { Body: { reason?: string } }>('/:id/cancel', { schema: schemas.cancel }, async (req) =>
      ({ appointment: await cancel(d, who(req), deps.context(req), req.params.id, req.body?.reason) }));

    app.post<Id & { Body: { slot: string } }>('/:id/reschedule', { schema: schemas.reschedule }, async (req) =>
      ({ appointment: await reschedule(d, who(req), deps.context(req), req.params.id, req.body.slot) }));

    app.post<{ Body: StopInput }>('/sessions/stop', { schema: schemas.stop }, async (req) =>
      stopSession(d, who(req), deps.context(req), { ...req.body, date: checkDate(req.body.date, 'date') }));

    app.post('/no-shows', { schema: schemas.noShows }, async (req) => {
      rosterStaff(req, 'Marking no-shows');
      return { marked: await markNoShows(deps.repo, deps.elevated(deps.context(req)), { now: new Date() }) };
    });
  },
};
