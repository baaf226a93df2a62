// Access control hooks of the core. The core knows no roles or tokens: the security layer hands it a
// decision function and a patient restriction per request, and the core applies them to every query
// it runs (search pages, counts, includes, reads, history, writes), so paging and totals stay true.
import { FhirError } from '../errors.js';
import type { Db, SqlValue } from './db.js';
import type { Resource } from '../types.js';
import { patientCompartmentParams, patientCompartmentTypes } from '../definitions/compartments.js';
import { paramKey } from './index-rows.js';

export type Interaction = 'read' | 'vread' | 'search' | 'history' | 'create' | 'update' | 'patch' | 'delete';

export interface AccessControl {
  /** may the caller do `interaction` on resources of `type`? */
  allows(type: string, interaction: Interaction): boolean;
  /**
   * When set, resources of Patient-compartment types are visible only when they are in one of these
   * patients' compartments (ids of Patient resources); other types only when listed in sharedTypes.
   */
  patients?: readonly string[];
  /** types outside the patient restriction that stay visible (directories, terminology) */
  sharedTypes?: ReadonlySet<string>;
}

export interface WriteEvent {
  action: 'create' | 'update' | 'delete';
  resource: Resource;
}

export interface ReadEvent {
  interaction: 'read' | 'vread' | 'search' | 'history';
  type?: string;
  id?: string;
  /** the search parameters as given, for searches */
  params?: [string, string][];
  resources: Resource[];
}

/** Told about every access; the audit ledger is one. */
export interface AccessObserver {
  /**
   * inside the write's transaction, before its rows are inserted: what it writes with `t` commits or rolls
   * back with the data (rows given to t.insertWithNext go in the same statement as the write's own)
   */
  written(t: Db, e: WriteEvent): Promise<void>;
  /** after a read-type interaction succeeded, with everything it returned */
  read(e: ReadEvent): void;
}

export const forbidden = (msg: string) => new FhirError(403, 'forbidden', msg);

export function assertAllowed(access: AccessControl | undefined, type: string, interaction: Interaction): void {
  if (access && !access.allows(type, interaction)) throw forbidden(`Not permitted: ${interaction} on ${type}`);
}

let allKeys: string[] | undefined;
/** every Patient-compartment reference parameter key, e.g. Observation.subject */
function compartmentKeys(types?: readonly string[]): string[] {
  if (!types) return (allKeys ??= patientCompartmentTypes().flatMap((t) => patientCompartmentParams(t).map((c) => paramKey(t, c))));
  return types.flatMap((t) => patientCompartmentParams(t).map((c) => paramKey(t, c)));
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/**
 * The visibility condition over resources `r` (alias), or undefined when nothing is restricted.
 * `types` narrows the compartment parameters when the caller knows the resource types involved;
 * `probe` checks per row through the (rid, p) index instead of driving from the patient ids.
 */
export function visibilitySql(access: AccessControl | undefined, tenant: string, r = 'r', types?: readonly string[], probe = false): { sql: string; params: SqlValue[] } | undefined {
  const patients = access?.patients;
  if (!patients) return undefined;
  const shared = [...(access.sharedTypes ?? [])].filter((t) => !types || types.includes(t));
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (shared.length) {
    parts.push(`${r}.type IN (${marks(shared.length)})`);
    params.push(...shared);
  }
  if (patients.length) {
    if (!types || types.includes('Patient')) {
      parts.push(`(${r}.type = 'Patient' AND ${r}.id IN (${marks(patients.length)}))`);
      params.push(...patients);
    }
    const keys = compartmentKeys(types);
    if (keys.length) {
      const x = `${r}_acc`;
      parts.push(
        probe
          ? `EXISTS (SELECT 1 FROM idx_reference ${x} WHERE ${x}.rid = ${r}.rid AND ${x}.p IN (${marks(keys.length)}) AND ${x}.target_type = 'Patient' AND ${x}.target_id IN (${marks(patients.length)}))`
          : `${r}.rid IN (SELECT ${x}.rid FROM idx_reference ${x} WHERE ${x}.tenant = ? AND ${x}.p IN (${marks(keys.length)}) AND ${x}.target_type = 'Patient' AND ${x}.target_id IN (${marks(patients.length)}))`,
      );
      if (!probe) params.push(tenant);
      params.push(...keys, ...patients);
    }
  }
  if (!parts.length) return { sql: '1 = 0', params: [] };
  return { sql: parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`, params };
}

/** Of these rows (by rid), which are visible? All of them when nothing is restricted. */
export async function visibleRids(db: Db, access: AccessControl | undefined, tenant: string, rids: readonly number[], types?: readonly string[]): Promise<Set<number>> {
  const vis = visibilitySql(access, tenant, 'r', types, true);
  if (!vis) return new Set(rids);
  const out = new Set<number>();
  for (let i = 0; i < rids.length; i += 500) {
    const chunk = rids.slice(i, i + 500);
    const rows = await db.all<{ rid: number }>(`SELECT r.rid FROM resources r WHERE r.rid IN (${marks(chunk.length)}) AND ${vis.sql}`, [...chunk, ...vis.params]);
    for (const row of rows) out.add(Number(row.rid));
  }
  return out;
}
