// The 'triage' module of smart services (预检分诊): routes under /api/triage. triageModule() takes a clock and the
// stream timings for tests; `triage` is the module the server mounts.
import type { HuiyiModule } from '../../module.js';
import { ALGORITHMS, type Algorithm } from './codes.js';
import { registerTriageRoutes, type TriageOptions } from './routes.js';

export function triageModule(o: Partial<TriageOptions> = {}): HuiyiModule {
  return {
    name: 'triage',
    async register(app, deps) {
      const configured = deps.env.HUIYI_TRIAGE_ALGORITHM;
      if (configured && !(ALGORITHMS as readonly string[]).includes(configured)) {
        throw new Error(`HUIYI_TRIAGE_ALGORITHM must be one of ${ALGORITHMS.join(', ')} (got "${configured}")`);
      }
      await registerTriageRoutes(app, deps, {
        now: () => new Date(),
        algorithm: (configured as Algorithm | undefined) ?? 'cn2018',
        heartbeatMs: 15_000,
        refreshMs: 60_000,
        debounceMs: 250,
        ...o,
      });
    },
  };
}

export const triage: HuiyiModule = triageModule();
