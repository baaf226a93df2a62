// Adding an account: username, name, role, the FHIR resource it stands for, and a password (generated or chosen).
// Server errors land next to the field they name.
import { useState } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../app/api';
import { useLoad } from '../../../app/use-load';
import type { Role } from '../../../app/module';
import { ALL_ROLES, STAFF, type AdminUser } from './types';
import { loadStaffOptions } from './staff-options';

interface Values {
  username: string;
  displayName?: string;
  role: Role;
  fhirUser?: string;
  passwordMode: 'generate' | 'set';
  password?: string;
}

export function UserForm({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(user: AdminUser, password?: string): void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const mode = Form.useWatch('passwordMode', form);
  const staff = useLoad((signal) => (open ? loadStaffOptions(signal) : Promise.resolve([])), [open]);
  const isStaff = !role || STAFF.includes(role);

  const submit = async (v: Values) => {
    setBusy(true);
    setFormError(null);
    try {
      const r = await api.post<{ user: AdminUser; password?: string }>('/admin/users', {
        username: v.username.trim(), displayName: v.displayName?.trim() || undefined, roles: [v.role], fhirUser: v.fhirUser?.trim() || undefined,
        ...(v.passwordMode === 'set' ? { password: v.password } : {}),
      });
      form.resetFields();
      onCreated(r.user, r.password);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors().length) {
        form.setFields(e.fieldErrors((x) => (x === 'roles' ? 'role' : x)).map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
      } else setFormError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.add')}
      okText={t('users.create')}
      cancelText={t('translation:common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {formError && <div role="alert" className="ant-form-item-explain-error" style={{ marginBottom: 12 }}>{formError}</div>}
      <Form form={form} layout="vertical" name="user" onFinish={submit} initialValues={{ role: 'doctor', passwordMode: 'generate' }} preserve={false}>
        <Form.Item name="username" label={t('users.username')} extra={t('users.usernameHint')}
          rules={[{ required: true, whitespace: true, message: t('users.usernameRequired') }, { pattern: /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u, message: t('translation:errors.codes.invalid_username') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select options={ALL_ROLES.map((r) => ({ value: r, label: t(`translation:roles.${r}`) }))} onChange={() => form.setFieldValue('fhirUser', undefined)} />
        </Form.Item>
        <Form.Item
          name="fhirUser"
          label={t('users.fhirUser')}
          extra={isStaff ? t('users.fhirUserStaffHint') : role === 'patient' ? t('users.fhirUserPatientHint') : t('users.fhirUserDeviceHint')}
          rules={[
            { required: !!role && !['admin', 'manager', 'dispatcher'].includes(role), message: t('users.fhirUserRequired') },
            { pattern: /^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/, message: t('users.fhirUserFormat') },
          ]}
        >
          {isStaff ? (
            <Select showSearch allowClear loading={staff.loading} options={staff.data} placeholder={t('users.fhirUserPick')}
              optionFilterProp="label" notFoundContent={staff.error ? String((staff.error as Error).message) : undefined} />
          ) : (
            <Input placeholder={role === 'patient' ? 'Patient/pat-0001' : 'Device/monitor-1'} autoComplete="off" />
          )}
        </Form.Item>
        <Form.Item name="passwordMode" label={t('users.password')}>
          <Radio.Group options={[{ value: 'generate', label: t('users.passwordGenerate') }, { value: 'set', label: t('users.passwordSet') }]} />
        </Form.Item>
        {mode === 'set' && (
          <Form.Item name="password" extra={t('users.passwordRules')} rules={[{ required: true, message: t('users.passwordRequired') }, { min: isStaff ? 10 : 8, message: t('users.passwordRules') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
