import type { Db } from '../src/fhir/store/db.js';
import type { Resource } from '../src/fhir/types.js';
import { CONTENT_JOIN } from '../src/fhir/store/content.js';

export interface PatientRef {
  id: string;
  family: string;
  resource: Resource;
}

export interface Code {
  system: string;
  code: string;
}

/** Query inputs taken from the loaded data, so nothing about the data set is hard-coded. */
export interface Sample {
  /** patients spread evenly over the database (originals and copies) */
  patients: PatientRef[];
  /** the most frequent Observation codes, most frequent first */
  codes: Code[];
  /** resources of every type for read-by-id, spread evenly */
  reads: { type: string; id: string }[];
}

export async function sampleData(db: Db, tenant: string, maxPatients = 50, maxReads = 2000): Promise<Sample> {
  const rows = await db.all<{ id: string; content: string }>(
    `SELECT r.id, h.content FROM resources r ${CONTENT_JOIN} WHERE r.tenant = ? AND r.type = 'Patient' AND r.deleted = 0 ORDER BY r.rid`,
    [tenant],
  );
  const pick = <T>(xs: T[], n: number) => (xs.length <= n ? xs : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]));
  const patients = pick(rows, maxPatients).map((r) => {
    const resource = JSON.parse(r.content) as Resource;
    const family = (resource.name as { family?: string }[] | undefined)?.[0]?.family ?? 'Smith';
    return { id: r.id, family, resource };
  });
  const codes = await db.all<Code>(
    "SELECT system, code FROM idx_token WHERE tenant = ? AND p = 'Observation.code' AND code IS NOT NULL GROUP BY system, code ORDER BY COUNT(*) DESC LIMIT 10",
    [tenant],
  );
  const n = Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM resources WHERE tenant = ? AND deleted = 0', [tenant]))?.n ?? 0);
  const step = Math.max(1, Math.floor(n / maxReads));
  const reads = await db.all<{ type: string; id: string }>(
    'SELECT type, id FROM resources WHERE tenant = ? AND deleted = 0 AND rid % ? = 0 ORDER BY rid LIMIT ?',
    [tenant, step, maxReads],
  );
  if (!patients.length || !codes.length || !reads.length) throw new Error('the database holds no Patients/Observations to query');
  return { patients, codes, reads };
}
