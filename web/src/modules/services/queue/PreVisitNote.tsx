// What the patient told the smart guide before the visit (Appointment.supportingInformation → QuestionnaireResponse):
// red flags first, their own words, the departments the guide suggested.
import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { PreVisit } from './api';

export function PreVisitNote({ note }: { note: PreVisit | undefined }) {
  const { t, i18n } = useTranslation('queue');
  const en = i18n.language === 'en';
  return (
    <div data-testid="pre-visit">
      <Typography.Title level={5}>{t('preVisit.title')}</Typography.Title>
      {!note ? (
        <Typography.Text type="secondary">{t('preVisit.none')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {note.emergency && <Alert type="error" showIcon title={t('preVisit.emergency')} />}
          <Descriptions size="small" column={1} bordered>
            {note.redFlags.length > 0 && (
              <Descriptions.Item label={t('preVisit.redFlags')}>
                <Space size={4} wrap>{note.redFlags.map((f) => <Tag color="error" key={f}>{f}</Tag>)}</Space>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('preVisit.complaint')}>{note.text}</Descriptions.Item>
            {note.departments.length > 0 && (
              <Descriptions.Item label={t('preVisit.departments')}>
                <Space size={4} wrap>{note.departments.map((d) => <Tag key={d.code}>{en ? d.nameEn : d.name}</Tag>)}</Space>
              </Descriptions.Item>
            )}
          </Descriptions>
          {note.authored && <Typography.Text type="secondary">{t('preVisit.authored', { time: dayjs(note.authored).format('YYYY-MM-DD HH:mm') })}</Typography.Text>}
        </Space>
      )}
    </div>
  );
}
