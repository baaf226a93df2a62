// /guide: the smart guide for the 导诊台 nurse (and doctors): the same panel patients use on their phones.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { GuidePanel } from './guide-panel';

export function GuidePage() {
  const { t } = useTranslation('guide');
  return (
    <div data-testid="guide-page">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>{t('page.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('page.subtitle')}</Typography.Paragraph>
      <GuidePanel />
    </div>
  );
}
