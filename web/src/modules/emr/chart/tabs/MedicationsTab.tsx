// Medications: orders (MedicationRequest) and what the patient takes (MedicationStatement), with dose, route and
// frequency read from the structured dosage when there is no dosage text.
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../../app/fhir-types';
import { useLoad } from '../../../../app/use-load';
import { EmptyState, LoadError, Loading } from '../../../../app/states';
import { loadMedications } from '../data';
import { conceptText, formatDateTime, quantityText, useLang, type CodeableConcept, type Lang, type Quantity, type Reference } from '../display';

interface Dosage {
  text?: string;
  route?: CodeableConcept;
  timing?: { code?: CodeableConcept; repeat?: { frequency?: number; period?: number; periodUnit?: string } };
  doseAndRate?: { doseQuantity?: Quantity }[];
  asNeededBoolean?: boolean;
}

const UNIT_ZH: Record<string, string> = { h: '小时', d: '天', wk: '周', mo: '月' };

export function dosageText(d: Dosage | undefined, lang: Lang): string {
  if (!d) return '';
  if (d.text) return d.text;
  const dose = quantityText(d.doseAndRate?.[0]?.doseQuantity);
  const route = d.route ? conceptText(d.route, lang) : '';
  let freq = d.timing?.code ? conceptText(d.timing.code, lang) : '';
  const r = d.timing?.repeat;
  if (!freq && r?.frequency && r.period && r.periodUnit) {
    freq = lang === 'en' ? `${r.frequency}× per ${r.period === 1 ? '' : `${r.period} `}${r.periodUnit}` : `每${r.period === 1 ? '' : r.period}${UNIT_ZH[r.periodUnit] ?? r.periodUnit}${r.frequency}次`;
  }
  return [dose, route, freq].filter(Boolean).join(' · ');
}

function medicationName(m: Resource, meds: Map<string, Resource>, lang: Lang): string {
  if (m.medicationCodeableConcept) return conceptText(m.medicationCodeableConcept as CodeableConcept, lang);
  const ref = m.medicationReference as Reference | undefined;
  const med = ref?.reference ? meds.get(ref.reference) : undefined;
  return med ? conceptText(med.code as CodeableConcept, lang) : ref?.display ?? '';
}

const STATUS_COLOR: Record<string, string> = { active: 'processing', completed: 'success', stopped: 'default', cancelled: 'default', 'on-hold': 'warning', draft: 'default' };

export function MedicationsTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation('chart');
  const lang = useLang();
  const { data, error, loading, reload } = useLoad((s) => loadMedications(patientId, s), [patientId]);
  if (!data && loading) return <Loading />;
  if (!data && error) return <LoadError error={error} onRetry={reload} />;
  const rows = [
    ...(data?.requests ?? []).map((r) => ({ kind: 'request' as const, r, date: r.authoredOn as string | undefined, who: (r.requester as Reference | undefined)?.display, dosage: (r.dosageInstruction as Dosage[] | undefined)?.[0] })),
    ...(data?.statements ?? []).map((r) => ({ kind: 'statement' as const, r, date: (r.effectiveDateTime as string | undefined) ?? (r.dateAsserted as string | undefined), who: (r.informationSource as Reference | undefined)?.display, dosage: (r.dosage as Dosage[] | undefined)?.[0] })),
  ].filter((x) => x.r.status !== 'entered-in-error');
  if (!rows.length) return <EmptyState description={t('medications.empty')} />;
  return (
    <Table
      size="small"
      rowKey={(x) => `${x.kind}/${x.r.id}`}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 760 }}
      data-testid="medications-table"
      columns={[
        { title: t('medications.medication'), render: (_, x) => medicationName(x.r, data?.medications ?? new Map(), lang) },
        { title: t('medications.dosage'), render: (_, x) => dosageText(x.dosage, lang) },
        {
          title: t('medications.status'), width: 100,
          render: (_, x) => <Tag color={STATUS_COLOR[String(x.r.status)] ?? 'default'}>{t(`medications.statuses.${String(x.r.status)}`, { defaultValue: String(x.r.status ?? '') })}</Tag>,
        },
        { title: t('medications.kind'), width: 90, render: (_, x) => t(`medications.${x.kind}`) },
        { title: t('medications.date'), width: 150, render: (_, x) => formatDateTime(x.date) },
        { title: t('medications.requester'), width: 100, render: (_, x) => x.who ?? '' },
      ]}
    />
  );
}
