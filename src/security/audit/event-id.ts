import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): time-ordered, so the ledger's event-id index grows at its right edge instead
 * of dirtying a random page per event. The random bits come from randomUUID (pooled entropy, cheap).
 */
export function eventId(now = Date.now()): string {
  const r = randomUUID().replace(/-/g, '');
  const t = now.toString(16).padStart(12, '0').slice(-12);
  const h = `${t}7${r.slice(13, 16)}${((parseInt(r[16], 16) & 0x3) | 0x8).toString(16)}${r.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
