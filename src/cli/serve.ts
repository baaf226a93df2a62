import { openPlatformStore } from './platform-store.js';
import { loadConfig } from '../config/config.js';
import { openEventBus } from '../fhir/events/redis-bus.js';
import { buildApp } from '../server/app.js';
import { validateResource } from '../fhir/validation/validate.js';
import { hasDemo, seedDemo } from './seed.js';
import { assertNoDemoPasswords, seedDemoUsers } from '../security/identity/index.js';
import { seedDemoSlots } from '../modules/services/appointments/demo.js';
import { seedDemoTriage } from '../modules/services/triage/demo.js';

export async function serveCommand(opts: { db?: string; port?: string; host?: string; demo?: boolean }): Promise<void> {
  const config = loadConfig(opts);
  const bus = await openEventBus(config.eventBus, (err) => console.error(`huiyi: change event handler failed: ${(err as Error).message}`));
  const store = await openPlatformStore(config, { bus });
  if (config.production) await assertNoDemoPasswords(store.db);
  else if (config.openFhir) console.warn('huiyi: WARNING: HUIYI_DEV_OPEN_FHIR is set: the FHIR API answers without authentication (local development only)');
  const app = await buildApp({ config, store });
  // load definitions and compile the common validators now, not on the first request
  validateResource({ resourceType: 'Patient' });
  validateResource({ resourceType: 'Observation', status: 'final', code: { text: 'warm-up' } });
  const ctx = { tenant: config.tenant };
  if (opts.demo && !(await hasDemo(store, ctx))) {
    app.log.info('first run: loading the demo hospital');
    // dated around today, so today's clinics and the current inpatients are there to work with
    const n = await seedDemo(store, ctx, { now: new Date() });
    app.log.info({ resources: n }, 'demo hospital loaded');
  }
  if (opts.demo) {
    // today's and the coming week's clinic slots (idempotent: each start adds only the days that came into range)
    const slots = await seedDemoSlots(store, ctx);
    app.log.info({ created: slots.created, from: slots.from, to: slots.to }, 'appointment slots ready');
    const arrivals = await seedDemoTriage(store, ctx);
    if (arrivals.length) app.log.info({ arrivals: arrivals.length }, 'emergency department: demo arrivals triaged');
  }
  if (opts.demo && !config.production) {
    const made = await seedDemoUsers(store.db, config.tenant);
    if (made) app.log.info({ users: made }, 'demo users created (see the README for their passwords)');
  }

  // Graceful shutdown: stop accepting, let in-flight requests (and their writes) finish, then close the database.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25000);
    force.unref();
    try {
      await app.close();
      await store.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: store.dialect, url: `http://${config.host}:${config.port}/fhir` }, 'Huiyi is running');
}
