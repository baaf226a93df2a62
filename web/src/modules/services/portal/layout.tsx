// The portal's own frame (no staff menu): the page, and a bottom tab bar 首页 / 导诊 / 预约 / 排队 / 我的. Pages put
// their title in a PortalPage. Signed-in users without a patient record (staff) are told the portal is not theirs.
import type { ReactNode } from 'react';
import { Badge, Button, Result } from 'antd';
import { CalendarOutlined, CompassOutlined, HomeOutlined, LeftOutlined, OrderedListOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import './portal.css';

const TABS = [
  { to: '/portal', key: 'home', icon: <HomeOutlined />, match: (p: string) => p === '/portal' || p === '/portal/' },
  { to: '/portal/guide', key: 'guide', icon: <CompassOutlined />, match: (p: string) => p.startsWith('/portal/guide') },
  { to: '/portal/appointments', key: 'book', icon: <CalendarOutlined />, match: (p: string) => p.startsWith('/portal/appointments') || p.startsWith('/portal/book') },
  { to: '/portal/queue', key: 'queue', icon: <OrderedListOutlined />, match: (p: string) => p.startsWith('/portal/queue') },
  { to: '/portal/me', key: 'me', icon: <UserOutlined />, match: (p: string) => ['/portal/me', '/portal/results', '/portal/inbox', '/portal/survey'].some((x) => p.startsWith(x)) },
];

export function PortalLayout() {
  const { t } = useTranslation('portal');
  const { user } = useAuth();
  const { pathname } = useLocation();
  const isPatient = !!user?.roles.includes('patient') && /^Patient\//.test(user?.fhirUser ?? '');
  return (
    <div className="hy-portal">
      <div className="hy-portal-column">
        {isPatient ? <Outlet /> : (
          <Result status="403" title={t('notPatient.title')} subTitle={t('notPatient.text')} extra={<Link to="/"><Button type="primary">{t('notPatient.home')}</Button></Link>} />
        )}
        {isPatient && (
          <nav className="hy-portal-tabs" data-testid="portal-tabs" aria-label={t('tabs.label')}>
            {TABS.map((tab) => (
              <NavLink key={tab.key} to={tab.to} className={`hy-portal-tab${tab.match(pathname) ? ' active' : ''}`} data-testid={`tab-${tab.key}`} end>
                {tab.icon}
                <span>{t(`tabs.${tab.key}`)}</span>
              </NavLink>
            ))}
          </nav>
        )}
      </div>
    </div>
  );
}

/** A portal page: a header with the title (and a back arrow for pages below a tab), then the content. */
export function PortalPage({ title, back, extra, children, testId }: { title: ReactNode; back?: boolean | string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  return (
    <>
      <header className="hy-portal-header">
        {back && (
          <Button className="hy-portal-back" type="text" icon={<LeftOutlined />} aria-label={t('common.back')}
            onClick={() => (typeof back === 'string' ? navigate(back) : navigate(-1))} />
        )}
        <h1>{title}</h1>
        {extra && <div className="hy-portal-extra">{extra}</div>}
      </header>
      <main className="hy-portal-main" data-testid={testId}>{children}</main>
    </>
  );
}

/** a small red dot with a count, for the tab bar and menu rows */
export const CountBadge = ({ count }: { count: number }) => (count > 0 ? <Badge count={count} size="small" /> : null);
