// /wards: the bed board of any ward (default: the user's own), for nurses and doctors.
import { Card, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useLoad } from '../../../app/use-load';
import { LoadError, Loading } from '../../../app/states';
import { placeLabel, useLang } from '../chart/display';
import { encountersApi } from './api';
import { BoardCounts, WardBoardView } from './WardBoardView';

export function WardsPage() {
  const { t } = useTranslation('encounters');
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const wards = useLoad(async (s) => {
    const [all, mine] = await Promise.all([encountersApi.wards(s), encountersApi.myWards(s).catch(() => ({ wards: [] }))]);
    return { all: all.wards, mine: mine.wards.map((w) => w.ward.id) };
  }, []);
  const ward = params.get('ward') ?? wards.data?.mine[0] ?? wards.data?.all[0]?.id;
  const board = useLoad(async (s) => (ward ? encountersApi.board(ward, s) : undefined), [ward]);

  return (
    <div data-testid="wards-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('nav.wards')}</Typography.Title>
        <Select
          style={{ minWidth: 260 }}
          loading={wards.loading}
          value={ward}
          placeholder={t('board.selectWard')}
          onChange={(v) => setParams({ ward: v })}
          showSearch
          optionFilterProp="label"
          options={(wards.data?.all ?? []).map((w) => ({ value: w.id, label: `${placeLabel(w, lang)} · ${t('admit.freeBeds', { free: w.free, beds: w.beds })}` }))}
        />
      </Space>
      {wards.error ? <LoadError error={wards.error} onRetry={wards.reload} />
        : board.error ? <LoadError error={board.error} onRetry={board.reload} />
          : !board.data ? <Loading />
            : (
              <Card title={<Space wrap>{placeLabel(board.data.ward, lang)}{board.data.ward.description && <Typography.Text type="secondary">{board.data.ward.description}</Typography.Text>}</Space>}
                extra={<BoardCounts board={board.data} />}>
                <WardBoardView board={board.data} />
              </Card>
            )}
    </div>
  );
}
