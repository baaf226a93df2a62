// The 'queue' module of smart services: routes under /api/queue. (Placeholder until its helper fills it in.)
import type { HuiyiModule } from '../../module.js';

export const queue: HuiyiModule = {
  name: 'queue',
  async register() {},
};
