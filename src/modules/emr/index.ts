// The EMR module (clinician workspace): its routes live under /api/emr. Each feature folder registers its own
// routes here — one call per feature, nothing else.
import type { HuiyiModule } from '../module.js';
import { registerPatientRoutes } from './patients/routes.js';
import { registerNoteRoutes } from './notes/routes.js';
import { registerOrderRoutes } from './orders/routes.js';
import { registerEncounterRoutes } from './encounters/routes.js';

export const emr: HuiyiModule = {
  name: 'emr',
  async register(app, deps) {
    await registerPatientRoutes(app, deps);
    await registerNoteRoutes(app, deps);
    await registerOrderRoutes(app, deps);
    await registerEncounterRoutes(app, deps);
  },
};
