// Days and times as the hospital keeps them (China time), whatever the phone's own time zone.
export const HOSPITAL_TZ = 'Asia/Shanghai';

const parts = (d: Date, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-CA', { timeZone: HOSPITAL_TZ, ...o }).format(d);

/** YYYY-MM-DD of a moment in hospital time (default now) */
export function hospitalDate(d: Date | string = new Date()): string {
  return parts(typeof d === 'string' ? new Date(d) : d, { year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** the day `n` days after YYYY-MM-DD */
export function addDays(date: string, n: number): string {
  const t = Date.parse(`${date}T12:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** HH:mm in hospital time */
export function timeText(iso: string | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: HOSPITAL_TZ, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

/** "11月2日 周一" / "Mon 2 Nov" for a YYYY-MM-DD or an instant */
export function dayText(dateOrIso: string | undefined, lang: 'zh-CN' | 'en'): string {
  if (!dateOrIso) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(dateOrIso) ? new Date(`${dateOrIso}T12:00:00+08:00`) : new Date(dateOrIso);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: HOSPITAL_TZ, month: 'short', day: 'numeric', weekday: 'short' }).format(d);
}

/** "11月2日 周一 09:30" */
export function whenText(iso: string | undefined, lang: 'zh-CN' | 'en'): string {
  return iso ? `${dayText(iso, lang)} ${timeText(iso)}` : '';
}

export const isToday = (iso: string | undefined) => !!iso && hospitalDate(iso) === hospitalDate();

/** "周一" / "Mon" of a YYYY-MM-DD */
export function weekdayText(date: string, lang: 'zh-CN' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: HOSPITAL_TZ, weekday: 'short' }).format(new Date(`${date}T12:00:00+08:00`));
}
