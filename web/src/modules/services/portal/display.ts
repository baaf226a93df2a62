// Small helpers the portal pages share: the UI language, which appointment comes next, how a queue ticket reads.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AppointmentView, Department, MyTicket } from './api';

export function usePortalLang(): 'zh-CN' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export const deptName = (d: Department | { name: string; nameEn?: string } | undefined, lang: 'zh-CN' | 'en') =>
  d ? (lang === 'en' ? d.nameEn ?? d.name : d.name) : '';

/** Still to come: booked or checked in, not over yet. */
export const upcoming = (a: AppointmentView, now = Date.now()) =>
  (a.status === 'booked' || a.status === 'arrived' || a.status === 'checked-in') && !!a.end && Date.parse(a.end) > now - 60 * 60_000;

export function nextAppointment(list: AppointmentView[]): AppointmentView | undefined {
  return list.filter((a) => upcoming(a)).sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''))[0];
}

/** "前面还有 3 人" / "请到诊室就诊" … */
export function ticketLine(x: MyTicket, t: TFunction): string {
  if (x.status === 'called') return t('queue.calledShort');
  if (x.status === 'skipped') return t('queue.skipped');
  if (x.status === 'done') return t('queue.done');
  if (x.position === 0) return t('queue.next');
  return x.position !== undefined ? t('queue.ahead', { count: x.position }) : t('queue.waiting');
}
