// The 'appointments' module of smart services: routes under /api/appointments. (Placeholder until its helper fills it in.)
import type { HuiyiModule } from '../../module.js';

export const appointments: HuiyiModule = {
  name: 'appointments',
  async register() {},
};
