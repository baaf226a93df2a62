// The doctor's clinic queue (/queue): my room today (or another chosen), the patient called now with the pre-visit
// note from the smart guide, call next / recall / skip / finish, and the line — kept live by the board's event stream.
import { useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, Empty, List, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DesktopOutlined, FileTextOutlined, RedoOutlined, SoundOutlined, StepForwardOutlined, CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { useLoad } from '../../../app/use-load';
import { EmptyState, LoadError, Loading } from '../../../app/states';
import { queueApi, type Place, type RoomQueue, type Ticket } from './api';
import { PreVisitNote } from './PreVisitNote';
import { useLiveBoard } from './use-live-board';
import './queue.css';

const roomLabel = (p: Place | undefined, lang: string) => (p ? (lang === 'en' ? p.nameEn ?? p.name : p.name) : '');

function CurrentPatient({ ticket, onAction, busy }: { ticket: Ticket | undefined; onAction: (t: Ticket, a: 'recall' | 'skip' | 'finish') => void; busy: boolean }) {
  const { t } = useTranslation('queue');
  if (!ticket) return <Card title={t('doctor.current')} data-testid="queue-current"><Empty description={t('doctor.nobodyCalled')} /></Card>;
  return (
    <Card title={t('doctor.current')} data-testid="queue-current">
      <Space align="start" size={24} wrap>
        <div className="queue-current-number" data-testid="current-ticket">{ticket.ticket}</div>
        <Space orientation="vertical" size={4}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="current-name">{ticket.patient?.name ?? ticket.name}</Typography.Title>
          <Space size={4} wrap>
            <Tag color="processing">{t(`status.${ticket.status}`)}</Tag>
            {ticket.callCount > 1 && <Tag>{t('doctor.calls', { n: ticket.callCount })}</Tag>}
            {ticket.late && <Tag color="warning">{t('doctor.late')}</Tag>}
            <Typography.Text type="secondary">{t('doctor.checkedIn', { time: dayjs(ticket.checkedInAt).format('HH:mm') })}</Typography.Text>
          </Space>
          {ticket.patient && (
            <Link to={`/patients/${ticket.patient.id}`} data-testid="open-chart"><FileTextOutlined /> {t('doctor.openChart')}</Link>
          )}
        </Space>
      </Space>
      <div style={{ marginTop: 16 }}>
      <Space wrap>
        <Button icon={<SoundOutlined />} onClick={() => onAction(ticket, 'recall')} disabled={busy} data-testid="recall">{t('doctor.recall')}</Button>
        <Popconfirm title={t('doctor.skipConfirm', { ticket: ticket.ticket })} onConfirm={() => onAction(ticket, 'skip')}>
          <Button icon={<RedoOutlined />} disabled={busy} data-testid="skip">{t('doctor.skip')}</Button>
        </Popconfirm>
        <Popconfirm title={t('doctor.finishConfirm', { ticket: ticket.ticket })} onConfirm={() => onAction(ticket, 'finish')}>
          <Button icon={<CheckOutlined />} disabled={busy} data-testid="finish">{t('doctor.finish')}</Button>
        </Popconfirm>
      </Space>
      </div>
      <div style={{ marginTop: 16 }}><PreVisitNote note={ticket.preVisit} /></div>
    </Card>
  );
}

function Line({ q, onAction, busy }: { q: RoomQueue; onAction: (t: Ticket, a: 'recall' | 'skip' | 'finish') => void; busy: boolean }) {
  const { t } = useTranslation('queue');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<Space>{t('doctor.waiting')}<Badge count={q.waiting.length} showZero color="#1677ff" /></Space>} data-testid="queue-waiting">
        <Table<Ticket>
          size="small" rowKey="id" dataSource={q.waiting} pagination={false}
          locale={{ emptyText: <EmptyState description={t('doctor.nobodyWaiting')} /> }}
          columns={[
            { title: t('columns.ticket'), width: 64, render: (_, x) => <Typography.Text strong>{x.ticket}</Typography.Text> },
            {
              title: t('columns.patient'),
              render: (_, x) => (
                <Space size={4} wrap>
                  <span>{x.patient?.name ?? x.name}</span>
                  {x.late && <Tag color="warning">{t('doctor.late')}</Tag>}
                  {x.status === 'skipped' && <Tag>{t('doctor.rejoined')}</Tag>}
                </Space>
              ),
            },
            { title: t('columns.checkedIn'), width: 80, render: (_, x) => dayjs(x.checkedInAt).format('HH:mm') },
            { title: t('columns.position'), width: 64, render: (_, x) => x.position ?? '' },
          ]}
        />
      </Card>
      <Card title={t('doctor.skipped')} size="small" data-testid="queue-skipped">
        {q.skipped.length ? (
          <List
            dataSource={q.skipped}
            renderItem={(x) => (
              <List.Item actions={[<Button key="r" size="small" onClick={() => onAction(x, 'recall')} disabled={busy}>{t('doctor.recall')}</Button>]}>
                <List.Item.Meta title={`${x.ticket} · ${x.patient?.name ?? x.name}`} description={t('doctor.rejoins', { n: x.rejoinsAfterCalls ?? 0 })} />
              </List.Item>
            )}
          />
        ) : <Typography.Text type="secondary">{t('doctor.noSkipped')}</Typography.Text>}
      </Card>
      <Typography.Text type="secondary" data-testid="queue-done">{t('doctor.done', { n: q.done.length })}</Typography.Text>
    </Space>
  );
}

