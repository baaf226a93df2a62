// 检查检验结果: the reports a doctor released to the patient, newest first, each with its values, the reference range
// and a plain arrow for high or low. Only released reports ever reach this page (the server filters).
import { Card, Collapse, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../../app/fhir-types';
import { useLoad } from '../../../../app/use-load';
import { EmptyState, LoadError } from '../../../../app/states';
import { conceptText, quantityText, type CodeableConcept, type Quantity } from '../../../emr/chart/display';
import { portal } from '../api';
import { PortalPage } from '../layout';
import { dayText, timeText } from '../time';
import { usePortalLang } from '../display';

interface Range { low?: Quantity; high?: Quantity; text?: string }

function flag(o: Resource): 'H' | 'L' | undefined {
  const code = ((o.interpretation as CodeableConcept[] | undefined) ?? []).flatMap((c) => c.coding ?? []).map((c) => c.code).find(Boolean);
  if (code && /^(H|HH|HU|>)$/.test(code)) return 'H';
  if (code && /^(L|LL|LU|<)$/.test(code)) return 'L';
  if (code) return undefined;
  const v = (o.valueQuantity as Quantity | undefined)?.value;
  const r = (o.referenceRange as Range[] | undefined)?.[0];
  if (typeof v !== 'number' || !r) return undefined;
  if (r.low?.value !== undefined && v < r.low.value) return 'L';
  if (r.high?.value !== undefined && v > r.high.value) return 'H';
  return undefined;
}

function rangeText(o: Resource): string {
  const r = (o.referenceRange as Range[] | undefined)?.[0];
  if (!r) return '';
  if (r.text) return r.text;
  if (r.low?.value !== undefined && r.high?.value !== undefined) return `${r.low.value}–${r.high.value}`;
  if (r.low?.value !== undefined) return `≥ ${r.low.value}`;
  if (r.high?.value !== undefined) return `≤ ${r.high.value}`;
  return '';
}

function valueText(o: Resource, lang: 'zh-CN' | 'en'): string {
  if (o.valueQuantity) return quantityText(o.valueQuantity as Quantity);
  if (typeof o.valueString === 'string') return o.valueString;
  if (o.valueCodeableConcept) return conceptText(o.valueCodeableConcept as CodeableConcept, lang);
  return '';
}

export function ResultsPage() {
  const { t } = useTranslation('portal');
  const lang = usePortalLang();
  const { data, error, loading, reload } = useLoad((s) => portal.results(s), []);
  return (
    <PortalPage title={t('results.title')} back="/portal/me" testId="results-page">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('results.intro')}</Typography.Paragraph>
      {loading && !data ? <Skeleton active /> : error && !data ? <LoadError error={error} onRetry={reload} /> : !data?.reports.length ? (
        <EmptyState description={t('results.none')} />
      ) : (
        <Collapse
          defaultActiveKey={data.reports[0] ? [String(data.reports[0].report.id)] : []}
          items={data.reports.map(({ report, released, observations }) => ({
            key: String(report.id),
            label: (
              <div data-testid="result-report">
                <Typography.Text strong>{conceptText(report.code as CodeableConcept, lang)}</Typography.Text>
                <div className="hy-portal-muted" style={{ fontSize: 12 }}>
                  {t('results.issued', { when: `${dayText((report.issued as string | undefined) ?? released, lang)}` })} · {t('results.released', { when: `${dayText(released, lang)} ${timeText(released)}` })}
                </div>
              </div>
            ),
            children: (
              <>
                {observations.length ? observations.map((o) => {
                  const f = flag(o);
                  return (
                    <div key={String(o.id)} className="hy-portal-list-item" data-testid="result-value">
                      <span style={{ flex: 1 }}>{conceptText(o.code as CodeableConcept, lang)}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{rangeText(o) && t('results.range', { range: rangeText(o) })}</Typography.Text></span>
                      <span style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                        <Typography.Text strong type={f ? 'danger' : undefined}>{valueText(o, lang)}</Typography.Text>
                        {f && <Tag color={f === 'H' ? 'red' : 'blue'} style={{ marginLeft: 6, marginRight: 0 }}>{f === 'H' ? `↑ ${t('results.high')}` : `↓ ${t('results.low')}`}</Tag>}
                      </span>
                    </div>
                  );
                }) : null}
                {typeof report.conclusion === 'string' && report.conclusion && <Card size="small" style={{ marginTop: 8 }}><strong>{t('results.conclusion')}</strong> {report.conclusion}</Card>}
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>{t('results.ask')}</Typography.Paragraph>
              </>
            ),
          }))}
        />
      )}
    </PortalPage>
  );
}
