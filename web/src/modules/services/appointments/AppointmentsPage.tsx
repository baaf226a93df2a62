// /appointments: the staff page of 分时段预约 — book for a patient, the appointment list, sessions (generate, 停诊).
// Admins (no patient access) see the sessions only.
import { useState } from 'react';
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { BookPanel } from './BookPanel';
import { ListPanel } from './ListPanel';
import { RosterPanel } from './RosterPanel';
import './appointments.css';

export function AppointmentsPage() {
  const { t } = useTranslation('appointments');
  const { hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const [changed, setChanged] = useState(0);
  const bump = () => setChanged((n) => n + 1);
  const clinical = hasRole('doctor', 'nurse');
  const items = [
    ...(clinical ? [
      { key: 'book', label: t('tabs.book'), children: <BookPanel onBooked={bump} /> },
      { key: 'list', label: t('tabs.list'), children: <ListPanel refreshKey={changed} /> },
    ] : []),
    { key: 'roster', label: t('tabs.roster'), children: <RosterPanel onChanged={bump} /> },
  ];
  const tab = items.some((i) => i.key === params.get('tab')) ? (params.get('tab') as string) : items[0]?.key;
  return (
    <div data-testid="appointments-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('title')}</Typography.Title>
      <Tabs data-testid="appointment-tabs" activeKey={tab} onChange={(k) => setParams({ tab: k })} items={items} />
    </div>
  );
}
