// Problems and diagnoses (Condition), ICD-10 coded where available; active first.
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../../app/fhir-types';
import { useLoad } from '../../../../app/use-load';
import { EmptyState, LoadError, Loading } from '../../../../app/states';
import { loadConditions } from '../data';
import { codeIn, conceptText, formatDate, useLang, type CodeableConcept, type Reference } from '../display';

const ICD10 = /icd-10|icd10/i;
export const clinicalStatus = (c: Resource) => (c.clinicalStatus as CodeableConcept | undefined)?.coding?.[0]?.code ?? '';
export const isActiveCondition = (c: Resource) => ['active', 'recurrence', 'relapse'].includes(clinicalStatus(c));
export const icd10Of = (c: Resource) => codeIn(c.code as CodeableConcept | undefined, ICD10);

export function ProblemsTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation('chart');
  const lang = useLang();
  const { data, error, loading, reload } = useLoad((s) => loadConditions(patientId, s), [patientId]);
  if (!data && loading) return <Loading />;
  if (!data && error) return <LoadError error={error} onRetry={reload} />;
  const rows = [...(data ?? [])].filter((c) => (c.verificationStatus as CodeableConcept | undefined)?.coding?.[0]?.code !== 'entered-in-error')
    .sort((a, b) => Number(isActiveCondition(b)) - Number(isActiveCondition(a)));
  if (!rows.length) return <EmptyState description={t('problems.empty')} />;
  return (
    <Table
      size="small"
      rowKey={(c) => c.id as string}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 760 }}
      data-testid="problems-table"
      columns={[
        { title: t('problems.code'), width: 90, render: (_, c) => <Typography.Text code>{icd10Of(c) ?? '—'}</Typography.Text> },
        { title: t('problems.name'), render: (_, c) => conceptText(c.code as CodeableConcept, lang) },
        {
          title: t('problems.category'), width: 110,
          render: (_, c) => {
            const code = (c.category as CodeableConcept[] | undefined)?.[0]?.coding?.[0]?.code;
            return code ? t(`problems.categories.${code}`, { defaultValue: conceptText((c.category as CodeableConcept[])[0], lang) }) : '';
          },
        },
        {
          title: t('problems.status'), width: 100,
          render: (_, c) => {
            const s = clinicalStatus(c);
            return s ? <Tag color={isActiveCondition(c) ? 'orange' : 'default'}>{t(`problems.clinical.${s}`, { defaultValue: s })}</Tag> : null;
          },
        },
        { title: t('problems.onset'), width: 110, render: (_, c) => formatDate(c.onsetDateTime as string | undefined) },
        { title: t('problems.abatement'), width: 110, render: (_, c) => formatDate(c.abatementDateTime as string | undefined) },
        { title: t('problems.recorder'), width: 100, render: (_, c) => (c.recorder as Reference | undefined)?.display ?? '' },
      ]}
    />
  );
}
