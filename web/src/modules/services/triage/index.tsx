// Web pages of the 'triage' smart-services module (预检分诊): the nurse's fast triage entry /triage and the live
// emergency board /emergency/board, for nurses and doctors.
import { AlertOutlined, DashboardOutlined } from '@ant-design/icons';
import type { WebModule } from '../../../app/module';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const module: WebModule = {
  name: 'triage',
  routes: [
    { path: '/triage', lazy: async () => ({ Component: (await import('./TriagePage')).TriagePage }) },
    { path: '/emergency/board', lazy: async () => ({ Component: (await import('./BoardPage')).BoardPage }) },
  ],
  nav: [
    { path: '/triage', label: 'nav.triage', icon: <AlertOutlined />, roles: ['nurse', 'doctor'] },
    { path: '/emergency/board', label: 'nav.board', icon: <DashboardOutlined />, roles: ['nurse', 'doctor'] },
  ],
  messages: { 'zh-CN': zhCN, en },
};

export default module;
