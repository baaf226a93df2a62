// The 'portal' module of smart services: routes under /api/portal. (Placeholder until its helper fills it in.)
import type { HuiyiModule } from '../../module.js';

export const portal: HuiyiModule = {
  name: 'portal',
  async register() {},
};
