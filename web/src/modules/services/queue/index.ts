// Web pages of the 'queue' smart-services module. (Placeholder until its helper fills it in.)
import type { WebModule } from '../../../app/module';

const module: WebModule = {
  name: 'queue',
  routes: [],
  messages: { 'zh-CN': {}, en: {} },
};

export default module;
