// Registering a SMART on FHIR app (OAuth client): name, kind, allowed scopes, redirect URIs or public keys.
import { useState } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import type { OAuthClient } from './types';

type Kind = 'public' | 'secret' | 'jwks';
interface Values {
  name: string;
  kind: Kind;
  scopes: string[];
  redirectUris?: string[];
  jwks?: string;
}

const COMMON_SCOPES = [
  'openid', 'fhirUser', 'launch', 'launch/patient', 'offline_access', 'online_access',
  'patient/*.rs', 'patient/Patient.rs', 'patient/Observation.rs', 'user/*.rs', 'user/*.cruds', 'system/*.rs', 'system/*.cruds',
];

export function ClientForm({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(c: OAuthClient & { client_secret?: string }): void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);

  const submit = async (v: Values) => {
    let jwks: unknown;
    if (v.kind === 'jwks') {
      try {
        jwks = JSON.parse(v.jwks ?? '');
      } catch {
        form.setFields([{ name: 'jwks', errors: [t('clients.jwksJson')] }]);
        return;
      }
    }
    setBusy(true);
    try {
      const c = await api.post<OAuthClient & { client_secret?: string }>('/oauth/clients', {
        client_name: v.name.trim(),
        scope: v.scopes.join(' '),
        token_endpoint_auth_method: v.kind === 'public' ? 'none' : v.kind === 'secret' ? 'client_secret_basic' : 'private_key_jwt',
        ...(v.redirectUris?.length ? { redirect_uris: v.redirectUris } : {}),
        ...(jwks !== undefined ? { jwks } : {}),
      });
      form.resetFields();
      onCreated(c);
    } catch (e) {
      // the registry names the problem in its message (scopes, redirect URIs, keys): show it where it belongs
      const msg = (e as Error).message;
      const field = /scope/i.test(msg) ? 'scopes' : /redirect/i.test(msg) ? 'redirectUris' : /jwk|key/i.test(msg) ? 'jwks' : 'name';
      form.setFields([{ name: field, errors: [msg] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('clients.add')} okText={t('clients.register')} cancelText={t('translation:common.cancel')} confirmLoading={busy}
      onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" name="client" onFinish={submit} initialValues={{ kind: 'public', scopes: ['openid', 'fhirUser', 'launch/patient', 'patient/*.rs'] }} preserve={false}>
        <Form.Item name="name" label={t('clients.name')} rules={[{ required: true, whitespace: true, message: t('clients.nameRequired') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('clients.kind')} extra={kind ? t(`clients.kindHint.${kind}`) : undefined}>
          <Radio.Group optionType="button" options={(['public', 'secret', 'jwks'] as const).map((k) => ({ value: k, label: t(`clients.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="scopes" label={t('clients.scopes')} extra={t('clients.scopesHint')} rules={[{ required: true, message: t('clients.scopesRequired') }]}>
          <Select mode="tags" options={COMMON_SCOPES.map((s) => ({ value: s, label: s }))} tokenSeparators={[' ', ',']} />
        </Form.Item>
        <Form.Item name="redirectUris" label={t('clients.redirectUris')} extra={t('clients.redirectHint')}
          rules={[{ required: kind !== 'jwks', message: t('clients.redirectRequired') }]}>
          <Select mode="tags" open={false} tokenSeparators={[' ', ',']} placeholder="https://app.example.org/callback" suffixIcon={null} />
        </Form.Item>
        {kind === 'jwks' && (
          <Form.Item name="jwks" label={t('clients.jwks')} extra={t('clients.jwksHint')} rules={[{ required: true, message: t('clients.jwksRequired') }]}>
            <Input.TextArea rows={5} placeholder='{"keys":[{"kty":"EC","crv":"P-384","x":"…","y":"…","alg":"ES384","kid":"…"}]}' style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
