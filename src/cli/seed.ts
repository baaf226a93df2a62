import { openPlatformStore } from './platform-store.js';
import { loadConfig } from '../config/config.js';
import type { Store } from '../fhir/store/open.js';
import { seedDemoUsers } from '../security/identity/index.js';
import { generateDemoHospital } from '../demo/generate.js';
import type { RequestContext } from '../fhir/store/repository.js';
import { processBundle } from '../fhir/bundle/process.js';

export async function seedCommand(opts: { db?: string; demo?: boolean; patients: string; seed: string }): Promise<void> {
  if (!opts.demo) throw new Error('nothing to seed: pass --demo');
  const config = loadConfig(opts);
  const patients = Number(opts.patients);
  const seed = Number(opts.seed);
  if (!Number.isInteger(patients) || patients < 1 || patients > 100000) throw new Error('--patients must be 1..100000');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const store = await openPlatformStore(config);
  try {
    const n = await seedDemo(store, { tenant: config.tenant }, { patients, seed });
    console.log(`loaded ${n} demo resources into ${store.dialect} (tenant ${config.tenant})`);
    const users = await seedDemoUsers(store.db, config.tenant);
    if (users) console.log(`created ${users} demo users (their passwords are in the README; never use them in production)`);
  } finally {
    await store.close();
  }
}

/** PUT every demo resource (client ids) in transactions of 500, so seeding twice leaves one copy. */
export async function seedDemo(store: Store, ctx: RequestContext, opts: { patients?: number; seed?: number; now?: Date } = {}): Promise<number> {
  const resources = generateDemoHospital({ patients: opts.patients, seed: opts.seed, now: opts.now });
  for (let i = 0; i < resources.length; i += 500) {
    const entry = resources.slice(i, i + 500).map((r) => ({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } }));
    await processBundle(store.repo, ctx, { resourceType: 'Bundle', type: 'transaction', entry }, { baseUrl: 'http://localhost/fhir', maxEntries: 500 });
  }
  await store.db.analyze();
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
