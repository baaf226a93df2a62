// A day's slots of a department as a grid: one card per doctor (name, title, room), morning and afternoon rows of
// times; free future times are buttons, taken and stopped ones are shown greyed out.
import { Button, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { timeOf, type SlotView } from './api';
import { useLabels } from './display';

interface Group {
  key: string;
  first: SlotView;
  am: SlotView[];
  pm: SlotView[];
}

function groups(slots: SlotView[]): Group[] {
  const out = new Map<string, Group>();
  for (const s of slots) {
    const key = s.schedule ?? s.doctor?.role ?? '';
    const g = out.get(key) ?? { key, first: s, am: [], pm: [] };
    (timeOf(s.start) < '12:00' ? g.am : g.pm).push(s);
    out.set(key, g);
  }
  return [...out.values()];
}

export function SlotGrid({ slots, onPick, now = Date.now() }: { slots: SlotView[]; onPick(s: SlotView): void; now?: number }) {
  const { t } = useTranslation('appointments');
  const label = useLabels();
  const row = (list: SlotView[], half: 'am' | 'pm') => list.length > 0 && (
    <div className="appt-grid-row">
      <Typography.Text type="secondary" className="appt-grid-half">{t(half)}</Typography.Text>
      <div className="appt-grid-times">
        {list.map((s) => {
          const open = s.status === 'free' && Date.parse(s.start) > now;
          return (
            <Button
              key={s.id}
              size="small"
              type={open ? 'default' : 'text'}
              disabled={!open}
              className={`appt-slot appt-slot-${open ? 'free' : s.status}`}
              data-testid={`slot-${s.id}`}
              data-status={open ? 'free' : s.status}
              title={open ? t('book.free') : s.status === 'busy-unavailable' ? t('book.stopped') : t('book.taken')}
              onClick={() => onPick(s)}
            >
              {timeOf(s.start)}
            </Button>
          );
        })}
      </div>
    </div>
  );
  return (
    <div className="appt-grid" data-testid="slot-grid">
      {groups(slots).map((g) => {
        const free = [...g.am, ...g.pm].filter((s) => s.status === 'free' && Date.parse(s.start) > now).length;
        const stopped = [...g.am, ...g.pm].every((s) => s.status === 'busy-unavailable');
        return (
          <Card key={g.key} size="small" data-testid="slot-doctor" title={
            <Space wrap size={6}>
              <Typography.Text strong>{label.doctor(g.first.doctor)}</Typography.Text>
              {g.first.room && <Typography.Text type="secondary">{label.room(g.first.room)}</Typography.Text>}
            </Space>
          } extra={stopped ? <Tag color="red">{t('book.stopped')}</Tag> : <Tag color={free ? 'green' : 'default'}>{t('book.freeCount', { n: free })}</Tag>}>
            {row(g.am, 'am')}
            {row(g.pm, 'pm')}
          </Card>
        );
      })}
    </div>
  );
}
