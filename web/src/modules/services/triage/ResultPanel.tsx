// The level as the nurse types: a big badge in the zone colour, the maximum wait, and every criterion that fired.
import { Alert, Card, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TriageResult } from './api';
import { LevelBadge, ZONE_COLORS, levelOf, useCatalogue, useEn, useLevelText } from './display';

export function ResultPanel({ result, computing, error, override }: { result?: TriageResult; computing: boolean; error?: string; override?: number }) {
  const { t } = useTranslation('triage');
  const en = useEn();
  const levelText = useLevelText();
  const { catalogue } = useCatalogue();
  const label = (alg: TriageResult['algorithm'], level: number | null) => (level === null ? t('result.none') : levelOf(catalogue, alg, level)?.label ?? String(level));
  if (error) return <Alert type="error" showIcon message={t('result.error', { message: error })} />;
  if (!result) {
    return (
      <Card data-testid="triage-result" className="hy-triage-result">
        <Typography.Text type="secondary">{computing ? t('result.computing') : t('result.waiting')}</Typography.Text>
      </Card>
    );
  }
  const colors = ZONE_COLORS[result.zone];
  const name = en ? result.name.en : result.name.zh;
  return (
    <Card
      data-testid="triage-result"
      data-level={result.level}
      className="hy-triage-result"
      style={{ background: colors.soft, borderColor: colors.border }}
      title={<Space>{t('result.title')}{computing && <Spin size="small" />}</Space>}
    >
      <Space align="center" size="large" wrap>
        <LevelBadge zone={result.zone} text={levelText(result.algorithm, result.label)} size="large" testId="triage-level" />
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{name}</Typography.Title>
          <Typography.Text strong>
            {t(`zone.${result.zone}`)} · {result.maxWaitMinutes === 0 ? t('seeNow') : t('seeWithin', { n: result.maxWaitMinutes })}
          </Typography.Text>
        </div>
      </Space>
      {override !== undefined && override !== result.level && (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon
          message={t('result.overridden', { computed: levelText(result.algorithm, result.label), assigned: levelText(result.algorithm, label(result.algorithm, override)) })} />
      )}
      <Typography.Paragraph strong style={{ marginTop: 16, marginBottom: 4 }}>{t('result.reasons')}</Typography.Paragraph>
      <ul className="hy-triage-reasons" data-testid="triage-reasons">
        {result.reasons.map((r, i) => <li key={i}>{r}</li>)}
      </ul>
      <Typography.Text type="secondary">
        {t('result.vitalLevel')}: {label(result.algorithm, result.vitalLevel)} · {t('result.complaintLevel')}: {label(result.algorithm, result.complaintLevel)}
      </Typography.Text>
    </Card>
  );
}
