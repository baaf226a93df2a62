// Find a patient with one search box (name, pinyin or its initials, ID number, MRN, phone): a results table with
// paging, clear empty and error states, links to the chart, registration, and the merge dialog.
import { useEffect, useState } from 'react';
import { App, Button, Card, Input, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { MergeCellsOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { useLoad } from '../../../app/use-load';
import { EmptyState, LoadError } from '../../../app/states';
import { searchPatients, type PatientSummary } from './api';
import { NameCell, useDisplay } from './display';
import { MergeDialog } from './MergeDialog';

export function PatientsPage() {
  const { t } = useTranslation('patients');
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const show = useDisplay();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const list = useLoad((signal) => searchPatients(q, { signal }), [q]);
  const [more, setMore] = useState<{ items: PatientSummary[]; next?: string }>({ items: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [merging, setMerging] = useState<PatientSummary | null>(null);
  // registering and merging need a policy that writes Patient: the doctor's by default (merge also the admin's, by brief)
  const canRegister = hasRole('doctor');
  const canMerge = hasRole('doctor', 'admin');

  useEffect(() => setText(q), [q]);
  useEffect(() => setMore({ items: [], next: list.data?.next }), [list.data]);

  const items = [...(list.data?.items ?? []), ...more.items];
  const search = (value: string) => {
    const v = value.trim();
    if (v === q) list.reload();
    else setParams(v ? { q: v } : {});
  };
  const loadMore = async () => {
    if (!more.next) return;
    setLoadingMore(true);
    try {
      const page = await searchPatients(q, { page: more.next });
      setMore((m) => ({ items: [...m.items, ...page.items], next: page.next }));
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  const columns: ColumnsType<PatientSummary> = [
    { title: t('columns.name'), key: 'name', render: (_, p) => <NameCell p={p} /> },
    { title: t('columns.sex'), dataIndex: 'sex', width: 72, render: (s?: string) => show.sex(s) },
    { title: t('columns.age'), dataIndex: 'age', width: 88, render: (_, p) => show.age(p.age) },
    { title: t('columns.birthDate'), dataIndex: 'birthDate', width: 116, responsive: ['xl'], render: (v?: string) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span> },
    { title: t('columns.mrn'), dataIndex: 'mrn', width: 124, render: (v?: string) => (v ? <Typography.Text copyable={{ text: v }} style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text> : '—') },
    {
      title: t('columns.document'), key: 'document', responsive: ['lg'],
      render: (_, p) => (p.idNumberMasked ? <Space orientation="vertical" size={0}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{show.document(p.idType)}</Typography.Text><span>{p.idNumberMasked}</span></Space> : '—'),
    },
    { title: t('columns.phone'), dataIndex: 'phone', width: 130, responsive: ['lg'], render: (v?: string) => v ?? '—' },
    {
      title: t('columns.actions'), key: 'actions', width: 200,
      render: (_, p) => (
        <Space size={0}>
          {p.mergedInto ? (
            <Link to={`/patients/${encodeURIComponent(p.mergedInto)}`}><Button type="link" size="small">{t('merged.openTarget')}</Button></Link>
          ) : (
            <Link to={`/patients/${encodeURIComponent(p.id)}`}><Button type="link" size="small">{t('actions.open')}</Button></Link>
          )}
          {canMerge && p.active && (
            <Tooltip title={t('merge.title')}>
              <Button type="link" size="small" icon={<MergeCellsOutlined />} onClick={() => setMerging(p)} data-testid="merge-button">{t('actions.merge')}</Button>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  const summary = list.data && (items.length > 0 || !q) && (
    <Typography.Text type="secondary" data-testid="search-summary">
      {q ? `${t(`search.matchedBy.${list.data.matchedBy}`)} · ${t('search.total', { count: list.data.total ?? items.length })}` : t('search.recent')}
    </Typography.Text>
  );

  return (
    <Card
      title={t('search.title')}
      extra={canRegister && <Button type="primary" icon={<UserAddOutlined />} onClick={() => navigate('/patients/new')} data-testid="register-button">{t('search.register')}</Button>}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Input.Search
          data-testid="patient-search" size="large" allowClear autoFocus enterButton={t('search.button')}
          placeholder={t('search.placeholder')} value={text} maxLength={100}
          onChange={(e) => setText(e.target.value)} onSearch={search} loading={list.loading && !!q}
        />
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <>
            {summary}
            <Table<PatientSummary>
              data-testid="patient-results" rowKey="id" size="middle" columns={columns} dataSource={items} loading={list.loading}
              pagination={false} scroll={{ x: 720 }} rowClassName={(p) => (p.active ? '' : 'hy-row-muted')}
              locale={{
                emptyText: list.loading ? ' ' : (
                  <EmptyState description={q ? <span data-testid="no-match">{t('search.noMatch', { q })}<br /><Typography.Text type="secondary">{t('search.noMatchHint')}</Typography.Text></span> : t('search.none')}>
                    {canRegister && <Button icon={<UserAddOutlined />} onClick={() => navigate('/patients/new')}>{t('search.register')}</Button>}
                  </EmptyState>
                ),
              }}
            />
            {more.next && (
              <div style={{ textAlign: 'center' }}>
                <Button onClick={loadMore} loading={loadingMore} data-testid="load-more">{t('search.more')}</Button>
              </div>
            )}
          </>
        )}
      </Space>
      <MergeDialog source={merging} onClose={() => setMerging(null)} onMerged={() => { setMerging(null); list.reload(); }} />
    </Card>
  );
}
