// Break-glass grants: a user opens a patient's record outside their policy, for a stated reason, for a while.
import type { Db } from '../../fhir/store/db.js';

export const BREAK_GLASS_HOURS = 4;

export interface Grant {
  patient: string;
  reason: string;
  created: string;
  expires: string;
}

export async function addGrant(t: Db, tenant: string, userId: string, patient: string, reason: string, now = Date.now()): Promise<Grant> {
  const expires = now + BREAK_GLASS_HOURS * 3600_000;
  await t.run('INSERT INTO access_grant (tenant, user_id, patient_id, reason, created, expires) VALUES (?, ?, ?, ?, ?, ?)', [tenant, userId, patient, reason, now, expires]);
  return { patient, reason, created: new Date(now).toISOString(), expires: new Date(expires).toISOString() };
}

export async function activeGrants(db: Db, tenant: string, userId: string, now = Date.now()): Promise<Grant[]> {
  const rows = await db.all<{ patient_id: string; reason: string; created: number; expires: number }>(
    'SELECT patient_id, reason, created, expires FROM access_grant WHERE tenant = ? AND user_id = ? AND expires > ? ORDER BY created',
    [tenant, userId, now],
  );
  return rows.map((r) => ({ patient: r.patient_id, reason: r.reason, created: new Date(Number(r.created)).toISOString(), expires: new Date(Number(r.expires)).toISOString() }));
}
