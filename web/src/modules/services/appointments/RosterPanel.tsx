// Slots from the rosters (generate), and 停诊: stop one doctor's session with a reason — its patients are
// cancelled and notified with the next free times, which are shown here too.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, List, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { useLoad } from '../../../app/use-load';
import { appointmentsApi, dayOf, hospitalToday, timeOf, type GenerateResult, type StopResult } from './api';
import { useLabels } from './display';

function GenerateCard({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation('appointments');
  const { message } = App.useApp();
  const [from, setFrom] = useState(hospitalToday());
  const [days, setDays] = useState(8);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<GenerateResult>();
  const run = async () => {
    setBusy(true);
    try {
      setResult(await appointmentsApi.generate({ from, days }));
      onDone?.();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('roster.generateTitle')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('roster.generateHelp')}</Typography.Text>
        <Space wrap>
          <span>{t('roster.from')}</span>
          <DatePicker data-testid="generate-from" allowClear={false} value={dayjs(from)} onChange={(d) => d && setFrom(d.format('YYYY-MM-DD'))} />
          <span>{t('roster.days')}</span>
          <InputNumber data-testid="generate-days" min={1} max={31} value={days} onChange={(v) => setDays(v ?? 8)} />
          <Button type="primary" loading={busy} onClick={() => void run()} data-testid="generate">{t('roster.generate')}</Button>
        </Space>
        {result && <Alert type="success" showIcon data-testid="generate-result" title={t('roster.generated', { ...result })} />}
      </Space>
    </Card>
  );
}

interface StopForm {
  department?: string;
  schedule?: string;
  date?: dayjs.Dayjs;
  session: 'all' | 'am' | 'pm';
  reason?: string;
}

function StopCard({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation('appointments');
  const { message } = App.useApp();
  const { user } = useAuth();
  const label = useLabels();
  const [form] = Form.useForm<StopForm>();
  const department = Form.useWatch('department', form);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StopResult>();
  const depts = useLoad((s) => appointmentsApi.departments(s), []);
  const schedules = useLoad(async (s) => (department ? (await appointmentsApi.schedules(department, s)).schedules : []), [department]);
  const mine = user?.fhirUser?.startsWith('PractitionerRole/') ? user.fhirUser.slice('PractitionerRole/'.length) : undefined;

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await appointmentsApi.stop({
        schedule: v.schedule as string, date: (v.date as dayjs.Dayjs).format('YYYY-MM-DD'), reason: (v.reason as string).trim(),
        ...(v.session !== 'all' ? { session: v.session } : {}),
      });
      setResult(r);
      message.success(t('roster.stopped', { ...r }));
      onDone?.();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('roster.stopTitle')}>
      <Typography.Paragraph type="secondary">{t('roster.stopHelp')}</Typography.Paragraph>
      <Form<StopForm> form={form} layout="vertical" initialValues={{ session: 'all', date: dayjs(hospitalToday()) }} style={{ maxWidth: 560 }}>
        <Form.Item name="department" label={t('roster.department')} rules={[{ required: true, message: t('roster.required') }]}>
          <Select
            data-testid="stop-department"
            showSearch={{ optionFilterProp: 'label' }}
            loading={depts.loading}
            onChange={() => form.setFieldValue('schedule', undefined)}
            options={(depts.data?.departments ?? []).map((d) => ({ value: d.code, label: label.dept(d) }))}
          />
        </Form.Item>
        <Form.Item name="schedule" label={t('roster.schedule')} rules={[{ required: true, message: t('roster.required') }]}>
          <Select
            data-testid="stop-schedule"
            placeholder={t('roster.schedulePlaceholder')}
            loading={schedules.loading}
            options={(schedules.data ?? []).map((s) => ({
              value: s.id,
              label: `${label.doctor(s.doctor)} · ${label.room(s.room)}${s.doctor?.role === mine ? ' ★' : ''}`,
            }))}
          />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="date" label={t('roster.date')} rules={[{ required: true, message: t('roster.required') }]}>
            <DatePicker data-testid="stop-date" allowClear={false} />
          </Form.Item>
          <Form.Item name="session" label={t('roster.session')}>
            <Radio.Group data-testid="stop-session" optionType="button" options={[
              { value: 'all', label: t('roster.wholeDay') }, { value: 'am', label: t('am') }, { value: 'pm', label: t('pm') },
            ]} />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('roster.reason')} rules={[{ required: true, whitespace: true, message: t('roster.reasonRequired') }]}>
          <Input data-testid="stop-reason" maxLength={500} placeholder={t('roster.reasonPlaceholder')} />
        </Form.Item>
        <Popconfirm title={t('roster.stopConfirm')} okButtonProps={{ danger: true, 'data-testid': 'stop-confirm' }} onConfirm={() => void submit()}>
          <Button danger type="primary" loading={busy} data-testid="stop-session-button">{t('roster.stop')}</Button>
        </Popconfirm>
      </Form>
      {result && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="stop-result">
          <Alert type="warning" showIcon title={t('roster.stopped', { ...result })} />
          {result.offered.length > 0 && (
            <List size="small" header={t('roster.offered')} bordered dataSource={result.offered}
              renderItem={(s) => <List.Item>{`${label.day(dayOf(s.start))} ${timeOf(s.start)} · ${label.doctor(s.doctor)} · ${label.room(s.room)}`}</List.Item>} />
          )}
        </Space>
      )}
    </Card>
  );
}

export function RosterPanel({ onChanged }: { onChanged?: () => void }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <StopCard onDone={onChanged} />
      <GenerateCard onDone={onChanged} />
    </Space>
  );
}
