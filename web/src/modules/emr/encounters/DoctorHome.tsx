// The doctor's home: today's clinic queue (with the status moves), my inpatients, and my department's wards.
import { Button, Card, Col, List, Row, Space, Table, Typography } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import type { Resource } from '../../../app/fhir-types';
import { useLoad } from '../../../app/use-load';
import { EmptyState, LoadError, Loading } from '../../../app/states';
import { conceptText, formatDate, mrnOf, personName, placeLabel, useLang, type CodeableConcept, type Period } from '../chart/display';
import { encountersApi, type Stay } from './api';
import { EncounterActions } from './EncounterActions';
import { BoardCounts } from './WardBoardView';
import { StatusTag, locationOf, placeName, statusOf, useSexAge } from './util';

const ORDER: Record<string, number> = { 'in-progress': 0, arrived: 1, triaged: 1, planned: 2, finished: 3, cancelled: 4 };

function PatientCell({ stay }: { stay: Stay }) {
  const lang = useLang();
  const { sex, age } = useSexAge();
  if (!stay.patient) return <>—</>;
  return (
    <Space orientation="vertical" size={0}>
      <Link to={`/patients/${stay.patient.id}`} data-testid="queue-patient">{personName(stay.patient, lang)}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[sex(stay.patient), age(stay.patient), mrnOf(stay.patient)].filter(Boolean).join(' · ')}</Typography.Text>
    </Space>
  );
}

const reason = (e: Resource, lang: 'zh-CN' | 'en') => conceptText((e.reasonCode as CodeableConcept[] | undefined)?.[0], lang);

function ClinicQueue() {
  const { t } = useTranslation('encounters');
  const lang = useLang();
  const { data, error, loading, reload } = useLoad((s) => encountersApi.myClinic(s), []);
  const visits = [...(data?.visits ?? [])].sort((a, b) => (ORDER[statusOf(a.encounter)] ?? 5) - (ORDER[statusOf(b.encounter)] ?? 5));
  const waiting = visits.filter((v) => ['planned', 'arrived', 'triaged'].includes(statusOf(v.encounter))).length;
  return (
    <Card
      title={<Space>{t('doctor.clinicToday')}{data && <Typography.Text type="secondary">{t('doctor.waiting')} {waiting}</Typography.Text>}</Space>}
      extra={<Button size="small" type="text" icon={<ReloadOutlined />} onClick={reload} aria-label="reload" />}
      data-testid="clinic-queue"
    >
      {!data && loading ? <Loading /> : !data && error ? <LoadError error={error} onRetry={reload} /> : (
        <Table<Stay>
          size="small"
          rowKey={(s) => s.encounter.id as string}
          dataSource={visits}
          pagination={false}
          scroll={{ x: 560 }}
          locale={{ emptyText: <EmptyState description={t('doctor.clinicEmpty')} /> }}
          columns={[
            { title: t('columns.time'), width: 70, render: (_, s) => dayjs((s.encounter.period as Period | undefined)?.start).format('HH:mm') },
            { title: t('columns.patient'), render: (_, s) => <PatientCell stay={s} /> },
            { title: t('columns.status'), width: 96, render: (_, s) => <StatusTag encounter={s.encounter} /> },
            { title: t('columns.reason'), ellipsis: true, render: (_, s) => reason(s.encounter, lang) },
            { title: t('columns.actions'), width: 190, render: (_, s) => <EncounterActions encounter={s.encounter} onChanged={reload} /> },
          ]}
        />
      )}
    </Card>
  );
}

function MyInpatients() {
  const { t } = useTranslation('encounters');
  const lang = useLang();
  const { data, error, loading, reload } = useLoad((s) => encountersApi.myInpatients(s), []);
  const locations = new Map((data?.locations ?? []).map((l) => [`Location/${l.id}`, l]));
  return (
    <Card title={t('doctor.inpatients')} data-testid="my-inpatients"
      extra={<Button size="small" type="text" icon={<ReloadOutlined />} onClick={reload} aria-label="reload" />}>
      {!data && loading ? <Loading /> : !data && error ? <LoadError error={error} onRetry={reload} /> : (
        <Table<Stay>
          size="small"
          rowKey={(s) => s.encounter.id as string}
          dataSource={data?.stays ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyState description={t('doctor.inpatientsEmpty')} /> }}
          columns={[
            { title: t('columns.bed'), width: 110, render: (_, s) => placeName(locationOf(s.encounter, 'bd'), locations, lang) ?? placeName(locationOf(s.encounter, 'wa'), locations, lang) },
            { title: t('columns.patient'), render: (_, s) => <Space size={4} wrap><PatientCell stay={s} />{statusOf(s.encounter) === 'onleave' && <StatusTag encounter={s.encounter} />}</Space> },
            { title: t('columns.admitted'), width: 100, render: (_, s) => formatDate((s.encounter.period as Period | undefined)?.start) },
            { title: t('columns.reason'), ellipsis: true, render: (_, s) => reason(s.encounter, lang) },
          ]}
        />
      )}
    </Card>
  );
}

function MyWards() {
  const { t } = useTranslation('encounters');
  const lang = useLang();
  const { data, error, loading, reload } = useLoad((s) => encountersApi.myWards(s), []);
  if (!data && loading) return <Card title={t('doctor.wards')}><Loading /></Card>;
  if (!data && error) return <Card title={t('doctor.wards')}><LoadError error={error} onRetry={reload} /></Card>;
  if (!data?.wards.length) return null;
  return (
    <Card title={t('doctor.wards')}>
      <List
        dataSource={data.wards}
        renderItem={(b) => (
          <List.Item extra={<Link to={`/wards?ward=${encodeURIComponent(b.ward.id)}`}>{t('nav.wards')}</Link>}>
            <List.Item.Meta title={placeLabel(b.ward, lang)} description={<BoardCounts board={b} />} />
          </List.Item>
        )}
      />
    </Card>
  );
}

export function DoctorHome() {
  const { t } = useTranslation('encounters');
  const navigate = useNavigate();
  return (
    <div data-testid="doctor-home">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('doctor.title')}</Typography.Title>
        <Button type="primary" icon={<SearchOutlined />} onClick={() => navigate('/patients')}>{t('doctor.findPatient')}</Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}><ClinicQueue /></Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <MyInpatients />
            <MyWards />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
