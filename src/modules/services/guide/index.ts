// The 'guide' module of smart services: routes under /api/guide. (Placeholder until its helper fills it in.)
import type { HuiyiModule } from '../../module.js';

export const guide: HuiyiModule = {
  name: 'guide',
  async register() {},
};
