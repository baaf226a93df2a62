// What can be done with one encounter now: the next statuses of a visit; leave, transfer and discharge of a stay.
import { useState } from 'react';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../app/fhir-types';
import { useAuth } from '../../../app/auth';
import { TRANSITIONS } from '../../../../../src/modules/emr/encounters/codes';
import { encountersApi, type EncounterStatus } from './api';
import { DischargeButton, TransferButton } from './dialogs';
import { classOf, statusOf } from './util';

/** The server's own table of outpatient status moves (triage is the emergency department's, not offered here). */
const NEXT: Partial<Record<string, readonly EncounterStatus[]>> = Object.fromEntries(
  Object.entries(TRANSITIONS.outpatient).map(([from, to]) => [from, (to ?? []).filter((s) => s !== 'triaged')]),
);

export function EncounterActions({ encounter, onChanged, size = 'small' }: { encounter: Resource; onChanged?: (e: Resource) => void; size?: 'small' | 'middle' }) {
  const { t } = useTranslation('encounters');
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const [busy, setBusy] = useState<string>();
  const status = statusOf(encounter);
  // consultations, admissions, transfers and discharges are the doctor's; a nurse records leave and return
  const doctor = hasRole('doctor');
  const move = async (to: EncounterStatus) => {
    setBusy(to);
    try {
      const e = await encountersApi.changeStatus(encounter.id as string, to);
      message.success(t('actions.statusChanged'));
      onChanged?.(e);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  if (classOf(encounter) === 'IMP') {
    if (status !== 'in-progress' && status !== 'onleave') return null;
    return (
      <Space wrap size={4}>
        <Button size={size} loading={busy === 'onleave' || busy === 'in-progress'} onClick={() => move(status === 'onleave' ? 'in-progress' : 'onleave')}>
          {t(status === 'onleave' ? 'actions.to-in-progress-imp' : 'actions.to-onleave')}
        </Button>
        {doctor && <TransferButton size={size} encounter={encounter} onDone={onChanged} />}
        {doctor && <DischargeButton size={size} encounter={encounter} onDone={onChanged} />}
      </Space>
    );
  }
  const next = doctor ? NEXT[status] ?? [] : [];
  if (!next.length) return null;
  return (
    <Space wrap size={4}>
      {next.map((to) => {
        const button = (
          <Button
            key={to}
            size={size}
            type={to === 'in-progress' || (to === 'finished' && status === 'in-progress') ? 'primary' : 'default'}
            danger={to === 'cancelled'}
            loading={busy === to}
            onClick={to === 'cancelled' || to === 'finished' ? undefined : () => move(to)}
            data-testid={`to-${to}`}
          >
            {t(`actions.to-${to}`)}
          </Button>
        );
        if (to !== 'cancelled' && to !== 'finished') return button;
        return (
          <Popconfirm key={to} title={t(to === 'cancelled' ? 'actions.cancelConfirm' : 'actions.finishConfirm')} onConfirm={() => move(to)}
            okButtonProps={{ 'data-testid': `to-${to}-confirm` }}>
            {button}
          </Popconfirm>
        );
      })}
    </Space>
  );
}
