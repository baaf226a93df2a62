// Connected apps: the OAuth clients of the SMART on FHIR authorization server; register (the secret is shown
// once) and disable (which revokes every token the app holds).
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { useLoad } from '../../../app/use-load';
import { EmptyState, LoadError } from '../../../app/states';
import type { OAuthClient } from './types';
import { ClientForm } from './client-form';

export function ClientsPage() {
  const { t } = useTranslation('admin');
  const { modal, message } = App.useApp();
  const list = useLoad((signal) => api.get<OAuthClient[]>('/oauth/clients', undefined, { signal }), []);
  const [adding, setAdding] = useState(false);

  const created = (c: OAuthClient & { client_secret?: string }) => {
    setAdding(false);
    list.reload();
    modal.success({
      title: t('clients.created'),
      width: 560,
      okText: t('translation:common.close'),
      content: (
        <div data-testid="client-created">
          <Descriptions column={1} size="small" bordered items={[
            { key: 'id', label: 'client_id', children: <Typography.Text copyable code>{c.client_id}</Typography.Text> },
            ...(c.client_secret ? [{ key: 'secret', label: 'client_secret', children: <Typography.Text copyable code>{c.client_secret}</Typography.Text> }] : []),
          ]} />
          {c.client_secret && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('clients.secretOnce')} />}
        </div>
      ),
    });
  };

  const disable = async (c: OAuthClient) => {
    try {
      await api.del(`/oauth/clients/${encodeURIComponent(c.client_id)}`);
      void message.success(t('clients.disabled', { name: c.client_name }));
      list.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const columns: ColumnsType<OAuthClient> = [
    { title: t('clients.name'), dataIndex: 'client_name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: 'client_id', dataIndex: 'client_id', render: (v: string) => <Typography.Text copyable code style={{ fontSize: 12 }}>{v}</Typography.Text> },
    {
      title: t('clients.kind'), dataIndex: 'token_endpoint_auth_method',
      render: (m: OAuthClient['token_endpoint_auth_method']) => <Tag>{t(`clients.kinds.${m === 'none' ? 'public' : m === 'client_secret_basic' ? 'secret' : 'jwks'}`)}</Tag>,
    },
    {
      title: t('clients.scopes'), dataIndex: 'scope', responsive: ['md'],
      render: (s: string) => <Space size={[4, 4]} wrap>{s.split(' ').filter(Boolean).map((x) => <Tag key={x} style={{ fontFamily: 'monospace' }}>{x}</Tag>)}</Space>,
    },
    { title: t('clients.redirectUris'), dataIndex: 'redirect_uris', responsive: ['lg'], render: (u: string[]) => (u.length ? u.map((x) => <div key={x}><Typography.Text style={{ fontSize: 12 }}>{x}</Typography.Text></div>) : '—') },
    {
      title: t('translation:common.actions'), key: 'actions',
      render: (_, c) => (
        <Popconfirm title={t('clients.disableConfirm', { name: c.client_name })} description={t('clients.disableHint')} okText={t('translation:common.confirm')}
          cancelText={t('translation:common.cancel')} onConfirm={() => disable(c)}>
          <Button type="link" size="small" danger>{t('clients.disable')}</Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title={t('nav.clients')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('translation:common.refresh')} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('clients.add')}</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('clients.intro')}</Typography.Paragraph>
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table<OAuthClient> data-testid="clients-table" rowKey="client_id" size="middle" loading={list.loading} columns={columns} dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: <EmptyState description={t('clients.none')} /> }} scroll={{ x: 720 }} />
      )}
      <ClientForm open={adding} onClose={() => setAdding(false)} onCreated={created} />
    </Card>
  );
}
