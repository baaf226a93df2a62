// The patient portal (患者服务) of smart services: routes under /api/portal — real-name self-registration, the
// patient's own record in compact form, results a doctor released, the inbox, and the satisfaction survey after a
// visit. Booking, check-in and the queue are the appointments and queue modules' routes, which the portal pages call.
import type { HuiyiModule } from '../../module.js';
import { registerPortalRoutes } from './routes.js';

export const portal: HuiyiModule = {
  name: 'portal',
  async register(app, deps) {
    await registerPortalRoutes(app, deps);
  },
};
