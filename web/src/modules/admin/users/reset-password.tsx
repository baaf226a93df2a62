// Reset a user's password (generated or chosen), optionally removing their authenticator (a lost phone).
import { useState } from 'react';
import { Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../app/api';
import type { AdminUser } from './types';

interface Values {
  mode: 'generate' | 'set';
  password?: string;
  resetTotp?: boolean;
}

export function ResetPassword({ user, onClose, onDone }: { user: AdminUser | null; onClose(): void; onDone(user: AdminUser, password?: string): void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const mode = Form.useWatch('mode', form);

  const submit = async (v: Values) => {
    if (!user) return;
    setBusy(true);
    try {
      const r = await api.post<{ user: AdminUser; password?: string }>(`/admin/users/${encodeURIComponent(user.id)}/reset-password`, {
        ...(v.mode === 'set' ? { password: v.password } : {}), resetTotp: !!v.resetTotp,
      });
      onDone(r.user, r.password);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      form.setFields([{ name: v.mode === 'set' ? 'password' : 'mode', errors: [msg] }]);
      if (!(e instanceof ApiError)) throw e;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!user} title={t('users.resetTitle', { username: user?.username ?? '' })} okText={t('users.reset')} cancelText={t('translation:common.cancel')}
      confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" name="reset" onFinish={submit} initialValues={{ mode: 'generate', resetTotp: false }} preserve={false}>
        <Form.Item name="mode" label={t('users.password')}>
          <Radio.Group options={[{ value: 'generate', label: t('users.passwordGenerate') }, { value: 'set', label: t('users.passwordSet') }]} />
        </Form.Item>
        {mode === 'set' && (
          <Form.Item name="password" extra={t('users.passwordRules')} rules={[{ required: true, message: t('users.passwordRequired') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {user?.totpEnrolled && (
          <Form.Item name="resetTotp" valuePropName="checked" extra={t('users.resetTotpHint')}>
            <Checkbox>{t('users.resetTotp')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
