// The appointments of a day (or of one patient): status, doctor, room; cancel with a reason, reschedule to another
// time (also the ones the clinic cancelled by 停诊).
import { useState } from 'react';
import { App, Button, DatePicker, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../../app/use-load';
import { LoadError } from '../../../app/states';
import { appointmentsApi, dayOf, hospitalToday, timeOf, type AppointmentView, type SlotView } from './api';
import { StatusTag, useLabels } from './display';
import { PatientPicker, type PickedPatient } from '../../emr/patients/PatientPicker';
import { SlotPicker } from './SlotPicker';

export function ListPanel({ refreshKey = 0 }: { refreshKey?: number }) {
  const { t } = useTranslation('appointments');
  const { message, modal } = App.useApp();
  const label = useLabels();
  const [date, setDate] = useState<string | undefined>(hospitalToday());
  const [patient, setPatient] = useState<PickedPatient>();
  const [moving, setMoving] = useState<AppointmentView>();
  const [tick, setTick] = useState(0);
  const list = useLoad((s) => appointmentsApi.list({ ...(date ? { date } : {}), ...(patient ? { patient: patient.id } : {}) }, s), [date, patient?.id, refreshKey, tick]);
  const reload = () => setTick((n) => n + 1);

  const cancel = (a: AppointmentView) => {
    let reason = '';
    modal.confirm({
      title: t('list.cancelTitle'),
      okText: t('list.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'cancel-confirm' },
      content: <Input.TextArea data-testid="cancel-reason" placeholder={t('list.cancelReason')} maxLength={500} onChange={(e) => { reason = e.target.value; }} />,
      onOk: async () => {
        try {
          await appointmentsApi.cancel(a.id, reason.trim() || undefined);
          message.success(t('list.cancelled'));
        } catch (e) {
          message.error((e as Error).message);
        }
        reload();
      },
    });
  };

  const move = async (s: SlotView) => {
    if (!moving) return;
    try {
      await appointmentsApi.reschedule(moving.id, s.id);
      message.success(t('list.rescheduled', { when: `${label.day(dayOf(s.start))} ${timeOf(s.start)}` }));
      setMoving(undefined);
    } catch (e) {
      message.error((e as Error).message);
    }
    reload();
  };

  const open = (a: AppointmentView) => ['booked', 'pending', 'proposed'].includes(a.status);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('list.date')}</Typography.Text>
        <DatePicker
          data-testid="list-date"
          allowClear={!!patient}
          value={date ? dayjs(date) : null}
          onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : undefined)}
        />
        <Typography.Text>{t('list.patient')}</Typography.Text>
        <div style={{ minWidth: 260 }}><PatientPicker value={patient} onChange={(p) => { setPatient(p); if (!p && !date) setDate(hospitalToday()); }} placeholder={t('book.patientPlaceholder')} maxWidth={420} /></div>
        <Button onClick={reload}>{t('list.refresh')}</Button>
      </Space>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <Table<AppointmentView>
          data-testid="appointment-list"
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.appointments ?? []}
          locale={{ emptyText: t('list.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          columns={[
            { title: t('columns.time'), key: 'time', render: (_, a) => a.start ? <Typography.Text style={{ whiteSpace: 'nowrap' }}>{`${label.day(dayOf(a.start))} ${timeOf(a.start)}`}</Typography.Text> : '—' },
            { title: t('columns.patient'), key: 'patient', render: (_, a) => a.patient?.name ?? a.patient?.id ?? '—' },
            { title: t('columns.department'), key: 'dept', render: (_, a) => label.dept(a.department) },
            { title: t('columns.doctor'), key: 'doctor', render: (_, a) => label.doctor(a.doctor) },
            { title: t('columns.room'), key: 'room', render: (_, a) => label.room(a.room) },
            { title: t('columns.status'), key: 'status', render: (_, a) => <StatusTag a={a} /> },
            { title: t('columns.channel'), key: 'channel', render: (_, a) => a.channel ? <Tag>{t(`channel.${a.channel}`)}</Tag> : '—' },
            {
              title: t('columns.actions'), key: 'actions', render: (_, a) => (
                <Space size={4}>
                  {(open(a) || (a.status === 'cancelled' && a.cancelReason?.code === 'prov')) && (
                    <Button size="small" data-testid="reschedule" onClick={() => setMoving(a)}>{t('list.reschedule')}</Button>
                  )}
                  {open(a) && <Button size="small" danger data-testid="cancel" onClick={() => cancel(a)}>{t('list.cancel')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal open={!!moving} title={t('list.rescheduleTitle')} footer={null} width={860} onCancel={() => setMoving(undefined)} destroyOnHidden>
        {moving && <SlotPicker department={moving.department?.code} onPick={(s) => void move(s)} />}
      </Modal>
    </Space>
  );
}
