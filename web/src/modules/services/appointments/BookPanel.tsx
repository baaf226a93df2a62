// Book for a patient at the desk or nurse station: find the patient, then department → day → time, confirm.
import { useState } from 'react';
import { Alert, App, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { appointmentsApi, dayOf, timeOf, type SlotView } from './api';
import { useLabels } from './display';
import { PatientPicker, type PickedPatient } from '../../emr/patients/PatientPicker';
import { SlotPicker } from './SlotPicker';

export function BookPanel({ onBooked }: { onBooked?: () => void }) {
  const { t } = useTranslation('appointments');
  const { modal, message } = App.useApp();
  const label = useLabels();
  const [patient, setPatient] = useState<PickedPatient>();
  const [refresh, setRefresh] = useState(0);
  const when = (s: SlotView) => `${label.day(dayOf(s.start))} ${timeOf(s.start)}–${timeOf(s.end)}`;

  const pick = (s: SlotView) => {
    if (!patient) {
      message.warning(t('book.pickPatient'));
      return;
    }
    modal.confirm({
      title: t('book.confirmTitle'),
      okText: t('book.confirm'),
      okButtonProps: { 'data-testid': 'book-confirm' },
      content: (
        <Descriptions column={1} size="small" data-testid="book-summary" items={[
          { key: 'p', label: t('columns.patient'), children: patient.name },
          { key: 'd', label: t('columns.department'), children: label.dept(s.department) },
          { key: 'doc', label: t('columns.doctor'), children: label.doctor(s.doctor) },
          { key: 't', label: t('columns.time'), children: when(s) },
          { key: 'r', label: t('columns.room'), children: [label.room(s.room), s.room?.description].filter(Boolean).join(' · ') },
        ]} />
      ),
      onOk: async () => {
        try {
          await appointmentsApi.book({ slot: s.id, patient: patient.id });
          message.success({ content: t('book.booked', { patient: patient.name, when: when(s) }), key: 'booked' });
          onBooked?.();
        } catch (e) {
          message.error((e as Error).message);
        } finally {
          setRefresh((n) => n + 1);
        }
      },
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('book.patient')}>
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <PatientPicker value={patient} onChange={setPatient} placeholder={t('book.patientPlaceholder')} maxWidth={420} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('book.patientHint')}</Typography.Text>
        </Space>
      </Card>
      {!patient && <Alert type="info" showIcon title={t('book.pickPatient')} />}
      <Card size="small" title={t('book.legend')}>
        <SlotPicker onPick={pick} refreshKey={refresh} />
      </Card>
    </Space>
  );
}
