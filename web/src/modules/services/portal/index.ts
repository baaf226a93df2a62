// Web pages of the 'portal' smart-services module. (Placeholder until its helper fills it in.)
import type { WebModule } from '../../../app/module';

const module: WebModule = {
  name: 'portal',
  routes: [],
  messages: { 'zh-CN': {}, en: {} },
};

export default module;
