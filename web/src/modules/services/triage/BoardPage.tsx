// /emergency/board: the waiting ED patients, live (EventSource on /api/triage/board/events), most urgent first,
// coloured by zone; minutes waited tick on the page's clock; overdue rows red; re-triage alerts. A click opens the
// patient's dialog (re-triage, override, seen / left).
import { useEffect, useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, LoadError, Loading } from '../../../app/states';
import { useEventStream, type LiveStatus } from '../../../app/use-event-stream';
import { triageApi, type Board, type BoardRow, type Zone } from './api';
import { LevelBadge, ZONE_COLORS, ageText, flagText, levelOf, ruleText, useCatalogue, useEn, useLevelText } from './display';
import { PatientDialog } from './PatientDialog';
import './triage.css';

/** The board over SSE; without EventSource (or after the stream ended) it is fetched every minute instead. */
function useLiveBoard(): { board: Board | undefined; status: LiveStatus; error: unknown; skewMs: number } {
  const [board, setBoard] = useState<Board>();
  const [error, setError] = useState<unknown>();
  const [skewMs, setSkew] = useState(0);
  const accept = (b: Board) => {
    setBoard(b);
    setSkew(Date.parse(b.at) - Date.now());
    setError(undefined);
  };
  const status = useEventStream<Board>(triageApi.boardEventsUrl, 'board', accept);
  useEffect(() => {
    if (status !== 'unsupported' && status !== 'ended') return;
    const load = () => triageApi.board().then(accept, setError);
    void load();
    const timer = setInterval(() => void load(), 60_000);
    return () => clearInterval(timer);
  }, [status]);
  return { board, status, error, skewMs };
}

const STATUS_COLOR: Record<LiveStatus, string> = { live: 'green', connecting: 'blue', reconnecting: 'orange', ended: 'red', unsupported: 'default' };

