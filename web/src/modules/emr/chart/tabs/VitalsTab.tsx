// Vital signs: trend charts with the adult normal range shaded, and the readings as a table with low/high flags.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Row, Segmented, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Resource } from '../../../../app/fhir-types';
import { useLoad } from '../../../../app/use-load';
import { EmptyState, LoadError, Loading } from '../../../../app/states';
import { loadVitals } from '../data';
import { age, type CodeableConcept, type Quantity } from '../display';
import { BP_PANEL, VITAL_LOINC, classify, rangeFor, type VitalKey } from '../vital-ranges';
import { TrendChart, type TrendSeries } from '../TrendChart';

export interface Reading {
  key: VitalKey;
  t: number;
  value: number;
  unit: string;
}

const LOINC = 'http://loinc.org';
const keyOf = (code: CodeableConcept | undefined): VitalKey | 'bp' | undefined => {
  for (const c of code?.coding ?? []) {
    if (c.system !== LOINC || !c.code) continue;
    if (c.code === BP_PANEL) return 'bp';
    const k = VITAL_LOINC[c.code];
    if (k) return k;
  }
  return undefined;
};

/** Observations → readings (a blood pressure panel gives a systolic and a diastolic reading). */
export function readings(observations: Resource[]): Reading[] {
  const out: Reading[] = [];
  for (const o of observations) {
    if (o.status === 'entered-in-error' || o.status === 'cancelled') continue;
    const when = (o.effectiveDateTime as string | undefined) ?? (o.effectivePeriod as { start?: string } | undefined)?.start ?? (o.issued as string | undefined);
    if (!when) continue;
    const t = dayjs(when).valueOf();
    const key = keyOf(o.code as CodeableConcept);
    if (key === 'bp') {
      for (const comp of (o.component as { code?: CodeableConcept; valueQuantity?: Quantity }[] | undefined) ?? []) {
        const k = keyOf(comp.code);
        const v = comp.valueQuantity?.value;
        if ((k === 'sbp' || k === 'dbp') && typeof v === 'number') out.push({ key: k, t, value: v, unit: comp.valueQuantity?.unit ?? 'mmHg' });
      }
    } else if (key) {
      const q = o.valueQuantity as Quantity | undefined;
      if (typeof q?.value === 'number') out.push({ key, t, value: q.value, unit: q.unit ?? '' });
    }
  }
  return out.sort((a, b) => a.t - b.t);
}

const CHARTS: { id: string; keys: VitalKey[]; colors: string[] }[] = [
  { id: 'temp', keys: ['temp'], colors: ['#f5222d'] },
  { id: 'hr', keys: ['hr'], colors: ['#1677ff'] },
  { id: 'bp', keys: ['sbp', 'dbp'], colors: ['#722ed1', '#13c2c2'] },
  { id: 'rr', keys: ['rr'], colors: ['#fa8c16'] },
  { id: 'spo2', keys: ['spo2'], colors: ['#2f54eb'] },
  { id: 'weight', keys: ['weight'], colors: ['#8c8c8c'] },
];
const TABLE_KEYS: VitalKey[] = ['temp', 'hr', 'rr', 'spo2', 'sbp', 'weight', 'height'];

function Flagged({ r, ageYears }: { r: Reading; ageYears: number | undefined }) {
  const { t } = useTranslation('chart');
  const c = classify(r.key, r.value, ageYears);
  if (c === 'low' || c === 'high') {
    return <Typography.Text strong style={{ color: c === 'high' ? '#cf1322' : '#0958d9' }} title={t(`vitals.${c}`)}>{r.value}{c === 'high' ? '↑' : '↓'}</Typography.Text>;
  }
  return <>{r.value}</>;
}

export function VitalsTab({ patient }: { patient: Resource }) {
  const { t } = useTranslation('chart');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const { data, error, loading, reload } = useLoad((s) => loadVitals(patient.id as string, s), [patient.id]);
  const all = useMemo(() => readings(data ?? []), [data]);
  const birth = patient.birthDate as string | undefined;
  const ageNow = age(birth)?.years;
  const ageAt = (ms: number) => age(birth, dayjs(ms))?.years;

  const charts = useMemo(() => CHARTS.map((c) => {
    const series: TrendSeries[] = c.keys.map((k, i) => {
      const r = rangeFor(k, ageNow);
      return {
        name: t(`vitals.names.${k}`),
        color: c.colors[i],
        points: all.filter((x) => x.key === k).map((x) => [x.t, x.value] as [number, number]),
        ...(r ? { range: { low: r.low, high: r.high } } : {}),
      };
    }).filter((s) => s.points.length);
    const unit = all.find((x) => x.key === c.keys[0])?.unit;
    return { ...c, series, unit };
  }).filter((c) => c.series.length), [all, ageNow, t]);

  const rows = useMemo(() => {
    const byTime = new Map<number, Partial<Record<VitalKey, Reading>>>();
    for (const r of all) {
      const minute = Math.floor(r.t / 60_000) * 60_000;
      const row = byTime.get(minute) ?? {};
      row[r.key] = r;
      byTime.set(minute, row);
    }
    return [...byTime.entries()].sort((a, b) => b[0] - a[0]).map(([t, v]) => ({ t, ...v }));
  }, [all]);

  if (!data && loading) return <Loading />;
  if (!data && error) return <LoadError error={error} onRetry={reload} />;
  if (!all.length) return <EmptyState description={t('vitals.empty')} />;

  return (
    <div data-testid="vitals-tab">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Segmented value={view} onChange={(v) => setView(v as 'chart' | 'table')}
          options={[{ value: 'chart', label: t('vitals.chart') }, { value: 'table', label: t('vitals.table') }]} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{ageNow !== undefined && ageNow < 14 ? t('vitals.noRangeChild') : t('vitals.source')}</Typography.Text>
      </Space>
      {view === 'chart' ? (
        <Row gutter={[16, 16]}>
          {charts.map((c) => (
            <Col key={c.id} xs={24} lg={12}>
              <Card size="small" title={`${t(`vitals.names.${c.id}`)}${c.unit ? ` (${c.unit})` : ''}`} data-testid={`vital-chart-${c.id}`}>
                <TrendChart series={c.series} unit={c.unit} rangeLabel={t('vitals.normalRange')} testId={`trend-${c.id}`} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : (
        <Table
          size="small"
          rowKey="t"
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 720 }}
          data-testid="vitals-table"
          columns={[
            { title: t('vitals.time'), dataIndex: 't', width: 150, render: (v: number) => dayjs(v).format('YYYY-MM-DD HH:mm') },
            ...TABLE_KEYS.map((k) => ({
              key: k,
              title: `${t(`vitals.names.${k === 'sbp' ? 'bp' : k}`)}${k === 'sbp' ? ' (mmHg)' : unitOf(all, k)}`,
              render: (_: unknown, row: { t: number } & Partial<Record<VitalKey, Reading>>) => {
                if (k === 'sbp') {
                  const s = row.sbp;
                  const d = row.dbp;
                  if (!s && !d) return '';
                  return <>{s ? <Flagged r={s} ageYears={ageAt(row.t)} /> : '–'}/{d ? <Flagged r={d} ageYears={ageAt(row.t)} /> : '–'}</>;
                }
                const r = row[k];
                return r ? <Flagged r={r} ageYears={ageAt(row.t)} /> : '';
              },
            })),
          ]}
        />
      )}
      {ageNow === undefined && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('vitals.noRangeChild')} />}
    </div>
  );
}

function unitOf(all: Reading[], k: VitalKey): string {
  const u = all.find((r) => r.key === k)?.unit;
  return u ? ` (${u})` : '';
}
