// The nurse's home: the bed boards of her wards (the locations of her PractitionerRole), refreshed every minute.
import { useEffect, useState } from 'react';
import { Button, Card, Result, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useLoad } from '../../../app/use-load';
import { LoadError, Loading } from '../../../app/states';
import { placeLabel, useLang } from '../chart/display';
import { encountersApi } from './api';
import { BoardCounts, WardBoardView } from './WardBoardView';

export function NurseHome() {
  const { t } = useTranslation('encounters');
  const lang = useLang();
  const [at, setAt] = useState(dayjs());
  const { data, error, loading, reload } = useLoad(async (s) => {
    const r = await encountersApi.myWards(s);
    setAt(dayjs());
    return r;
  }, []);
  useEffect(() => {
    const timer = setInterval(reload, 60_000);
    return () => clearInterval(timer);
  }, [reload]);

  const header = (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('nurse.title')}</Typography.Title>
      <Space>
        {data && <Typography.Text type="secondary">{t('nurse.refreshed', { time: at.format('HH:mm') })}</Typography.Text>}
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>{t('common.refresh', { ns: 'translation' })}</Button>
      </Space>
    </Space>
  );
  if (!data && loading) return <>{header}<Loading /></>;
  if (!data && error) return <>{header}<LoadError error={error} onRetry={reload} /></>;
  if (!data?.wards.length) return <>{header}<Result status="info" title={t('nurse.noWard')} /></>;
  return (
    <div data-testid="nurse-home">
      {header}
      {data.wards.map((b) => (
        <Card
          key={b.ward.id}
          style={{ marginBottom: 16 }}
          title={<Space wrap><span>{placeLabel(b.ward, lang)}</span>{b.ward.description && <Typography.Text type="secondary">{b.ward.description}</Typography.Text>}</Space>}
          extra={<BoardCounts board={b} />}
        >
          <WardBoardView board={b} />
        </Card>
      ))}
    </div>
  );
}
