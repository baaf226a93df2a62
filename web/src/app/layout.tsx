// The signed-in frame: a collapsible menu of the modules the user's roles may use, a header with the
// user, the language switch and sign-out, and the page in the middle.
import { useMemo, useState } from 'react';
import { Button, Dropdown, Grid, Layout, Menu, Space, Tag, Typography, theme } from 'antd';
import { AppstoreOutlined, HomeOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { LangSwitch } from './lang-switch';
import { Logo } from './logo';
import { navFor, selectedNav } from './nav';
import './layout.css';

export function ShellLayout() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  const isCollapsed = collapsed ?? narrow;
  const { token } = theme.useToken();

  const nav = useMemo(() => navFor(user?.roles ?? []), [user]);
  const items = [
    { key: '/', icon: <HomeOutlined />, label: <Link to="/">{t('shell.home')}</Link> },
    ...nav.map((n) => ({
      key: n.path,
      icon: n.icon ?? <AppstoreOutlined />,
      label: <Link to={n.path}>{t(n.label, { ns: n.module })}</Link>,
    })),
  ];
  const selected = selectedNav(pathname, [{ path: '/', label: '' }, ...nav]) ?? '';
  const role = user?.roles[0];

  return (
    <Layout className="hy-shell">
      <Layout.Sider
        collapsible
        trigger={null}
        collapsed={isCollapsed}
        collapsedWidth={narrow ? 0 : 64}
        width={220}
        theme="light"
        className={narrow ? 'hy-sider hy-sider-overlay' : 'hy-sider'}
        data-testid="sider"
      >
        <Link to="/" className="hy-brand" aria-label={t('app.fullName')}>
          <Logo size={28} />
          {!isCollapsed && <span className="hy-brand-name">{t('app.name')}</span>}
        </Link>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={items}
          onClick={() => narrow && setCollapsed(true)}
          data-testid="nav"
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      {narrow && !isCollapsed && <div className="hy-sider-mask" onClick={() => setCollapsed(true)} aria-hidden="true" />}
      <Layout>
        <Layout.Header className="hy-header" style={{ background: token.colorBgContainer }}>
          <Button
            type="text"
            icon={isCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!isCollapsed)}
            aria-label={isCollapsed ? t('shell.expand') : t('shell.collapse')}
          />
          <div className="hy-header-right">
            <LangSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'who', disabled: true, label: <span>{t('shell.signedInAs')}: {user?.username}</span> },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), danger: true },
                ],
                onClick: async ({ key }) => {
                  if (key === 'logout') {
                    await logout();
                    navigate('/login', { replace: true });
                  }
                },
              }}
            >
              <Button type="text" data-testid="user-menu" className="hy-user">
                <Space size={6}>
                  <UserOutlined />
                  <Typography.Text strong ellipsis className="hy-user-name">{user?.displayName ?? user?.username}</Typography.Text>
                  {role && <Tag color="blue" className="hy-role" data-testid="role-tag">{t(`roles.${role}`)}</Tag>}
                </Space>
              </Button>
            </Dropdown>
          </div>
        </Layout.Header>
        <Layout.Content className="hy-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
