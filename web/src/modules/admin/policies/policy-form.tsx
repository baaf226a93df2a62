// Editing one role's access policy. The server validates it; each problem it reports is shown next to the
// field it concerns.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Popconfirm, Radio, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../app/api';
import { PATIENT_SCOPES, type AccessPolicy } from './types';

type Values = Omit<AccessPolicy, 'role' | 'updated' | 'updatedBy'>;
const LIST_FIELDS = ['read', 'write', 'delete', 'shared'] as const;

/** "read: unknown resource type "X"" → read; problems without a field stay with the form. */
function fieldOf(detail: string): keyof Values | undefined {
  const m = /^(read|write|delete|shared|patients|breakGlass|description)\b/.exec(detail);
  return m ? (m[1] as keyof Values) : undefined;
}

/** The server's problem texts in the user's language where the pattern is known. */
function problemText(detail: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const unknown = /unknown resource type "([^"]+)"/.exec(detail);
  if (unknown) return t('policies.problem.unknownType', { type: unknown[1] });
  if (/must be a list of resource types/.test(detail)) return t('policies.problem.list');
  if (/^patients must be one of/.test(detail)) return t('policies.problem.patients');
  return detail;
}

export function PolicyForm({ policy, types, onSaved }: { policy: AccessPolicy; types: string[]; onSaved(p: AccessPolicy): void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ ...policy, shared: policy.shared ?? [], breakGlass: !!policy.breakGlass });
    setProblems([]);
  }, [policy, form]);

  const typeOptions = [{ value: '*', label: t('policies.allTypes') }, ...types.map((x) => ({ value: x, label: x }))];

  const save = async (v: Values) => {
    setBusy(true);
    setProblems([]);
    try {
      const body: Record<string, unknown> = {
        role: policy.role, description: v.description ?? '', read: v.read ?? [], write: v.write ?? [], delete: v.delete ?? [], patients: v.patients, breakGlass: !!v.breakGlass,
        ...(v.shared?.length ? { shared: v.shared } : {}),
      };
      const saved = await api.put<AccessPolicy>(`/admin/policies/${encodeURIComponent(policy.role)}`, body);
      void message.success(t('policies.saved', { role: t(`translation:roles.${policy.role}`) }));
      onSaved(saved);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const byField = new Map<keyof Values, string[]>();
      const rest: string[] = [];
      for (const d of e.details) {
        const f = fieldOf(d);
        if (f) byField.set(f, [...(byField.get(f) ?? []), problemText(d, t)]);
        else rest.push(d);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      setProblems(rest.length || !byField.size ? [e.message, ...rest] : []);
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    try {
      onSaved(await api.del<AccessPolicy>(`/admin/policies/${encodeURIComponent(policy.role)}`));
      void message.success(t('policies.resetDone'));
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Form form={form} layout="vertical" name="policy" onFinish={save} data-testid="policy-form">
      {problems.length > 0 && <Alert type="error" showIcon title={problems[0]} description={problems.slice(1).join('; ') || undefined} style={{ marginBottom: 16 }} />}
      <Form.Item name="description" label={t('policies.description')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Form.Item name="patients" label={t('policies.patients')} extra={t('policies.patientsHint')}>
        <Radio.Group optionType="button" options={PATIENT_SCOPES.map((s) => ({ value: s, label: t(`policies.scope.${s}`) }))} />
      </Form.Item>
      {LIST_FIELDS.map((f) => (
        <Form.Item key={f} name={f} label={t(`policies.${f}`)} extra={t(`policies.${f}Hint`)}>
          <Select mode="tags" options={typeOptions} tokenSeparators={[' ', ',']} maxTagCount="responsive" placeholder={f === 'shared' ? t('policies.sharedDefault') : undefined} />
        </Form.Item>
      ))}
      <Form.Item name="breakGlass" label={t('policies.breakGlass')} valuePropName="checked" extra={t('policies.breakGlassHint')}>
        <Switch />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy}>{t('translation:common.save')}</Button>
        <Popconfirm title={t('policies.resetConfirm')} okText={t('translation:common.confirm')} cancelText={t('translation:common.cancel')} onConfirm={reset}>
          <Button>{t('policies.reset')}</Button>
        </Popconfirm>
        {policy.updatedBy && (
          <Typography.Text type="secondary">{t('policies.updated', { who: policy.updatedBy, time: policy.updated ? new Date(policy.updated).toLocaleString() : '' })}</Typography.Text>
        )}
      </Space>
    </Form>
  );
}
