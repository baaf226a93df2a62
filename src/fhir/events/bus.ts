// Change events: published after a write commits. Domain modules (and later FHIR
// Subscriptions) consume them. The in-process bus is the embedded default; a shared bus
// (NATS, Redis) implements the same interface when several API nodes run.

export interface ChangeEvent {
  tenant: string;
  type: string;
  id: string;
  versionId: string;
  action: 'create' | 'update' | 'delete';
  lastUpdated: string;
}

export type ChangeHandler = (event: ChangeEvent) => void | Promise<void>;

export interface EventBus {
  publish(events: readonly ChangeEvent[]): Promise<void>;
  /** returns an unsubscribe function */
  subscribe(handler: ChangeHandler): () => void;
  close(): Promise<void>;
}

/** Delivers to local subscribers; a failing handler is reported, never breaks the write that caused it. */
export class InProcessBus implements EventBus {
  private readonly handlers = new Set<ChangeHandler>();
  constructor(private readonly onError: (err: unknown, e: ChangeEvent) => void = () => undefined) {}

  async publish(events: readonly ChangeEvent[]): Promise<void> {
    for (const e of events) {
      for (const h of this.handlers) {
        try {
          await h(e);
        } catch (err) {
          this.onError(err, e);
        }
      }
    }
  }

  subscribe(handler: ChangeHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
