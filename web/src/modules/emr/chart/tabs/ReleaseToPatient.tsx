// The "release to patient" cell of a report (results tab): a doctor releases a final report to the patient portal
// (POST /api/portal/results/:id/release); once released it shows when. Others only see whether it was released.
import { useState } from 'react';
import { App, Button, Tag, Tooltip } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../../app/fhir-types';
import { api } from '../../../../app/api';
import { useAuth } from '../../../../app/auth';
import { formatDateTime } from '../display';

export const RELEASED_URL = 'http://huiyi.health/fhir/StructureDefinition/released-to-patient';
const RELEASABLE = ['final', 'amended', 'corrected', 'appended'];

export const releasedAt = (r: Resource) =>
  ((r.extension as { url?: string; valueDateTime?: string }[] | undefined) ?? []).find((e) => e.url === RELEASED_URL)?.valueDateTime;

export function ReleaseToPatient({ report, onReleased }: { report: Resource; onReleased: () => void }) {
  const { t } = useTranslation('chart');
  const { hasRole } = useAuth();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const at = releasedAt(report);
  if (at) return <Tag color="green" data-testid="report-released">{t('results.released', { time: formatDateTime(at) })}</Tag>;
  if (!hasRole('doctor')) return null;
  const final = RELEASABLE.includes(report.status as string);
  const release = () => modal.confirm({
    title: t('results.releaseTitle'), content: t('results.releaseText'), okText: t('results.release'),
    onOk: async () => {
      setBusy(true);
      try {
        await api.post(`portal/results/${encodeURIComponent(String(report.id))}/release`);
        void message.success(t('results.releasedOk'));
        onReleased();
      } catch (e) {
        void message.error((e as Error).message);
      } finally {
        setBusy(false);
      }
    },
  });
  const button = (
    <Button size="small" icon={<SendOutlined />} disabled={!final} loading={busy} onClick={(e) => { e.stopPropagation(); release(); }} data-testid="release-report">
      {t('results.release')}
    </Button>
  );
  return final ? button : <Tooltip title={t('results.notFinal')}>{button}</Tooltip>;
}
