// The chart's first page: the current encounter, active problems, allergies, the latest vital signs and the
// recent encounters, each linking to its tab.
import { Button, Card, Col, Descriptions, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Resource } from '../../../../app/fhir-types';
import { useLoad } from '../../../../app/use-load';
import { LoadError, Loading } from '../../../../app/states';
import { loadConditions, loadVitals, type ChartContext } from '../data';
import { age, conceptText, formatDateTime, formatPeriod, useLang, type CodeableConcept, type Period } from '../display';
import { classify, type VitalKey } from '../vital-ranges';
import { EncounterActions } from '../../encounters/EncounterActions';
import { ClassTag, StatusTag, isActive } from '../../encounters/util';
import { allergyActive } from './AllergiesTab';
import { departmentOf, doctorOf, placeOf } from './EncountersTab';
import { icd10Of, isActiveCondition } from './ProblemsTab';
import { readings, type Reading } from './VitalsTab';

const LATEST: VitalKey[] = ['temp', 'hr', 'rr', 'sbp', 'spo2', 'weight'];

function More({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation('chart');
  return <Button type="link" size="small" onClick={onClick}>{t('summary.more')}</Button>;
}

function LatestVitals({ patient, go }: { patient: Resource; go: (tab: string) => void }) {
  const { t } = useTranslation('chart');
  const { data, error, loading, reload } = useLoad((s) => loadVitals(patient.id as string, s), [patient.id]);
  const all = readings(data ?? []);
  const latest = new Map<VitalKey, Reading>();
  for (const r of all) latest.set(r.key, r);
  const years = age(patient.birthDate as string | undefined)?.years;
  const cell = (k: VitalKey) => {
    const r = latest.get(k);
    if (!r) return '—';
    const flag = classify(k, r.value, years);
    const style = flag === 'high' ? { color: '#cf1322' } : flag === 'low' ? { color: '#0958d9' } : undefined;
    if (k === 'sbp') {
      const d = latest.get('dbp');
      const df = d ? classify('dbp', d.value, years) : undefined;
      return <span><span style={style}>{r.value}</span>/<span style={df === 'high' ? { color: '#cf1322' } : df === 'low' ? { color: '#0958d9' } : undefined}>{d?.value ?? '–'}</span> mmHg</span>;
    }
    return <span style={style}>{r.value} {r.unit}</span>;
  };
  const last = all[all.length - 1];
  return (
    <Card size="small" title={t('summary.latestVitals')} extra={<More onClick={() => go('vitals')} />}>
      {!data && loading ? <Loading /> : !data && error ? <LoadError error={error} onRetry={reload} /> : !all.length ? <Typography.Text type="secondary">{t('vitals.empty')}</Typography.Text> : (
        <>
          <Descriptions size="small" column={{ xs: 2, sm: 3, md: 3, lg: 3, xl: 3, xxl: 3 }}
            items={LATEST.filter((k) => latest.has(k)).map((k) => ({ key: k, label: t(`vitals.names.${k === 'sbp' ? 'bp' : k}`), children: cell(k) }))} />
          {last && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('summary.measuredAt', { time: dayjs(last.t).format('YYYY-MM-DD HH:mm') })}</Typography.Text>}
        </>
      )}
    </Card>
  );
}

function ActiveProblems({ patientId, go }: { patientId: string; go: (tab: string) => void }) {
  const { t } = useTranslation('chart');
  const lang = useLang();
  const { data, error, loading, reload } = useLoad((s) => loadConditions(patientId, s), [patientId]);
  const active = (data ?? []).filter(isActiveCondition);
  return (
    <Card size="small" title={t('summary.activeProblems')} extra={<More onClick={() => go('problems')} />}>
      {!data && loading ? <Loading /> : !data && error ? <LoadError error={error} onRetry={reload} /> : !active.length ? <Typography.Text type="secondary">{t('summary.none')}</Typography.Text> : (
        <List size="small" dataSource={active} renderItem={(c) => (
          <List.Item>
            <Space>{icd10Of(c) && <Typography.Text code>{icd10Of(c)}</Typography.Text>}{conceptText(c.code as CodeableConcept, lang)}</Space>
          </List.Item>
        )} />
      )}
    </Card>
  );
}

export function SummaryTab({ patient, ctx, go, onChanged }: { patient: Resource; ctx: ChartContext; go: (tab: string) => void; onChanged: () => void }) {
  const { t } = useTranslation('chart');
  const te = useTranslation('encounters').t;
  const lang = useLang();
  const current = ctx.encounters.filter(isActive);
  const allergies = ctx.allergies.filter(allergyActive);
  return (
    <Row gutter={[16, 16]} data-testid="summary-tab">
      <Col xs={24} lg={12}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" title={t('summary.current')}>
            {!current.length ? <Typography.Text type="secondary">{t('summary.none')}</Typography.Text> : current.map((e) => (
              <div key={e.id} style={{ marginBottom: 8 }}>
                <Space wrap><ClassTag encounter={e} /><StatusTag encounter={e} /><span>{placeOf(e, ctx.locations, lang)}</span></Space>
                <Descriptions size="small" column={1} style={{ marginTop: 8 }} items={[
                  { key: 'p', label: te('columns.period'), children: formatPeriod(e.period as Period | undefined) },
                  { key: 'd', label: te('columns.department'), children: departmentOf(e, lang) || '—' },
                  { key: 'doc', label: te('columns.doctor'), children: doctorOf(e) || '—' },
                  { key: 'r', label: te('columns.reason'), children: ((e.reasonCode as CodeableConcept[] | undefined) ?? []).map((c) => conceptText(c, lang)).join('、') || '—' },
                ]} />
                <EncounterActions encounter={e} onChanged={onChanged} />
              </div>
            ))}
          </Card>
          <ActiveProblems patientId={patient.id as string} go={go} />
          <Card size="small" title={t('tabs.allergies')} extra={<More onClick={() => go('allergies')} />}>
            {allergies.length ? <Space wrap>{allergies.map((a) => <Tag key={a.id} color="red">{conceptText(a.code as CodeableConcept, lang)}</Tag>)}</Space>
              : <Typography.Text type="secondary">{t('allergies.empty')}</Typography.Text>}
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={12}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <LatestVitals patient={patient} go={go} />
          <Card size="small" title={t('summary.recent')} extra={<More onClick={() => go('encounters')} />}>
            {!ctx.encounters.length ? <Typography.Text type="secondary">{t('encounters.empty')}</Typography.Text> : (
              <List size="small" dataSource={ctx.encounters.slice(0, 5)} renderItem={(e) => (
                <List.Item>
                  <Space wrap size={6}>
                    <ClassTag encounter={e} />
                    <span>{formatDateTime((e.period as Period | undefined)?.start)}</span>
                    <span>{departmentOf(e, lang)}</span>
                    <Typography.Text type="secondary">{((e.reasonCode as CodeableConcept[] | undefined) ?? []).map((c) => conceptText(c, lang)).join('、')}</Typography.Text>
                  </Space>
                </List.Item>
              )} />
            )}
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
