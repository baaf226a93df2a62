import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { notSupported } from './errors.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Registers routes and remembers the methods per path, so other methods get 405 instead of 404. */
export class Router {
  private readonly allowed = new Map<string, Set<Method>>();

  constructor(private readonly app: FastifyInstance) {}

  on(method: Method, url: string, handler: Handler): this {
    this.app.route({ method, url, handler });
    let set = this.allowed.get(url);
    if (!set) this.allowed.set(url, (set = new Set()));
    set.add(method);
    return this;
  }

  /** Call once after all routes: adds the 405 routes. */
  finish(): void {
    for (const [url, set] of this.allowed) {
      const others = METHODS.filter((m) => !set.has(m));
      if (!others.length) continue;
      const allow = [...set, ...(set.has('GET') ? ['HEAD'] : [])].join(', ');
      this.app.route({
        method: others as HTTPMethods[],
        url,
        // rejected in onRequest so that the body is never parsed
        onRequest: async (req, reply) => {
          reply.header('Allow', allow);
          throw notSupported(405, `${req.method} is not allowed here (allowed: ${allow})`);
        },
        handler: async () => undefined,
      });
    }
  }
}
