// 404 inside the app, and the router's error page.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router-dom';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result status="404" title={t('notFound.title')} subTitle={t('notFound.subtitle')}
      extra={<Link to="/"><Button type="primary">{t('notFound.home')}</Button></Link>} data-testid="not-found" />
  );
}

export function RouteError() {
  const { t } = useTranslation();
  const err = useRouteError();
  if (err && typeof err === 'object' && (err as { status?: number }).status === 404) return <NotFound />;
  return (
    <Result status="error" title={t('errors.page')} subTitle={t('errors.pageSubtitle')}
      extra={<Button type="primary" onClick={() => location.reload()}>{t('common.refresh')}</Button>} />
  );
}
