// The 智能导诊 smart guide (/api/guide): knowledge base in kb/, engine in engine.ts, pre-visit note in
// questionnaire-response.ts, labelled cases in vignettes.ts.
import type { HuiyiModule } from '../../module.js';
import { registerGuideRoutes } from './routes.js';

export const guide: HuiyiModule = {
  name: 'guide',
  async register(app, deps) {
    await registerGuideRoutes(app, deps);
  },
};
