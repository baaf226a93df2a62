// Sliding-window rate limiting of login attempts per client IP. In memory here; the interface is small so a
// shared store (a Redis sorted set per key: ZREMRANGEBYSCORE, ZCARD, ZADD) can back it with several instances.

export interface RateLimiter {
  /** Count an attempt for key at now. Returns 0 if allowed, else the milliseconds until one is allowed again. */
  hit(key: string, now: number): Promise<number>;
  /** Take back one attempt (a successful login should not use up the allowance). */
  refund(key: string, now: number): Promise<void>;
}

export interface WindowLimit {
  max: number;
  windowMs: number;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private sweeps = 0;

  constructor(
    private readonly limit: WindowLimit,
    /** most keys kept; beyond it the stalest are forgotten (bounds memory under a spray of addresses) */
    private readonly maxKeys = 100_000,
  ) {}

  async hit(key: string, now: number): Promise<number> {
    const from = now - this.limit.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > from);
    if (list.length >= this.limit.max) {
      this.hits.set(key, list);
      return Math.max(1, (list[0] as number) + this.limit.windowMs - now);
    }
    list.push(now);
    this.hits.delete(key); // re-insert: Map order becomes least-recently-used first
    this.hits.set(key, list);
    if (++this.sweeps % 1000 === 0) this.sweep(now);
    while (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value as string);
    return 0;
  }

  async refund(key: string, _now?: number): Promise<void> {
    const list = this.hits.get(key);
    if (list?.length) list.pop();
  }

  private sweep(now: number): void {
    const from = now - this.limit.windowMs;
    for (const [k, list] of this.hits) if (!list.length || (list[list.length - 1] as number) <= from) this.hits.delete(k);
  }
}