export function BoardPage() {
  const { t } = useTranslation('triage');
  const en = useEn();
  const levelText = useLevelText();
  const { catalogue } = useCatalogue();
  const { board, status, error, skewMs } = useLiveBoard();
  const [now, setNow] = useState(() => Date.now());
  const [open, setOpen] = useState<string>();
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(timer);
  }, []);
  // a new board restarts the page's clock too, so its waits match the server's at once
  useEffect(() => setNow(Date.now()), [board]);

  const waited = (r: BoardRow) => Math.max(0, Math.floor((now + skewMs - Date.parse(r.arrivedAt)) / 60_000));
  const overdue = (r: BoardRow) => r.maxWaitMinutes !== undefined && waited(r) > r.maxWaitMinutes;
  const rows = board?.patients ?? [];
  const zoneCount = (z: Zone) => rows.filter((r) => r.zone === z).length;
  const sexText = (s?: string) => (s ? t(`sex.${s}`, { defaultValue: s }) : '');

  const header = (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>{t('board.title')}</Typography.Title>
        <Tag color={STATUS_COLOR[status]} data-testid="board-status">{t(`board.${status}`)}</Tag>
      </Space>
      <Space wrap>
        <div className="hy-board-counts" data-testid="board-counts">
          {(['red', 'yellow', 'green'] as const).map((z) => (
            <Tag key={z} style={{ background: ZONE_COLORS[z].solid, color: ZONE_COLORS[z].text, border: 'none', fontSize: 14, padding: '2px 10px' }}>
              {t(`zone.${z}`)} {zoneCount(z)}
            </Tag>
          ))}
          <Typography.Text strong>{t('board.total', { n: rows.length })}</Typography.Text>
          {rows.some(overdue) && <Typography.Text type="danger" strong>{t('board.overdue', { n: rows.filter(overdue).length })}</Typography.Text>}
        </div>
        <Link to="/triage"><Button type="primary" size="large" icon={<PlusOutlined />}>{t('board.newTriage')}</Button></Link>
      </Space>
    </Space>
  );

  if (!board && error) return <>{header}<LoadError error={error} /></>;
  if (!board) return <>{header}<Loading /></>;

  return (
    <div data-testid="board-page">
      {header}
      <Card styles={{ body: { padding: 0 } }}>
        {rows.length === 0 ? <div style={{ padding: 24 }}><EmptyState description={t('board.empty')} /></div> : (
          <Table<BoardRow>
            rowKey="encounter"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 900 }}
            size="middle"
            data-testid="board-table"
            rowClassName={(r) => `hy-board-row${r.zone ? ` hy-board-zone-${r.zone}` : ''}${overdue(r) ? ' hy-board-row-overdue' : ''}`}
            onRow={(r) => ({ onClick: () => setOpen(r.encounter), 'data-testid': `board-row-${r.encounter}`, 'data-overdue': overdue(r) } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              {
                key: 'level', title: t('board.level'), width: 130,
                render: (_, r) => <LevelBadge zone={r.zone} text={levelText(r.algorithm, levelOf(catalogue, r.algorithm, r.level)?.label ?? r.label)} testId="board-level" size="medium" />,
              },
              {
                key: 'patient', title: t('board.patient'), width: 160,
                render: (_, r) => (
                  <div>
                    <Typography.Text strong style={{ fontSize: 16 }}>{r.patient.name ?? '—'}</Typography.Text>
                    <div><Typography.Text type="secondary">{[sexText(r.patient.gender), ageText(r.patient.birthDate, r.age, en)].filter(Boolean).join(' · ')}</Typography.Text></div>
                  </div>
                ),
              },
              {
                key: 'complaint', title: t('board.complaint'),
                render: (_, r) => (
                  <div>
                    {r.complaint && <div>{r.complaint}</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {r.criteria.filter((c) => !/resources/.test(c)).slice(0, 3).map((c) => ruleText(catalogue, c, en)).join('；')}
                    </Typography.Text>
                    {r.flags.length > 0 && <div style={{ marginTop: 4 }}>{r.flags.map((f) => <Tag key={f}>{flagText(catalogue, f, en)}</Tag>)}</div>}
                  </div>
                ),
              },
              {
                key: 'waited', title: t('board.waited'), width: 130,
                render: (_, r) => (
                  <div data-testid="board-waited">
                    <span className={overdue(r) ? 'hy-board-waited-over' : undefined} style={{ fontSize: 18 }}>{t('board.minutes', { n: waited(r) })}</span>
                    {overdue(r) && <div><Typography.Text type="danger">{t('board.overdueBy', { n: waited(r) - (r.maxWaitMinutes ?? 0) })}</Typography.Text></div>}
                  </div>
                ),
              },
              {
                key: 'limit', title: t('board.maxWait'), width: 90,
                render: (_, r) => (r.maxWaitMinutes === undefined ? '—' : r.maxWaitMinutes === 0 ? t('seeNow') : t('board.minutes', { n: r.maxWaitMinutes })),
              },
              {
                key: 'alerts', title: t('board.alerts'), width: 180,
                render: (_, r) => (
                  <Space size={[4, 4]} wrap data-testid="board-alerts">
                    {overdue(r) && <Tag color="red">{t('board.alert.overdue')}</Tag>}
                    {r.alerts.includes('worsened') && <Tag color="volcano">{t('board.alert.worsened')}{r.previousLevel !== undefined ? ` · ${t('board.raisedFrom', { from: levelText(r.algorithm, levelOf(catalogue, r.algorithm, r.previousLevel)?.label) })}` : ''}</Tag>}
                    {r.alerts.includes('untriaged') && <Tag color="magenta">{t('board.alert.untriaged')}</Tag>}
                    {r.override && <Tag color="gold">{t('board.overrideTag')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('board.clickHint')}</Typography.Paragraph>
      <PatientDialog row={rows.find((r) => r.encounter === open)} catalogue={catalogue} onClose={() => setOpen(undefined)} />
    </div>
  );
}
