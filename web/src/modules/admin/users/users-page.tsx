// User management: every account with its role, FHIR link and state; add, disable/enable, reset password.
import { useMemo, useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LockOutlined, PlusOutlined, ReloadOutlined, SafetyOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { useLoad } from '../../../app/use-load';
import { LoadError } from '../../../app/states';
import type { AdminUser } from './types';
import { UserForm } from './user-form';
import { ResetPassword } from './reset-password';
import { PasswordResult } from './password-result';

export function UsersPage() {
  const { t } = useTranslation('admin');
  const { modal, message } = App.useApp();
  const { user: me } = useAuth();
  const list = useLoad((signal) => api.get<{ users: AdminUser[] }>('/admin/users', undefined, { signal }), []);
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const users = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = list.data?.users ?? [];
    return q ? all.filter((u) => [u.username, u.displayName ?? '', u.fhirUser ?? '', ...u.roles].some((s) => s.toLowerCase().includes(q))) : all;
  }, [list.data, filter]);

  const showPassword = (u: AdminUser, password?: string) => {
    if (password) modal.info({ title: t('users.passwordTitle'), content: <PasswordResult username={u.username} password={password} />, width: 480, okText: t('translation:common.close') });
    else void message.success(t('translation:common.saved'));
  };

  const toggle = async (u: AdminUser) => {
    setBusy(u.id);
    try {
      await api.post(`/admin/users/${encodeURIComponent(u.id)}/${u.disabled ? 'enable' : 'disable'}`);
      void message.success(u.disabled ? t('users.enabled', { username: u.username }) : t('users.disabledDone', { username: u.username }));
      list.reload();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const columns: ColumnsType<AdminUser> = [
    { title: t('users.username'), dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username), render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('users.displayName'), dataIndex: 'displayName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('users.role'), dataIndex: 'roles',
      filters: [...new Set((list.data?.users ?? []).flatMap((u) => u.roles))].map((r) => ({ text: t(`translation:roles.${r}`), value: r })),
      onFilter: (v, u) => u.roles.includes(v as AdminUser['roles'][number]),
      render: (roles: AdminUser['roles']) => roles.map((r) => <Tag key={r} color={r === 'admin' ? 'volcano' : r === 'patient' ? 'green' : 'blue'}>{t(`translation:roles.${r}`)}</Tag>),
    },
    { title: t('users.fhirUser'), dataIndex: 'fhirUser', responsive: ['lg'], render: (v: string | null) => (v ? <Typography.Text code style={{ whiteSpace: 'nowrap', fontSize: 12 }}>{v}</Typography.Text> : '—') },
    {
      title: t('users.state'), key: 'state',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.disabled ? <Tag>{t('users.stateDisabled')}</Tag> : <Tag color="success">{t('users.stateActive')}</Tag>}
          {u.lockedUntil && <Tooltip title={t('users.lockedUntil', { time: new Date(u.lockedUntil).toLocaleString() })}><Tag icon={<LockOutlined />} color="warning">{t('users.stateLocked')}</Tag></Tooltip>}
          {u.totpEnrolled && <Tooltip title={t('users.totpOn')}><Tag icon={<SafetyOutlined />} color="processing">TOTP</Tag></Tooltip>}
          {u.totpRequired && <Tag color="orange">{t('users.totpPending')}</Tag>}
          {u.demoPassword && <Tooltip title={t('users.demoPasswordHint')}><Tag icon={<WarningOutlined />} color="error">{t('users.demoPassword')}</Tag></Tooltip>}
        </Space>
      ),
    },
    {
      title: t('translation:common.actions'), key: 'actions', fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setResetting(u)}>{t('users.reset')}</Button>
          {u.id !== me?.id && (
            <Popconfirm
              title={u.disabled ? t('users.enableConfirm', { username: u.username }) : t('users.disableConfirm', { username: u.username })}
              okText={t('translation:common.confirm')} cancelText={t('translation:common.cancel')} onConfirm={() => toggle(u)}
            >
              <Button type="link" size="small" danger={!u.disabled} loading={busy === u.id}>{u.disabled ? t('users.enable') : t('users.disable')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('nav.users')}
      extra={
        <Space wrap>
          <Input.Search allowClear placeholder={t('users.filter')} onChange={(e) => setFilter(e.target.value)} style={{ width: 220 }} />
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('translation:common.refresh')} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('users.add')}</Button>
        </Space>
      }
    >
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table<AdminUser> data-testid="users-table" rowKey="id" size="middle" loading={list.loading} columns={columns} dataSource={users}
          pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 860 }}
          rowClassName={(u) => (u.disabled ? 'hy-row-muted' : '')} />
      )}
      <UserForm open={adding} onClose={() => setAdding(false)} onCreated={(u, p) => { setAdding(false); list.reload(); showPassword(u, p); }} />
      <ResetPassword user={resetting} onClose={() => setResetting(null)} onDone={(u, p) => { setResetting(null); list.reload(); showPassword(u, p); }} />
    </Card>
  );
}
