// How appointment data reads on screen: department and doctor in the user's language, days with their weekday,
// status tags.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { addDays, hospitalToday, weekday, type Department, type Doctor, type AppointmentView, type Room } from './api';

export function useLabels() {
  const { t, i18n } = useTranslation('appointments');
  const en = i18n.language === 'en';
  const today = hospitalToday();
  return {
    en,
    dept: (d?: Department) => (d ? (en ? d.nameEn : d.name) : '—'),
    doctor: (d?: Doctor) => {
      if (!d) return '—';
      const title = d.titleCode ? t(`titles.${d.titleCode}`, { defaultValue: d.title ?? '' }) : d.title;
      return [d.name ?? d.role, title].filter(Boolean).join(' · ');
    },
    /** the room's name; in English its Latin-script alias when it has one */
    room: (r?: Room) => (r ? (en ? r.alias?.find((a) => /^[\x20-\x7e]+$/.test(a)) : undefined) ?? r.name ?? r.id : '—'),
    /** 11-02 周一 (今天) */
    day: (date: string) => {
      const rel = date === today ? t('today') : date === addDays(today, 1) ? t('tomorrow') : '';
      const wd = (t('weekdays', { returnObjects: true }) as string[])[weekday(date)] ?? '';
      return `${date.slice(5)} ${wd}${rel ? ` · ${rel}` : ''}`;
    },
  };
}

const COLORS: Record<string, string> = { booked: 'blue', arrived: 'cyan', fulfilled: 'green', cancelled: 'default', noshow: 'red', pending: 'gold', proposed: 'gold' };

export function StatusTag({ a }: { a: Pick<AppointmentView, 'status' | 'cancelReason'> }) {
  const { t } = useTranslation('appointments');
  const why = a.status === 'cancelled' && a.cancelReason
    ? a.cancelReason.code === 'prov' ? t('list.byClinic') : a.cancelReason.code === 'pat' ? t('list.byPatient') : t('list.byStaff')
    : '';
  return (
    <Tag color={a.status === 'cancelled' && a.cancelReason?.code === 'prov' ? 'orange' : COLORS[a.status] ?? 'default'} data-testid="appointment-status">
      {t(`status.${a.status}`, { defaultValue: a.status })}{why ? ` · ${why}` : ''}
    </Tag>
  );
}
