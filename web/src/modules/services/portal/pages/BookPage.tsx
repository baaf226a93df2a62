// 预约挂号: department → day → free time slot → confirm. From the guide the department and what the patient described
// arrive with the navigation state; the description goes with the booking as the doctor's pre-visit note. With
// ?reschedule=<appointment> the same steps move an existing appointment instead (改约, also after a 停诊).
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { FileTextOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../../app/api';
import { useLoad } from '../../../../app/use-load';
import { EmptyState, LoadError } from '../../../../app/states';
import { appointments, type Department, type GuideInput, type SlotView } from '../api';
import { PortalPage } from '../layout';
import { addDays, dayText, hospitalDate, isToday, timeText, weekdayText } from '../time';
import { deptName, usePortalLang } from '../display';
import { CheckInButton } from './CheckInButton';

const DAYS = 8;

interface FromGuide { department?: { code: string; name: string; nameEn?: string }; guide?: GuideInput }

export function BookPage() {
  const { t } = useTranslation('portal');
  const lang = usePortalLang();
  const [params, setParams] = useSearchParams();
  const from = (useLocation().state ?? {}) as FromGuide;
  const rescheduling = params.get('reschedule') ?? undefined;
  const [department, setDepartment] = useState<Department | undefined>(from.department ?? (params.get('department') ? { code: params.get('department') as string, name: params.get('department') as string } : undefined));
  const [date, setDate] = useState(params.get('date') ?? hospitalDate());
  const [slot, setSlot] = useState<SlotView>();
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<{ id?: string; slot: SlotView }>();

  const depts = useLoad((s) => appointments.departments(s), []);
  // the department's proper names once the list is there (a code from the query string has none)
  const dept = department && depts.data?.departments.find((d) => d.code === department.code) || department;
  const slots = useLoad((s) => (dept ? appointments.slots(dept.code, date, s) : Promise.resolve({ slots: [] as SlotView[] })), [dept?.code, date]);
  const free = (slots.data?.slots ?? []).filter((s) => s.status === 'free' && Date.parse(s.start) > Date.now());
  const byDoctor = useMemo(() => {
    const m = new Map<string, SlotView[]>();
    for (const s of free) {
      const k = `${s.doctor?.name ?? ''}|${s.room?.name ?? ''}`;
      m.set(k, [...(m.get(k) ?? []), s]);
    }
    return [...m.values()];
  }, [free]);
  const days = Array.from({ length: DAYS }, (_, i) => addDays(hospitalDate(), i));

  const pick = (d: Department) => {
    setDepartment(d);
    setSlot(undefined);
    setParams((p) => { p.set('department', d.code); return p; }, { replace: true, state: from });
  };

  const confirm = async () => {
    if (!slot) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = rescheduling ? await appointments.reschedule(rescheduling, slot.id) : await appointments.book(slot.id, from.guide);
      setDone({ id: r.appointment.id, slot });
    } catch (e) {
      // taken meanwhile: show the day again without it
      if (e instanceof ApiError && e.status === 409) slots.reload();
      setSlot(undefined);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const title = rescheduling ? t('book.rescheduleTitle') : t('book.title');
  if (done) {
    return (
      <PortalPage title={title} back="/portal">
        <Card className="hy-portal-card">
          <Result
            status="success" title={rescheduling ? t('book.rescheduled') : t('book.booked')} data-testid="booked"
            subTitle={`${deptName(dept, lang)} · ${done.slot.doctor?.name ?? ''} · ${dayText(done.slot.start, lang)} ${timeText(done.slot.start)}–${timeText(done.slot.end)} · ${done.slot.room?.name ?? ''}`}
            extra={[
              ...(done.id && isToday(done.slot.start) ? [<CheckInButton key="in" appointment={done.id} block />] : []),
              <Link key="mine" to="/portal/appointments"><Button size="large" block style={{ marginTop: 8 }}>{t('book.toMine')}</Button></Link>,
            ]}
          />
        </Card>
      </PortalPage>
    );
  }

  return (
    <PortalPage title={title} back={rescheduling ? '/portal/appointments' : '/portal'} testId="book-page">
      {from.guide && (
        <Alert type="info" showIcon icon={<FileTextOutlined />} title={t('book.fromGuide')} description={<Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{from.guide.text}</Typography.Paragraph>} data-testid="guide-note" />
      )}
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(undefined)} data-testid="book-error" />}

      <Card className="hy-portal-card" size="small" title={t('book.step1')}>
        {dept ? (
          <div className="hy-portal-row">
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="chosen-department">{deptName(dept, lang)}</Typography.Text>
            {!rescheduling && <Button onClick={() => { setDepartment(undefined); setSlot(undefined); }}>{t('book.change')}</Button>}
          </div>
        ) : depts.loading && !depts.data ? <Skeleton active /> : depts.error && !depts.data ? <LoadError error={depts.error} onRetry={depts.reload} /> : (
          <>
            <Input size="large" allowClear prefix={<SearchOutlined />} placeholder={t('book.searchDept')} value={filter} onChange={(e) => setFilter(e.target.value)} />
            {(() => {
              const list = (depts.data?.departments ?? []).filter((d) => !filter.trim() || `${d.name}${d.nameEn ?? ''}${d.code}`.toLowerCase().includes(filter.trim().toLowerCase()));
              if (!list.length) return <EmptyState description={t('book.noDepartments')} />;
              return list.map((d) => (
                <a key={d.code} className="hy-portal-list-item" onClick={() => pick(d)} data-testid={`dept-${d.code}`} role="button">
                  <span />
                  <span><Typography.Text strong>{deptName(d, lang)}</Typography.Text><br />
                    <Typography.Text type="secondary">{d.nextFree ? t('book.nextFree', { when: `${dayText(d.nextFree, lang)} ${timeText(d.nextFree)}` }) : t('book.full')}</Typography.Text>
                  </span>
                  <RightOutlined />
                </a>
              ));
            })()}
          </>
        )}
      </Card>

      {dept && (
        <Card className="hy-portal-card" size="small" title={t('book.step2')}>
          <div className="hy-portal-chips" role="listbox" aria-label={t('book.step2')}>
            {days.map((d, i) => (
              <button key={d} type="button" className={`hy-portal-chip${d === date ? ' selected' : ''}`} onClick={() => { setDate(d); setSlot(undefined); }} data-testid={`day-${i}`} aria-selected={d === date} role="option">
                <span>{i === 0 ? t('common.today') : weekdayText(d, lang)}</span>
                <strong>{Number(d.slice(8))}</strong>
              </button>
            ))}
          </div>
        </Card>
      )}

      {dept && (
        <Card className="hy-portal-card" size="small" title={t('book.step3')}>
          {slots.loading && !slots.data ? <Skeleton active /> : slots.error ? <LoadError error={slots.error} onRetry={slots.reload} /> : !free.length ? (
            <EmptyState description={t('book.noSlots')} />
          ) : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              {byDoctor.map((list) => (
                <div key={list[0]!.id}>
                  <div style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{list[0]!.doctor?.name ?? t('book.doctor')}</Typography.Text>
                    {list[0]!.doctor?.title && <Tag style={{ marginLeft: 8 }}>{list[0]!.doctor.title}</Tag>}
                    <Typography.Text type="secondary"> {list[0]!.room?.name ?? ''}</Typography.Text>
                  </div>
                  <div className="hy-portal-slots">
                    {list.map((s) => (
                      <Button key={s.id} type={slot?.id === s.id ? 'primary' : 'default'} onClick={() => setSlot(s)} data-testid="slot" data-slot={s.id}>{timeText(s.start)}</Button>
                    ))}
                  </div>
                </div>
              ))}
            </Space>
          )}
        </Card>
      )}

      {slot && (
        <Card className="hy-portal-card" size="small" title={t('book.step4')} data-testid="confirm-card">
          <p style={{ fontSize: 16, margin: '0 0 4px' }}><strong>{deptName(dept, lang)}</strong> · {slot.doctor?.name}</p>
          <p className="hy-portal-muted" style={{ margin: '0 0 12px' }}>{dayText(slot.start, lang)} {timeText(slot.start)}–{timeText(slot.end)} · {slot.room?.name}</p>
          <Button type="primary" size="large" block loading={busy} onClick={confirm} data-testid="confirm-booking">{rescheduling ? t('book.confirmReschedule') : t('book.confirm')}</Button>
        </Card>
      )}
    </PortalPage>
  );
}
