// Web pages of the 'appointments' smart-services module: the staff page /appointments (book for a patient, the
// list with cancel / reschedule, slot generation and 停诊). The portal's own booking pages are the portal module's.
import { CalendarOutlined } from '@ant-design/icons';
import type { WebModule } from '../../../app/module';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const module: WebModule = {
  name: 'appointments',
  routes: [
    { path: '/appointments', lazy: async () => ({ Component: (await import('./AppointmentsPage')).AppointmentsPage }) },
  ],
  nav: [
    { path: '/appointments', label: 'nav.appointments', icon: <CalendarOutlined />, roles: ['nurse', 'doctor', 'admin'] },
  ],
  messages: { 'zh-CN': zhCN, en },
};

export default module;
