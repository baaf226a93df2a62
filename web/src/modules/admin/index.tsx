// The administrator's workspace: users, OAuth clients and access policies.
import { ApiOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module';
import { AdminHome } from './admin-home';
import './admin.css';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const admin: WebModule = {
  name: 'admin',
  routes: [
    { path: '/system/users', lazy: async () => ({ Component: (await import('./users/users-page')).UsersPage }) },
    { path: '/system/clients', lazy: async () => ({ Component: (await import('./clients/clients-page')).ClientsPage }) },
    { path: '/system/policies', lazy: async () => ({ Component: (await import('./policies/policies-page')).PoliciesPage }) },
  ],
  nav: [
    { path: '/system/users', label: 'nav.users', icon: <TeamOutlined />, roles: ['admin'] },
    { path: '/system/clients', label: 'nav.clients', icon: <ApiOutlined />, roles: ['admin'] },
    { path: '/system/policies', label: 'nav.policies', icon: <SafetyCertificateOutlined />, roles: ['admin'] },
  ],
  homes: { admin: <AdminHome /> },
  messages: { 'zh-CN': zhCN, en },
};

export default admin;
