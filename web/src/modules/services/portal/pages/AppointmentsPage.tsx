// 我的预约: upcoming appointments first (check in on the day, reschedule, cancel), then past and cancelled ones.
// An appointment the clinic cancelled (停诊) offers to book another time.
import { useState } from 'react';
import { App, Button, Card, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useLoad } from '../../../../app/use-load';
import { EmptyState, LoadError } from '../../../../app/states';
import { appointments, type AppointmentView } from '../api';
import { PortalPage } from '../layout';
import { isToday, timeText, whenText } from '../time';
import { deptName, upcoming, usePortalLang } from '../display';
import { CheckInButton } from './CheckInButton';

const STATUS_COLOR: Record<string, string> = { booked: 'blue', arrived: 'green', fulfilled: 'default', cancelled: 'red', noshow: 'orange' };

export function AppointmentsPage() {
  const { t } = useTranslation('portal');
  const lang = usePortalLang();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { data, error, loading, reload } = useLoad((s) => appointments.mine(s), []);
  const [view, setView] = useState<'upcoming' | 'past'>('upcoming');
  const list = data?.appointments ?? [];
  const shown = list
    .filter((a) => (view === 'upcoming' ? upcoming(a) || (clinicCancelled(a) && !!a.end && Date.parse(a.end) > Date.now()) : !upcoming(a)))
    .sort((a, b) => (view === 'upcoming' ? 1 : -1) * (a.start ?? '').localeCompare(b.start ?? ''));

  const cancel = (a: AppointmentView) => modal.confirm({
    title: t('appointments.cancelTitle'),
    content: t('appointments.cancelText', { when: whenText(a.start, lang) }),
    okText: t('appointments.cancel'), okButtonProps: { danger: true, ...({ 'data-testid': 'confirm-cancel' } as Record<`data-${string}`, string>) }, cancelText: t('common.keep'),
    onOk: async () => {
      try {
        await appointments.cancel(a.id);
        void message.success(t('appointments.cancelled'));
        reload();
      } catch (e) {
        void message.error((e as Error).message);
      }
    },
  });
  const reschedule = (a: AppointmentView) => navigate(`/portal/book?reschedule=${encodeURIComponent(a.id)}${a.department?.code ? `&department=${encodeURIComponent(a.department.code)}` : ''}`);

  return (
    <PortalPage title={t('appointments.title')} testId="appointments-page"
      extra={<Link to="/portal/book"><Button type="primary" icon={<PlusOutlined />} data-testid="new-booking">{t('appointments.new')}</Button></Link>}>
      <Segmented<'upcoming' | 'past'> block size="large" value={view} onChange={(v) => setView(v)} options={[{ value: 'upcoming', label: t('appointments.upcoming') }, { value: 'past', label: t('appointments.past') }]} />
      {loading && !data ? <Skeleton active /> : error && !data ? <LoadError error={error} onRetry={reload} /> : !shown.length ? (
        <EmptyState description={view === 'upcoming' ? t('appointments.none') : t('appointments.nonePast')}>
          {view === 'upcoming' && <Link to="/portal/book"><Button type="primary" size="large">{t('home.actions.book')}</Button></Link>}
        </EmptyState>
      ) : shown.map((a) => (
        <Card key={a.id} className="hy-portal-card" data-testid="appointment">
          <div className="hy-portal-row" style={{ alignItems: 'flex-start' }}>
            <div>
              <Typography.Text strong style={{ fontSize: 16 }}>{deptName(a.department, lang)}</Typography.Text>
              <div>{a.doctor?.name}{a.doctor?.title ? ` · ${a.doctor.title}` : ''}</div>
              <div className="hy-portal-muted">{whenText(a.start, lang)}{a.end ? `–${timeText(a.end)}` : ''}</div>
              <div className="hy-portal-muted">{a.room?.name}</div>
            </div>
            <Space orientation="vertical" align="end" size={4}>
              {isToday(a.start) && upcoming(a) && <Tag color="blue">{t('common.today')}</Tag>}
              <Tag color={STATUS_COLOR[a.status] ?? 'default'} data-testid="appointment-status">
                {clinicCancelled(a) ? t('appointments.stopped') : t(`appointments.status.${a.status}`, { defaultValue: a.status })}
              </Tag>
            </Space>
          </div>
          {clinicCancelled(a) && <Typography.Paragraph type="danger" style={{ margin: '8px 0 0' }}>{a.cancelReason?.text ?? t('appointments.stoppedText')}</Typography.Paragraph>}
          {(upcoming(a) || clinicCancelled(a)) && (
            <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
              {a.status === 'booked' && isToday(a.start) && <div style={{ flex: 2 }}><CheckInButton appointment={a.id} onDone={reload} block /></div>}
              {(a.status === 'booked' || clinicCancelled(a)) && <Button size="large" style={{ flex: 1 }} onClick={() => reschedule(a)} data-testid="reschedule">{t('appointments.reschedule')}</Button>}
              {a.status === 'booked' && <Button size="large" danger style={{ flex: 1 }} onClick={() => cancel(a)} data-testid="cancel">{t('appointments.cancel')}</Button>}
              {a.status === 'arrived' && <Link to="/portal/queue" style={{ flex: 1 }}><Button size="large" type="primary" block>{t('appointments.toQueue')}</Button></Link>}
            </div>
          )}
        </Card>
      ))}
    </PortalPage>
  );
}

const clinicCancelled = (a: AppointmentView) => a.status === 'cancelled' && a.cancelReason?.code === 'prov';
