// 签到: check in for today's appointment (POST /api/queue/check-in); the ticket number and room come back, then the
// queue page follows the line.
import { useState } from 'react';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { queue } from '../api';

export function CheckInButton({ appointment, onDone, block }: { appointment: string; onDone?: () => void; block?: boolean }) {
  const { t } = useTranslation('portal');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      const r = await queue.checkIn(appointment);
      const number = typeof r.ticket === 'number' ? r.ticket : r.ticket?.number;
      onDone?.();
      modal.success({
        title: t('checkIn.done', { number: number ?? '' }),
        content: t('checkIn.room', { room: r.room?.name ?? '', count: r.position ?? 0 }),
        okText: t('checkIn.follow'),
        onOk: () => navigate('/portal/queue'),
      });
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return <Button type="primary" size="large" loading={busy} onClick={go} block={block} data-testid="check-in">{t('checkIn.button')}</Button>;
}
