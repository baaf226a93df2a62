// Patients in the web app: the search page (the "患者" menu item), registration, and the merge dialog. The chart
// at /patients/:id belongs to the chart module.
import { TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../../app/module';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const patients: WebModule = {
  name: 'patients',
  routes: [
    { path: '/patients', lazy: async () => ({ Component: (await import('./PatientsPage')).PatientsPage }) },
    { path: '/patients/new', lazy: async () => ({ Component: (await import('./RegisterPage')).RegisterPage }) },
  ],
  nav: [{ path: '/patients', label: 'nav.patients', icon: <TeamOutlined />, roles: ['doctor', 'nurse'] }],
  messages: { 'zh-CN': zhCN, en },
};

export default patients;
