import type { Db } from '../../fhir/store/db.js';
import { randomToken } from './util.js';

/** Context an EHR sets up before launching an app (SMART EHR launch): the `launch` parameter points at it. */
export interface LaunchContext {
  id: string;
  tenant: string;
  /** the EHR user who launched: only they can use it */
  userId: string;
  /** when set, only this client can use it */
  clientId?: string;
  patient?: string;
  encounter?: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function createLaunch(db: Db, c: Omit<LaunchContext, 'id'>, now: number, lifetimeMs: number): Promise<LaunchContext> {
  const launch = { ...c, id: randomToken(18) };
  await db.run('INSERT INTO oauth_launches (tenant, id, user_id, client_id, patient, encounter, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    c.tenant,
    launch.id,
    c.userId,
    c.clientId ?? null,
    c.patient ?? null,
    c.encounter ?? null,
    now + lifetimeMs,
  ]);
  return launch;
}

/** An unexpired launch context, or undefined. */
export async function findLaunch(db: Db, tenant: string, id: string, now: number): Promise<LaunchContext | undefined> {
  if (!ID.test(id)) return undefined;
  const r = await db.get<{ user_id: string; client_id: string | null; patient: string | null; encounter: string | null }>(
    'SELECT user_id, client_id, patient, encounter FROM oauth_launches WHERE tenant = ? AND id = ? AND expires_at > ?',
    [tenant, id, now],
  );
  return r && { id, tenant, userId: r.user_id, clientId: r.client_id ?? undefined, patient: r.patient ?? undefined, encounter: r.encounter ?? undefined };
}
