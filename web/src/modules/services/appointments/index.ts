// Web pages of the 'appointments' smart-services module. (Placeholder until its helper fills it in.)
import type { WebModule } from '../../../app/module';

const module: WebModule = {
  name: 'appointments',
  routes: [],
  messages: { 'zh-CN': {}, en: {} },
};

export default module;
