// Web pages of the 'guide' smart-services module. (Placeholder until its helper fills it in.)
import type { WebModule } from '../../../app/module';

const module: WebModule = {
  name: 'guide',
  routes: [],
  messages: { 'zh-CN': {}, en: {} },
};

export default module;
