// The patient chart in the web app (/patients/:id).
import type { WebModule } from '../../../app/module';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const chart: WebModule = {
  name: 'chart',
  routes: [
    { path: '/patients/:id', lazy: async () => ({ Component: (await import('./ChartPage')).ChartPage }) },
  ],
  messages: { 'zh-CN': zhCN, en },
};

export default chart;
