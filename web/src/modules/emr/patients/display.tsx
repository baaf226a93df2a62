// How a patient is written on the pages: name with pinyin, sex, age, document, merged state.
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { identityDocument } from '../../../../../src/modules/emr/patients/identity-documents';
import type { Resource } from '../../../app/fhir-types';
import type { Age, PatientSummary } from './api';

const MRN_SYSTEM = 'https://huiyi.dev/fhir/sid/mrn';

export function useDisplay() {
  const { t, i18n } = useTranslation('patients');
  const en = i18n.language === 'en';
  return {
    sex: (s?: string) => (s ? t(`sex.${s}`, { defaultValue: s }) : '—'),
    age: (a?: Age) => (a ? t(`age.${a.unit}`, { count: a.value }) : '—'),
    document: (code?: string) => {
      const d = code ? identityDocument(code) : undefined;
      return d ? (en ? d.en : d.zh) : '';
    },
  };
}

export function NameCell({ p }: { p: PatientSummary }) {
  const { t } = useTranslation('patients');
  return (
    <Space orientation="vertical" size={0}>
      <Space size={6} wrap>
        <Link to={`/patients/${encodeURIComponent(p.id)}`} data-testid="patient-link"><Typography.Text strong>{p.name || p.id}</Typography.Text></Link>
        {p.mergedInto ? (
          <Tooltip title={t('merged.intoId')}>
            <Tag color="warning" data-testid="merged-tag">{t('merged.tag')}</Tag>
          </Tooltip>
        ) : !p.active ? <Tag>{t('merged.inactive')}</Tag> : null}
      </Space>
      {p.pinyin && <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{p.pinyin}</Typography.Text>}
    </Space>
  );
}

/** The few facts of a FHIR Patient a duplicate warning shows. */
export function patientFacts(p: Resource): { id: string; name: string; sex?: string; birthDate?: string; mrn?: string; phone?: string } {
  const names = (p.name as { use?: string; text?: string; family?: string; given?: string[] }[] | undefined) ?? [];
  const n = names.find((x) => x.use === 'official') ?? names[0];
  const name = n ? (n.text ?? `${n.family ?? ''}${(n.given ?? []).join('')}`) : '';
  const mrn = (p.identifier as { system?: string; value?: string }[] | undefined)?.find((i) => i.system === MRN_SYSTEM)?.value;
  const phone = (p.telecom as { system?: string; value?: string }[] | undefined)?.find((x) => x.system === 'phone')?.value;
  return {
    id: String(p.id), name,
    ...(p.gender ? { sex: String(p.gender) } : {}), ...(p.birthDate ? { birthDate: String(p.birthDate) } : {}),
    ...(mrn ? { mrn } : {}), ...(phone ? { phone } : {}),
  };
}
