// Web pages of the 'queue' smart-services module: the doctor's clinic queue (/queue, inside the staff frame) and
// the waiting-room TV board (/queue/board, full screen, signed in as staff).
import { lazy, Suspense } from 'react';
import { DesktopOutlined, SoundOutlined } from '@ant-design/icons';
import type { WebModule } from '../../../app/module';
import { Loading } from '../../../app/states';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const QueuePage = lazy(async () => ({ default: (await import('./QueuePage')).QueuePage }));
const BoardPage = lazy(async () => ({ default: (await import('./BoardPage')).BoardPage }));

const module: WebModule = {
  name: 'queue',
  routes: [
    { path: '/queue', element: <Suspense fallback={<Loading />}><QueuePage /></Suspense> },
  ],
  fullscreenRoutes: [
    { path: '/queue/board', element: <Suspense fallback={<Loading />}><BoardPage /></Suspense> },
  ],
  nav: [
    { path: '/queue', label: 'nav.queue', icon: <SoundOutlined />, roles: ['doctor'] },
    { path: '/queue/board', label: 'nav.board', icon: <DesktopOutlined />, roles: ['nurse', 'doctor'] },
  ],
  messages: { 'zh-CN': zhCN, en },
};

export default module;
