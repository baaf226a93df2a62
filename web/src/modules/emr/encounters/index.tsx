// Encounters in the web app: the doctor's and the nurse's home pages, the ward bed boards, and the visit/stay
// actions the chart uses (start a visit, move its status, admit, transfer, discharge).
import { ApartmentOutlined } from '@ant-design/icons';
import type { WebModule } from '../../../app/module';
import { DoctorHome } from './DoctorHome';
import { NurseHome } from './NurseHome';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const encounters: WebModule = {
  name: 'encounters',
  routes: [
    { path: '/wards', lazy: async () => ({ Component: (await import('./WardsPage')).WardsPage }) },
  ],
  nav: [
    { path: '/wards', label: 'nav.wards', icon: <ApartmentOutlined />, roles: ['nurse', 'doctor'] },
  ],
  homes: { doctor: <DoctorHome />, nurse: <NurseHome /> },
  messages: { 'zh-CN': zhCN, en },
};

export default encounters;
