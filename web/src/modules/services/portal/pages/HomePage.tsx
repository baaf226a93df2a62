// 首页: a greeting, the main actions as large buttons, and what is next for the patient — today's queue ticket, the
// next appointment (with check-in on its day), unread messages and a survey waiting for an answer. Each part loads
// on its own, so one service being down does not blank the page.
import { Alert, Button, Card, Skeleton, Tag, Typography } from 'antd';
import { CalendarOutlined, CompassOutlined, ExperimentOutlined, MailOutlined, OrderedListOutlined, ScheduleOutlined, SmileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLoad } from '../../../../app/use-load';
import { appointments, portal, queue } from '../api';
import { PortalPage } from '../layout';
import { isToday, whenText } from '../time';
import { nextAppointment, ticketLine, usePortalLang } from '../display';
import { CheckInButton } from './CheckInButton';

export function HomePage() {
  const { t } = useTranslation('portal');
  const lang = usePortalLang();
  const me = useLoad((s) => portal.me(s), []);
  const mine = useLoad((s) => appointments.mine(s), []);
  const tickets = useLoad((s) => queue.mine(s), []);
  const next = mine.data ? nextAppointment(mine.data.appointments) : undefined;
  const live = tickets.data?.tickets.filter((x) => x.status !== 'done' && x.status !== 'cancelled') ?? [];

  const actions = [
    { to: '/portal/guide', icon: <CompassOutlined />, label: t('home.actions.guide'), id: 'guide' },
    { to: '/portal/book', icon: <CalendarOutlined />, label: t('home.actions.book'), id: 'book' },
    { to: '/portal/appointments', icon: <ScheduleOutlined />, label: t('home.actions.appointments'), id: 'appointments' },
    { to: '/portal/queue', icon: <OrderedListOutlined />, label: t('home.actions.queue'), id: 'queue' },
    { to: '/portal/results', icon: <ExperimentOutlined />, label: t('home.actions.results'), id: 'results' },
    { to: '/portal/inbox', icon: <MailOutlined />, label: t('home.actions.inbox'), id: 'inbox' },
  ];

  return (
    <PortalPage title={t('home.title')} testId="portal-home">
      <div className="hy-portal-hello">
        <h2 data-testid="portal-hello">{me.data ? t('home.hello', { name: me.data.patient.name }) : t('home.helloAnonymous')}</h2>
        <p>{me.data?.patient.mrn ? t('home.mrn', { mrn: me.data.patient.mrn }) : t('home.subtitle')}</p>
      </div>
      {me.error && !me.data ? <Alert type="error" showIcon title={(me.error as Error).message} action={<Button size="small" onClick={me.reload}>{t('common.retry')}</Button>} /> : null}

      <div className="hy-portal-grid">
        {actions.map((a) => (
          <Link key={a.id} to={a.to} className="hy-portal-action" data-testid={`home-${a.id}`}>{a.icon}<span>{a.label}</span></Link>
        ))}
      </div>

      {live.map((x) => (
        <Link key={x.id} to="/portal/queue" style={{ display: 'block' }}>
          <Card className={`hy-portal-card${x.status === 'called' ? ' hy-portal-called' : ''}`} data-testid="home-ticket">
            <div className="hy-portal-row">
              <div>
                <Typography.Text type="secondary">{t('home.ticket')}</Typography.Text>
                <div className="hy-portal-big">{x.ticket}</div>
              </div>
              <div style={{ textAlign: 'right' }}>
                <div>{lang === 'en' ? x.room.nameEn ?? x.room.name : x.room.name}</div>
                <Typography.Text strong>{ticketLine(x, t)}</Typography.Text>
              </div>
            </div>
          </Card>
        </Link>
      ))}

      <Card className="hy-portal-card" title={t('home.next')} size="small" data-testid="home-next">
        {mine.loading && !mine.data ? <Skeleton active paragraph={{ rows: 1 }} /> : mine.error && !mine.data ? (
          <Typography.Text type="secondary">{t('home.unavailable')}</Typography.Text>
        ) : next ? (
          <div className="hy-portal-row">
            <div>
              <div><Typography.Text strong>{next.department ? (lang === 'en' ? next.department.nameEn ?? next.department.name : next.department.name) : ''}</Typography.Text> {next.doctor?.name}</div>
              <div className="hy-portal-muted">{whenText(next.start, lang)} {next.room?.name ?? ''}</div>
              {isToday(next.start) && <Tag color="blue">{t('common.today')}</Tag>}
            </div>
            {isToday(next.start) && next.status === 'booked' ? <CheckInButton appointment={next.id} onDone={() => { mine.reload(); tickets.reload(); }} /> : <Link to="/portal/appointments"><Button>{t('home.view')}</Button></Link>}
          </div>
        ) : (
          <div className="hy-portal-row">
            <Typography.Text type="secondary">{t('home.noNext')}</Typography.Text>
            <Link to="/portal/book"><Button type="primary">{t('home.actions.book')}</Button></Link>
          </div>
        )}
      </Card>

      {me.data && me.data.unread > 0 && (
        <Link to="/portal/inbox" style={{ display: 'block' }}>
          <Alert type="info" showIcon icon={<MailOutlined />} title={t('home.unread', { count: me.data.unread })} data-testid="home-unread" />
        </Link>
      )}
      {me.data && me.data.pendingSurveys > 0 && (
        <Link to="/portal/survey" style={{ display: 'block' }}>
          <Alert type="success" showIcon icon={<SmileOutlined />} title={t('home.survey', { count: me.data.pendingSurveys })} data-testid="home-survey" />
        </Link>
      )}
    </PortalPage>
  );
}
