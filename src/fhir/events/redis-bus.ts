import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { InProcessBus, type ChangeEvent, type ChangeHandler, type EventBus } from './bus.js';

type Client = ReturnType<typeof createClient>;

/**
 * Change events shared by several API nodes through Redis pub/sub. Local subscribers get each
 * event once: directly for this node's writes, from Redis for other nodes' writes.
 */
export class RedisBus implements EventBus {
  private readonly node = randomUUID();
  private readonly local: InProcessBus;

  private constructor(
    private readonly pub: Client,
    private readonly sub: Client,
    private readonly channel: string,
    onError: (err: unknown, e?: ChangeEvent) => void,
  ) {
    this.local = new InProcessBus(onError);
  }

  static async connect(url: string, opts: { channel?: string; onError?: (err: unknown, e?: ChangeEvent) => void } = {}): Promise<RedisBus> {
    const onError = opts.onError ?? (() => undefined);
    const pub = createClient({ url });
    const sub = pub.duplicate();
    pub.on('error', onError);
    sub.on('error', onError);
    await Promise.all([pub.connect(), sub.connect()]);
    const bus = new RedisBus(pub, sub, opts.channel ?? 'huiyi:changes', onError);
    await sub.subscribe(bus.channel, (message) => {
      try {
        const m = JSON.parse(message) as { node: string; events: ChangeEvent[] };
        if (m.node !== bus.node) void bus.local.publish(m.events);
      } catch (err) {
        onError(err);
      }
    });
    return bus;
  }

  async publish(events: readonly ChangeEvent[]): Promise<void> {
    await this.local.publish(events);
    await this.pub.publish(this.channel, JSON.stringify({ node: this.node, events }));
  }

  subscribe(handler: ChangeHandler): () => void {
    return this.local.subscribe(handler);
  }

  async close(): Promise<void> {
    await this.local.close();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}

/** The bus named by configuration: in-process by default, Redis for `redis://…`. */
export async function openEventBus(url: string | undefined, onError?: (err: unknown, e?: ChangeEvent) => void): Promise<EventBus> {
  if (!url || url === 'memory') return new InProcessBus(onError);
  if (/^rediss?:\/\//.test(url)) return RedisBus.connect(url, { onError });
  throw new Error(`Unsupported event bus "${url}": use memory or redis://host:port`);
}
