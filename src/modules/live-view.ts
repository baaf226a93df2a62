// Server-sent events for a live view (boards): the view on connect, again after each relevant change (deps.events)
// and every refreshMs when the view moves with the clock (minutes waited), a heartbeat comment in between. Each push is the view's own GET route run again with the caller's credentials
// (app.inject): it is authenticated, authorised and audited like any /api read, and when the session has ended or
// lost the right, the stream says so and closes.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeEvent, EventBus } from '../fhir/events/bus.js';

export interface LiveView {
  /** the GET route (path and query) whose answer is pushed */
  url: string;
  events: EventBus;
  tenant: string;
  relevant(e: ChangeEvent): boolean;
  heartbeatMs: number;
  /** also re-read this often (sent only when it changed); none by default */
  refreshMs?: number;
  /** changes within this time are pushed once (default 50 ms) */
  debounceMs?: number;
  /** event name of the pushed view */
  name: string;
}

/** Open streams of this server, closed when it shuts down (an open stream would keep it from closing). */
export class LiveStreams {
  private readonly closers = new Set<() => void>();
  add(close: () => void): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }
  closeAll(): void {
    for (const c of [...this.closers]) c();
  }
  get size(): number {
    return this.closers.size;
  }
}

const FORWARD = ['cookie', 'authorization', 'user-agent', 'accept-language'];

const frame = (event: string, data: string) => `event: ${event}\ndata: ${data.replace(/\n/g, '\ndata: ')}\n\n`;

export async function openLiveView(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, view: LiveView, streams: LiveStreams): Promise<FastifyReply> {
  const headers: Record<string, string> = {};
  for (const h of FORWARD) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  const read = () => app.inject({ method: 'GET', url: view.url, headers, remoteAddress: req.ip });
  const first = await read();
  if (first.statusCode !== 200) {
    // the same refusal the view itself gives (400, 403 …), as an ordinary answer instead of a stream
    return reply.code(first.statusCode).type(String(first.headers['content-type'] ?? 'application/fhir+json')).send(first.body);
  }

  const stream = new PassThrough();
  let last = first.body;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  let again = false;

  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    forget();
    clearInterval(heartbeat);
    if (tick) clearInterval(tick);
    if (timer) clearTimeout(timer);
    stream.end();
  };
  const refresh = async () => {
    timer = undefined;
    if (closed) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const r = await read();
      if (closed) return;
      if (r.statusCode === 200) {
        if (r.body !== last) stream.write(frame(view.name, r.body));
        last = r.body;
      } else if (r.statusCode === 401 || r.statusCode === 403) {
        stream.write(frame('end', JSON.stringify({ status: r.statusCode })));
        close();
      }
    } catch {
      // a failed refresh is retried with the next change
    } finally {
      busy = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };
  // changes come in bursts (a call writes the ticket, the Encounter and the counter): one refresh per burst
  const schedule = () => {
    if (!timer && !closed) timer = setTimeout(() => void refresh(), view.debounceMs ?? 50);
  };
  const unsubscribe = view.events.subscribe((e) => {
    if (e.tenant === view.tenant && view.relevant(e)) schedule();
  });
  const forget = streams.add(close);
  const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), view.heartbeatMs);
  heartbeat.unref();
  const tick = view.refreshMs ? setInterval(schedule, view.refreshMs) : undefined;
  tick?.unref();
  reply.raw.on('close', close);
  stream.on('error', close);

  stream.write(`retry: 3000\n${frame(view.name, first.body)}`);
  return reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no')
    .send(stream);
}
