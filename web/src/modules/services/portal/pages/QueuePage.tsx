// 排队: today's tickets with the people ahead, refreshed every few seconds while the page is open; when the doctor
// calls, the ticket turns green ("请到 3 诊室就诊") and the phone vibrates where it can.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Skeleton, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../../../app/states';
import { queue, type MyTicket } from '../api';
import { PortalPage } from '../layout';
import { timeText } from '../time';
import { ticketLine, usePortalLang } from '../display';

export const POLL_MS = 4000;

export function QueuePage() {
  const { t } = useTranslation('portal');
  const lang = usePortalLang();
  const [tickets, setTickets] = useState<MyTicket[]>();
  const [error, setError] = useState<string>();
  const [updated, setUpdated] = useState<Date>();
  const called = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ctl = new AbortController();
    const tick = async () => {
      try {
        const r = await queue.mine(ctl.signal);
        if (!live) return;
        for (const x of r.tickets) {
          if (x.status === 'called' && !called.current.has(`${x.id}:${x.calledAt ?? ''}`)) {
            called.current.add(`${x.id}:${x.calledAt ?? ''}`);
            navigator.vibrate?.([300, 100, 300]);
          }
        }
        setTickets(r.tickets);
        setError(undefined);
        setUpdated(new Date());
      } catch (e) {
        if (live && (e as Error).name !== 'AbortError') setError((e as Error).message);
      }
      if (live) timer = setTimeout(tick, document.hidden ? POLL_MS * 3 : POLL_MS);
    };
    void tick();
    return () => {
      live = false;
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, []);

  const shown = (tickets ?? []).filter((x) => x.status !== 'cancelled');
  return (
    <PortalPage title={t('queue.title')} testId="queue-page">
      {error && <Alert type="warning" showIcon title={t('queue.offline')} description={error} />}
      {!tickets && !error ? <Skeleton active /> : !shown.length ? (
        <EmptyState description={t('queue.none')}>
          <Link to="/portal/appointments"><Button type="primary" size="large">{t('queue.toAppointments')}</Button></Link>
        </EmptyState>
      ) : shown.map((x) => (
        <Card key={x.id} className={`hy-portal-card${x.status === 'called' ? ' hy-portal-called' : ''}`} data-testid="queue-ticket" data-status={x.status}>
          <div className="hy-portal-row">
            <div>
              <Typography.Text type="secondary">{t('queue.number')}</Typography.Text>
              <div className="hy-portal-big" data-testid="ticket-number">{x.ticket}</div>
            </div>
            <div style={{ textAlign: 'right' }}>
              <Typography.Text strong style={{ fontSize: 16 }}>{lang === 'en' ? x.room.nameEn ?? x.room.name : x.room.name}</Typography.Text>
              {x.doctor && <div className="hy-portal-muted">{x.doctor}</div>}
            </div>
          </div>
          <div style={{ marginTop: 12, fontSize: x.status === 'called' ? 20 : 16, fontWeight: 600 }} data-testid="ticket-line">
            {x.status === 'called' ? t('queue.called', { room: lang === 'en' ? x.room.nameEn ?? x.room.name : x.room.name }) : ticketLine(x, t)}
          </div>
          {x.status === 'skipped' && x.rejoinsAfterCalls !== undefined && <div className="hy-portal-muted">{t('queue.rejoins', { count: x.rejoinsAfterCalls })}</div>}
          <div className="hy-portal-muted" style={{ marginTop: 4 }}>{t('queue.checkedIn', { time: timeText(x.checkedInAt) })}{x.calledAt ? ` · ${t('queue.calledAt', { time: timeText(x.calledAt) })}` : ''}</div>
        </Card>
      ))}
      {updated && (
        <div className="hy-portal-row hy-portal-muted" style={{ fontSize: 12 }}>
          <span><ReloadOutlined spin={false} /> {t('queue.updated', { time: updated.toLocaleTimeString(lang, { hour12: false }) })}</span>
          <span>{t('queue.auto')}</span>
        </div>
      )}
    </PortalPage>
  );
}
