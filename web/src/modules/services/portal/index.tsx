// The patient portal (患者服务), phone first: full-screen pages under /portal with their own bottom tab bar, and
// the public real-name registration at /register. A patient's home ("/") is the portal.
import { Navigate } from 'react-router-dom';
import type { WebModule } from '../../../app/module';
import { PortalLayout } from './layout';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) => async () => ({ Component: (await load())[name] });

const portal: WebModule = {
  name: 'portal',
  routes: [],
  fullscreenRoutes: [
    {
      path: '/portal',
      element: <PortalLayout />,
      children: [
        { index: true, lazy: page(() => import('./pages/HomePage'), 'HomePage') },
        { path: 'guide', lazy: page(() => import('./pages/GuidePage'), 'GuidePage') },
        { path: 'book', lazy: page(() => import('./pages/BookPage'), 'BookPage') },
        { path: 'appointments', lazy: page(() => import('./pages/AppointmentsPage'), 'AppointmentsPage') },
        { path: 'queue', lazy: page(() => import('./pages/QueuePage'), 'QueuePage') },
        { path: 'results', lazy: page(() => import('./pages/ResultsPage'), 'ResultsPage') },
        { path: 'inbox', lazy: page(() => import('./pages/InboxPage'), 'InboxPage') },
        { path: 'survey', lazy: page(() => import('./pages/SurveyPage'), 'SurveyListPage') },
        { path: 'survey/:encounter', lazy: page(() => import('./pages/SurveyPage'), 'SurveyPage') },
        { path: 'me', lazy: page(() => import('./pages/MePage'), 'MePage') },
        { path: '*', element: <Navigate to="/portal" replace /> },
      ],
    },
  ],
  publicRoutes: [
    { path: '/register', lazy: page(() => import('./pages/RegisterPage'), 'RegisterPage') },
  ],
  homes: { patient: <Navigate to="/portal" replace /> },
  messages: { 'zh-CN': zhCN, en },
};

export default portal;
