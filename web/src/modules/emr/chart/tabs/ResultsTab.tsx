// Laboratory results: the reports (DiagnosticReport) with their results, every analyte with its latest value and
// abnormal flag (Observation.interpretation, else computed from referenceRange), and a trend per analyte.
import { useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { LineChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Resource } from '../../../../app/fhir-types';
import { useLoad } from '../../../../app/use-load';
import { EmptyState, LoadError, Loading } from '../../../../app/states';
import { loadResults } from '../data';
import { conceptText, formatDateTime, quantityText, unitText, useLang, type CodeableConcept, type Lang, type Quantity, type Reference } from '../display';
import { TrendChart } from '../TrendChart';
import { ReleaseToPatient } from './ReleaseToPatient';

const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const LOINC = 'http://loinc.org';

interface RefRange {
  low?: Quantity;
  high?: Quantity;
  text?: string;
}

export interface Result {
  obs: Resource;
  key: string;
  name: string;
  t: number;
  value?: number;
  text: string;
  unit?: string;
  flag?: string;
  range?: RefRange;
}

/** The flag of a result: its interpretation code, else H/L against its reference range. */
export function flagOf(o: Resource): string | undefined {
  const interp = (o.interpretation as CodeableConcept[] | undefined) ?? [];
  for (const c of interp) for (const k of c.coding ?? []) if ((k.system === INTERPRETATION || !k.system) && k.code) return k.code;
  const v = (o.valueQuantity as Quantity | undefined)?.value;
  const r = (o.referenceRange as RefRange[] | undefined)?.[0];
  if (typeof v !== 'number' || !r) return undefined;
  if (r.low?.value !== undefined && v < r.low.value) return 'L';
  if (r.high?.value !== undefined && v > r.high.value) return 'H';
  return 'N';
}

const HIGH = new Set(['H', 'HH', 'HU', '>']);
const LOW = new Set(['L', 'LL', 'LU', '<']);
const CRITICAL = new Set(['HH', 'LL', 'AA']);

export function FlagTag({ flag }: { flag?: string }) {
  const { t } = useTranslation('chart');
  if (!flag || flag === 'N' || flag === 'NEG') return null;
  const color = CRITICAL.has(flag) ? 'magenta' : HIGH.has(flag) ? 'red' : LOW.has(flag) ? 'blue' : 'orange';
  const arrow = HIGH.has(flag) ? '↑' : LOW.has(flag) ? '↓' : '';
  return <Tag color={color} data-testid="result-flag">{arrow}{t(`results.flags.${flag}`, { defaultValue: flag })}</Tag>;
}

function rangeText(r: RefRange | undefined): string {
  if (!r) return '';
  if (r.text) return r.text;
  const lo = r.low?.value;
  const hi = r.high?.value;
  const unit = unitText(r.low?.unit ?? r.high?.unit);
  if (lo !== undefined && hi !== undefined) return `${lo}–${hi}${unit ? ` ${unit}` : ''}`;
  if (lo !== undefined) return `≥ ${lo}${unit ? ` ${unit}` : ''}`;
  if (hi !== undefined) return `≤ ${hi}${unit ? ` ${unit}` : ''}`;
  return '';
}

function toResult(o: Resource, lang: Lang): Result | undefined {
  const when = (o.effectiveDateTime as string | undefined) ?? (o.issued as string | undefined);
  if (!when || o.status === 'entered-in-error' || o.status === 'cancelled') return undefined;
  const code = o.code as CodeableConcept | undefined;
  const loinc = code?.coding?.find((c) => c.system === LOINC)?.code;
  const q = o.valueQuantity as Quantity | undefined;
  const text = q ? quantityText(q)
    : typeof o.valueString === 'string' ? o.valueString
      : o.valueCodeableConcept ? conceptText(o.valueCodeableConcept as CodeableConcept, lang) : '';
  return {
    obs: o, key: loinc ?? code?.coding?.[0]?.code ?? code?.text ?? String(o.id), name: conceptText(code, lang), t: dayjs(when).valueOf(),
    ...(typeof q?.value === 'number' ? { value: q.value } : {}), text, ...(q?.unit ? { unit: q.unit } : {}),
    ...(flagOf(o) ? { flag: flagOf(o) } : {}), ...((o.referenceRange as RefRange[] | undefined)?.[0] ? { range: (o.referenceRange as RefRange[])[0] } : {}),
  };
}

export function ResultsTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation('chart');
  const lang = useLang();
  const { data, error, loading, reload } = useLoad((s) => loadResults(patientId, s), [patientId]);
  const [selected, setSelected] = useState<string>();
  const [abnormalOnly, setAbnormalOnly] = useState(false);

  const results = useMemo(() => (data?.observations ?? []).map((o) => toResult(o, lang)).filter((r): r is Result => !!r), [data, lang]);
  const byId = useMemo(() => new Map(results.map((r) => [`Observation/${r.obs.id}`, r])), [results]);
  const analytes = useMemo(() => {
    const m = new Map<string, Result[]>();
    for (const r of results) m.set(r.key, [...(m.get(r.key) ?? []), r]);
    return [...m.entries()].map(([key, list]) => ({ key, list, latest: list[list.length - 1] as Result }))
      .sort((a, b) => a.latest.name.localeCompare(b.latest.name, lang));
  }, [results, lang]);
  const shown = abnormalOnly ? analytes.filter((a) => a.latest.flag && !['N', 'NEG'].includes(a.latest.flag)) : analytes;
  const current = analytes.find((a) => a.key === (selected ?? analytes.find((x) => x.list.length > 1)?.key ?? analytes[0]?.key));

  if (!data && loading) return <Loading />;
  if (!data && error) return <LoadError error={error} onRetry={reload} />;
  if (!results.length && !data?.reports.length) return <EmptyState description={t('results.empty')} />;

  const numeric = current?.list.filter((r) => r.value !== undefined) ?? [];
  const range = current?.latest.range;
  return (
    <div data-testid="results-tab">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('results.analytes')} extra={<Space><Typography.Text type="secondary">{t('results.onlyAbnormal')}</Typography.Text><Switch size="small" checked={abnormalOnly} onChange={setAbnormalOnly} /></Space>}>
            <Table
              size="small"
              rowKey="key"
              dataSource={shown}
              pagination={shown.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
              onRow={(a) => ({ onClick: () => setSelected(a.key), style: { cursor: 'pointer', background: a.key === current?.key ? '#e6f4ff' : undefined } })}
              columns={[
                { title: t('results.analyte'), render: (_, a) => a.latest.name },
                { title: t('results.value'), render: (_, a) => <Space size={4}><span>{a.latest.text}</span><FlagTag flag={a.latest.flag} /></Space> },
                { title: t('results.range'), render: (_, a) => <Typography.Text type="secondary">{rangeText(a.latest.range)}</Typography.Text> },
                { title: t('results.time'), width: 130, render: (_, a) => formatDateTime(dayjs(a.latest.t).format()) },
                { title: '', width: 40, render: (_, a) => (a.list.length > 1 ? <LineChartOutlined /> : null) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={current ? `${t('results.trend')}: ${current.latest.name}` : t('results.trend')} data-testid="result-trend">
            {numeric.length ? (
              <TrendChart
                series={[{ name: current?.latest.name ?? '', points: numeric.map((r) => [r.t, r.value as number]), color: '#1677ff', range: { low: range?.low?.value, high: range?.high?.value } }]}
                unit={unitText(current?.latest.unit)}
                rangeLabel={t('results.range')}
                height={260}
              />
            ) : <Empty description={t('results.chooseAnalyte')} />}
          </Card>
        </Col>
      </Row>
      {!!data?.reports.length && (
        <Card size="small" title={t('results.reports')} style={{ marginTop: 16 }}>
          <Table
            size="small"
            rowKey={(r) => r.id as string}
            dataSource={data.reports}
            pagination={data.reports.length > 10 ? { pageSize: 10 } : false}
            expandable={{
              rowExpandable: (r) => !!(r.result as Reference[] | undefined)?.length,
              expandedRowRender: (r) => (
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(x) => x.obs.id as string}
                  dataSource={((r.result as Reference[] | undefined) ?? []).map((x) => byId.get(x.reference ?? '')).filter((x): x is Result => !!x)}
                  columns={[
                    { title: t('results.analyte'), render: (_, x) => x.name },
                    { title: t('results.value'), render: (_, x) => <Space size={4}>{x.text}<FlagTag flag={x.flag} /></Space> },
                    { title: t('results.range'), render: (_, x) => rangeText(x.range) },
                  ]}
                />
              ),
            }}
            columns={[
              { title: t('results.report'), render: (_, r) => conceptText(r.code as CodeableConcept, lang) },
              { title: t('results.status'), width: 100, render: (_, r) => t(`results.statuses.${String(r.status)}`, { defaultValue: String(r.status ?? '') }) },
              { title: t('results.issued'), width: 150, render: (_, r) => formatDateTime((r.issued as string | undefined) ?? (r.effectiveDateTime as string | undefined)) },
              { title: t('results.conclusion'), render: (_, r) => (r.conclusion as string | undefined) ?? '' },
              { title: t('results.patient'), width: 170, render: (_, r) => <ReleaseToPatient report={r} onReleased={reload} /> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