export function QueuePage() {
  const { t, i18n } = useTranslation('queue');
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const mine = useLoad((s) => queueApi.myRoom(s), []);
  const roomId = params.get('room') ?? mine.data?.room?.id ?? undefined;
  const q = useLoad((s) => (roomId ? queueApi.room(roomId, s) : Promise.resolve(undefined)), [roomId]);
  const live = useLiveBoard(roomId ? { room: roomId } : null);
  const [busy, setBusy] = useState(false);
  const reload = q.reload;

  // every change the board stream reports (a check-in, another desk's action) refreshes the line
  useEffect(() => {
    if (live.board) reload();
  }, [live.board, reload]);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      message.success(await work());
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
      reload();
    }
  };
  const callNext = () => run(async () => {
    const r = await queueApi.next(roomId as string);
    return r.called ? t('doctor.called', { ticket: r.called.ticket }) : t('doctor.noneLeft');
  });
  const onAction = (x: Ticket, a: 'recall' | 'skip' | 'finish') => run(async () => {
    await queueApi.action(x.id, a);
    return t(a === 'recall' ? 'doctor.recalled' : a === 'skip' ? 'doctor.skippedDone' : 'doctor.finished', { ticket: x.ticket });
  });

  if (mine.loading && !mine.data) return <Loading />;
  if (mine.error && !mine.data) return <LoadError error={mine.error} onRetry={mine.reload} />;
  const rooms = mine.data?.rooms ?? [];
  const session = mine.data?.session;
  const current = q.data?.called[0];

  return (
    <div data-testid="queue-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('doctor.title')}</Typography.Title>
          <Select
            data-testid="room-select" style={{ minWidth: 220 }} placeholder={t('doctor.chooseRoom')} value={roomId}
            options={rooms.map((r) => ({ value: r.id, label: roomLabel(r, i18n.language) }))}
            onChange={(v: string) => setParams({ room: v })}
          />
          {session && <Typography.Text type="secondary">{t('doctor.session', { start: dayjs(session.start).format('HH:mm'), end: dayjs(session.end).format('HH:mm') })}</Typography.Text>}
          {roomId && <Badge status={live.status === 'live' ? 'success' : 'warning'} text={live.status === 'live' ? t('doctor.live') : t('doctor.offline')} />}
        </Space>
        <Space wrap>
          {roomId && <Link to={`/queue/board?room=${encodeURIComponent(roomId)}`} target="_blank"><Button icon={<DesktopOutlined />}>{t('doctor.openBoard')}</Button></Link>}
          <Button type="primary" size="large" icon={<StepForwardOutlined />} onClick={callNext} disabled={!roomId || busy} loading={busy} data-testid="call-next">
            {t('doctor.next')}
          </Button>
        </Space>
      </Space>
      {!roomId ? (
        <Alert type="info" showIcon title={t('doctor.noRoom')} />
      ) : q.error && !q.data ? (
        <LoadError error={q.error} onRetry={reload} />
      ) : !q.data ? (
        <Loading />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}><CurrentPatient ticket={current} onAction={onAction} busy={busy} /></Col>
          <Col xs={24} xl={10}><Line q={q.data} onAction={onAction} busy={busy} /></Col>
        </Row>
      )}
    </div>
  );
}
