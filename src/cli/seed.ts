import { loadConfig } from '../config/config.js';
import { openStore, type Store } from '../fhir/store/open.js';
import { generateDemoHospital } from '../demo/generate.js';
import type { RequestContext } from '../fhir/store/repository.js';

export async function seedCommand(opts: { db?: string; demo?: boolean; patients: string; seed: string }): Promise<void> {
  if (!opts.demo) throw new Error('nothing to seed: pass --demo');
  const config = loadConfig(opts);
  const patients = Number(opts.patients);
  const seed = Number(opts.seed);
  if (!Number.isInteger(patients) || patients < 1 || patients > 100000) throw new Error('--patients must be 1..100000');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const store = await openStore(config.databaseUrl);
  try {
    const n = await seedDemo(store, { tenant: config.tenant }, { patients, seed });
    console.log(`loaded ${n} demo resources into ${store.dialect} (tenant ${config.tenant})`);
  } finally {
    await store.close();
  }
}

/** PUT every demo resource (client ids), so seeding twice leaves one copy. */
export async function seedDemo(store: Store, ctx: RequestContext, opts: { patients?: number; seed?: number } = {}): Promise<number> {
  const resources = generateDemoHospital({ patients: opts.patients, seed: opts.seed });
  for (const r of resources) await store.repo.update(ctx, r);
  return resources.length;
}

/** True when the demo hospital is already there (its Organization exists). */
export async function hasDemo(store: Store, ctx: RequestContext): Promise<boolean> {
  const res = generateDemoHospital({ patients: 1 })[0];
  try {
    await store.repo.read(ctx, res.resourceType, res.id as string);
    return true;
  } catch {
    return false;
  }
}
