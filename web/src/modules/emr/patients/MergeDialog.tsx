// Merge a duplicate record into the one to keep: pick the target by searching, give the reason, confirm. The server
// records it (Provenance) and answers problems per field, shown next to the field.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Descriptions, Form, Input, Modal, Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { mergePatients, searchPatients, type PatientSummary } from './api';
import { useDisplay } from './display';

interface Values {
  target?: string;
  reason?: string;
}

export function MergeDialog({ source, onClose, onMerged }: { source: PatientSummary | null; onClose(): void; onMerged(): void }) {
  const { t, i18n } = useTranslation('patients');
  const { message } = App.useApp();
  const show = useDisplay();
  const [form] = Form.useForm<Values>();
  const [options, setOptions] = useState<PatientSummary[]>([]);
  const [searching, setSearching] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!source) return;
    form.resetFields();
    setOptions([]);
    setFormError(null);
  }, [source, form]);

  const find = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return setOptions([]);
    timer.current = setTimeout(() => {
      setSearching(true);
      searchPatients(q, { count: 10 })
        .then((r) => setOptions(r.items.filter((p) => p.id !== source?.id && p.active)))
        .catch(() => setOptions([]))
        .finally(() => setSearching(false));
    }, 250);
  };

  const label = (p: PatientSummary) => [p.name, show.sex(p.sex), p.birthDate, p.mrn && `${t('columns.mrn')} ${p.mrn}`].filter(Boolean).join(' · ');

  const submit = async () => {
    if (!source) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    setFormError(null);
    try {
      await mergePatients({ source: source.id, target: v.target!, reason: v.reason ?? '' }, i18n.language);
      const target = options.find((p) => p.id === v.target);
      void message.success(t('merge.done', { name: target?.name ?? v.target }));
      onMerged();
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = e.fieldErrors().filter((f) => f.name === 'target' || f.name === 'reason');
        form.setFields(fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
        const rest = e.issues.filter((i) => !(i.expression ?? []).some((x) => x === 'target' || x === 'reason'));
        if (rest.length || !fields.length) setFormError(rest.map((i) => i.details?.text ?? i.diagnostics).filter(Boolean).join('; ') || e.message);
      } else setFormError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!source} title={t('merge.title')} onCancel={onClose} onOk={submit} okText={t('merge.submit')} okButtonProps={{ danger: true, loading: busy, 'data-testid': 'merge-submit' }}
      cancelText={t('translation:common.cancel')} destroyOnHidden width={640}
    >
      <Alert type="warning" showIcon title={t('merge.intro')} style={{ marginBottom: 16 }} />
      {source && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} items={[{ key: 's', label: t('merge.source'), children: label(source) }]} />
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="merge-error" />}
      <Form form={form} layout="vertical" name="merge" requiredMark>
        <Form.Item name="target" label={t('merge.target')} rules={[{ required: true, message: t('merge.noTarget') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: find }} placeholder={t('merge.targetPlaceholder')} data-testid="merge-target"
            notFoundContent={searching ? <Spin size="small" /> : null}
            options={options.map((p) => ({ value: p.id, label: label(p) }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('merge.reason')} rules={[{ required: true, whitespace: true, message: t('errors.required') }, { max: 500, message: t('errors.reason-too-long') }]}>
          <Input.TextArea rows={3} placeholder={t('merge.reasonPlaceholder')} maxLength={500} showCount data-testid="merge-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
