// Deterministic ids: generating the same roster twice names the same Schedules and Slots, so it writes nothing new.
import { createHash } from 'node:crypto';

const MAX = 64;

/** `prefix-part-part…`, or when longer than a FHIR id may be, `prefix-<hash of the parts>`. */
export function stableId(prefix: string, ...parts: string[]): string {
  const id = [prefix, ...parts].join('-');
  if (id.length <= MAX && /^[A-Za-z0-9\-.]+$/.test(id)) return id;
  return `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, MAX - prefix.length - 1)}`;
}

export const scheduleId = (roleId: string) => stableId('sched', roleId);

/** slot-<role>-<YYYYMMDD>-<HHMM> of a hospital-local start */
export const slotId = (roleId: string, start: string) => stableId('slot', roleId, start.slice(0, 10).replaceAll('-', ''), start.slice(11, 16).replace(':', ''));
