// The patient banner above every chart tab: who (name, sex, age, MRN), allergies in red, where they are now, and
// the encounter actions that fit (start a visit, admit; transfer and discharge during a stay).
import { Avatar, Card, Space, Tag, Typography } from 'antd';
import { ManOutlined, UserOutlined, WarningFilled, WomanOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../app/fhir-types';
import { useAuth } from '../../../app/auth';
import { conceptText, formatDate, mrnOf, personName, useLang, type CodeableConcept } from './display';
import type { ChartContext } from './data';
import { AdmitButton, DischargeButton, StartVisitButton, TransferButton } from '../encounters/dialogs';
import { classOf, isActive, isCurrentStay, useSexAge } from '../encounters/util';
import { allergyActive } from './tabs/AllergiesTab';
import { departmentOf, placeOf } from './tabs/EncountersTab';
import './chart.css';

export function Banner({ patient, ctx, onChanged }: { patient: Resource; ctx: ChartContext; onChanged: () => void }) {
  const { t } = useTranslation('chart');
  const lang = useLang();
  const { sex, age } = useSexAge();
  const doctor = useAuth().hasRole('doctor');
  const stay = ctx.encounters.find(isCurrentStay);
  const visit = ctx.encounters.find((e) => classOf(e) !== 'IMP' && isActive(e));
  const allergies = ctx.allergies.filter(allergyActive);
  const mrn = mrnOf(patient);
  const icon = patient.gender === 'male' ? <ManOutlined /> : patient.gender === 'female' ? <WomanOutlined /> : <UserOutlined />;

  return (
    <Card className="hy-banner" size="small" data-testid="patient-banner">
      <div className="hy-banner-row">
        <Space align="start" size={12} className="hy-banner-who">
          <Avatar size={48} icon={icon} className={`hy-banner-avatar hy-banner-${String(patient.gender ?? 'unknown')}`} />
          <div>
            <Space wrap size={[12, 0]} align="baseline">
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="banner-name">{personName(patient, lang)}</Typography.Title>
              <Typography.Text>{[sex(patient), age(patient)].filter(Boolean).join(' · ')}</Typography.Text>
              {patient.birthDate ? <Typography.Text type="secondary">{t('banner.born')} {formatDate(patient.birthDate as string)}</Typography.Text> : null}
              {mrn && <Typography.Text type="secondary">{t('banner.mrn')} <Typography.Text strong copyable data-testid="banner-mrn">{mrn}</Typography.Text></Typography.Text>}
            </Space>
            <div className="hy-banner-line">
              <Typography.Text type="secondary">{t('banner.allergies')}：</Typography.Text>
              {allergies.length ? (
                <Space wrap size={4} data-testid="banner-allergies">
                  {allergies.map((a) => (
                    <Tag key={a.id} color="red" icon={a.criticality === 'high' ? <WarningFilled /> : undefined}>
                      {conceptText(a.code as CodeableConcept, lang)}{a.criticality === 'high' ? ` (${t('banner.highRisk')})` : ''}
                    </Tag>
                  ))}
                </Space>
              ) : <Typography.Text type="secondary" data-testid="banner-allergies">{t('banner.noAllergyRecorded')}</Typography.Text>}
            </div>
            <div className="hy-banner-line" data-testid="banner-location">
              <Typography.Text type="secondary">{t('banner.location')}：</Typography.Text>
              {stay ? (
                <Space size={4}><Tag color="blue">{t('banner.inHospital')}</Tag><Typography.Text strong>{placeOf(stay, ctx.locations, lang)}</Typography.Text></Space>
              ) : visit ? (
                <Space size={4}><Tag color="cyan">{t('banner.inClinic')}</Tag><Typography.Text>{[departmentOf(visit, lang), placeOf(visit, ctx.locations, lang)].filter(Boolean).join(' · ')}</Typography.Text></Space>
              ) : <Typography.Text type="secondary">{t('banner.notInHospital')}</Typography.Text>}
            </div>
          </div>
        </Space>
        {doctor && <Space wrap className="hy-banner-actions">
          {!visit && <StartVisitButton patientId={patient.id as string} onDone={onChanged} />}
          {stay ? (
            <>
              <TransferButton encounter={stay} onDone={onChanged} size="middle" />
              <DischargeButton encounter={stay} onDone={onChanged} size="middle" />
            </>
          ) : <AdmitButton patientId={patient.id as string} onDone={onChanged} />}
        </Space>}
      </div>
    </Card>
  );
}
