// Department → day → time: the department list (with each one's next free time), a strip of the next days, and the
// slot grid of the chosen day. Used to book and to reschedule.
import { useEffect, useState } from 'react';
import { Alert, Select, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../../app/use-load';
import { EmptyState, LoadError, Loading } from '../../../app/states';
import { addDays, appointmentsApi, dayOf, hospitalToday, timeOf, type SlotView } from './api';
import { useLabels } from './display';
import { SlotGrid } from './SlotGrid';

export const PICK_DAYS = 8;

export function SlotPicker({ onPick, department: initial, refreshKey = 0 }: { onPick(s: SlotView): void; department?: string; refreshKey?: number }) {
  const { t } = useTranslation('appointments');
  const label = useLabels();
  const today = hospitalToday();
  const [department, setDepartment] = useState<string | undefined>(initial);
  const [date, setDate] = useState(today);
  const depts = useLoad((s) => appointmentsApi.departments(s), []);
  const slots = useLoad(async (s) => (department ? (await appointmentsApi.slots(department, date, s)).slots : undefined), [department, date, refreshKey]);
  // open on the day of the department's next free slot
  useEffect(() => {
    const next = depts.data?.departments.find((d) => d.code === department)?.nextFree;
    if (next && dayOf(next) <= addDays(today, PICK_DAYS - 1)) setDate(dayOf(next));
  }, [department, depts.data]);
  const days = Array.from({ length: PICK_DAYS }, (_, i) => addDays(today, i));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Text>{t('book.department')}</Typography.Text>
        <Select
          data-testid="department-select"
          style={{ minWidth: 280 }}
          showSearch={{ optionFilterProp: 'label' }}
          loading={depts.loading}
          placeholder={t('book.departmentPlaceholder')}
          value={department}
          onChange={setDepartment}
          options={(depts.data?.departments ?? []).map((d) => ({
            value: d.code,
            label: `${label.dept(d)} · ${d.nextFree ? t('book.nextFree', { when: `${label.day(dayOf(d.nextFree))} ${timeOf(d.nextFree)}` }) : t('book.noNextFree')}`,
          }))}
        />
      </Space>
      {depts.error ? <LoadError error={depts.error} onRetry={depts.reload} /> : null}
      <Segmented
        data-testid="date-strip"
        value={date}
        onChange={(v) => setDate(String(v))}
        options={days.map((d) => ({ value: d, label: <span data-testid={`day-${d}`}>{label.day(d)}</span> }))}
        style={{ maxWidth: '100%', overflowX: 'auto' }}
      />
      {!department ? <Alert type="info" showIcon title={t('book.pickDepartment')} />
        : slots.error ? <LoadError error={slots.error} onRetry={slots.reload} />
          : !slots.data ? <Loading />
            : slots.data.length === 0 ? <EmptyState description={t('book.noSlots')} />
              : <SlotGrid slots={slots.data} onPick={onPick} />}
    </Space>
  );
}
