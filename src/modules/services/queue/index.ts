// The 'queue' module of smart services (routes under /api/queue): check-in issues a number in the clinic room's
// line, the doctor calls next / recalls / skips / finishes, the patient sees how many are ahead, and the
// waiting-room board shows the calls live (SSE) with masked names. Storage: Task (tickets), Basic (a room's counter
// of the day), Encounter and Appointment — see ticket.ts.
import type { FastifyRequest } from 'fastify';
import { FhirError } from '../../../fhir/errors.js';
import type { HuiyiModule, ModuleDeps } from '../../module.js';
import { clinician } from '../../emr/encounters/me.js';
import { localDate } from '../appointments/time.js';
import { readBoard, type BoardQuery } from './board.js';
import { forbidden, fhirUserOf, patientOf, requireRole } from '../../caller.js';
import { callNext, ticketAction } from './calls.js';
import { checkIn } from './check-in.js';
import { LiveStreams, openLiveView } from '../../live-view.js';
import { myTickets } from './mine.js';
import { myRoom } from './my-room.js';
import { preVisitNotes } from './pre-visit.js';
import { BOARD_ROLES, CALL_ROLES, DESK_ROLES, HEARTBEAT_MS, loadQueueRules, type QueueRules } from './rules.js';
import { schemas } from './schemas.js';
import { ticketView, roomQueue, type TicketView } from './views.js';
import type { Ticket } from './ticket.js';

type RoomParams = { Params: { room: string } };
type IdParams = { Params: { id: string } };

async function readRoom(deps: ModuleDeps, req: FastifyRequest, id: string) {
  try {
    return await deps.repo.read(deps.context(req), 'Location', id);
  } catch (e) {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) throw new FhirError(404, 'not-found', `Clinic room Location/${id} is not known`);
    throw e;
  }
}

export function registerQueueRoutes(rules: QueueRules) {
  return async (app: Parameters<HuiyiModule['register']>[0], deps: ModuleDeps): Promise<void> => {
    const { repo, transaction } = deps;
    const streams = new LiveStreams();
    app.addHook('preClose', async () => streams.closeAll());
    const staffView = (t: Ticket): TicketView => ticketView(t);

    app.post<{ Body: { appointment: string } }>('/check-in', { schema: schemas.checkIn }, async (req, reply) => {
      const ctx = deps.context(req);
      const patient = patientOf(req);
      if (!patient) requireRole(req, DESK_ROLES, 'Checking in for someone else');
      // the caller's right is decided here (own appointment / desk staff): the workflow step runs elevated
      const r = await checkIn(repo, transaction, deps.elevated(ctx), { appointment: req.body.appointment, ...(patient ? { patientOnly: patient } : {}) }, rules);
      const { patient: _p, room: _r, ...view } = ticketView(r.ticket);
      return reply.code(r.created ? 201 : 200).send({ ...view, room: r.room, ...(r.position !== undefined ? { position: r.position } : {}) });
    });

    app.get('/mine', { schema: schemas.mine }, async (req) => {
      const patient = patientOf(req);
      if (!patient) throw forbidden('GET /api/queue/mine is for patient accounts linked to their own record');
      const ctx = deps.context(req);
      return myTickets(repo, ctx, deps.elevated(ctx), patient, rules);
    });

    app.get('/my-room', { schema: schemas.myRoom }, async (req) => {
      requireRole(req, CALL_ROLES, 'The clinic room queue');
      const ctx = deps.context(req);
      return myRoom(repo, ctx, await clinician(repo, ctx, fhirUserOf(req)));
    });

    app.get<RoomParams>('/rooms/:room', { schema: schemas.room }, async (req) => {
      requireRole(req, CALL_ROLES, 'The clinic room queue');
      const ctx = deps.context(req);
      const room = await readRoom(deps, req, req.params.room);
      const q = await roomQueue(repo, ctx, room, localDate(Date.now()), rules);
      return { ...q, called: await preVisitNotes(repo, ctx, q.called) };
    });

    app.post<RoomParams>('/rooms/:room/next', { schema: schemas.next }, async (req) => {
      requireRole(req, CALL_ROLES, 'Calling patients');
      const room = await readRoom(deps, req, req.params.room);
      const r = await callNext(repo, transaction, deps.context(req), room.id as string, rules);
      return { ...(r.called ? { called: staffView(r.called) } : {}), finished: r.finished.map(staffView) };
    });

    for (const [action, summary] of [
      ['recall', 'Call the patient again (a skipped one out of turn)'],
      ['skip', 'Skip (过号): the patient leaves the line and re-joins after the configured number of calls'],
      ['finish', 'Finish the consultation (the Encounter is finished)'],
    ] as const) {
      app.post<IdParams>(`/tickets/:id/${action}`, { schema: schemas.action(summary) }, async (req) => {
        requireRole(req, CALL_ROLES, 'Changing the queue');
        return staffView(await ticketAction(repo, transaction, deps.context(req), req.params.id, action));
      });
    }

    app.get<{ Querystring: BoardQuery }>('/board', { schema: schemas.board }, async (req) => {
      requireRole(req, BOARD_ROLES, 'The waiting-room board');
      const ctx = deps.context(req);
      return readBoard(repo, ctx, deps.elevated(ctx), req.query, rules);
    });

    app.get<{ Querystring: BoardQuery }>('/board/events', { schema: schemas.boardEvents }, async (req, reply) => {
      requireRole(req, BOARD_ROLES, 'The waiting-room board');
      const q = new URLSearchParams();
      if (req.query.department) q.set('department', req.query.department);
      if (req.query.room) q.set('room', req.query.room);
      return openLiveView(app, req, reply, {
        url: `/api/queue/board${q.size ? `?${q}` : ''}`,
        events: deps.events, tenant: deps.context(req).tenant, heartbeatMs: HEARTBEAT_MS, name: 'board',
        relevant: (e) => e.type === 'Task' || (e.type === 'Location' && e.action !== 'create'),
      }, streams);
    });
  };
}

export const queue: HuiyiModule = {
  name: 'queue',
  async register(app, deps) {
    await registerQueueRoutes(loadQueueRules(deps.env))(app, deps);
  },
};
