// The smart guide (智能导诊) in the web app: the staff page /guide for the 导诊台 nurse and doctors. The panel
// itself (guide-panel.tsx, GuidePanel) is shared: the patient portal shows it with a "book" button per department.
import { CompassOutlined } from '@ant-design/icons';
import type { WebModule } from '../../../app/module';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const guide: WebModule = {
  name: 'guide',
  routes: [{ path: '/guide', lazy: async () => ({ Component: (await import('./GuidePage')).GuidePage }) }],
  nav: [{ path: '/guide', label: 'nav.guide', icon: <CompassOutlined />, roles: ['nurse', 'doctor'] }],
  messages: { 'zh-CN': zhCN, en },
};

export default guide;
