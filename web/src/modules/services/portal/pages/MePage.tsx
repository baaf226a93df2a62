// 我的: the patient's record in short (name, MRN, document masked, phone), the other pages (appointments, results,
// messages, surveys), the language, and signing out.
import { Button, Card, Descriptions, Skeleton } from 'antd';
import { ExperimentOutlined, LogoutOutlined, MailOutlined, RightOutlined, ScheduleOutlined, SmileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../../app/auth';
import { LangSwitch } from '../../../../app/lang-switch';
import { useLoad } from '../../../../app/use-load';
import { LoadError } from '../../../../app/states';
import { portal } from '../api';
import { CountBadge, PortalPage } from '../layout';

export function MePage() {
  const { t } = useTranslation('portal');
  const { logout, user } = useAuth();
  const { data, error, loading, reload } = useLoad((s) => portal.me(s), []);
  const p = data?.patient;
  const rows = [
    { to: '/portal/appointments', icon: <ScheduleOutlined />, label: t('me.appointments'), count: 0, id: 'appointments' },
    { to: '/portal/results', icon: <ExperimentOutlined />, label: t('me.results'), count: 0, id: 'results' },
    { to: '/portal/inbox', icon: <MailOutlined />, label: t('me.inbox'), count: data?.unread ?? 0, id: 'inbox' },
    { to: '/portal/survey', icon: <SmileOutlined />, label: t('me.survey'), count: data?.pendingSurveys ?? 0, id: 'survey' },
  ];
  return (
    <PortalPage title={t('me.title')} testId="me-page">
      <Card className="hy-portal-card">
        {loading && !data ? <Skeleton active /> : error && !data ? <LoadError error={error} onRetry={reload} /> : p && (
          <Descriptions column={1} size="small" title={<span data-testid="me-name">{p.name}</span>}>
            {p.mrn && <Descriptions.Item label={t('me.mrn')}>{p.mrn}</Descriptions.Item>}
            {p.idNumberMasked && <Descriptions.Item label={t('me.idNumber')}>{p.idNumberMasked}</Descriptions.Item>}
            {p.phone && <Descriptions.Item label={t('me.phone')}>{p.phone}</Descriptions.Item>}
            <Descriptions.Item label={t('me.account')}>{user?.username}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card className="hy-portal-card">
        {rows.map((r) => (
          <Link key={r.id} to={r.to} className="hy-portal-list-item" data-testid={`me-${r.id}`}>
            {r.icon}<span>{r.label}</span><CountBadge count={r.count} /><RightOutlined />
          </Link>
        ))}
      </Card>
      <Card className="hy-portal-card">
        <div className="hy-portal-row" style={{ minHeight: 44 }}>
          <span>{t('me.language')}</span>
          <LangSwitch size="middle" />
        </div>
      </Card>
      <Button size="large" block danger icon={<LogoutOutlined />} data-testid="portal-logout"
        onClick={async () => { await logout(); location.replace('/login'); /* a fresh page: nothing of this patient stays in memory */ }}>{t('me.logout')}</Button>
    </PortalPage>
  );
}
