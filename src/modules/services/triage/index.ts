// The 'triage' module of smart services: routes under /api/triage. (Placeholder until its helper fills it in.)
import type { HuiyiModule } from '../../module.js';

export const triage: HuiyiModule = {
  name: 'triage',
  async register() {},
};
