// A waiting patient from the board: re-triage with new vital signs, override the level (reason required), or mark
// them seen by a doctor / left without being seen.
import { useEffect, useState } from 'react';
import { App, Alert, Button, Form, Input, Modal, Popconfirm, Segmented, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { triageApi, type BoardRow, type Catalogue, type Vitals } from './api';
import { LevelBadge, levelOf, ruleText, useEn, useLevelText } from './display';
import { MAIN_VITALS, MORE_VITALS, OxygenSwitch, VitalFields } from './fields';

export function PatientDialog({ row, catalogue, onClose }: { row: BoardRow | undefined; catalogue: Catalogue | undefined; onClose(): void }) {
  const { t } = useTranslation('triage');
  const { message } = App.useApp();
  const en = useEn();
  const levelText = useLevelText();
  const [vitals, setVitals] = useState<Vitals>({});
  const [level, setLevel] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  useEffect(() => {
    setVitals(row?.vitals ?? {});
    setLevel(undefined);
    setReason('');
    setReasonError(undefined);
  }, [row?.encounter]);

  if (!row) return null;
  const label = (l: number | undefined) => levelText(row.algorithm, levelOf(catalogue, row.algorithm, l)?.label);
  const levels = catalogue?.algorithms.find((a) => a.code === row.algorithm)?.levels ?? [];
  const run = async (what: string, fn: () => Promise<string>) => {
    setBusy(what);
    try {
      void message.success(await fn());
      onClose();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  const retriage = () => run('retriage', async () => {
    const r = await triageApi.retriage(row.encounter, { vitals }, en ? 'en' : 'zh');
    const now = levelText(r.level.algorithm, r.level.label);
    if (r.raised) return t('dialog.raised', { level: now });
    if (r.triage.level > r.level.level) return t('dialog.kept', { computed: levelText(r.triage.algorithm, r.triage.label), level: now });
    return t('dialog.retriaged', { level: now });
  });
  const override = () => {
    if (!reason.trim()) {
      setReasonError(t('form.overrideReasonRequired'));
      return;
    }
    if (level === undefined) return;
    void run('override', async () => {
      const r = await triageApi.override(row.encounter, { level, reason: reason.trim() });
      return t('dialog.overridden', { level: levelText(r.level.algorithm, r.level.label) });
    });
  };

  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      width={720}
      destroyOnHidden
      title={<Space><LevelBadge zone={row.zone} text={label(row.level)} />{row.patient.name ?? ''}</Space>}
      data-testid="patient-dialog"
    >
      {row.criteria.length > 0 && (
        <ul className="hy-triage-reasons">{row.criteria.map((c) => <li key={c}>{ruleText(catalogue, c, en)}</li>)}</ul>
      )}
      {row.override && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }}
          message={t('result.overridden', { computed: label(row.override.computed), assigned: label(row.override.assigned) })} description={row.override.reason} />
      )}
      <Tabs
        items={[
          {
            key: 'retriage', label: t('dialog.retriage'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('dialog.lastVitals')}</Typography.Paragraph>
                <VitalFields value={vitals} onChange={setVitals} fields={[...MAIN_VITALS, ...MORE_VITALS]} idPrefix="retriage" />
                <Space style={{ marginTop: 12, width: '100%', justifyContent: 'space-between' }}>
                  <OxygenSwitch value={vitals} onChange={setVitals} />
                  <Button type="primary" size="large" loading={busy === 'retriage'} onClick={() => void retriage()} data-testid="retriage-submit">{t('dialog.retriageSubmit')}</Button>
                </Space>
              </>
            ),
          },
          {
            key: 'override', label: t('dialog.override'),
            children: (
              <Form layout="vertical" component="div">
                <Form.Item label={t('form.overrideLevel')} required>
                  <Segmented size="large" value={level} onChange={(v) => setLevel(v as number)} options={levels.map((l) => ({ value: l.level, label: levelText(row.algorithm, l.label) }))} />
                </Form.Item>
                <Form.Item label={t('form.overrideReason')} required validateStatus={reasonError ? 'error' : undefined} help={reasonError}>
                  <Input.TextArea id="override-reason" value={reason} maxLength={500} autoSize={{ minRows: 2 }} placeholder={t('form.overridePlaceholder')}
                    onChange={(e) => { setReason(e.target.value); setReasonError(undefined); }} />
                </Form.Item>
                <Button type="primary" size="large" disabled={level === undefined} loading={busy === 'override'} onClick={override} data-testid="override-submit">{t('dialog.overrideSubmit')}</Button>
              </Form>
            ),
          },
          {
            key: 'status', label: t('dialog.status'),
            children: (
              <Space wrap>
                <Button type="primary" size="large" loading={busy === 'seen'} onClick={() => void run('seen', async () => { await triageApi.status(row.encounter, 'seen'); return t('dialog.seenDone'); })}>
                  {t('dialog.seen')}
                </Button>
                <Popconfirm title={t('dialog.leftConfirm')} onConfirm={() => run('left', async () => { await triageApi.status(row.encounter, 'left'); return t('dialog.leftDone'); })}>
                  <Button danger size="large" loading={busy === 'left'}>{t('dialog.left')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Modal>
  );
}
