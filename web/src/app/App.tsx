// The root component: Ant Design in the user's language (and dayjs with it), auth, and the router.
import { useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth';
import { createRouter } from './router';

const THEME = { token: { colorPrimary: '#1677ff', borderRadius: 6, fontFamily: 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' } };

export function App() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [router] = useState(createRouter);
  dayjs.locale(en ? 'en' : 'zh-cn');
  const locale = useMemo(() => (en ? enUS : zhCN), [en]);
  return (
    <ConfigProvider locale={locale} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
