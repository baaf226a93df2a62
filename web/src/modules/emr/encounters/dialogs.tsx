// Admission, transfer and discharge dialogs, and the button that starts an outpatient visit.
import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Typography } from 'antd';
import { LoginOutlined, LogoutOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import { ApiError } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';
import { useLang } from '../chart/display';
import { encountersApi, type CodeItem } from './api';
import { BedPicker } from './BedPicker';
import { locationOf, placeName } from './util';

const FIELDS = ['patient', 'bed', 'ward', 'reason', 'icd', 'admitSource', 'disposition'];

/** Put the server's messages next to the fields they name; the rest as a message. */
function showError(form: FormInstance, e: unknown, notify: (text: string) => void): void {
  if (e instanceof ApiError) {
    const fields = e.fieldErrors((x) => {
      const name = x.replace(/^body\//, '').split(/[./[]/)[0];
      return FIELDS.includes(name) ? name : undefined;
    });
    if (fields.length) {
      form.setFields(fields.map((f) => ({ name: f.name as string, errors: f.errors })));
      return;
    }
  }
  notify(e instanceof Error ? e.message : String(e));
}

function useCodes() {
  const [codes, setCodes] = useState<{ admitSources: CodeItem[]; dischargeDispositions: CodeItem[] }>();
  useEffect(() => {
    const ctl = new AbortController();
    encountersApi.codes(ctl.signal).then(setCodes, () => setCodes({ admitSources: [], dischargeDispositions: [] }));
    return () => ctl.abort();
  }, []);
  return codes;
}

const codeLabel = (c: CodeItem, lang: string) => (lang === 'en' ? c.display : c.zh ?? c.display);

export function StartVisitButton({ patientId, onDone, block }: { patientId: string; onDone?: (e: Resource) => void; block?: boolean }) {
  const { t } = useTranslation('encounters');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Popconfirm
      title={t('actions.startVisitConfirm')}
      okButtonProps={{ 'data-testid': 'start-visit-confirm' }}
      onConfirm={async () => {
        setBusy(true);
        try {
          const e = await encountersApi.startVisit({ patient: patientId });
          message.success(t('actions.visitStarted'));
          onDone?.(e);
        } catch (e) {
          message.error((e as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button icon={<UserAddOutlined />} loading={busy} block={block} data-testid="start-visit">{t('actions.startVisit')}</Button>
    </Popconfirm>
  );
}

export function AdmitButton({ patientId, onDone }: { patientId: string; onDone?: (e: Resource) => void }) {
  const { t } = useTranslation('encounters');
  const { message } = App.useApp();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const codes = useCodes();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setBusy(true);
    try {
      const reason = v.reason || v.icd ? { ...(v.icd ? { code: String(v.icd).trim().toUpperCase() } : {}), ...(v.reason ? { text: String(v.reason).trim() } : {}) } : undefined;
      const e = await encountersApi.admit({ patient: patientId, bed: v.bed, admitSource: v.admitSource, ...(reason ? { reason } : {}) });
      message.success(t('actions.admitted', { bed: placeName(locationOf(e, 'bd')) ?? '' }));
      setOpen(false);
      form.resetFields();
      onDone?.(e);
    } catch (e) {
      showError(form, e, (m) => message.error(m));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<LoginOutlined />} onClick={() => setOpen(true)} data-testid="admit">{t('actions.admit')}</Button>
      <Modal open={open} title={t('admit.title')} onCancel={() => setOpen(false)} onOk={submit} okText={t('admit.submit')} confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'admit-submit' }} destroyOnHidden>
        <Form form={form} name="admit" layout="vertical" initialValues={{ admitSource: 'outp' }}>
          <BedPicker form={form} />
          <Form.Item name="reason" label={t('admit.reason')}>
            <Input placeholder={t('admit.reasonPlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item name="icd" label={t('admit.icd')} rules={[{ pattern: /^\s*[A-Za-z][0-9]{2}(\.[0-9A-Za-z]{1,4})?\s*$/, message: t('admit.icdFormat') }]}>
            <Input placeholder={t('admit.icdPlaceholder')} maxLength={10} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="admitSource" label={t('admit.source')}>
            <Select loading={!codes} options={(codes?.admitSources ?? []).map((c) => ({ value: c.code, label: codeLabel(c, lang) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function TransferButton({ encounter, onDone, size }: { encounter: Resource; onDone?: (e: Resource) => void; size?: 'small' | 'middle' }) {
  const { t } = useTranslation('encounters');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const current = locationOf(encounter, 'bd');
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setBusy(true);
    try {
      const e = await encountersApi.transfer(encounter.id as string, v.bed);
      message.success(t('actions.transferred', { bed: placeName(locationOf(e, 'bd')) ?? '' }));
      setOpen(false);
      onDone?.(e);
    } catch (e) {
      showError(form, e, (m) => message.error(m));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size={size} icon={<SwapOutlined />} onClick={() => setOpen(true)} data-testid="transfer">{t('actions.transfer')}</Button>
      <Modal open={open} title={t('transfer.title')} onCancel={() => setOpen(false)} onOk={submit} okText={t('transfer.submit')} confirmLoading={busy} destroyOnHidden>
        {current && <Typography.Paragraph>{t('transfer.current')}: <b>{placeName(current)}</b></Typography.Paragraph>}
        <Form form={form} name="transfer" layout="vertical">
          <BedPicker form={form} />
        </Form>
      </Modal>
    </>
  );
}

export function DischargeButton({ encounter, onDone, size }: { encounter: Resource; onDone?: (e: Resource) => void; size?: 'small' | 'middle' }) {
  const { t } = useTranslation('encounters');
  const { message } = App.useApp();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const codes = useCodes();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setBusy(true);
    try {
      const e = await encountersApi.discharge(encounter.id as string, v.disposition);
      message.success(t('actions.discharged'));
      setOpen(false);
      onDone?.(e);
    } catch (e) {
      showError(form, e, (m) => message.error(m));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size={size} danger icon={<LogoutOutlined />} onClick={() => setOpen(true)} data-testid="discharge">{t('actions.discharge')}</Button>
      <Modal open={open} title={t('discharge.title')} onCancel={() => setOpen(false)} onOk={submit} okText={t('discharge.submit')} confirmLoading={busy}
        okButtonProps={{ danger: true }} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('discharge.confirm')}</Typography.Paragraph>
        <Form form={form} name="discharge" layout="vertical" initialValues={{ disposition: 'home' }}>
          <Form.Item name="disposition" label={t('discharge.disposition')} rules={[{ required: true, message: t('discharge.dispositionRequired') }]}>
            <Select loading={!codes} options={(codes?.dischargeDispositions ?? []).map((c) => ({ value: c.code, label: codeLabel(c, lang) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
