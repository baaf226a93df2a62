// 消息: what the hospital sent the patient, newest first; opening an unread one marks it read. A 停诊 notice lists the
// times offered instead: one tap (and a confirmation) moves the cancelled appointment there.
import { useState } from 'react';
import { App, Badge, Button, Card, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLoad } from '../../../../app/use-load';
import { EmptyState, LoadError } from '../../../../app/states';
import { appointments, portal, type InboxMessage, type OfferedSlot } from '../api';
import { PortalPage } from '../layout';
import { dayText, timeText, whenText } from '../time';
import { usePortalLang } from '../display';

export function InboxPage() {
  const { t } = useTranslation('portal');
  const lang = usePortalLang();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { data, error, loading, reload } = useLoad((s) => portal.inbox(s), [lang]);
  const [open, setOpen] = useState<string>();
  const [read, setRead] = useState<Record<string, string>>({});

  const toggle = async (m: InboxMessage) => {
    setOpen(open === m.id ? undefined : m.id);
    if (m.received || read[m.id]) return;
    try {
      const r = await portal.markRead(m.id);
      setRead((x) => ({ ...x, [m.id]: r.received ?? new Date().toISOString() }));
    } catch {
      /* stays unread; the next opening tries again */
    }
  };

  const take = (m: InboxMessage, s: OfferedSlot) => modal.confirm({
    title: t('inbox.takeTitle'),
    content: t('inbox.takeText', { when: `${dayText(s.start, lang)} ${timeText(s.start)}`, with: (s.with ?? []).join(' · ') }),
    okText: t('inbox.take'), cancelText: t('common.keep'),
    onOk: async () => {
      try {
        await appointments.reschedule(m.appointment as string, s.id);
        void message.success(t('inbox.taken'));
        navigate('/portal/appointments');
      } catch (e) {
        void message.error((e as Error).message);
        reload();
      }
    },
  });

  return (
    <PortalPage title={t('inbox.title')} back="/portal/me" testId="inbox-page">
      {loading && !data ? <Skeleton active /> : error && !data ? <LoadError error={error} onRetry={reload} /> : !data?.messages.length ? (
        <EmptyState description={t('inbox.none')} />
      ) : data.messages.map((m) => {
        const unread = !m.received && !read[m.id];
        const offered = m.offeredSlots.filter((s) => s.status === 'free' && s.start && Date.parse(s.start) > Date.now());
        return (
          <Card key={m.id} className="hy-portal-card" onClick={() => void toggle(m)} data-testid="message" data-unread={unread} style={{ cursor: 'pointer' }}>
            <div className="hy-portal-row" style={{ alignItems: 'flex-start' }}>
              <Typography.Paragraph strong={unread} ellipsis={open === m.id ? false : { rows: 2 }} style={{ margin: 0, flex: 1 }}>{m.text}</Typography.Paragraph>
              {unread && <Badge status="processing" color="red" />}
            </div>
            <div className="hy-portal-muted" style={{ fontSize: 12, marginTop: 4 }}>{whenText(m.sent, lang)}{m.sender ? ` · ${m.sender}` : ''}</div>
            {open === m.id && m.appointment && m.offeredSlots.length > 0 && (
              <div style={{ marginTop: 12 }} onClick={(e) => e.stopPropagation()}>
                <Typography.Text strong>{t('inbox.offered')}</Typography.Text>
                {offered.length ? offered.map((s) => (
                  <Button key={s.id} block size="large" style={{ marginTop: 8, height: 'auto', minHeight: 48, whiteSpace: 'normal' }} onClick={() => take(m, s)} data-testid="offered-slot">
                    {dayText(s.start, lang)} {timeText(s.start)}{s.with?.length ? ` · ${s.with.join(' · ')}` : ''}
                  </Button>
                )) : <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('inbox.offeredGone')}</Typography.Paragraph>}
                <Button type="link" onClick={() => navigate(`/portal/book?reschedule=${encodeURIComponent(m.appointment as string)}`)}>{t('inbox.otherTime')}</Button>
              </div>
            )}
          </Card>
        );
      })}
    </PortalPage>
  );
}
