// Allergies and intolerances (AllergyIntolerance): substance, category, criticality, reactions.
import { Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../../app/fhir-types';
import { EmptyState } from '../../../../app/states';
import { conceptText, formatDate, useLang, type CodeableConcept } from '../display';

interface Reaction {
  manifestation?: CodeableConcept[];
  severity?: string;
}

export const allergyActive = (a: Resource) => ((a.clinicalStatus as CodeableConcept | undefined)?.coding?.[0]?.code ?? 'active') === 'active';

export function AllergiesTab({ allergies }: { allergies: Resource[] }) {
  const { t } = useTranslation('chart');
  const lang = useLang();
  if (!allergies.length) return <EmptyState description={t('allergies.empty')} />;
  return (
    <Table
      size="small"
      rowKey={(a) => a.id as string}
      dataSource={allergies}
      pagination={false}
      scroll={{ x: 720 }}
      data-testid="allergies-table"
      columns={[
        { title: t('allergies.substance'), render: (_, a) => <Tag color={allergyActive(a) ? 'red' : 'default'}>{conceptText(a.code as CodeableConcept, lang)}</Tag> },
        { title: t('allergies.category'), width: 100, render: (_, a) => ((a.category as string[] | undefined) ?? []).map((c) => t(`allergies.categories.${c}`, { defaultValue: c })).join('、') },
        {
          title: t('allergies.criticality'), width: 100,
          render: (_, a) => (a.criticality ? <Tag color={a.criticality === 'high' ? 'volcano' : 'default'}>{t(`allergies.criticalities.${String(a.criticality)}`)}</Tag> : null),
        },
        {
          title: t('allergies.reaction'),
          render: (_, a) => (
            <Space wrap size={4}>
              {((a.reaction as Reaction[] | undefined) ?? []).map((r, i) => (
                <span key={i}>
                  {(r.manifestation ?? []).map((m) => conceptText(m, lang)).join('、')}
                  {r.severity ? `（${t(`allergies.severities.${r.severity}`, { defaultValue: r.severity })}）` : ''}
                </span>
              ))}
            </Space>
          ),
        },
        {
          title: t('allergies.status'), width: 90,
          render: (_, a) => {
            const s = (a.clinicalStatus as CodeableConcept | undefined)?.coding?.[0]?.code;
            return s ? t(`allergies.clinical.${s}`, { defaultValue: s }) : '';
          },
        },
        { title: t('allergies.recorded'), width: 110, render: (_, a) => formatDate(a.recordedDate as string | undefined) },
      ]}
    />
  );
}
