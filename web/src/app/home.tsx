// "/": the home page the first module offers for one of the user's roles, else a welcome.
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';
import { WEB_MODULES } from './modules';
import { navFor } from './nav';

export function RoleHome() {
  const { user } = useAuth();
  for (const role of user?.roles ?? []) {
    for (const m of WEB_MODULES) {
      const home = m.homes?.[role];
      if (home) return <>{home}</>;
    }
  }
  return <Welcome />;
}

function Welcome() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const hasNav = navFor(user?.roles ?? []).length > 0;
  return (
    <Card data-testid="welcome">
      <Typography.Title level={3}>{t('home.welcome', { name: user?.displayName ?? user?.username ?? '' })}</Typography.Title>
      <Typography.Paragraph type="secondary">{hasNav ? t('home.intro') : t('home.noModules')}</Typography.Paragraph>
    </Card>
  );
}
