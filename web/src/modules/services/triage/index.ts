// Web pages of the 'triage' smart-services module. (Placeholder until its helper fills it in.)
import type { WebModule } from '../../../app/module';

const module: WebModule = {
  name: 'triage',
  routes: [],
  messages: { 'zh-CN': {}, en: {} },
};

export default module;
